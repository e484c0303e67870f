import { can, ROLES, rolesThatMay } from '@jixiao/domain';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { appendAuditEvent } from '../audit/audit-chain.js';
import { hashPassword } from '../auth/password.js';
import type { Viewer } from '../auth/auth.service.js';
import { ForbiddenError, ValidationError } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import { Organization } from '../organization/organization.entity.js';
import { User, UserRole } from './user.entity.js';

/**
 * Accounts: creating users, passwords, disabling (organizations: organization.service.ts). Shared
 * by the CLI (actor "cli") and the GraphQL API (actor: the admin's username); every change is
 * audited in the transaction that makes it. Field names in ValidationError are the plain input
 * names (`username`, `password`, `displayName`, `role`, `orgCode`): the CLI turns them into its
 * options, the API into `input.…`.
 */

export const MIN_PASSWORD_LENGTH = 8;

export interface NewUser {
  username: string;
  password: string;
  role: UserRole;
  orgCode: string;
  /** 真实姓名; reports fall back to the username without one. */
  displayName?: string | null;
}

/** A password to hand out once: 12 characters from 9 random bytes. */
export function generatePassword(): string {
  return randomBytes(9).toString('base64url');
}

export function checkPassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new ValidationError(field, `密码至少 ${MIN_PASSWORD_LENGTH} 位`);
  if (password.length > 128) throw new ValidationError(field, '密码最长 128 位');
}

/** The trimmed 真实姓名, or null when empty. */
export function checkDisplayName(displayName: string | null | undefined): string | null {
  const name = displayName?.trim() ?? '';
  if (name.length > 64) throw new ValidationError('displayName', `姓名最长 64 个字符，实际为 ${name.length}`);
  return name === '' ? null : name;
}

function checkUserFields(input: NewUser): string | null {
  if (!/^[A-Za-z0-9_.\-\u4e00-\u9fa5]{2,64}$/.test(input.username)) {
    throw new ValidationError('username', '用户名应为 2–64 个字母、数字、汉字或 _ . -');
  }
  const displayName = checkDisplayName(input.displayName);
  checkPassword(input.password);
  if (!ROLES.includes(input.role)) {
    throw new ValidationError('role', `角色应为 ${ROLES.join('、')} 之一`);
  }
  return displayName;
}

/** Creates a user in an existing organization (CLI `jixiao user add` and `init`, the API's createUser, the demo). */
export async function createUser(em: EntityManager, input: NewUser, actor: string | null): Promise<User> {
  const displayName = checkUserFields(input);
  const organization = await em.findOne(Organization, { code: input.orgCode });
  if (!organization) throw new ValidationError('orgCode', `单位编码“${input.orgCode}”不存在，请先导入该单位的目标表或创建单位`);
  if (await em.findOne(User, { username: input.username })) {
    throw new ValidationError('username', `用户名“${input.username}”已存在`);
  }
  const passwordHash = await hashPassword(input.password);
  return em.transactional(async (tx) => {
    const user = tx.create(User, { username: input.username, displayName, passwordHash, role: input.role, organization });
    await tx.flush();
    await appendAuditEvent(tx, {
      actor,
      action: 'create',
      entity: 'User',
      entityId: user.id,
      after: { username: user.username, displayName, role: user.role, orgCode: organization.code },
    });
    return user;
  });
}

/**
 * Sets a new password and revokes every token and download link issued to the user so far.
 * `action`: "password-change" by the user themselves, "password-reset" by an admin or the CLI.
 */
export async function setPassword(
  em: EntityManager,
  user: User,
  password: string,
  actor: string | null,
  action: 'password-change' | 'password-reset',
  field = 'password',
): Promise<void> {
  checkPassword(password, field);
  const passwordHash = await hashPassword(password);
  await em.transactional(async (tx) => {
    const target = await tx.findOneOrFail(User, user.id);
    target.passwordHash = passwordHash;
    target.tokenVersion += 1;
    await tx.flush();
    await appendAuditEvent(tx, { actor, action, entity: 'User', entityId: target.id, after: { username: target.username, tokenVersion: target.tokenVersion } });
    user.tokenVersion = target.tokenVersion;
  });
}

/**
 * Disables (revoking the user's tokens and download links) or enables a user. Refuses to disable
 * the last enabled ADMIN: nobody could manage accounts any more. Whether one may disable oneself
 * is the caller's rule (the API refuses it).
 */
export async function setUserDisabled(em: EntityManager, user: User, disabled: boolean, actor: string | null, field = 'username'): Promise<void> {
  await em.transactional(async (tx) => {
    const target = await tx.findOneOrFail(User, user.id);
    if (target.disabled === disabled) return;
    if (disabled && can(target.role, 'MANAGE_ACCOUNTS')) {
      const otherAdmins = await tx.count(User, { role: { $in: [...rolesThatMay('MANAGE_ACCOUNTS')] }, disabled: false, id: { $ne: target.id } });
      if (otherAdmins === 0) throw new ValidationError(field, `“${target.username}”是最后一个启用的管理员（ADMIN），不能停用`);
    }
    target.disabled = disabled;
    if (disabled) target.tokenVersion += 1;
    await tx.flush();
    await appendAuditEvent(tx, {
      actor,
      action: disabled ? 'disable' : 'enable',
      entity: 'User',
      entityId: target.id,
      after: { username: target.username, disabled, tokenVersion: target.tokenVersion },
    });
    user.disabled = disabled;
    user.tokenVersion = target.tokenVersion;
  });
}

/** Users of these organizations (all when `orgIds` is null), by organization code and username. */
export async function listUsers(em: EntityManager, orgIds: readonly string[] | null): Promise<User[]> {
  return em.find(User, orgIds === null ? {} : { organization: { $in: [...orgIds] } }, {
    populate: ['organization'],
    orderBy: { organization: { code: 'asc' }, username: 'asc' },
  });
}

/** The user with this id if they belong to the viewer's organizations; FORBIDDEN otherwise, as for any id. */
export async function findUserInScope(em: EntityManager, viewer: Viewer, userId: string): Promise<User> {
  const user = isUuid(userId) ? await em.findOne(User, { id: userId }, { populate: ['organization'] }) : null;
  if (!user || !viewer.scope.has(user.organization.id)) throw new ForbiddenError();
  return user;
}
