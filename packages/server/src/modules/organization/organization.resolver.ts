import { round2 } from '@jixiao/domain';
import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { ForbiddenError, ValidationError, withFieldPrefix } from '../common/errors.js';
import { UserRole } from '../user/user.entity.js';
import { createOrganization } from '../user/user.service.js';
import { CreateOrganizationInput } from './organization.input.js';
import { loadProjectData, type ProjectData } from '../read-model/project-data.js';
import { Organization } from './organization.entity.js';
import { OrganizationSummaryType, OrganizationType } from './organization.types.js';

const SUMMARY_CHUNK = 200;

const GRADE_KEYS = { 优: 'excellent', 良: 'good', 中: 'fair', 差: 'poor' } as const;

@Resolver()
export class OrganizationResolver {
  @Authorized()
  @Query(() => [OrganizationType], { description: '本人可见的单位（所属单位及其下级单位）' })
  async organizations(@Ctx() context: Context): Promise<OrganizationType[]> {
    const viewer = requireViewer(context);
    const orgs = await context.em.find(Organization, { id: { $in: [...viewer.scope.ids] } }, { orderBy: { code: 'asc' }, populate: ['parent'] });
    return orgs.map((org) => ({ id: org.id, code: org.code, name: org.name, parentCode: org.parent?.code ?? null }));
  }

  @Authorized([UserRole.ADMIN])
  @Mutation(() => OrganizationType, { description: '新建下级单位（仅 ADMIN）：上级单位须为本人所属单位或其下级单位' })
  async createOrganization(
    @Ctx() context: Context,
    @Arg('input', () => CreateOrganizationInput, { description: '新单位' }) input: CreateOrganizationInput,
  ): Promise<OrganizationType> {
    const viewer = requireViewer(context);
    if (!viewer.scope.byCode(input.parentCode)) throw new ForbiddenError();
    const org = await withFieldPrefix('input.', () => createOrganization(context.em, input, viewer.user.username));
    return { id: org.id, code: org.code, name: org.name, parentCode: input.parentCode };
  }

  @Authorized()
  @Query(() => OrganizationSummaryType, {
    description: '单位（含下级单位）某年度的预算、执行与得分汇总',
    // 4 ms each: every project of the subtree and year, with its indicators (docs/api.md "Limits").
    complexity: ({ childComplexity }) => 100 + childComplexity,
  })
  async organizationSummary(
    @Ctx() context: Context,
    @Arg('orgCode', () => String, { description: '单位编码：汇总该单位及其下级单位' }) orgCode: string,
    @Arg('year', () => Int, { description: '预算年度' }) year: number,
  ): Promise<OrganizationSummaryType> {
    const viewer = requireViewer(context);
    const org = viewer.scope.byCode(orgCode);
    if (!org) throw new ForbiddenError();
    if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new ValidationError('year', `year 应为四位年份，实际为 ${year}`);
    const orgIds = viewer.scope.subtree(orgCode);
    const rows = await context.em
      .getConnection()
      .execute<Array<{ id: string }>>(`select id from project where year = ? and organization_id in (${orgIds.map(() => '?').join(',')})`, [year, ...orgIds]);
    // A province has thousands of projects: score them in chunks and let other requests run between.
    const evaluations: ProjectData[] = [];
    for (let at = 0; at < rows.length; at += SUMMARY_CHUNK) {
      if (at > 0) await new Promise((resolve) => setImmediate(resolve));
      evaluations.push(...(await loadProjectData(context.em, rows.slice(at, at + SUMMARY_CHUNK).map((row) => String(row.id)))));
    }
    const budget = evaluations.reduce((sum, evaluation) => sum + evaluation.budget, 0);
    const spent = evaluations.reduce((sum, evaluation) => sum + evaluation.spent, 0);
    const grades = { excellent: 0, good: 0, fair: 0, poor: 0 };
    for (const { score } of evaluations) grades[GRADE_KEYS[score.grade]] += 1;
    return {
      orgCode: org.code,
      orgName: org.name,
      year,
      projectCount: evaluations.length,
      budget: round2(budget * 1e4) / 1e4,
      spent: round2(spent * 1e4) / 1e4,
      executionRate: budget > 0 ? Number((spent / budget).toFixed(4)) : null,
      averageScore: evaluations.length > 0 ? round2(evaluations.reduce((sum, e) => sum + e.score.score, 0) / evaluations.length) : null,
      grades,
      incompleteProjects: evaluations.filter((e) => !e.score.complete).length,
    };
  }
}
