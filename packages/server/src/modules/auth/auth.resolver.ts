import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentViewer } from '../../graphql/current-viewer.js';
import type { Viewer } from './auth.service.js';
import { AuthPayloadType, toUserType, UserType } from './auth.types.js';

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
  @Mutation(() => AuthPayloadType, {
    description: '修改本人密码：须给出原密码（错误次数计入登录失败限制）；成功后本人此前的全部令牌和下载链接立即失效，返回新的令牌供当前会话继续使用',
  })
  async changePassword(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('oldPassword', () => String, { description: '原密码' }) oldPassword: string,
    @Arg('newPassword', () => String, { description: '新密码，至少 8 位' }) newPassword: string,
  ): Promise<AuthPayloadType> {
    const { token, user } = await context.auth.changePassword(context.em, viewer, oldPassword, newPassword, context.address);
    return { token, user: toUserType(user) };
  }

  @Authorized()
  @Query(() => UserType, { description: '当前登录的用户' })
  me(@CurrentViewer() viewer: Viewer): UserType {
    return toUserType(viewer.user);
  }
}
