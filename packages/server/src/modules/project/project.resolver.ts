import { rolesThatMay } from '@jixiao/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentViewer } from '../../graphql/current-viewer.js';
import type { Viewer } from '../auth/auth.service.js';
import { EquipmentItemType } from '../equipment/equipment-item.types.js';
import { indicatorColumnsFor } from '../indicator/indicator-columns.js';
import { IndicatorService } from '../indicator/indicator.service.js';
import { IndicatorType } from '../indicator/indicator.types.js';
import { SurveyType } from '../survey/survey.types.js';
import { importTargetTables } from '../target-import/target-import.service.js';
import { IndicatorWeightInput, ProjectsArgs, RecordSpendingInput, UpdateProjectSettingsInput } from './project.input.js';
import { ProjectService } from './project.service.js';
import { EvaluationType, ImportResultType, ProjectConnectionType, ProjectType } from './project.types.js';

const WRITERS = rolesThatMay('MANAGE_PROJECTS');

@Resolver(() => ProjectType)
export class ProjectResolver {
  @Authorized()
  @Query(() => ProjectConnectionType, {
    description: '本人所属单位及下级单位的项目，按年度（新在前）、单位、表号排列；每页最多 100 个',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * (typeof args.first === 'number' ? args.first : 20),
  })
  async projects(@Ctx() context: Context, @CurrentViewer() viewer: Viewer, @Args(() => ProjectsArgs) filter: ProjectsArgs): Promise<ProjectConnectionType> {
    const page = await new ProjectService(context.em, viewer).list(filter);
    // The page read each project's stored scorecard with it: spent and evaluation need no batch.
    for (const node of page.nodes) if (node.scorecard) context.loaders.projectCards.prime(node.id, node.scorecard);
    return {
      totalCount: page.totalCount,
      nodes: page.nodes.map((project) => ProjectType.fromItem(project)),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Authorized()
  @Query(() => ProjectType, { description: '一个项目；无权访问或不存在时返回 FORBIDDEN 错误' })
  async project(@Ctx() context: Context, @CurrentViewer() viewer: Viewer, @Arg('id', () => ID, { description: '项目 id' }) id: string): Promise<ProjectType> {
    return ProjectType.from(await new ProjectService(context.em, viewer).get(id));
  }

  @FieldResolver(() => [IndicatorType], {
    description: '绩效指标，按目标表中的顺序',
    // A target table has about a dozen indicators.
    complexity: ({ childComplexity }) => 1 + childComplexity * 15,
  })
  async indicators(@Root() project: ProjectType, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): Promise<IndicatorType[]> {
    // Only the columns the selection reads: a dashboard needs a third of them.
    return (await context.loaders.indicatorCardsWith(indicatorColumnsFor(info)).load(project.id)).map((card) => IndicatorType.from(card));
  }

  @FieldResolver(() => Float, { description: '已支出（万元）：所记录支出之和' })
  async spent(@Root() project: ProjectType, @Ctx() context: Context): Promise<number> {
    return (await context.loaders.projectCards.load(project.id)).spent;
  }

  @FieldResolver(() => EvaluationType, { description: '绩效自评得分与等级' })
  async evaluation(@Root() project: ProjectType, @Ctx() context: Context): Promise<EvaluationType> {
    const { score } = await context.loaders.projectCards.load(project.id);
    return {
      score: score.score,
      grade: score.grade,
      executionRate: score.executionRate,
      executionScore: score.executionScore,
      missing: score.missing,
      complete: score.complete,
    };
  }

  @FieldResolver(() => [SurveyType], {
    description: '项目各指标的问卷，按创建先后；一次请求中多个项目的问卷一并读取',
    // A project has a few surveys.
    complexity: ({ childComplexity }) => 1 + childComplexity * 10,
  })
  async surveys(@Root() project: ProjectType, @Ctx() context: Context): Promise<SurveyType[]> {
    const now = new Date();
    return (await context.loaders.surveysByProject.load(project.id)).map((survey) => SurveyType.from(survey, now));
  }

  @FieldResolver(() => [EquipmentItemType], {
    description: '项目购置的设备，按登记先后；一次请求中多个项目的设备一并读取',
    complexity: ({ childComplexity }) => 1 + childComplexity * 10,
  })
  async equipmentItems(@Root() project: ProjectType, @Ctx() context: Context): Promise<EquipmentItemType[]> {
    return (await context.loaders.equipmentByProject.load(project.id)).map((item) => EquipmentItemType.from(item));
  }

  @Authorized(WRITERS)
  @Mutation(() => ImportResultType, {
    description:
      '导入绩效目标表（文本格式，最多 1048576 个字符、500 张表）。同一单位、年度、项目名称再次导入时更新原项目，不会重复；表中有单位不在本人管辖范围内时整批拒绝（FORBIDDEN），什么也不写入；未知的单位编码仅 ADMIN 可导入，建在本人单位之下，并在 warnings 中说明',
  })
  async importTargetTables(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('text', () => String, { description: '目标表文本：每张表一行表头，单元格以制表符开头' }) text: string,
    @Arg('year', () => Int, { nullable: true, description: '表中未写年度时使用' }) year?: number,
  ): Promise<ImportResultType> {
    const result = await importTargetTables(context.em, text, { year }, { viewer });
    return { ...result, projects: result.projects.map((project) => ProjectType.from(project)) };
  }

  @Authorized(WRITERS)
  @Mutation(() => ProjectType, { description: '记录一笔支出（万元），更新预算执行率' })
  async recordSpending(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => RecordSpendingInput, { description: '支出' }) input: RecordSpendingInput,
  ): Promise<ProjectType> {
    return ProjectType.from(await new ProjectService(context.em, viewer).recordSpending(input));
  }

  @Authorized(WRITERS)
  @Mutation(() => ProjectType, { description: '设定指标分值：同一一级指标内须全部设定，且合计等于该级分值（产出 50、效益 30、满意度 10）' })
  async setIndicatorWeights(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('projectId', () => ID, { description: '项目 id' }) projectId: string,
    @Arg('weights', () => [IndicatorWeightInput], { description: '要设定的指标分值；未列出的指标保持原值' }) weights: IndicatorWeightInput[],
  ): Promise<ProjectType> {
    await new IndicatorService(context.em, viewer).setWeights(projectId, weights);
    return ProjectType.from(await new ProjectService(context.em, viewer).get(projectId));
  }

  @Authorized(WRITERS)
  @Mutation(() => ProjectType, { description: '修改项目设置（如验收是否须签名）；记入审计日志；项目不在本人管辖范围内时报 FORBIDDEN' })
  async updateProjectSettings(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => UpdateProjectSettingsInput, { description: '要修改的设置' }) input: UpdateProjectSettingsInput,
  ): Promise<ProjectType> {
    return ProjectType.from(await new ProjectService(context.em, viewer).updateSettings(input));
  }
}
