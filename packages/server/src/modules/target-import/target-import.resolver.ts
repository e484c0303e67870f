import { rolesThatMay } from '@jixiao/domain';
import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentViewer } from '../../graphql/current-viewer.js';
import type { Viewer } from '../auth/auth.service.js';
import { ImportResultType, ProjectType } from '../project/project.types.js';
import { TargetImportService } from './target-import-preview.service.js';
import { ImportTableInput, TargetImportPreviewType } from './target-import.types.js';

const WRITERS = rolesThatMay('MANAGE_PROJECTS');

@Resolver()
export class TargetImportResolver {
  @Authorized(WRITERS)
  @Query(() => TargetImportPreviewType, {
    description:
      '预览导入：读出文件（.docx、.xlsx、.html，或文本；base64）或粘贴的文本中的全部目标表，标出每一处推定，不写入任何内容。表中单位不在本人管辖范围内时拒绝（FORBIDDEN）。修改后用 saveTargetTables 保存',
  })
  async previewTargetTables(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('text', () => String, { nullable: true, description: '粘贴的文本（制表符或“|”分隔，或每格一行）' }) text?: string,
    @Arg('file', () => String, { nullable: true, description: '文件内容，base64（最大约 3.5 MB）' }) file?: string,
    @Arg('fileName', () => String, { nullable: true, description: '文件名，按扩展名识别格式（.docx .xlsx .html .txt）' }) fileName?: string,
    @Arg('orgCode', () => String, { nullable: true, description: '表中未写单位编码时使用的单位' }) orgCode?: string,
    @Arg('year', () => Int, { nullable: true, description: '表中未写年度时使用' }) year?: number,
  ): Promise<TargetImportPreviewType> {
    return new TargetImportService(context.em, viewer).preview({ text, file, fileName, orgCode, year });
  }

  @Authorized(WRITERS)
  @Mutation(() => ImportResultType, {
    description:
      '保存预览中（可已修改的）目标表：全部保存或全部不保存。同一单位、年度、项目名称再次导入时更新原项目，不会重复；单位不在本人管辖范围内时拒绝（FORBIDDEN）；字段有误时拒绝（BAD_USER_INPUT，指明表号和字段）',
  })
  async saveTargetTables(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('tables', () => [ImportTableInput], { description: '要保存的表' }) tables: ImportTableInput[],
  ): Promise<ImportResultType> {
    const result = await new TargetImportService(context.em, viewer).save(tables);
    return { ...result, projects: result.projects.map((project) => ProjectType.from(project)) };
  }
}
