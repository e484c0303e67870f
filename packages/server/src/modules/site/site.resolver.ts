import { rolesThatMay } from '@jixiao/domain';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentViewer } from '../../graphql/current-viewer.js';
import type { Viewer } from '../auth/auth.service.js';
import { CreateSiteInput, UpdateSiteInput } from './site.input.js';
import { SiteService } from './site.service.js';
import { SiteType } from './site.types.js';

const FIELD_STAFF = rolesThatMay('COLLECT_EVIDENCE');
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

  @Authorized(FIELD_STAFF)
  @Mutation(() => SiteType, {
    description:
      '新建地点（现场人员也可，离线时排队提交）。给出 id 时可重复提交：同一 id 同样内容返回该地点，内容不同报 CONFLICT；同一单位已有同名地点时返回已有的地点，设备应改用返回的 id',
  })
  async createSite(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => CreateSiteInput, { description: '地点' }) input: CreateSiteInput,
  ): Promise<SiteType> {
    return SiteType.from(await new SiteService(context.em, viewer).create(input));
  }

  @Authorized(WRITERS)
  @Mutation(() => SiteType, { description: '修改地点的名称、类型或地址；同一单位内重名报 CONFLICT；记入审计日志' })
  async updateSite(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => UpdateSiteInput, { description: '要修改的地点' }) input: UpdateSiteInput,
  ): Promise<SiteType> {
    return SiteType.from(await new SiteService(context.em, viewer).update(input));
  }
}
