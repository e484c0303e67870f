import { Field, Float, ID, ObjectType } from 'type-graphql';

@ObjectType('Spending', { description: '一笔支出（预算执行的依据）' })
export class SpendingType {
  @Field(() => ID, { description: '支出记录 id' })
  id!: string;

  @Field(() => String, { description: '支出日期，如 "2023-09-20"' })
  date!: string;

  @Field(() => Float, { description: '金额（万元）' })
  amount!: number;

  @Field(() => String, { nullable: true, description: '备注' })
  note!: string | null;

  @Field(() => Date, { description: '录入时间' })
  recordedAt!: Date;

  @Field(() => String, { nullable: true, description: '录入人用户名；命令行导入或用户已删除时为空' })
  recordedBy!: string | null;

  @Field(() => String, { nullable: true, description: '录入人姓名（真实姓名，未填写时为用户名）；命令行导入或用户已删除时为空' })
  recordedByName!: string | null;
}
