import { rolesThatMay } from '@jixiao/domain';
import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentViewer } from '../../graphql/current-viewer.js';
import type { Viewer } from '../auth/auth.service.js';
import { withFieldPrefix } from '../common/errors.js';
import { CreateOrganizationInput } from './organization.input.js';
import { OrganizationService } from './organization.service.js';
import { OrganizationSummaryType, OrganizationType } from './organization.types.js';

@Resolver()
export class OrganizationResolver {
  @Authorized()
  @Query(() => [OrganizationType], { description: '本人可见的单位（所属单位及其下级单位）' })
  organizations(@Ctx() context: Context, @CurrentViewer() viewer: Viewer): Promise<OrganizationType[]> {
    return new OrganizationService(context.em, viewer).list();
  }

  @Authorized(rolesThatMay('MANAGE_ACCOUNTS'))
  @Mutation(() => OrganizationType, { description: '新建下级单位（仅 ADMIN）：上级单位须为本人所属单位或其下级单位' })
  createOrganization(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => CreateOrganizationInput, { description: '新单位' }) input: CreateOrganizationInput,
  ): Promise<OrganizationType> {
    return withFieldPrefix('input.', () => new OrganizationService(context.em, viewer).create(input));
  }

  @Authorized()
  @Query(() => OrganizationSummaryType, {
    description: '单位（含下级单位）某年度的预算、执行与得分汇总',
    // 4 ms each: every project of the subtree and year, with its indicators (docs/api.md "Limits").
    complexity: ({ childComplexity }) => 100 + childComplexity,
  })
  organizationSummary(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('orgCode', () => String, { description: '单位编码：汇总该单位及其下级单位' }) orgCode: string,
    @Arg('year', () => Int, { description: '预算年度' }) year: number,
  ): Promise<OrganizationSummaryType> {
    return new OrganizationService(context.em, viewer).summary(orgCode, year);
  }
}
