import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import type { User } from '../user/user.entity.js';
import { AuthPayloadType, UserType } from './auth.types.js';

function toUserType(user: User): UserType {
  return { id: user.id, username: user.username, role: user.role, orgCode: user.organization.code, orgName: user.organization.name };
}

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayloadType, { description: '用户名和密码登录，返回令牌。连续失败过多会被暂时拒绝（TOO_MANY_REQUESTS）' })
  async login(
    @Ctx() context: Context,
    @Arg('username', () => String, { description: '用户名' }) username: string,
    @Arg('password', () => String, { description: '密码' }) password: string,
  ): Promise<AuthPayloadType> {
    const { token, user } = await context.auth.login(context.em, username, password, context.address);
    return { token, user: toUserType(user) };
  }

  @Authorized()
  @Query(() => UserType, { description: '当前登录的用户' })
  me(@Ctx() context: Context): UserType {
    return toUserType(requireViewer(context).user);
  }
}
