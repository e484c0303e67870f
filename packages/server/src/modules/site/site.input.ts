import { Field, InputType } from 'type-graphql';
import { SiteKind } from './site.entity.js';

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
