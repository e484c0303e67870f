import { rolesThatMay } from '@jixiao/domain';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentViewer } from '../../graphql/current-viewer.js';
import type { Viewer } from '../auth/auth.service.js';
import { toUserType, UserType } from '../auth/auth.types.js';
import { ForbiddenError, ValidationError, withFieldPrefix } from '../common/errors.js';
import { CreateUserInput } from './user.input.js';
import { createUser, findUserInScope, generatePassword, listUsers, setPassword, setUserDisabled } from './user.service.js';
import { UserPasswordPayloadType } from './user.types.js';

/** Account management for ADMIN, limited to their own organization and its descendants. */
@Resolver()
export class UserResolver {
  @Authorized(rolesThatMay('MANAGE_ACCOUNTS'))
  @Query(() => [UserType], { description: '用户列表（仅 ADMIN）：本人所属单位及下级单位的用户，按单位编码和用户名排序' })
  async users(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('orgCode', () => String, { nullable: true, description: '只列该单位及其下级单位的用户；不给则为本人可管理的全部单位' }) orgCode?: string | null,
  ): Promise<UserType[]> {
    const code = orgCode ?? viewer.user.organization.code;
    if (!viewer.scope.byCode(code)) throw new ForbiddenError();
    return (await listUsers(context.em, viewer.scope.subtree(code))).map(toUserType);
  }

  @Authorized(rolesThatMay('MANAGE_ACCOUNTS'))
  @Mutation(() => UserPasswordPayloadType, {
    description: '创建用户（仅 ADMIN，单位须在本人所属单位及下级单位之内）；未给密码时生成一个，只在结果中返回这一次',
  })
  async createUser(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => CreateUserInput, { description: '新用户' }) input: CreateUserInput,
  ): Promise<UserPasswordPayloadType> {
    if (!viewer.scope.byCode(input.orgCode)) throw new ForbiddenError();
    if (input.displayName.trim() === '') throw new ValidationError('input.displayName', '真实姓名不能为空');
    const generated = input.password == null ? generatePassword() : null;
    const user = await withFieldPrefix('input.', () =>
      createUser(
        context.em,
        { username: input.username, displayName: input.displayName, role: input.role, orgCode: input.orgCode, password: input.password ?? generated! },
        viewer.user.username,
      ),
    );
    await context.em.populate(user, ['organization']);
    return { user: toUserType(user), generatedPassword: generated };
  }

  @Authorized(rolesThatMay('MANAGE_ACCOUNTS'))
  @Mutation(() => UserPasswordPayloadType, {
    description: '重设用户密码（仅 ADMIN，本人可管理的单位内）：该用户此前的全部令牌和下载链接立即失效；未给新密码时生成一个，只在结果中返回这一次',
  })
  async resetPassword(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('userId', () => ID, { description: '用户 id' }) userId: string,
    @Arg('newPassword', () => String, { nullable: true, description: '新密码，至少 8 位；不给则生成' }) newPassword?: string | null,
  ): Promise<UserPasswordPayloadType> {
    const user = await findUserInScope(context.em, viewer, userId);
    // One's own password changes with the old one (changePassword), so a stolen session cannot.
    if (user.id === viewer.user.id) throw new ValidationError('userId', '不能重设自己的密码：请用 changePassword（需要原密码）修改');
    const generated = newPassword == null ? generatePassword() : null;
    await setPassword(context.em, user, newPassword ?? generated!, viewer.user.username, 'password-reset', 'newPassword');
    return { user: toUserType(user), generatedPassword: generated };
  }

  @Authorized(rolesThatMay('MANAGE_ACCOUNTS'))
  @Mutation(() => UserType, {
    description:
      '停用或启用用户（仅 ADMIN，本人可管理的单位内）：停用后该用户不能登录，已有令牌和下载链接立即失效。不能停用自己，也不能停用最后一个启用的 ADMIN',
  })
  async setUserDisabled(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('userId', () => ID, { description: '用户 id' }) userId: string,
    @Arg('disabled', () => Boolean, { description: 'true 停用，false 启用' }) disabled: boolean,
  ): Promise<UserType> {
    const user = await findUserInScope(context.em, viewer, userId);
    if (disabled && user.id === viewer.user.id) throw new ValidationError('userId', '不能停用自己的账号');
    await setUserDisabled(context.em, user, disabled, viewer.user.username, 'userId');
    return toUserType(user);
  }
}
