import type { SqlEntityManager } from '@mikro-orm/knex';
import { appendAuditEvent } from '../audit/audit-chain.js';
import type { Viewer } from '../auth/auth.service.js';
import { checkLength, trimmedOrNull, ValidationError } from '../common/errors.js';
import { findVisibleProject } from '../project/project.service.js';
import { EquipmentItem } from './equipment-item.entity.js';

export interface NewEquipmentItem {
  projectId: string;
  name: string;
  model?: string | null;
  serialNumber?: string | null;
  assetTag?: string | null;
}

/** The equipment a project buys (what 设备验收 inspects), for projects the viewer may see. */
export class EquipmentItemService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly viewer: Viewer,
  ) {}

  /** A project's equipment, in the order it was registered. */
  async list(projectId: string): Promise<EquipmentItem[]> {
    const project = await findVisibleProject(this.em, this.viewer, projectId);
    return this.em.find(EquipmentItem, { project }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** Registers a piece of equipment of a visible project. Audited. */
  async create(input: NewEquipmentItem): Promise<EquipmentItem> {
    const project = await findVisibleProject(this.em, this.viewer, input.projectId);
    const name = input.name.trim();
    if (name === '') throw new ValidationError('input.name', '请填写设备名称');
    for (const field of ['name', 'model', 'serialNumber', 'assetTag'] as const) checkLength(`input.${field}`, input[field], 200);
    return this.em.transactional(async (tx) => {
      const created = tx.create(EquipmentItem, {
        project,
        name,
        model: trimmedOrNull(input.model),
        serialNumber: trimmedOrNull(input.serialNumber),
        assetTag: trimmedOrNull(input.assetTag),
      });
      await tx.flush();
      await appendAuditEvent(tx, {
        actor: this.viewer.user.username,
        action: 'create',
        entity: 'EquipmentItem',
        entityId: created.id,
        after: { projectId: project.id, name },
      });
      return created;
    });
  }
}
