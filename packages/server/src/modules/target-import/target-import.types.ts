import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ImportMessageType } from '../project/project.types.js';

@ObjectType('PreviewTarget', { description: '指标值：原文与解析结果（可在预览中修改）' })
export class PreviewTargetType {
  @Field(() => String, { description: '指标值原文' })
  raw!: string;

  @Field(() => String, { description: 'quantitative（定量）、deadline（时间节点）或 qualitative（定性）' })
  kind!: string;

  @Field(() => String, { nullable: true, description: '比较符：>= > <= < = between' })
  comparator!: string | null;

  @Field(() => Float, { nullable: true, description: '目标数值（定量；区间的下限）' })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: '区间（between）的上限' })
  max!: number | null;

  @Field(() => String, { nullable: true, description: '单位（百分比记为 %）' })
  unit!: string | null;

  @Field(() => String, { nullable: true, description: '截止日期（含当日，YYYY-MM-DD），时间节点类指标' })
  deadline!: string | null;

  @Field(() => String, { nullable: true, description: '期间的开始日期（如“2023.07-2024.01”的 2023-07-01）' })
  start!: string | null;

  @Field(() => String, { nullable: true, description: '指标值中另行保留的说明（如“计划标准”），或读出数值的整句话' })
  note!: string | null;

  @Field(() => Boolean, { description: '“±3%以内”：数值是偏差的上限' })
  tolerance!: boolean;

  @Field(() => Float, { nullable: true, description: '完成率低于此比例不得分（0–1）' })
  zeroBelow!: number | null;
}

@ObjectType('PreviewIndicator', { description: '预览中的一个指标' })
export class PreviewIndicatorType {
  @Field(() => String, { description: '一级指标' })
  level1!: string;

  @Field(() => String, { description: '二级指标' })
  level2!: string;

  @Field(() => String, { description: '三级指标' })
  name!: string;

  @Field(() => String, { description: '绩效指标描述' })
  description!: string;

  @Field(() => PreviewTargetType, { description: '指标值' })
  target!: PreviewTargetType;

  @Field(() => String, { description: '将如何评分（领域规则的说明）' })
  scoring!: string;

  @Field(() => String, { nullable: true, description: '自评表中的实际完成值' })
  actual!: string | null;

  @Field(() => Float, { nullable: true, description: '表中的分值' })
  weight!: number | null;

  @Field(() => Int, { description: '行号' })
  line!: number;

  @Field(() => String, { nullable: true, description: '指标值所在单元格' })
  cell!: string | null;

  @Field(() => [ImportMessageType], { description: '该指标的推定（需核对、高亮显示）' })
  warnings!: ImportMessageType[];
}

@ObjectType('PreviewBudget', { description: '预算（万元）' })
export class PreviewBudgetType {
  @Field(() => Float, { description: '预算数' })
  total!: number;

  @Field(() => Float, { description: '财政资金' })
  fiscal!: number;

  @Field(() => Float, { description: '其他资金' })
  other!: number;

  @Field(() => Float, { description: '上年结转' })
  carryover!: number;
}

@ObjectType('PreviewTable', { description: '预览中的一张目标表（一个项目）' })
export class PreviewTableType {
  @Field(() => Int, { description: '表号' })
  tableNumber!: number;

  @Field(() => String, { description: '表名' })
  title!: string;

  @Field(() => String, { description: 'PROJECT（项目）或 DEPARTMENT（部门整体支出）' })
  kind!: string;

  @Field(() => String, { nullable: true, description: '单位编码；表中未写且未指定时为空，须选择' })
  orgCode!: string | null;

  @Field(() => String, { description: '单位名称（表中所写）' })
  orgName!: string;

  @Field(() => String, { description: '项目名称' })
  name!: string;

  @Field(() => Int, { description: '预算年度' })
  year!: number;

  @Field(() => PreviewBudgetType, { description: '预算（万元）' })
  budget!: PreviewBudgetType;

  @Field(() => String, { description: '资金用途' })
  purpose!: string;

  @Field(() => [String], { description: '绩效目标' })
  goals!: string[];

  @Field(() => String, { nullable: true, description: '项目负责人' })
  leader!: string | null;

  @Field(() => String, { nullable: true, description: '实施期' })
  period!: string | null;

  @Field(() => ID, { nullable: true, description: '已有同单位、年度、名称的项目时，保存将更新它' })
  existingProjectId!: string | null;

