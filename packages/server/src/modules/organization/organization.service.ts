import type { EntityManager } from '@mikro-orm/core';
import type { RollUp } from '@jixiao/domain';
import { appendAuditEvent } from '../audit/audit-chain.js';
import type { Viewer } from '../auth/auth.service.js';
import { checkFiscalYear, ForbiddenError, ValidationError } from '../common/errors.js';
import { rollUpOrganizations } from '../read-model/scorecards.js';
import { Organization } from './organization.entity.js';

export interface NewOrganization {
  code: string;
  name: string;
  /** The organization above it; null for a top organization. */
  parentCode: string | null;
}

/** An organization as the API lists it. */
export interface OrganizationView {
  id: string;
  code: string;
  name: string;
  parentCode: string | null;
}

/** An organization's projects of a year (its units' too), rolled up by the domain. */
export type OrganizationSummary = Omit<RollUp, 'missing'> & { orgCode: string; orgName: string; year: number };

function checkOrganizationFields(input: NewOrganization): void {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(input.code)) throw new ValidationError('code', '单位编码应为 1–32 个字母、数字、_ 或 -，如 218101');
  const name = input.name.trim();
  if (name === '') throw new ValidationError('name', '单位名称不能为空');
  if (name.length > 200) throw new ValidationError('name', `单位名称最长 200 个字符，实际为 ${name.length}`);
}

/**
 * Creates an organization under an existing parent, or a top organization (parentCode null).
 * Who may hang it where is the caller's decision (CLI: a parent once there is an organization;
 * API: a parent in the admin's subtree). Field names in ValidationError are the plain input names
 * (`code`, `name`, `parentCode`): the CLI turns them into its options, the API into `input.…`.
 */
export async function createOrganization(em: EntityManager, input: NewOrganization, actor: string | null): Promise<Organization> {
  checkOrganizationFields(input);
  const parent = input.parentCode === null ? null : await em.findOne(Organization, { code: input.parentCode });
  if (input.parentCode !== null && !parent) throw new ValidationError('parentCode', `上级单位编码“${input.parentCode}”不存在`);
  if (await em.findOne(Organization, { code: input.code })) throw new ValidationError('code', `单位编码“${input.code}”已存在`);
  return em.transactional(async (tx) => {
    const organization = tx.create(Organization, { code: input.code, name: input.name.trim(), parent });
    await tx.flush();
    await appendAuditEvent(tx, {
      actor,
      action: 'create',
      entity: 'Organization',
      entityId: organization.id,
      after: { code: organization.code, name: organization.name, parentCode: parent?.code ?? null },
    });
    return organization;
  });
}

/** The viewer's organizations: listing, creating units under them, and their yearly summary. */
export class OrganizationService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  /** The viewer's organization and its descendants, by code. */
  async list(): Promise<OrganizationView[]> {
    const orgs = await this.em.find(Organization, { id: { $in: [...this.viewer.scope.ids] } }, { orderBy: { code: 'asc' }, populate: ['parent'] });
    return orgs.map((org) => ({ id: org.id, code: org.code, name: org.name, parentCode: org.parent?.code ?? null }));
  }

  /** A new unit under one of the viewer's organizations; field names as in createOrganization. */
  async create(input: NewOrganization & { parentCode: string }): Promise<OrganizationView> {
    if (!this.viewer.scope.byCode(input.parentCode)) throw new ForbiddenError();
    const org = await createOrganization(this.em, input, this.viewer.user.username);
    return { id: org.id, code: org.code, name: org.name, parentCode: input.parentCode };
  }

  /** Budget, spending and scores of the organization's (and its units') projects of a year. */
  async summary(orgCode: string, year: number): Promise<OrganizationSummary> {
    const org = this.viewer.scope.byCode(orgCode);
    if (!org) throw new ForbiddenError();
    checkFiscalYear('year', year);
    // From the stored per-organization sums: a province of thousands of projects is a few hundred rows.
    const { projectCount, budget, spent, executionRate, averageScore, grades, incompleteProjects } = await rollUpOrganizations(
      this.em,
      this.viewer.scope.subtree(orgCode),
      year,
    );
    return { orgCode: org.code, orgName: org.name, year, projectCount, budget, spent, executionRate, averageScore, grades, incompleteProjects };
  }
}
