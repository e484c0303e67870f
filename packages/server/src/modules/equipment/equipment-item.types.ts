import { Field, ID, ObjectType } from 'type-graphql';
import type { EquipmentItem } from './equipment-item.entity.js';

@ObjectType('EquipmentItem', { description: '项目购置的设备：设备验收的对象' })
export class EquipmentItemType {
  @Field(() => ID, { description: '设备 id' })
  id!: string;

  @Field(() => ID, { description: '项目 id' })
  projectId!: string;

  @Field(() => String, { description: '设备名称' })
  name!: string;

  @Field(() => String, { nullable: true, description: '型号' })
  model!: string | null;

  @Field(() => String, { nullable: true, description: '序列号' })
  serialNumber!: string | null;

  @Field(() => String, { nullable: true, description: '资产编号' })
  assetTag!: string | null;

  static from(item: EquipmentItem): EquipmentItemType {
    return { id: item.id, projectId: item.project.id, name: item.name, model: item.model, serialNumber: item.serialNumber, assetTag: item.assetTag };
  }
}
