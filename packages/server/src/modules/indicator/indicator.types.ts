import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Loaders } from '../../graphql/loaders.js';
import type { ActualRow } from '../read-model/project-data.js';
import type { IndicatorCard } from '../read-model/scorecards.js';
import { InspectionType } from '../inspection/inspection.types.js';
import { ActualSource } from '../actual/actual.entity.js';
import { IndicatorSource, targetOf, type Indicator } from './indicator.entity.js';

export enum TargetKindEnum {
  QUANTITATIVE = 'quantitative',
  DEADLINE = 'deadline',
  QUALITATIVE = 'qualitative',
}
registerEnumType(TargetKindEnum, {
  name: 'TargetKind',
  description: '指标值类型',
  valuesConfig: {
    QUANTITATIVE: { description: '定量：比较符 + 数值 + 单位，如 "≥95%"' },
    DEADLINE: { description: '时限：截止日期，如 "2023年10月前"' },
    QUALITATIVE: { description: '定性：由评价人选择达成等级，如 "显著提升审判质效"' },
  },
});

export enum TierEnum {
  ACHIEVED = 'ACHIEVED',
  PARTIAL = 'PARTIAL',
  NOT_ACHIEVED = 'NOT_ACHIEVED',
}
registerEnumType(TierEnum, {
  name: 'Tier',
  description: '定性指标的达成等级',
  valuesConfig: {
    ACHIEVED: { description: '达成：得分比例 0.8–1' },
    PARTIAL: { description: '部分达成：得分比例 0.6–0.8' },
    NOT_ACHIEVED: { description: '未达成：得分比例 0–0.6' },
  },
});

registerEnumType(IndicatorSource, {
  name: 'IndicatorSource',
  description: '实际值的来源：手工录入，或由现场证据（验收、问卷、支出）推算',
  valuesConfig: {
    MANUAL: { description: '手工录入' },
    REPAIR_COUNT: { description: '有合格维修验收的地点数：地点（无地点时为验收对象）计一次，同一处返工不重复计' },
    EQUIPMENT_COUNT: { description: '验收合格的设备数' },
    PASS_RATE: { description: '验收合格率' },
    COMPLETION_DATE: { description: '最后一次验收合格的日期' },
    SURVEY: { description: '满意度问卷的满意率' },
    SPENDING: { description: '支出合计' },
  },
});

registerEnumType(ActualSource, {
  name: 'ActualSource',
  description: '实际完成值的来源',
  valuesConfig: {
    MANUAL: { description: '手工录入' },
    EVIDENCE: { description: '由现场证据（验收、问卷、支出）推算' },
    IMPORT: { description: '从导入的自评表读出' },
  },
});

@ObjectType('ScoringRule', { simpleResolvers: true, description: '写在指标值里的评分规则' })
export class ScoringRuleType {
  @Field(() => Float, { description: '完成率低于此比例不得分（"完成率小于60%不得分" → 0.6）' })
  zeroBelow!: number;
}

@ObjectType('Target', { simpleResolvers: true, description: '指标值：原文及解析结果' })
export class TargetType {
  @Field(() => String, { description: '指标值原文，如 "≥95%"' })
  raw!: string;

  @Field(() => TargetKindEnum, { description: '类型：定量、时限或定性' })
  kind!: TargetKindEnum;

  @Field(() => String, { nullable: true, description: '比较符：>=、>、<=、<、=，区间为 between（value 至 max）；定性指标为空' })
  comparator!: string | null;

  @Field(() => String, { nullable: true, description: '目标数值（文本，如 "95"；区间的下限）或截止日期（ISO）；定性指标为空' })
  value!: string | null;

  @Field(() => String, { nullable: true, description: '区间（between）的上限（文本，如 "95"）；其他为空' })
  max!: string | null;

  @Field(() => String, { nullable: true, description: '单位，照原文，如 "%"、"个"、"万元"' })
  unit!: string | null;

  @Field(() => String, { nullable: true, description: '时限类指标的截止日期（含当日，ISO 格式）' })
  deadline!: string | null;

  @Field(() => ScoringRuleType, { nullable: true, description: '写在指标值里的评分规则；没有则为空' })
  rule!: ScoringRuleType | null;

  @Field(() => String, { nullable: true, description: '以期间写出的时限（如 "2023.07-2024.01"）的开始日期（ISO）；其他为空' })
  start!: string | null;

  @Field(() => String, { nullable: true, description: '指标值中另行保留的说明（如 "计划标准"），或读出数值的整句话' })
  note!: string | null;

  @Field(() => Boolean, { description: '"±3%以内"之类：数值是与计划偏差的上限，实际值填偏差' })
  tolerance!: boolean;
}

@ObjectType('ActualRecord', { simpleResolvers: true, description: '一次录入或推算的实际完成值' })
export class ActualRecordType {
  @Field(() => String, { nullable: true, description: '实际完成值，照录入原文，如 "5个"、"96%"、"2023-09-20"' })
  value!: string | null;

  @Field(() => TierEnum, { nullable: true, description: '定性指标的达成等级' })
  tier!: TierEnum | null;

  @Field(() => Float, { nullable: true, description: '等级内的得分比例' })
  ratio!: number | null;

  @Field(() => String, { nullable: true, description: '备注' })
  note!: string | null;

  @Field(() => Date, { description: '录入时间' })
  recordedAt!: Date;

  @Field(() => String, { nullable: true, description: '录入人用户名；由证据推算时为空' })
  recordedBy!: string | null;

  @Field(() => String, { nullable: true, description: '录入人姓名（真实姓名，未填写时为用户名）；由证据推算时为空' })
  recordedByName!: string | null;

