import { Field, ID, InputType } from 'type-graphql';

@InputType('CreateEquipmentItemInput', { description: '新设备' })
export class CreateEquipmentItemInput {
  @Field(() => ID, { description: '项目 id' })
  projectId!: string;

  @Field(() => String, { description: '设备名称' })
  name!: string;

  @Field(() => String, { nullable: true, description: '型号' })
  model?: string | null;

  @Field(() => String, { nullable: true, description: '序列号' })
  serialNumber?: string | null;

  @Field(() => String, { nullable: true, description: '资产编号' })
  assetTag?: string | null;
}

@InputType('UpdateEquipmentItemInput', { description: '修改设备信息；未给出的字段保持不变，空字符串清除（名称除外）' })
export class UpdateEquipmentItemInput {
  @Field(() => ID, { description: '设备 id' })
  id!: string;

  @Field(() => String, { nullable: true, description: '设备名称（不能为空）' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: '型号' })
  model?: string | null;

  @Field(() => String, { nullable: true, description: '序列号' })
  serialNumber?: string | null;

  @Field(() => String, { nullable: true, description: '资产编号' })
  assetTag?: string | null;
}