  @Field(() => [PreviewIndicatorType], { description: '指标' })
  indicators!: PreviewIndicatorType[];

  @Field(() => [ImportMessageType], { description: '该表的全部推定' })
  warnings!: ImportMessageType[];
}

@ObjectType('TargetImportPreview', { description: '导入预览：读出的全部表，尚未保存' })
export class TargetImportPreviewType {
  @Field(() => String, { description: '来源：文件名，或“粘贴的文本”' })
  source!: string;

  @Field(() => [PreviewTableType], { description: '读出的表' })
  tables!: PreviewTableType[];

  @Field(() => [ImportMessageType], { description: '全部推定（表、行、单元格、说明）' })
  warnings!: ImportMessageType[];

  @Field(() => [ImportMessageType], { description: '未能读出的表及原因' })
  errors!: ImportMessageType[];
}

@InputType('TargetInput', { description: '修改后的指标值' })
export class TargetInput {
  @Field(() => String, { description: '指标值原文' })
  raw!: string;

  @Field(() => String, { description: 'quantitative、deadline 或 qualitative' })
  kind!: string;

  @Field(() => String, { nullable: true, description: '比较符：>= > <= < = between' })
  comparator?: string | null;

  @Field(() => Float, { nullable: true, description: '目标数值' })
  value?: number | null;

  @Field(() => Float, { nullable: true, description: '区间上限' })
  max?: number | null;

  @Field(() => String, { nullable: true, description: '单位' })
  unit?: string | null;

  @Field(() => String, { nullable: true, description: '截止日期 YYYY-MM-DD' })
  deadline?: string | null;

  @Field(() => String, { nullable: true, description: '期间开始日期' })
  start?: string | null;

  @Field(() => String, { nullable: true, description: '说明' })
  note?: string | null;

  @Field(() => Boolean, { nullable: true, description: '偏差上限' })
  tolerance?: boolean | null;

  @Field(() => Float, { nullable: true, description: '完成率低于此比例不得分' })
  zeroBelow?: number | null;
}

@InputType('ImportIndicatorInput', { description: '保存的一个指标' })
export class ImportIndicatorInput {
  @Field(() => String, { description: '一级指标' })
  level1!: string;

  @Field(() => String, { description: '二级指标' })
  level2!: string;

  @Field(() => String, { description: '三级指标' })
  name!: string;

  @Field(() => String, { nullable: true, description: '绩效指标描述' })
  description?: string | null;

  @Field(() => TargetInput, { description: '指标值' })
  target!: TargetInput;

  @Field(() => String, { nullable: true, description: '自评表中的实际完成值：保存为该指标的实际值（来源 IMPORT）；与当前实际值相同时不再保存' })
  actual?: string | null;
}

@InputType('ImportBudgetInput', { description: '预算（万元）' })
export class ImportBudgetInput {
  @Field(() => Float, { description: '预算数' })
  total!: number;

  @Field(() => Float, { description: '财政资金' })
  fiscal!: number;

  @Field(() => Float, { nullable: true, description: '其他资金' })
  other?: number | null;

  @Field(() => Float, { nullable: true, description: '上年结转' })
  carryover?: number | null;
}

@InputType('ImportTableInput', { description: '保存的一张表（预览中的表，可已修改）' })
export class ImportTableInput {
  @Field(() => Int, { description: '表号' })
  tableNumber!: number;

  @Field(() => String, { nullable: true, description: '表名' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'PROJECT 或 DEPARTMENT' })
  kind?: string | null;

  @Field(() => String, { description: '单位编码（预览中选择的单位）' })
  orgCode!: string;

  @Field(() => String, { nullable: true, description: '单位名称（新单位时使用）' })
  orgName?: string | null;

  @Field(() => String, { description: '项目名称' })
  name!: string;

  @Field(() => Int, { description: '预算年度' })
  year!: number;

  @Field(() => ImportBudgetInput, { description: '预算' })
  budget!: ImportBudgetInput;

  @Field(() => String, { nullable: true, description: '资金用途' })
  purpose?: string | null;

  @Field(() => [String], { nullable: true, description: '绩效目标' })
  goals?: string[] | null;

  @Field(() => String, { nullable: true, description: '项目负责人' })
  leader?: string | null;

  @Field(() => String, { nullable: true, description: '实施期' })
  period?: string | null;

  @Field(() => [ImportIndicatorInput], { description: '指标' })
  indicators!: ImportIndicatorInput[];
}
