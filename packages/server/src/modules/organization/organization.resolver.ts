import { rollUpProjects, rolesThatMay } from '@jixiao/domain';
import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { checkFiscalYear, ForbiddenError, withFieldPrefix } from '../common/errors.js';
import { createOrganization } from '../user/user.service.js';
import { CreateOrganizationInput } from './organization.input.js';
import { loadProjectData, type ProjectData } from '../../graphql/project-data.js';
import { Organization } from './organization.entity.js';
import { OrganizationSummaryType, OrganizationType } from './organization.types.js';

const SUMMARY_CHUNK = 200;

@Resolver()
export class OrganizationResolver {
  @Authorized()
  @Query(() => [OrganizationType], { description: '本人可见的单位（所属单位及其下级单位）' })
  async organizations(@Ctx() context: Context): Promise<OrganizationType[]> {
    const viewer = requireViewer(context);
    const orgs = await context.em.find(Organization, { id: { $in: [...viewer.scope.ids] } }, { orderBy: { code: 'asc' }, populate: ['parent'] });
    return orgs.map((org) => ({ id: org.id, code: org.code, name: org.name, parentCode: org.parent?.code ?? null }));
  }

  @Authorized(rolesThatMay('MANAGE_ACCOUNTS'))
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
    checkFiscalYear('year', year);
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
    const { projectCount, budget, spent, executionRate, averageScore, grades, incompleteProjects } = rollUpProjects(
      evaluations.map(({ budget, spent, score }) => ({ budget, spent, score: score.score, grade: score.grade, missing: score.missing })),
    );
    return { orgCode: org.code, orgName: org.name, year, projectCount, budget, spent, executionRate, averageScore, grades, incompleteProjects };
  }
}
