import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { UserRole } from '../user/user.entity.js';

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

  @Field(() => String, { description: '用户名' })
  username!: string;

  @Field(() => UserRole, { description: '角色' })
  role!: UserRole;

  @Field(() => String, { description: '所属单位编码' })
  orgCode!: string;

  @Field(() => String, { description: '所属单位名称' })
  orgName!: string;
}

@ObjectType('AuthPayload', { description: '登录结果' })
export class AuthPayloadType {
  @Field(() => String, { description: '放在请求头 "Authorization: Bearer <token>" 中；到期后需重新登录' })
  token!: string;

  @Field(() => UserType, { description: '登录的用户' })
  user!: UserType;
}
