import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';

@InputType('RecordSpendingInput', { description: '一笔支出' })
export class RecordSpendingInput {
  @Field(() => ID, { description: '项目 id' })
  projectId!: string;

  @Field(() => Float, { description: '金额（万元），大于 0' })
  amount!: number;

  @Field(() => String, { description: '支出日期，如 "2023-09-20" 或 "2023年9月20日"' })
  date!: string;

  @Field(() => String, { nullable: true, description: '备注' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: '设备生成的唯一编号：重复提交同一记录只保存一次' })
  clientId?: string | null;
}

@InputType('IndicatorWeightInput', { description: '一个指标的分值' })
export class IndicatorWeightInput {
  @Field(() => ID, { description: '指标 id' })
  indicatorId!: string;

  @Field(() => Float, { nullable: true, description: '分值；为空则恢复为一级指标内平均分配' })
  weight!: number | null;
}

@ArgsType()
export class ProjectsArgs {
  @Field(() => Int, { nullable: true, description: '预算年度' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: '单位编码：该单位及其下级单位' })
  orgCode?: string | null;

  @Field(() => Int, { nullable: true, description: '每页数量，默认 20，最多 100' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: '上一页的 pageInfo.endCursor' })
  after?: string | null;
}

@InputType('UpdateProjectSettingsInput', { description: '项目设置；未给出的设置保持不变' })
export class UpdateProjectSettingsInput {
  @Field(() => ID, { description: '项目 id' })
  projectId!: string;

  @Field(() => Boolean, { nullable: true, description: '验收记录是否须有验收人签名' })
  requireSignature?: boolean | null;
}
