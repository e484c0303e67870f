import type { EntityManager } from '@mikro-orm/core';
import { appendAuditEvent } from '../audit/audit-chain.js';
import type { Viewer } from '../auth/auth.service.js';
import { checkLength, ForbiddenError, trimmedOrNull, ValidationError } from '../common/errors.js';
import { Organization } from '../organization/organization.entity.js';
import { Site, type SiteKind } from './site.entity.js';

export interface NewSite {
  orgCode: string;
  name: string;
  kind: SiteKind;
  address?: string | null;
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

  /** Creates a site in a visible organization; its name is unique there. Audited. */
  async create(input: NewSite): Promise<Site> {
    const visible = this.viewer.scope.byCode(input.orgCode);
    if (!visible) throw new ForbiddenError();
    const organization = await this.em.findOneOrFail(Organization, visible.id);
    const name = input.name.trim();
    if (name === '') throw new ValidationError('input.name', '请填写地点名称');
    checkLength('input.name', name, 100);
    checkLength('input.address', input.address, 500);
    if (await this.em.findOne(Site, { organization, name })) throw new ValidationError('input.name', `地点“${name}”已存在`);
    return this.em.transactional(async (tx) => {
      const created = tx.create(Site, { organization, name, kind: input.kind, address: trimmedOrNull(input.address) });
      await tx.flush();
      await appendAuditEvent(tx, {
        actor: this.viewer.user.username,
        action: 'create',
        entity: 'Site',
        entityId: created.id,
        after: { orgCode: input.orgCode, name, kind: input.kind },
      });
      return created;
    });
  }
}
