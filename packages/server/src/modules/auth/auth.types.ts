import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { nameOf, UserRole, type User } from '../user/user.entity.js';

registerEnumType(UserRole, {
  name: 'UserRole',
  description: '角色',
  valuesConfig: {
    ADMIN: { description: '管理员：管理本单位及下级单位的一切' },
    MANAGER: { description: '管理人员：导入目标表、录入实际值和支出、设定分值' },
    INSPECTOR: { description: '现场人员：维修、设备验收和问卷' },
    VIEWER: { description: '只读' },
  },
});

@ObjectType('User', { description: '用户' })
export class UserType {
  @Field(() => ID, { description: '用户 id' })
  id!: string;

  @Field(() => String, { description: '用户名（登录名）' })
  username!: string;

  @Field(() => String, { description: '真实姓名；未填写时为用户名' })
  displayName!: string;

  @Field(() => UserRole, { description: '角色' })
  role!: UserRole;

  @Field(() => String, { description: '所属单位编码' })
  orgCode!: string;

  @Field(() => String, { description: '所属单位名称' })
  orgName!: string;

  @Field(() => Boolean, { description: '是否已停用：停用的用户不能登录' })
  disabled!: boolean;

  @Field(() => Date, { nullable: true, description: '最近一次登录的时间；从未登录时为空' })
  lastLoginAt!: Date | null;
}

/** The GraphQL view of a user whose organization is loaded. */
export function toUserType(user: User): UserType {
  return {
    id: user.id,
    username: user.username,
    displayName: nameOf(user),
    role: user.role,
    orgCode: user.organization.code,
    orgName: user.organization.name,
    disabled: user.disabled,
    lastLoginAt: user.lastLoginAt,
  };
}

@ObjectType('AuthPayload', { description: '登录结果' })
export class AuthPayloadType {
  @Field(() => String, { description: '放在请求头 "Authorization: Bearer <token>" 中；到期后需重新登录' })
  token!: string;

  @Field(() => UserType, { description: '登录的用户' })
  user!: UserType;
}
