import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('Organization', { description: '预算单位' })
export class OrganizationType {
  @Field(() => ID, { description: '单位 id' })
  id!: string;

  @Field(() => String, { description: '单位编码，如 "218101"' })
  code!: string;

  @Field(() => String, { description: '单位名称' })
  name!: string;

  @Field(() => String, { nullable: true, description: '上级单位（主管部门）编码' })
  parentCode!: string | null;
}

@ObjectType('GradeCounts', { description: '各评价等级的项目数' })
export class GradeCountsType {
  @Field(() => Int, { description: '优（≥90）' })
  excellent!: number;

  @Field(() => Int, { description: '良（≥80）' })
  good!: number;

  @Field(() => Int, { description: '中（≥60）' })
  fair!: number;

  @Field(() => Int, { description: '差（<60）' })
  poor!: number;
}

@ObjectType('OrganizationSummary', { description: '单位（含下级单位）某年度的汇总' })
export class OrganizationSummaryType {
  @Field(() => String, { description: '单位编码' })
  orgCode!: string;

  @Field(() => String, { description: '单位名称' })
  orgName!: string;

  @Field(() => Int, { description: '预算年度' })
  year!: number;

  @Field(() => Int, { description: '项目数' })
  projectCount!: number;

  @Field(() => Float, { description: '预算合计（万元）' })
  budget!: number;

  @Field(() => Float, { description: '已支出合计（万元）' })
  spent!: number;

  @Field(() => Float, { nullable: true, description: '预算执行率 = 已支出合计 / 预算合计；无预算时为空' })
  executionRate!: number | null;

  @Field(() => Float, { nullable: true, description: '项目平均得分；无项目时为空' })
  averageScore!: number | null;

  @Field(() => GradeCountsType, { description: '各评价等级的项目数' })
  grades!: GradeCountsType;

  @Field(() => Int, { description: '尚有指标缺实际值的项目数' })
  incompleteProjects!: number;
}