  @Field(() => ActualSource, { description: '来源：手工录入、由证据推算，或从自评表导入' })
  source!: ActualSource;
}

@ObjectType('Actual', { simpleResolvers: true, description: '指标的当前实际完成值及其全部历史' })
export class ActualType extends ActualRecordType {
  // history: a field resolver (ActualResolver in indicator.resolver.ts), read only when asked for.

  /** Whose actual this is, for the history (not in the schema). */
  indicatorId!: string;
}

@ObjectType('IndicatorProgress', { simpleResolvers: true, description: '指标完成情况与得分' })
export class IndicatorProgressType {
  @Field(() => Float, { nullable: true, description: '完成率（未封顶，如 0.8333）；无实际值时为空' })
  completionRate!: number | null;

  @Field(() => Float, { nullable: true, description: '得分（保留两位小数）；无实际值时为空' })
  score!: number | null;

  @Field(() => Boolean, { nullable: true, description: '是否达到目标值；无实际值时为空' })
  met!: boolean | null;

  @Field(() => Boolean, { description: '未达标或超出目标 30% 以上：需填写偏差原因分析及改进措施' })
  deviationNoteRequired!: boolean;
}

@ObjectType('Indicator', { simpleResolvers: true, description: '绩效指标（三级指标）' })
export class IndicatorType {
  @Field(() => ID, { description: '指标 id' })
  id!: string;

  @Field(() => String, { description: '一级指标，照原文，如 "产出指标"' })
  level1!: string;

  @Field(() => String, { description: '二级指标，照原文，如 "数量指标"' })
  level2!: string;

  @Field(() => String, { description: '三级指标名称' })
  name!: string;

  @Field(() => String, { description: '绩效指标描述' })
  description!: string;

  @Field(() => TargetType, { description: '指标值' })
  target!: TargetType;

  @Field(() => IndicatorSource, { description: '实际值来源' })
  source!: IndicatorSource;

  @Field(() => Float, { nullable: true, description: '管理人员设定的分值；为空时按一级指标平均分配' })
  customWeight!: number | null;

  @Field(() => Boolean, { description: '不适用的指标不计分，其分值由同级指标分摊' })
  notApplicable!: boolean;

  @Field(() => String, { nullable: true, description: '偏差原因分析及改进措施' })
  deviationNote!: string | null;

  @Field(() => Float, { description: '分值：管理人员设定的，或一级指标分值平均分配（不适用的指标为 0）' })
  weight!: number;

  @Field(() => ActualType, { nullable: true, description: '当前实际完成值及历史；尚未录入时为空' })
  actual!: ActualType | null;

  @Field(() => IndicatorProgressType, { description: '完成率与得分' })
  progress!: IndicatorProgressType;

  /** The current actual with what it was derived from, for the evidence resolver (not in the schema). */
  current!: ActualRow | null;

  /** The indicator's project, for the evidence resolver (not in the schema). */
  projectId!: string;

  /** The view of one indicator, from its project's stored scorecard (scores depend on the siblings). */
  static async load(loaders: Loaders, indicator: Pick<Indicator, 'id' | 'project'>): Promise<IndicatorType> {
    const cards = await loaders.indicatorCards.load(indicator.project.id);
    return IndicatorType.from(cards.find((card) => card.row.id === indicator.id)!);
  }

  /** A view of an indicator with its score (stored, or scored by the domain from the records). */
  static from({ row, score: scored, current }: IndicatorCard): IndicatorType {
    const target = targetOf(row);
    return Object.assign(new IndicatorType(), {
      id: row.id,
      projectId: row.projectId,
      level1: row.level1,
      level2: row.level2,
      name: row.name,
      description: row.description,
      target: {
        raw: target.raw,
        kind: target.kind as TargetKindEnum,
        comparator: target.comparator,
        value: target.value === null ? null : String(target.value),
        unit: target.unit,
        deadline: target.kind === 'deadline' ? String(target.value) : null,
        rule: target.rule,
        max: target.max == null ? null : String(target.max),
        start: target.start ?? null,
        note: target.note ?? null,
        tolerance: target.tolerance === true,
      },
      source: row.source,
      customWeight: row.weight,
      notApplicable: row.notApplicable,
      deviationNote: row.deviationNote,
      weight: scored.weight,
      actual: current ? Object.assign(new ActualType(), actualRecord(current), { indicatorId: row.id }) : null,
      progress: {
        completionRate: scored.completionRate,
        score: scored.score,
        met: scored.met,
        deviationNoteRequired: scored.deviationNoteRequired,
      },
      current,
    });
  }
}

@ObjectType('IndicatorEvidence', { simpleResolvers: true, description: '当前实际值由哪些证据推算而来' })
export class IndicatorEvidenceType {
  @Field(() => IndicatorSource, { description: '推算方式' })
  source!: IndicatorSource;

  @Field(() => Date, { description: '推算时间' })
  derivedAt!: Date;

  @Field(() => [InspectionType], { description: '计入的验收记录（含照片）' })
  inspections!: InspectionType[];

  @Field(() => ID, { nullable: true, description: '所依据的满意度问卷 id' })
  surveyId!: string | null;

  @Field(() => Boolean, { description: '是否由项目支出合计得出' })
  fromSpending!: boolean;
}

export function actualRecord(actual: ActualRow): ActualRecordType {
  return {
    value: actual.value,
    tier: actual.tier as TierEnum | null,
    ratio: actual.ratio,
    note: actual.note,
    recordedAt: actual.recordedAt,
    recordedBy: actual.recordedBy,
    recordedByName: actual.recordedByName,
    source: actual.source,
  };
}
