import { rolesThatMay } from '@jixiao/domain';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentViewer } from '../../graphql/current-viewer.js';
import type { Viewer } from '../auth/auth.service.js';
import { RecordActualInput } from './indicator.input.js';
import { IndicatorService } from './indicator.service.js';
import { evidenceInspectionIds, type DerivedFrom } from '../evidence/evidence.service.js';
import type { Inspection } from '../inspection/inspection.entity.js';
import { InspectionType } from '../inspection/inspection.types.js';
import { IndicatorSource } from './indicator.entity.js';
import { actualRecord, ActualRecordType, ActualType, IndicatorEvidenceType, IndicatorType } from './indicator.types.js';

const WRITERS = rolesThatMay('MANAGE_PROJECTS');

@Resolver(() => IndicatorType)
export class IndicatorResolver {
  @Authorized()
  @Query(() => IndicatorType, { description: '一个指标；无权访问或不存在时返回 FORBIDDEN 错误' })
  async indicator(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('id', () => ID, { description: '指标 id' }) id: string,
  ): Promise<IndicatorType> {
    return IndicatorType.load(context.loaders, await new IndicatorService(context.em, viewer).get(id));
  }

  @FieldResolver(() => IndicatorEvidenceType, { nullable: true, description: '当前实际值所依据的证据（验收记录及照片、问卷或支出）；手工录入时为空' })
  async evidence(@Root() indicator: IndicatorType, @Ctx() context: Context): Promise<IndicatorEvidenceType | null> {
    const current = indicator.current;
    if (!current?.derivedFrom) return null;
    const from = JSON.parse(current.derivedFrom) as DerivedFrom;
    const fromInspections = ![IndicatorSource.SURVEY, IndicatorSource.SPENDING, IndicatorSource.MANUAL].includes(from.source);
    const loaded = fromInspections ? await context.loaders.inspectionsById.loadMany(await evidenceInspectionIds(context.em, indicator.projectId, from)) : [];
    const inspections = loaded.filter((i): i is Inspection => i !== null && !(i instanceof Error));
    return {
      source: from.source,
      derivedAt: current.recordedAt,
      inspections: await InspectionType.fromMany(context.loaders, inspections),
      surveyId: from.source === IndicatorSource.SURVEY ? (from.ids[0] ?? null) : null,
      fromSpending: from.source === IndicatorSource.SPENDING,
    };
  }

  @Authorized(WRITERS)
  @Mutation(() => IndicatorType, { description: '设定实际值来源（手工录入或由证据推算）；改为推算时立即按现有证据重算' })
  async setIndicatorSource(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('indicatorId', () => ID, { description: '指标 id' }) indicatorId: string,
    @Arg('source', () => IndicatorSource, { description: '来源' }) source: IndicatorSource,
  ): Promise<IndicatorType> {
    return IndicatorType.load(context.loaders, await new IndicatorService(context.em, viewer).setSource(indicatorId, source));
  }

  @Authorized(WRITERS)
  @Mutation(() => IndicatorType, {
    description: '录入实际完成值。数值按指标值的写法解读并换算单位（如 "285000元" → 28.5 万元）；无法解读或单位不能换算时报错且不作任何修改',
  })
  async recordActual(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => RecordActualInput, { description: '实际完成值' }) input: RecordActualInput,
  ): Promise<IndicatorType> {
    return IndicatorType.load(context.loaders, await new IndicatorService(context.em, viewer).recordActual(input));
  }

  @Authorized(WRITERS)
  @Mutation(() => IndicatorType, { description: '设定指标是否适用：不适用的指标不计分，其分值由同一一级指标的其他指标分摊' })
  async setIndicatorApplicable(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('indicatorId', () => ID, { description: '指标 id' }) indicatorId: string,
    @Arg('applicable', () => Boolean, { description: 'false 为不适用' }) applicable: boolean,
  ): Promise<IndicatorType> {
    return IndicatorType.load(context.loaders, await new IndicatorService(context.em, viewer).setApplicable(indicatorId, applicable));
  }

  @Authorized(WRITERS)
  @Mutation(() => IndicatorType, { description: '填写偏差原因分析及改进措施（空文本为清除）' })
  async setDeviationNote(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('indicatorId', () => ID, { description: '指标 id' }) indicatorId: string,
    @Arg('note', () => String, { nullable: true, description: '偏差原因分析及改进措施；空文本为清除' }) note: string | null,
  ): Promise<IndicatorType> {
    return IndicatorType.load(context.loaders, await new IndicatorService(context.em, viewer).setDeviationNote(indicatorId, note));
  }
}

@Resolver(() => ActualType)
export class ActualResolver {
  @FieldResolver(() => [ActualRecordType], { description: '历次记录，按时间先后，最后一条即当前值' })
  async history(@Root() actual: ActualType, @Ctx() context: Context): Promise<ActualRecordType[]> {
    return (await context.loaders.actualHistory.load(actual.indicatorId)).map(actualRecord);
  }
}
