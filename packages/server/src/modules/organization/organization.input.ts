import { Field, InputType } from 'type-graphql';

@InputType('CreateOrganizationInput', { description: '新单位' })
export class CreateOrganizationInput {
  @Field(() => String, { description: '单位编码，如 "218102"：全库唯一' })
  code!: string;

  @Field(() => String, { description: '单位名称' })
  name!: string;

  @Field(() => String, { description: '上级单位编码：须为本人所属单位或其下级单位' })
  parentCode!: string;
}
