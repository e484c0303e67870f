import { wrap, type EntityManager } from '@mikro-orm/core';
import { UnauthenticatedError, ValidationError } from '../common/errors.js';
import { selectRows } from '../common/rows.js';
import { OrgScope } from '../organization/org-scope.js';
import { Organization } from '../organization/organization.entity.js';
import { User, UserRole } from '../user/user.entity.js';
import { appendAuditEvent } from '../audit/audit-chain.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { issueDownloadToken, issueToken, verifyDownloadToken, verifyToken, type DownloadClaims } from './token.js';

/** The signed-in user and the organizations they may see. */
export interface Viewer {
  user: User;
  scope: OrgScope;
}

/** The signed-in user's row and their organization's, as read on every request. */
interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  organization_id: string;
  token_version: number | string;
  created_at: unknown;
  org_code: string;
  org_name: string;
  org_parent_id: string | null;
  org_created_at: unknown;
}

const USER_SQL = `select u.id, u.username, u.password_hash, u.role, u.organization_id, u.token_version, u.created_at,
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
      const organization = this.em.map(Organization, { id: row.organization_id, code: row.org_code, name: row.org_name, parent_id: row.org_parent_id, created_at: row.org_created_at });
      const user = this.em.map(User, {
        id: row.id,
        username: row.username,
        password_hash: row.password_hash,
        role: row.role as UserRole,
        organization_id: row.organization_id,
        token_version: row.token_version,
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

/** Logins, tokens and user creation. One per app; state: the login rate limiter. */
export class AuthService {
  readonly limiter = new LoginRateLimiter();

  constructor(
    private readonly secret: string,
    private readonly tokenTtlSeconds: number,
  ) {}

  async login(em: EntityManager, username: string, password: string, address: string): Promise<LoginResult> {
    this.limiter.check(username, address);
    const user = await em.findOne(User, { username }, { populate: ['organization'] });
    // Verify against a dummy hash for unknown users: the answer takes as long either way.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) {
      this.limiter.recordFailure(username, address);
      throw new UnauthenticatedError('用户名或密码错误');
    }
    this.limiter.recordSuccess(username);
    const exp = Math.floor(Date.now() / 1000) + this.tokenTtlSeconds;
    return { token: issueToken(this.secret, { sub: user.id, ver: user.tokenVersion, exp }), user };
  }

  /** A signed download link's token for this user (valid 10 minutes by default). */
  downloadToken(user: User, kind: string, params: DownloadClaims['params'], ttlSeconds = 600): string {
    return issueDownloadToken(this.secret, { kind, sub: user.id, params, exp: Math.floor(Date.now() / 1000) + ttlSeconds });
  }

  /** The viewer a download token was issued to, re-checked now, and what it asks for. */
  async authenticateDownload(em: EntityManager, token: string, kind: string): Promise<{ viewer: Viewer; params: DownloadClaims['params'] }> {
    const claims = verifyDownloadToken(this.secret, token);
    if (!claims || claims.kind !== kind) throw new UnauthenticatedError('下载链接无效或已过期，请重新生成');
    const viewer = await this.viewerOf(em, claims.sub, null);
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

  /** The user with this id and their scope; null if there is none, or (with `version`) if their tokens were revoked. */
  private async viewerOf(em: EntityManager, userId: string, version: number | null): Promise<Viewer | null> {
    const rows = (await selectRows(em, USER_SQL, [userId])) as unknown as UserRow[];
    const row = rows[0];
    if (!row || (version !== null && Number(row.token_version) !== version)) return null;
    return new SignedInViewer(em, row, await OrgScope.load(em, String(row.organization_id)));
  }
}

export interface NewUser {
  username: string;
  password: string;
  role: UserRole;
  orgCode: string;
}

/** Creates a user in an existing organization (CLI `jixiao user add`, demo set-up). */
export async function createUser(em: EntityManager, input: NewUser, actor: string | null): Promise<User> {
  if (!/^[A-Za-z0-9_.\-\u4e00-\u9fa5]{2,64}$/.test(input.username)) {
    throw new ValidationError('username', '用户名应为 2–64 个字母、数字、汉字或 _ . -');
  }
  if (input.password.length < 8) throw new ValidationError('password', '密码至少 8 位');
  if (!Object.values(UserRole).includes(input.role)) {
    throw new ValidationError('role', `角色应为 ${Object.values(UserRole).join('、')} 之一`);
  }
  const organization = await em.findOne(Organization, { code: input.orgCode });
  if (!organization) throw new ValidationError('org', `单位编码“${input.orgCode}”不存在，请先导入该单位的目标表或创建单位`);
  if (await em.findOne(User, { username: input.username })) {
    throw new ValidationError('username', `用户名“${input.username}”已存在`);
  }
  const passwordHash = await hashPassword(input.password);
  return em.transactional(async (tx) => {
    const user = tx.create(User, { username: input.username, passwordHash, role: input.role, organization });
    await tx.flush();
    await appendAuditEvent(tx, {
      actor,
      action: 'create',
      entity: 'User',
      entityId: user.id,
      after: { username: user.username, role: user.role, orgCode: organization.code },
    });
    return user;
  });
}
