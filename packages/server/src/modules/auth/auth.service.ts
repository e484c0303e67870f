import { wrap, type EntityManager } from '@mikro-orm/core';
import { UnauthenticatedError, ValidationError } from '../common/errors.js';
import { boolean, instant, nullable, number, queryRows, text, type RowOf } from '../common/sql.js';
import { OrgScope } from '../organization/org-scope.js';
import { Organization } from '../organization/organization.entity.js';
import { User, UserRole } from '../user/user.entity.js';
import { setPassword } from '../user/user.service.js';
import { LoginRateLimiter, type LoginLimits } from './login-rate-limiter.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import { issueDownloadToken, issueToken, verifyDownloadToken, verifyToken, type DownloadClaims } from './token.js';

/** The signed-in user and the organizations they may see. */
export interface Viewer {
  user: User;
  scope: OrgScope;
}

/** The signed-in user's row and their organization's, as read on every request. */
const USER_COLUMNS = {
  id: text,
  username: text,
  display_name: nullable(text),
  password_hash: text,
  role: text<UserRole>,
  organization_id: text,
  token_version: number,
  disabled: boolean,
  last_login_at: nullable(instant),
  created_at: instant,
  org_code: text,
  org_name: text,
  org_parent_id: nullable(text),
  org_created_at: instant,
};
type UserRow = RowOf<typeof USER_COLUMNS>;

const USER_SQL = `select u.id, u.username, u.display_name, u.password_hash, u.role, u.organization_id, u.token_version, u.disabled, u.last_login_at, u.created_at,
    o.code as org_code, o.name as org_name, o.parent_id as org_parent_id, o.created_at as org_created_at
  from app_user u join organization o on o.id = u.organization_id where u.id = ?`;

/**
 * A viewer read as plain rows (every request authenticates; a findOne with its organization costs
 * several times the query). The User entity, which only writes and role checks need, is made from
 * the row on first use, managed by the request's EntityManager as a loaded one would be.
 */
class SignedInViewer implements Viewer {
  private entity: User | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly row: UserRow,
    readonly scope: OrgScope,
  ) {}

  get user(): User {
    if (!this.entity) {
      const row = this.row;
      const organization = this.em.map(Organization, {
        id: row.organization_id,
        code: row.org_code,
        name: row.org_name,
        parent_id: row.org_parent_id,
        created_at: row.org_created_at,
      });
      const user = this.em.map(User, {
        id: row.id,
        username: row.username,
        display_name: row.display_name,
        password_hash: row.password_hash,
        role: row.role,
        organization_id: row.organization_id,
        token_version: row.token_version,
        disabled: row.disabled,
        last_login_at: row.last_login_at,
        created_at: row.created_at,
      });
      // As after populate: ['organization'] (serialized as an object, not as its id).
      if (user.organization === organization) wrap(organization, true).populated();
      this.entity = user;
    }
    return this.entity;
  }
}

export interface LoginResult {
  token: string;
  user: User;
}

/** Longest username and password a login may send: checked before any other work (a username is at most 64, a password 128). */
export const MAX_LOGIN_USERNAME = 64;
export const MAX_LOGIN_PASSWORD = 128;

/** Logins, tokens and user creation. One per app; the login limits live in the database (login_throttle). */
export class AuthService {
  readonly limiter: LoginRateLimiter;

  constructor(
    private readonly secret: string,
    private readonly tokenTtlSeconds: number,
    loginLimits?: LoginLimits,
  ) {
    this.limiter = new LoginRateLimiter(loginLimits);
  }

  async login(em: EntityManager, username: string, password: string, address: string): Promise<LoginResult> {
    // Before anything else: a 5 MB username must cost nothing and never reach the limiter's table.
    if (username.length > MAX_LOGIN_USERNAME) throw new ValidationError('username', `用户名最长 ${MAX_LOGIN_USERNAME} 个字符`);
    if (password.length > MAX_LOGIN_PASSWORD) throw new ValidationError('password', `密码最长 ${MAX_LOGIN_PASSWORD} 位`);
    const attempt = await this.limiter.claim(em, username, address);
    const user = await em.findOne(User, { username }, { populate: ['organization'] });
    // Verify against a dummy hash for unknown users: the answer takes as long either way.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) throw new UnauthenticatedError('用户名或密码错误');
    await attempt.succeeded();
    // Only after the right password: a stranger cannot tell a disabled account from a wrong guess.
    if (user.disabled) throw new UnauthenticatedError('账号已停用，请联系管理员');
    await em.nativeUpdate(User, { id: user.id }, { lastLoginAt: new Date() });
    return { token: this.tokenFor(user), user };
  }

