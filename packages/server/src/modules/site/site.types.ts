import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { SiteKind, type Site } from './site.entity.js';

registerEnumType(SiteKind, {
  name: 'SiteKind',
  description: '地点类型',
  valuesConfig: {
    DISPATCHED_TRIBUNAL: { description: '派出法庭' },
    TECH_COURT: { description: '科技法庭' },
    OFFICE: { description: '办公室' },
    OTHER: { description: '其他' },
  },
});

@ObjectType('Site', { description: '地点：派出法庭、科技法庭、办公室' })
export class SiteType {
  @Field(() => ID, { description: '地点 id' })
  id!: string;

  @Field(() => String, { description: '名称，如 "大孟庄法庭"' })
  name!: string;

  @Field(() => SiteKind, { description: '类型' })
  kind!: SiteKind;

  @Field(() => String, { nullable: true, description: '地址' })
  address!: string | null;

  @Field(() => String, { description: '所属单位编码' })
  orgCode!: string;

  /** A site whose organization is loaded. */
  static from(site: Site): SiteType {
    return { id: site.id, name: site.name, kind: site.kind, address: site.address, orgCode: site.organization.code };
  }
}
