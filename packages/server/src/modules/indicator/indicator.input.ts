import { Field, Float, ID, InputType } from 'type-graphql';
import { TierEnum } from './indicator.types.js';

@InputType('RecordActualInput', { description: '一次实际完成值' })
export class RecordActualInput {
  @Field(() => ID, { description: '指标 id' })
  indicatorId!: string;

  @Field(() => String, { nullable: true, description: '实际完成值，照常写法：如 "5个"、"96%"、"28.5万元"、"2023-09-20"' })
  value?: string | null;

  @Field(() => TierEnum, { nullable: true, description: '定性指标的达成等级（时限指标逾期时也可用来酌情给分）' })
  tier?: TierEnum | null;

  @Field(() => Float, { nullable: true, description: '等级内的得分比例（占分值的比例），如达成 0.9' })
  ratio?: number | null;

  @Field(() => String, { nullable: true, description: '备注' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: '设备生成的唯一编号：重复提交同一记录只保存一次' })
  clientId?: string | null;
}