  /** A new bearer token for the user's current token version. */
  tokenFor(user: User): string {
    return issueToken(this.secret, { sub: user.id, ver: user.tokenVersion, exp: Math.floor(Date.now() / 1000) + this.tokenTtlSeconds });
  }

  /**
   * The signed-in user's own password change: the old password is checked (failures count against
   * the login rate limit, so it cannot be guessed here instead), every token and download link
   * issued so far is revoked, and a new token is returned for the session that asked.
   */
  async changePassword(em: EntityManager, viewer: Viewer, oldPassword: string, newPassword: string, address: string): Promise<LoginResult> {
    const user = viewer.user;
    if (oldPassword.length > MAX_LOGIN_PASSWORD) throw new ValidationError('oldPassword', `密码最长 ${MAX_LOGIN_PASSWORD} 位`);
    if (newPassword.length > MAX_LOGIN_PASSWORD) throw new ValidationError('newPassword', `密码最长 ${MAX_LOGIN_PASSWORD} 位`);
    const attempt = await this.limiter.claim(em, user.username, address);
    if (!(await verifyPassword(user.passwordHash, oldPassword))) throw new ValidationError('oldPassword', '原密码不正确');
    await attempt.succeeded();
    if (oldPassword === newPassword) throw new ValidationError('newPassword', '新密码不能与原密码相同');
    await setPassword(em, user, newPassword, user.username, 'password-change', 'newPassword');
    return { token: this.tokenFor(user), user };
  }

  /** A signed download link's token for this user, void once their tokens are revoked (valid 10 minutes by default). */
  downloadToken(user: User, kind: string, params: DownloadClaims['params'], ttlSeconds = 600): string {
    return issueDownloadToken(this.secret, { kind, sub: user.id, ver: user.tokenVersion, params, exp: Math.floor(Date.now() / 1000) + ttlSeconds });
  }

  /** The viewer a download token was issued to, re-checked now, and what it asks for. */
  async authenticateDownload(em: EntityManager, token: string, kind: string): Promise<{ viewer: Viewer; params: DownloadClaims['params'] }> {
    const claims = verifyDownloadToken(this.secret, token);
    if (!claims || claims.kind !== kind) throw new UnauthenticatedError('下载链接无效或已过期，请重新生成');
    const viewer = await this.viewerOf(em, claims.sub, claims.ver);
    if (!viewer) throw new UnauthenticatedError('下载链接无效或已过期，请重新生成');
    return { viewer, params: claims.params };
  }

  /** The viewer of an "Authorization: Bearer …" header; null without a header. */
  async authenticate(em: EntityManager, authorization: string | undefined): Promise<Viewer | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const claims = match ? verifyToken(this.secret, match[1]) : null;
    if (!claims) throw new UnauthenticatedError('登录已失效，请重新登录');
    const viewer = await this.viewerOf(em, claims.sub, claims.ver);
    if (!viewer) throw new UnauthenticatedError('登录已失效，请重新登录');
    return viewer;
  }

  /** The user with this id and their scope; null if there is none, they are disabled, or their tokens were revoked since `version`. */
  private async viewerOf(em: EntityManager, userId: string, version: number): Promise<Viewer | null> {
    const [row] = await queryRows(em, USER_SQL, [userId], USER_COLUMNS);
    if (!row || row.disabled || row.token_version !== version) return null;
    return new SignedInViewer(em, row, await OrgScope.load(em, row.organization_id));
  }
}

// Kept here for the callers that create users next to logging in (tests, the demo).
export { createUser, type NewUser } from '../user/user.service.js';
