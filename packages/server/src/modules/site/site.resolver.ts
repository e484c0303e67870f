import { rolesThatMay } from '@jixiao/domain';
import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { appendAuditEvent } from '../audit/audit-chain.js';
import { checkLength, ForbiddenError, ValidationError } from '../common/errors.js';
import { EquipmentItem } from '../equipment/equipment-item.entity.js';
import { EquipmentItemType } from '../equipment/equipment-item.types.js';
import { SiteType } from '../inspection/inspection.types.js';
import { findVisibleProject } from '../project/project.service.js';
import { Organization } from '../organization/organization.entity.js';
import { Site, SiteKind } from './site.entity.js';

const WRITERS = rolesThatMay('MANAGE_PROJECTS');

@InputType('CreateSiteInput', { description: '新地点' })
export class CreateSiteInput {
  @Field(() => String, { description: '所属单位编码' })
  orgCode!: string;

  @Field(() => String, { description: '名称，如 "大孟庄法庭"；同一单位内不重复' })
  name!: string;

  @Field(() => SiteKind, { description: '类型' })
  kind!: SiteKind;

  @Field(() => String, { nullable: true, description: '地址' })
  address?: string | null;
}

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

function siteType(site: Site): SiteType {
  return { id: site.id, name: site.name, kind: site.kind, address: site.address, orgCode: site.organization.code };
}

const trimmed = (text: string | null | undefined): string | null => text?.trim() || null;

@Resolver()
export class SiteResolver {
  @Authorized()
  @Query(() => [SiteType], { description: '本人可见单位的地点（可按单位编码筛选）' })
  async sites(@Ctx() context: Context, @Arg('orgCode', () => String, { nullable: true, description: '单位编码' }) orgCode: string | null): Promise<SiteType[]> {
    const viewer = requireViewer(context);
    const orgIds = orgCode ? viewer.scope.subtree(orgCode) : [...viewer.scope.ids];
    const sites = await context.em.find(Site, { organization: { $in: orgIds } }, { populate: ['organization'], orderBy: { name: 'asc' } });
    return sites.map(siteType);
  }

  @Authorized(WRITERS)
  @Mutation(() => SiteType, { description: '新建地点' })
  async createSite(@Ctx() context: Context, @Arg('input', () => CreateSiteInput, { description: '地点' }) input: CreateSiteInput): Promise<SiteType> {
    const viewer = requireViewer(context);
    const visible = viewer.scope.byCode(input.orgCode);
    if (!visible) throw new ForbiddenError();
    const organization = context.em.getReference(Organization, visible.id);
    const name = input.name.trim();
    if (name === '') throw new ValidationError('input.name', '请填写地点名称');
    checkLength('input.name', name, 100);
    checkLength('input.address', input.address, 500);
    if (await context.em.findOne(Site, { organization, name })) throw new ValidationError('input.name', `地点“${name}”已存在`);
    const site = await context.em.transactional(async (tx) => {
      const created = tx.create(Site, { organization, name, kind: input.kind, address: trimmed(input.address) });
      await tx.flush();
      await appendAuditEvent(tx, { actor: viewer.user.username, action: 'create', entity: 'Site', entityId: created.id, after: { orgCode: input.orgCode, name, kind: input.kind } });
      return created;
    });
    return { id: site.id, name: site.name, kind: site.kind, address: site.address, orgCode: visible.code };
  }

  @Authorized()
  @Query(() => [EquipmentItemType], { description: '项目购置的设备' })
  async equipmentItems(@Ctx() context: Context, @Arg('projectId', () => ID, { description: '项目 id' }) projectId: string): Promise<EquipmentItemType[]> {
    const project = await findVisibleProject(context.em, requireViewer(context), projectId);
    return (await context.em.find(EquipmentItem, { project }, { orderBy: { createdAt: 'asc', id: 'asc' } })).map((item) => EquipmentItemType.from(item));
  }

  @Authorized(WRITERS)
  @Mutation(() => EquipmentItemType, { description: '登记项目购置的设备' })
  async createEquipmentItem(
    @Ctx() context: Context,
    @Arg('input', () => CreateEquipmentItemInput, { description: '设备' }) input: CreateEquipmentItemInput,
  ): Promise<EquipmentItemType> {
    const viewer = requireViewer(context);
    const project = await findVisibleProject(context.em, viewer, input.projectId);
    const name = input.name.trim();
    if (name === '') throw new ValidationError('input.name', '请填写设备名称');
    for (const field of ['name', 'model', 'serialNumber', 'assetTag'] as const) checkLength(`input.${field}`, input[field], 200);
    const item = await context.em.transactional(async (tx) => {
      const created = tx.create(EquipmentItem, { project, name, model: trimmed(input.model), serialNumber: trimmed(input.serialNumber), assetTag: trimmed(input.assetTag) });
      await tx.flush();
      await appendAuditEvent(tx, { actor: viewer.user.username, action: 'create', entity: 'EquipmentItem', entityId: created.id, after: { projectId: project.id, name } });
      return created;
    });
    return EquipmentItemType.from(item);
  }
}
