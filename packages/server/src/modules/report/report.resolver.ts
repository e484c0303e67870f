import { rolesThatMay } from '@jixiao/domain';
import { Arg, Args, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentViewer } from '../../graphql/current-viewer.js';
import type { Viewer } from '../auth/auth.service.js';
import { ReportSelectionArgs } from './report.input.js';
import { ReportService, PRINTABLE_REPORT, SELF_EVALUATION, TARGET_TABLES, type DownloadKind, type ReportRequest } from './report.service.js';
import { DownloadType } from './report.types.js';

/** How long a download link lasts. */
const LINK_TTL_SECONDS = 600;

/** The estimated cost of one download link: 160 of them reach the signed-in limit (50,000). */
const DOWNLOAD_LINK_COST = 300;

@Resolver()
export class ReportResolver {
  @Authorized(rolesThatMay('READ_RESULTS'))
  @Query(() => DownloadType, {
    // 7–11 ms each: checks every project of the organization and year (docs/api.md "Limits").
    complexity: DOWNLOAD_LINK_COST,
    description:
      '导出项目支出绩效自评表（XLSX）：给 projectId 导出一个项目；给 orgCode 和 year 导出该单位（含下级单位）该年度全部项目，每个项目一张工作表，另加“汇总”表。ADMIN、MANAGER、VIEWER 可导出本人可见的项目',
  })
  exportSelfEvaluation(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Args(() => ReportSelectionArgs) selection: ReportSelectionArgs,
  ): Promise<DownloadType> {
    return this.link(context, viewer, SELF_EVALUATION, selection.toRequest());
  }

  @Authorized(rolesThatMay('READ_RESULTS'))
  @Query(() => DownloadType, {
    // 7–11 ms each: checks every project of the organization and year (docs/api.md "Limits").
    complexity: DOWNLOAD_LINK_COST,
    description:
      '打印版自评报告（HTML 网页，在浏览器中打开后打印或“另存为 PDF”）：A4 横向，页眉为单位、项目和年度，页脚为页码；内容同项目支出绩效自评表，另附证据照片附件（由验收记录推算的指标所依据的验收记录：照片缩略图、拍摄时间、地点、验收人、审核状态）。给 projectId 为一个项目；给 orgCode 和 year 为该单位（含下级单位）该年度全部项目，先汇总页，每个项目另起一页。权限同 exportSelfEvaluation',
  })
  printableReport(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Args(() => ReportSelectionArgs) selection: ReportSelectionArgs,
  ): Promise<DownloadType> {
    return this.link(context, viewer, PRINTABLE_REPORT, selection.toRequest());
  }

  @Authorized(rolesThatMay('READ_RESULTS'))
  @Query(() => DownloadType, {
    // 7–11 ms each: checks every project of the organization and year (docs/api.md "Limits").
    complexity: DOWNLOAD_LINK_COST,
    description:
      '导出绩效目标表（XLSX，财政部门发布的格式，每个项目一张工作表）：该单位（含下级单位）该年度的全部项目；导出的文件可直接再导入（POST /imports/target-tables.xlsx 或 jixiao import）',
  })
  exportTargetTables(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('orgCode', () => String, { description: '单位编码' }) orgCode: string,
    @Arg('year', () => Int, { description: '预算年度' }) year: number,
  ): Promise<DownloadType> {
    return this.link(context, viewer, TARGET_TABLES, { orgCode, year });
  }

  /** Checks access now (so that a refused export fails here, not when the link is followed), then signs the link. */
  private async link(context: Context, viewer: Viewer, kind: DownloadKind, request: ReportRequest): Promise<DownloadType> {
    const filename = await new ReportService(context.em, { viewer }).check(kind, request);
    const params: Record<string, string | number> =
      'projectId' in request ? { projectId: request.projectId } : { orgCode: request.orgCode, year: request.year };
    const token = context.auth.downloadToken(viewer.user, kind, params, LINK_TTL_SECONDS);
    return { url: `/downloads/${token}`, filename, expiresAt: new Date((Math.floor(Date.now() / 1000) + LINK_TTL_SECONDS) * 1000) };
  }
}
