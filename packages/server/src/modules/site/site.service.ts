import { checkSite, type SiteProblem } from '@jixiao/domain';
import type { EntityManager } from '@mikro-orm/core';
import { appendAuditEvent } from '../audit/audit-chain.js';
import type { Viewer } from '../auth/auth.service.js';
import { ConflictError, ForbiddenError, trimmedOrNull, ValidationError } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import { firstDifference, isUniqueViolation } from '../common/idempotency.js';
import { Organization } from '../organization/organization.entity.js';
import { Site, type SiteKind } from './site.entity.js';

export interface NewSite {
  /** Made by the device, so that a site created offline and sent twice is stored once. */
  id?: string | null;
  orgCode: string;
  name: string;
  kind: SiteKind;
  address?: string | null;
}

export interface SiteChanges {
  id: string;
  name?: string | null;
  kind?: SiteKind | null;
  /** An empty text clears the address. */
  address?: string | null;
}

/** The CONFLICT of a site id that a site the viewer cannot see already uses. */
export const REUSED_SITE_ID = 'id 已被使用，请为这个地点生成新的 id 后重新提交';

function refuse(problem: SiteProblem | undefined): void {
  // The same rules the phone checks before queuing a site (domain checkSite).
  if (problem) throw new ValidationError(`input.${problem.field}`, problem.message);
}

/** The sites (派出法庭, 科技法庭, offices) of the viewer's organizations, where repairs are inspected. */
export class SiteService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  /** Sites of the organization with this code and its units, or of every visible organization; by name, with their organization. */
  list(orgCode: string | null): Promise<Site[]> {
    const orgIds = orgCode ? this.viewer.scope.subtree(orgCode) : [...this.viewer.scope.ids];
    return this.em.find(Site, { organization: { $in: orgIds } }, { populate: ['organization'], orderBy: { name: 'asc' } });
  }

  /**
   * Creates a site in a visible organization. Safe to send again: the same id with the same content
   * returns the stored site, with different content it is a CONFLICT; a name the unit already has
   * returns that site, whose id the device then uses (two phones adding "大孟庄法庭" offline make one
   * site). Audited.
   */
  async create(input: NewSite): Promise<Site> {
    const visible = this.viewer.scope.byCode(input.orgCode);
    if (!visible) throw new ForbiddenError();
    refuse(checkSite(input)[0]);
    const id = input.id ?? null;
    if (id !== null && !isUuid(id)) throw new ValidationError('input.id', '地点 id 应为 UUID');
    const data = { orgCode: visible.code, name: input.name.trim(), kind: input.kind, address: trimmedOrNull(input.address) };

    const settled = await this.existing(id, visible.id, data);
    if (settled) return settled;
    const organization = await this.em.findOneOrFail(Organization, visible.id);
    try {
      return await this.em.transactional(async (tx) => {
        const created = tx.create(Site, { ...(id ? { id } : {}), organization, name: data.name, kind: data.kind, address: data.address });
        await tx.flush();
        await appendAuditEvent(tx, { actor: this.viewer.user.username, action: 'create', entity: 'Site', entityId: created.id, after: data });
        return created;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another request stored the same id, or the same name, first.
      const stored = await this.existing(id, visible.id, data);
      if (!stored) throw error;
      return stored;
    }
  }

  /** Changes a site's name, kind or address; the name stays unique within its unit. Audited. */
  async update(input: SiteChanges): Promise<Site> {
    const site = await this.findVisible(input.id);
    const after = {
      name: input.name != null ? input.name.trim() : site.name,
      kind: input.kind ?? site.kind,
      address: input.address != null ? trimmedOrNull(input.address) : site.address,
    };
    refuse(checkSite(after)[0]);
    const before = { name: site.name, kind: site.kind, address: site.address };
    if (firstDifference(before, after) === null) return site;
    const clash = async (em: EntityManager) => em.findOne(Site, { organization: site.organization, name: after.name, id: { $ne: site.id } });
    const taken = () => new ConflictError('input.name', `本单位已有名为“${after.name}”的地点`);
    if (await clash(this.em.fork())) throw taken();
    try {
      await this.em.transactional(async (tx) => {
        const managed = tx.merge(site);
        Object.assign(managed, after);
        await tx.flush();
        await appendAuditEvent(tx, { actor: this.viewer.user.username, action: 'update', entity: 'Site', entityId: site.id, before, after });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
    return site;
  }

  private async findVisible(id: string): Promise<Site> {
    const site = isUuid(id) ? await this.em.findOne(Site, { id }, { populate: ['organization'] }) : null;
    if (!site || !this.viewer.scope.has(site.organization.id)) throw new ForbiddenError();
    return site;
  }

  /** The stored site a create names: the same id (same content, or a CONFLICT), else the unit's site of that name. */
  private async existing(id: string | null, organizationId: string, data: { orgCode: string; name: string; kind: SiteKind; address: string | null }) {
    const em = this.em.fork();
    if (id !== null) {
      const stored = await em.findOne(Site, { id }, { populate: ['organization'] });
      if (stored) {
        // A site the viewer cannot see answers with one message, naming nothing of it.
        if (!this.viewer.scope.has(stored.organization.id)) throw new ConflictError('input.id', REUSED_SITE_ID);
        const differs = firstDifference({ orgCode: stored.organization.code, name: stored.name, kind: stored.kind, address: stored.address }, data);
        if (differs) throw new ConflictError(`input.${differs}`, `地点 id ${id} 已用于另一个地点，其 ${differs} 不同`);
        return stored;
      }
    }
    return em.findOne(Site, { organization: organizationId, name: data.name }, { populate: ['organization'] });
  }
}
