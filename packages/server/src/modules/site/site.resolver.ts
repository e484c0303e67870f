import { rolesThatMay } from '@jixiao/domain';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentViewer } from '../../graphql/current-viewer.js';
import type { Viewer } from '../auth/auth.service.js';
import { CreateSiteInput } from './site.input.js';
import { SiteService } from './site.service.js';
import { SiteType } from './site.types.js';

const WRITERS = rolesThatMay('MANAGE_PROJECTS');

@Resolver(() => SiteType)
export class SiteResolver {
  @Authorized()
  @Query(() => [SiteType], { description: '本人可见单位的地点（可按单位编码筛选）' })
  async sites(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('orgCode', () => String, { nullable: true, description: '单位编码' }) orgCode: string | null,
  ): Promise<SiteType[]> {
    return (await new SiteService(context.em, viewer).list(orgCode)).map((site) => SiteType.from(site));
  }

  @Authorized(WRITERS)
  @Mutation(() => SiteType, { description: '新建地点' })
  async createSite(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => CreateSiteInput, { description: '地点' }) input: CreateSiteInput,
  ): Promise<SiteType> {
    return SiteType.from(await new SiteService(context.em, viewer).create(input));
  }
}
