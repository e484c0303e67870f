import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProjectKind, type Project } from './project.entity.js';
import type { ProjectListItem } from './project.service.js';

@ObjectType('Budget', { simpleResolvers: true, description: '预算规模（万元）' })
export class BudgetType {
  @Field(() => Float, { description: '预算数（万元）' })
  total!: number;

  @Field(() => Float, { description: '其中：财政资金（万元）' })
  fiscal!: number;

  @Field(() => Float, { description: '其他资金（万元），空白为 0' })
  other!: number;

  @Field(() => Float, { description: '上年结转（万元），表中没有时为 0' })
  carryover!: number;
}

registerEnumType(ProjectKind, {
  name: 'ProjectKind',
  description: '项目类型',
  valuesConfig: {
    PROJECT: { description: '项目支出绩效目标表' },
    DEPARTMENT: { description: '部门整体支出绩效目标表（部门整体支出，每单位每年一个）' },
  },
});

@ObjectType('Evaluation', { simpleResolvers: true, description: '绩效自评：按评分规则（docs/domain.md）由指标得分和预算执行率算出' })
export class EvaluationType {
  @Field(() => Float, { description: '总分（满分 100，保留两位小数）；缺少实际值的指标计 0 分' })
  score!: number;

  @Field(() => String, { description: '评价等级：优（≥90）、良（≥80）、中（≥60）、差（<60）' })
  grade!: string;

  @Field(() => Float, { nullable: true, description: '预算执行率 = 已支出 / 预算数（未封顶，如 0.95）；预算为 0 时为空' })
  executionRate!: number | null;

  @Field(() => Float, { description: '预算执行率得分 = min(执行率, 1) × 10' })
  executionScore!: number;

  @Field(() => Int, { description: '尚无实际值的指标数' })
  missing!: number;

  @Field(() => Boolean, { description: '所有适用指标都已有实际值' })
  complete!: boolean;
}

@ObjectType('Project', { simpleResolvers: true, description: '预算项目：一张绩效目标表' })
export class ProjectType {
  @Field(() => ID, { description: '项目 id' })
  id!: string;

  @Field(() => String, { description: '项目名称' })
  name!: string;

  @Field(() => String, { description: '预算单位编码，如 "218101"' })
  orgCode!: string;

  @Field(() => String, { description: '预算单位名称' })
  orgName!: string;

  @Field(() => Int, { description: '预算年度' })
  year!: number;

  @Field(() => Int, { nullable: true, description: '在导入文件中的表号' })
  tableNumber!: number | null;

  @Field(() => ProjectKind, { description: '项目支出，或部门整体支出' })
  kind!: ProjectKind;

  @Field(() => String, { nullable: true, description: '项目负责人（表中所写）' })
  leader!: string | null;

  @Field(() => String, { nullable: true, description: '实施期，照原文，如 "2023.07-2024.01"' })
  period!: string | null;

  @Field(() => String, { description: '资金用途' })
  purpose!: string;

  @Field(() => [String], { description: '绩效目标（已去掉 "1.1." 之类的编号）' })
  goals!: string[];

  @Field(() => BudgetType, { description: '预算规模（万元）' })
  budget!: BudgetType;

  @Field(() => Boolean, { description: '验收记录是否须有验收人签名（默认是；可由 updateProjectSettings 关闭）' })
  requireSignature!: boolean;

  static from(project: Project): ProjectType {
    return Object.assign(new ProjectType(), {
      id: project.id,
      name: project.name,
      orgCode: project.organization.code,
      orgName: project.organization.name,
      year: project.year,
      tableNumber: project.tableNumber,
      kind: project.kind,
      leader: project.leader,
      period: project.period,
      purpose: project.purpose,
      goals: project.goals,
      budget: project.budget(),
      requireSignature: project.requireSignature,
    });
  }

  /** The view of a listed project (plain values, no entity). */
  static fromItem(item: ProjectListItem): ProjectType {
    return Object.assign(new ProjectType(), item);
  }
}

@ObjectType('PageInfo', { simpleResolvers: true, description: '分页信息' })
export class PageInfoType {
  @Field(() => Boolean, { description: '之后是否还有数据' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: '本页最后一项的游标，传给 after 取下一页' })
  endCursor!: string | null;
}

@ObjectType('ProjectConnection', { simpleResolvers: true, description: '一页项目' })
export class ProjectConnectionType {
  @Field(() => Int, { description: '符合条件的项目总数（不分页）' })
  totalCount!: number;

  @Field(() => [ProjectType], { description: '本页的项目' })
  nodes!: ProjectType[];

  @Field(() => PageInfoType, { description: '分页信息' })
  pageInfo!: PageInfoType;
}

@ObjectType('ImportMessage', { description: '导入时的提示或错误，指明表号和行号' })
export class ImportMessageType {
  @Field(() => Int, { nullable: true, description: '表号；针对整个文件时为空' })
  table!: number | null;

  @Field(() => Int, { nullable: true, description: '行号（从 1 开始）' })
  line!: number | null;

  @Field(() => String, { description: '说明，如 "表3第10行：预算数应为数字（万元）…"' })
  message!: string;

  @Field(() => String, { nullable: true, description: '所指的单元格，如 "F12"（文本：行号与该行第几格）' })
  cell?: string | null;

  @Field(() => String, { nullable: true, description: '工作簿：工作表名称' })
  sheet?: string | null;
}

@ObjectType('ImportResult', { description: '导入绩效目标表的结果：成功的表已保存，失败的表列在 errors' })
export class ImportResultType {
  @Field(() => [ProjectType], { description: '已保存（新建或更新）的项目' })
  projects!: ProjectType[];

  @Field(() => Int, { description: '新建的项目数' })
  created!: number;

  @Field(() => Int, { description: '更新的项目数（同一单位、年度、项目名称再次导入）' })
  updated!: number;

  @Field(() => Int, { description: '自评表带来的实际完成值中新保存的条数（与当前实际值相同的不再保存）' })
  actuals!: number;

  @Field(() => [ImportMessageType], { description: '解析时推定的内容（如未写比较符），请核对' })
  warnings!: ImportMessageType[];

  @Field(() => [ImportMessageType], { description: '未能导入的表及原因' })
  errors!: ImportMessageType[];
}
