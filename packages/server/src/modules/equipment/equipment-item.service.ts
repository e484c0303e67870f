import type { SqlEntityManager } from '@mikro-orm/knex';
import { appendAuditEvent } from '../audit/audit-chain.js';
import type { Viewer } from '../auth/auth.service.js';
import { checkLength, ForbiddenError, trimmedOrNull, ValidationError } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import { firstDifference } from '../common/idempotency.js';
import { findVisibleProject } from '../project/project.service.js';
import { EquipmentItem } from './equipment-item.entity.js';

export interface NewEquipmentItem {
  projectId: string;
  name: string;
  model?: string | null;
  serialNumber?: string | null;
  assetTag?: string | null;
}

export interface EquipmentItemChanges {
  id: string;
  name?: string | null;
  model?: string | null;
  serialNumber?: string | null;
  assetTag?: string | null;
}

const TEXT_FIELDS = ['name', 'model', 'serialNumber', 'assetTag'] as const;

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
    for (const field of TEXT_FIELDS) checkLength(`input.${field}`, input[field], 200);
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

  /** Changes a piece of equipment of a visible project; a field not given stays, an empty one is cleared (the name cannot be). Audited. */
  async update(input: EquipmentItemChanges): Promise<EquipmentItem> {
    const item = isUuid(input.id) ? await this.em.findOne(EquipmentItem, { id: input.id }, { populate: ['project', 'project.organization'] }) : null;
    if (!item || !this.viewer.scope.has(item.project.organization.id)) throw new ForbiddenError();
    for (const field of TEXT_FIELDS) checkLength(`input.${field}`, input[field]?.trim(), 200);
    if (input.name != null && input.name.trim() === '') throw new ValidationError('input.name', '请填写设备名称');
    const before = { name: item.name, model: item.model, serialNumber: item.serialNumber, assetTag: item.assetTag };
    const after = {
      name: input.name != null ? input.name.trim() : item.name,
      model: input.model != null ? trimmedOrNull(input.model) : item.model,
      serialNumber: input.serialNumber != null ? trimmedOrNull(input.serialNumber) : item.serialNumber,
      assetTag: input.assetTag != null ? trimmedOrNull(input.assetTag) : item.assetTag,
    };
    if (firstDifference(before, after) === null) return item;
    await this.em.transactional(async (tx) => {
      Object.assign(tx.merge(item), after);
      await tx.flush();
      await appendAuditEvent(tx, { actor: this.viewer.user.username, action: 'update', entity: 'EquipmentItem', entityId: item.id, before, after });
    });
    return item;
  }
}
