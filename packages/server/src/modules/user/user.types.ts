import { Field, ObjectType } from 'type-graphql';
import { UserType } from '../auth/auth.types.js';

@ObjectType('UserPasswordPayload', { description: '创建用户或重设密码的结果' })
export class UserPasswordPayloadType {
  @Field(() => UserType, { description: '该用户' })
  user!: UserType;

  @Field(() => String, { nullable: true, description: '生成的密码：只返回这一次，请转交本人并提醒其修改；给定密码时为空' })
  generatedPassword!: string | null;
}
