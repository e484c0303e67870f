import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { buildApp, type App } from '../app.js';
import { DEFAULT_CONFIG, type AppConfig } from '../config.js';
import type { Dialect } from '../db.js';
import { createUser } from '../modules/auth/auth.service.js';
import { Organization } from '../modules/organization/organization.entity.js';
import { UserRole } from '../modules/user/user.entity.js';
import { importTargetTables } from '../modules/target-import/target-import.service.js';
import { DIALECTS, openTestDb, testPostgresUrl, type TestDb } from './databases.js';

export const SEED_TEXT = readFileSync(new URL('../../../../test/fixtures/wuqing-court-2023-targets.txt', import.meta.url), 'utf8');
export const PASSWORD = 'correct-horse-battery';

export interface GraphqlResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export interface TestApi {
  db: TestDb;
  app: App;
  /** Runs a GraphQL operation over HTTP (in-process) and returns the parsed body. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphqlResponse<T>>;
  /** Logs in and returns the token. */
  login(username: string, password?: string): Promise<string>;
}

/** Tests that store photos pass their own uploadsDir; this one is only created if a test forgets to. */
export const TEST_CONFIG: AppConfig = {
  ...DEFAULT_CONFIG,
  secret: 'test-secret',
  uploadsDir: join(tmpdir(), `jixiao-test-uploads-${process.pid}`),
  logger: false,
  production: false,
};

export async function openTestApi(dialect: Dialect, config: Partial<AppConfig> = {}): Promise<TestApi> {
  const db = await openTestDb(dialect);
  const app = await buildApp(db, { ...TEST_CONFIG, ...config });
  const gql = async <T>(query: string, variables?: Record<string, unknown>, token?: string | null) => {
    const response = await app.server.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: JSON.stringify({ query, variables }),
    });
    return JSON.parse(response.body) as GraphqlResponse<T>;
  };
  const login = async (username: string, password = PASSWORD) => {
    const result = await gql<{ login: { token: string } }>('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: username,
      p: password,
    });
    if (!result.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.token;
  };
  const close = db.close;
  db.close = async () => {
    await app.server.close();
    await close();
  };
  return { db, app, gql, login };
}

/**
 * The seed imported, plus organizations and users for every role:
 * 218101 (the court, from the seed) with admin / manager / inspector / viewer, a parent 2181
 * (天津市高级人民法院 stand-in) with a manager who sees the court too, and an unrelated 999999 with
 * its own manager and project.
 */
export async function seedWorld(api: TestApi): Promise<void> {
  const em = api.db.em.fork();
  const parent = em.create(Organization, { code: '2181', name: '上级主管部门' });
  em.create(Organization, { code: '999999', name: '其他法院' });
  await em.flush();
  const imported = await importTargetTables(em.fork(), SEED_TEXT, {}, { cli: true });
  if (imported.errors.length > 0) throw new Error(JSON.stringify(imported.errors));
  const court = await em.findOneOrFail(Organization, { code: '218101' });
  court.parent = parent;
  await em.flush();
  const other = SEED_TEXT.slice(SEED_TEXT.indexOf('[bookmark: _Toc_4_4_0000000008]')).replace('218101天津市武清区人民法院', '999999其他法院');
  await importTargetTables(em.fork(), other, {}, { cli: true });
  const users: Array<[string, UserRole, string]> = [
    ['admin', UserRole.ADMIN, '218101'],
    ['manager', UserRole.MANAGER, '218101'],
    ['inspector', UserRole.INSPECTOR, '218101'],
    ['viewer', UserRole.VIEWER, '218101'],
    ['parent-manager', UserRole.MANAGER, '2181'],
    ['other-manager', UserRole.MANAGER, '999999'],
  ];
  for (const [username, role, orgCode] of users) await createUser(em.fork(), { username, password: PASSWORD, role, orgCode }, 'test');
}

/** Declares `suite` once per database with a fresh API each (see describeEachDatabase). */
export function describeEachApi(name: string, suite: (getApi: () => TestApi, dialect: Dialect) => void, setup = seedWorld): void {
  for (const dialect of DIALECTS) {
    describe.skipIf(dialect === 'postgresql' && !testPostgresUrl)(`${name} [${dialect}]`, () => {
      let api: TestApi | undefined;
      beforeAll(async () => {
        api = await openTestApi(dialect);
        await setup(api);
      });
      afterAll(async () => {
        await api?.db.close();
      });
      suite(() => {
        if (!api) throw new Error('the API is opened in beforeAll');
        return api;
      }, dialect);
    });
  }
}
