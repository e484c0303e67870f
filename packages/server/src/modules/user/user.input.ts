import { Field, InputType } from 'type-graphql';
import { UserRole } from './user.entity.js';

@InputType('CreateUserInput', { description: '新用户' })
export class CreateUserInput {
  @Field(() => String, { description: '用户名（登录名）：2–64 个字母、数字、汉字或 _ . -' })
  username!: string;

  @Field(() => String, { description: '真实姓名，报表中显示' })
  displayName!: string;

  @Field(() => UserRole, { description: '角色' })
  role!: UserRole;

  @Field(() => String, { description: '所属单位编码：须为本人所属单位或其下级单位' })
  orgCode!: string;

  @Field(() => String, { nullable: true, description: '初始密码，至少 8 位；不给则生成一个，只在结果中返回这一次' })
  password?: string | null;
}
