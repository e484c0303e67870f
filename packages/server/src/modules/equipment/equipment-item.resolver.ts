import { rolesThatMay } from '@jixiao/domain';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentViewer } from '../../graphql/current-viewer.js';
import type { Viewer } from '../auth/auth.service.js';
import { CreateEquipmentItemInput, UpdateEquipmentItemInput } from './equipment-item.input.js';
import { EquipmentItemService } from './equipment-item.service.js';
import { EquipmentItemType } from './equipment-item.types.js';

const WRITERS = rolesThatMay('MANAGE_PROJECTS');

@Resolver(() => EquipmentItemType)
export class EquipmentItemResolver {
  @Authorized()
  @Query(() => [EquipmentItemType], { description: '项目购置的设备' })
  async equipmentItems(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('projectId', () => ID, { description: '项目 id' }) projectId: string,
  ): Promise<EquipmentItemType[]> {
    return (await new EquipmentItemService(context.em, viewer).list(projectId)).map((item) => EquipmentItemType.from(item));
  }

  @Authorized(WRITERS)
  @Mutation(() => EquipmentItemType, { description: '登记项目购置的设备' })
  async createEquipmentItem(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => CreateEquipmentItemInput, { description: '设备' }) input: CreateEquipmentItemInput,
  ): Promise<EquipmentItemType> {
    return EquipmentItemType.from(await new EquipmentItemService(context.em, viewer).create(input));
  }

  @Authorized(WRITERS)
  @Mutation(() => EquipmentItemType, { description: '修改设备的名称、型号、序列号或资产编号；记入审计日志' })
  async updateEquipmentItem(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => UpdateEquipmentItemInput, { description: '要修改的设备' }) input: UpdateEquipmentItemInput,
  ): Promise<EquipmentItemType> {
    return EquipmentItemType.from(await new EquipmentItemService(context.em, viewer).update(input));
  }
}
