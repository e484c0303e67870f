import { Field, ID, InputType } from 'type-graphql';
import { SiteKind } from './site.entity.js';

@InputType('CreateSiteInput', {
  description:
    '新地点。手机离线时也可新建（与验收记录一同排队）：设备生成 id，重复提交同一 id、同样内容返回该地点，内容不同报 CONFLICT；该单位已有同名地点时返回已有的地点（其 id 可能与所给的不同，设备此后应使用返回的 id）',
})
export class CreateSiteInput {
  @Field(() => ID, { nullable: true, description: '设备生成的地点 id（UUID），离线新建时用于去重；不给则由服务器生成' })
  id?: string | null;

  @Field(() => String, { description: '所属单位编码' })
  orgCode!: string;

  @Field(() => String, { description: '名称，如 "大孟庄法庭"（最长 100 个字符）；同一单位内不重复' })
  name!: string;

  @Field(() => SiteKind, { description: '类型' })
  kind!: SiteKind;

  @Field(() => String, { nullable: true, description: '地址（最长 200 个字符）' })
  address?: string | null;
}

@InputType('UpdateSiteInput', { description: '修改地点；未给出的字段保持不变' })
export class UpdateSiteInput {
  @Field(() => ID, { description: '地点 id' })
  id!: string;

  @Field(() => String, { nullable: true, description: '名称（最长 100 个字符）；同一单位内不重复，重名报 CONFLICT' })
  name?: string | null;

  @Field(() => SiteKind, { nullable: true, description: '类型' })
  kind?: SiteKind | null;

  @Field(() => String, { nullable: true, description: '地址（最长 200 个字符）；空字符串清除地址' })
  address?: string | null;
}
