import { expect, it } from 'vitest';
import { describeEachApi, PASSWORD, seedWorld, type GraphqlResponse, type TestApi } from '../../test/api.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { createUser } from '../auth/auth.service.js';
import { follow } from '../report/report-test-support.js';
import { User, UserRole } from './user.entity.js';

const FORBIDDEN_MESSAGE = '无权访问，或对象不存在';
const ROLE_MESSAGE = '当前角色无权执行此操作';

const ME = '{ me { username displayName disabled lastLoginAt } }';
const USERS = 'query($org: String) { users(orgCode: $org) { id username displayName role orgCode disabled lastLoginAt } }';
const CREATE_USER =
  'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id username displayName role orgCode disabled } generatedPassword } }';
const RESET = 'mutation($id: ID!, $p: String) { resetPassword(userId: $id, newPassword: $p) { user { username } generatedPassword } }';
const DISABLE = 'mutation($id: ID!, $d: Boolean!) { setUserDisabled(userId: $id, disabled: $d) { username disabled } }';
const CHANGE = 'mutation($old: String!, $new: String!) { changePassword(oldPassword: $old, newPassword: $new) { token user { username } } }';
const CREATE_ORG = 'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { code name parentCode } }';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const EXPORT = 'query($id: ID!) { exportSelfEvaluation(projectId: $id) { url } }';

function errorOf(result: GraphqlResponse): { message: string; code: unknown; field: unknown } {
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  const [error] = result.errors!;
  return { message: error.message, code: error.extensions?.code, field: error.extensions?.field };
}

/** The seed world plus an admin of the unrelated organization 999999 and users whose accounts the tests change. */
async function setup(api: TestApi): Promise<void> {
  await seedWorld(api);
  const em = api.db.em.fork();
  const users: Array<[string, UserRole, string]> = [
    ['other-admin', UserRole.ADMIN, '999999'],
    ['changer', UserRole.VIEWER, '218101'],
    ['guesser', UserRole.VIEWER, '218101'],
    ['resettee', UserRole.MANAGER, '218101'],
    ['leaver', UserRole.INSPECTOR, '218101'],
    ['downloader', UserRole.MANAGER, '218101'],
  ];
  for (const [username, role, orgCode] of users) await createUser(em.fork(), { username, displayName: null, password: PASSWORD, role, orgCode }, 'test');
}

async function idOf(api: TestApi, username: string): Promise<string> {
  return (await api.db.em.fork().findOneOrFail(User, { username })).id;
}

async function auditCount(api: TestApi): Promise<number> {
  return api.db.em.fork().count(AuditEvent, {});
}

describeEachApi(
  'accounts',
  (getApi) => {
    it('lists the users of the admin’s own organizations only, with display names falling back to the username', async () => {
      const api = getApi();
      const admin = await api.login('admin');
      const listed = await api.gql<{ users: Array<{ username: string; displayName: string; orgCode: string; disabled: boolean; lastLoginAt: string | null }> }>(
        USERS,
        {},
        admin,
      );
      expect(listed.errors).toBeUndefined();
      const names = listed.data!.users.map((user) => user.username);
      expect(names).toEqual(expect.arrayContaining(['admin', 'manager', 'inspector', 'viewer']));
      expect(names).not.toContain('other-manager');
      expect(names).not.toContain('parent-manager');
      const adminRow = listed.data!.users.find((user) => user.username === 'admin')!;
      expect(adminRow).toMatchObject({ displayName: 'admin', orgCode: '218101', disabled: false });
      expect(adminRow.lastLoginAt).not.toBeNull();
      expect(listed.data!.users.find((user) => user.username === 'downloader')!.lastLoginAt).toBeNull();

      expect(errorOf(await api.gql(USERS, { org: '999999' }, admin))).toMatchObject({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
      expect(errorOf(await api.gql(USERS, { org: '2181' }, admin))).toMatchObject({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
      expect(errorOf(await api.gql(USERS, {}, await api.login('manager')))).toMatchObject({ code: 'FORBIDDEN', message: ROLE_MESSAGE });
      expect(errorOf(await api.gql(USERS, {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('creates users in the admin’s subtree, returning a generated password once, and audits it', async () => {
      const api = getApi();
      const admin = await api.login('admin');
      const before = await auditCount(api);
      const created = await api.gql<{
        createUser: { user: { username: string; displayName: string; role: string; orgCode: string }; generatedPassword: string | null };
      }>(CREATE_USER, { input: { username: 'zhangsan', displayName: ' 张三 ', role: 'INSPECTOR', orgCode: '218101' } }, admin);
      expect(created.errors).toBeUndefined();
      const { user, generatedPassword } = created.data!.createUser;
      expect(user).toMatchObject({ username: 'zhangsan', displayName: '张三', role: 'INSPECTOR', orgCode: '218101' });
      expect(generatedPassword).toMatch(/^\S{12}$/);
      const token = await api.login('zhangsan', generatedPassword!);
      expect((await api.gql(ME, {}, token)).data).toMatchObject({ me: { username: 'zhangsan', displayName: '张三' } });

      const given = await api.gql<{ createUser: { generatedPassword: string | null } }>(
        CREATE_USER,
        { input: { username: 'lisi', displayName: '李四', role: 'VIEWER', orgCode: '218101', password: 'lisi-password' } },
        admin,
      );
      expect(given.data!.createUser.generatedPassword).toBeNull();
      await api.login('lisi', 'lisi-password');
      const events = await api.db.em.fork().find(AuditEvent, { seq: { $gt: before } }, { orderBy: { seq: 'asc' } });
      expect(events.map((event) => [event.actor, event.action, event.entity])).toEqual([
        ['admin', 'create', 'User'],
        ['admin', 'create', 'User'],
      ]);
      expect(events[0].after).toMatchObject({ username: 'zhangsan', displayName: '张三', role: 'INSPECTOR', orgCode: '218101' });
    });

    it('refuses users outside the subtree (FORBIDDEN), non-admins, and bad input naming the field, changing nothing', async () => {
      const api = getApi();
      const admin = await api.login('admin');
      const input = { username: 'wangwu', displayName: '王五', role: 'VIEWER', orgCode: '218101' };
      const before = await auditCount(api);
      const cases: Array<[Record<string, unknown>, string | null, { code: string; field?: string; message?: string }]> = [
        [{ ...input, orgCode: '999999' }, admin, { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE }],
        [{ ...input, orgCode: '2181' }, admin, { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE }],
        [{ ...input, orgCode: 'nowhere' }, admin, { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE }],
        [input, await api.login('manager'), { code: 'FORBIDDEN', message: ROLE_MESSAGE }],
        [input, await api.login('other-admin'), { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE }],
        [{ ...input, username: 'a b' }, admin, { code: 'BAD_USER_INPUT', field: 'input.username' }],
        [{ ...input, username: 'manager' }, admin, { code: 'BAD_USER_INPUT', field: 'input.username' }],
        [{ ...input, displayName: '  ' }, admin, { code: 'BAD_USER_INPUT', field: 'input.displayName' }],
        [{ ...input, displayName: '名'.repeat(65) }, admin, { code: 'BAD_USER_INPUT', field: 'input.displayName' }],
        [{ ...input, password: 'short' }, admin, { code: 'BAD_USER_INPUT', field: 'input.password' }],
      ];
      for (const [variables, token, expected] of cases) {
        expect(errorOf(await api.gql(CREATE_USER, { input: variables }, token)), JSON.stringify(variables)).toMatchObject(expected);
      }
      expect(await api.db.em.fork().count(User, { username: 'wangwu' })).toBe(0);
      expect(await auditCount(api)).toBe(before);
    });

    it('creates organizations under a parent in the admin’s subtree only', async () => {
      const api = getApi();
      const admin = await api.login('admin');
      const created = await api.gql(CREATE_ORG, { input: { code: '218199', name: ' 武清区人民法院派出法庭 ', parentCode: '218101' } }, admin);
      expect(created).toEqual({ data: { createOrganization: { code: '218199', name: '武清区人民法院派出法庭', parentCode: '218101' } } });
      const orgs = await api.gql<{ organizations: Array<{ code: string }> }>('{ organizations { code } }', {}, admin);
      expect(orgs.data!.organizations.map((org) => org.code)).toContain('218199');
      // A user can now be created there, and the admin sees them.
      const user = await api.gql(
        CREATE_USER,
        { input: { username: 'paichu', displayName: '派出', role: 'VIEWER', orgCode: '218199', password: PASSWORD } },
        admin,
      );
      expect(user.errors).toBeUndefined();

      const before = await auditCount(api);
      const cases: Array<[Record<string, unknown>, string, { code: string; field?: string; message?: string }]> = [
        [{ code: '218198', name: '外单位', parentCode: '999999' }, admin, { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE }],
        [{ code: '218198', name: '上级', parentCode: '2181' }, admin, { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE }],
        [{ code: '218198', name: '无', parentCode: 'nowhere' }, admin, { code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE }],
        [{ code: '218198', name: '经理', parentCode: '218101' }, await api.login('manager'), { code: 'FORBIDDEN', message: ROLE_MESSAGE }],
        [{ code: '218199', name: '重复', parentCode: '218101' }, admin, { code: 'BAD_USER_INPUT', field: 'input.code' }],
        [{ code: '21 81', name: '空格', parentCode: '218101' }, admin, { code: 'BAD_USER_INPUT', field: 'input.code' }],
        [{ code: '218198', name: ' ', parentCode: '218101' }, admin, { code: 'BAD_USER_INPUT', field: 'input.name' }],
      ];
      for (const [input, token, expected] of cases) expect(errorOf(await api.gql(CREATE_ORG, { input }, token)), JSON.stringify(input)).toMatchObject(expected);
      expect(await auditCount(api)).toBe(before);
    });

    it('changes one’s own password: old password checked, old tokens refused, a new token returned', async () => {
      const api = getApi();
      const old = await api.login('changer');
      expect(errorOf(await api.gql(CHANGE, { old: 'wrong-password', new: 'new-password-1' }, old))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'oldPassword',
      });
      expect(errorOf(await api.gql(CHANGE, { old: PASSWORD, new: 'short' }, old))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      expect(errorOf(await api.gql(CHANGE, { old: PASSWORD, new: 'new-password-1' }))).toMatchObject({ code: 'UNAUTHENTICATED' });
      // Still the old password after the refusals.
      expect((await api.gql(ME, {}, old)).data).toMatchObject({ me: { username: 'changer' } });

      const before = await auditCount(api);
      const changed = await api.gql<{ changePassword: { token: string; user: { username: string } } }>(CHANGE, { old: PASSWORD, new: 'new-password-1' }, old);
      expect(changed.errors).toBeUndefined();
      expect(errorOf(await api.gql(ME, {}, old))).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect((await api.gql(ME, {}, changed.data!.changePassword.token)).data).toMatchObject({ me: { username: 'changer' } });
      expect(errorOf(await api.gql(LOGIN, { u: 'changer', p: PASSWORD }))).toMatchObject({ code: 'UNAUTHENTICATED' });
      await api.login('changer', 'new-password-1');
      const [event] = await api.db.em.fork().find(AuditEvent, { seq: { $gt: before } });
      expect(event).toMatchObject({ actor: 'changer', action: 'password-change', entity: 'User' });
    });

    it('limits wrong old passwords like failed logins', async () => {
      const api = getApi();
      const token = await api.login('guesser');
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect(errorOf(await api.gql(CHANGE, { old: `guess-${attempt}-xx`, new: 'new-password-1' }, token)).code).toBe('BAD_USER_INPUT');
      }
      expect(errorOf(await api.gql(CHANGE, { old: PASSWORD, new: 'new-password-1' }, token)).code).toBe('TOO_MANY_REQUESTS');
      expect(errorOf(await api.gql(LOGIN, { u: 'guesser', p: PASSWORD })).code).toBe('TOO_MANY_REQUESTS');
    });

    it('resets a password within the subtree, revoking the user’s tokens; refuses other users as FORBIDDEN', async () => {
      const api = getApi();
      const admin = await api.login('admin');
      const old = await api.login('resettee');
      const id = await idOf(api, 'resettee');
      const reset = await api.gql<{ resetPassword: { user: { username: string }; generatedPassword: string } }>(RESET, { id }, admin);
      expect(reset.errors).toBeUndefined();
      expect(reset.data!.resetPassword.user.username).toBe('resettee');
      expect(errorOf(await api.gql(ME, {}, old))).toMatchObject({ code: 'UNAUTHENTICATED' });
      await api.login('resettee', reset.data!.resetPassword.generatedPassword);
      const given = await api.gql<{ resetPassword: { generatedPassword: string | null } }>(RESET, { id, p: 'given-password' }, admin);
      expect(given.data!.resetPassword.generatedPassword).toBeNull();
      await api.login('resettee', 'given-password');

      const other = await idOf(api, 'other-manager');
      expect(errorOf(await api.gql(RESET, { id: other }, admin))).toMatchObject({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
      expect(errorOf(await api.gql(RESET, { id: await idOf(api, 'parent-manager') }, admin))).toMatchObject({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
      expect(errorOf(await api.gql(RESET, { id: 'not-an-id' }, admin))).toMatchObject({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
      // One's own password only with the old one.
      expect(errorOf(await api.gql(RESET, { id: await idOf(api, 'admin') }, admin))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
      expect(errorOf(await api.gql(RESET, { id: '00000000-0000-4000-8000-000000000000' }, admin))).toMatchObject({
        code: 'FORBIDDEN',
        message: FORBIDDEN_MESSAGE,
      });
      expect(errorOf(await api.gql(RESET, { id }, await api.login('other-admin')))).toMatchObject({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
      expect(errorOf(await api.gql(RESET, { id }, await api.login('manager')))).toMatchObject({ code: 'FORBIDDEN', message: ROLE_MESSAGE });
      expect(errorOf(await api.gql(RESET, { id, p: 'short' }, admin))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      await api.login('other-manager');
    });

    it('disables a user (tokens refused at once, login refused) and enables them again; never oneself', async () => {
      const api = getApi();
      const admin = await api.login('admin');
      const token = await api.login('leaver');
      const id = await idOf(api, 'leaver');
      const before = await auditCount(api);
      expect(await api.gql(DISABLE, { id, d: true }, admin)).toEqual({ data: { setUserDisabled: { username: 'leaver', disabled: true } } });
      expect(errorOf(await api.gql(ME, {}, token))).toMatchObject({ code: 'UNAUTHENTICATED' });
      // The right password learns that the account is disabled; a wrong one learns nothing more than for anybody.
      expect(errorOf(await api.gql(LOGIN, { u: 'leaver', p: PASSWORD }))).toMatchObject({ code: 'UNAUTHENTICATED', message: '账号已停用，请联系管理员' });
      expect(errorOf(await api.gql(LOGIN, { u: 'leaver', p: 'wrong-password' }))).toMatchObject({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' });
      const listed = await api.gql<{ users: Array<{ username: string; disabled: boolean }> }>(USERS, {}, admin);
      expect(listed.data!.users.find((user) => user.username === 'leaver')!.disabled).toBe(true);

      expect(await api.gql(DISABLE, { id, d: false }, admin)).toEqual({ data: { setUserDisabled: { username: 'leaver', disabled: false } } });
      await api.login('leaver');
      expect(
        (await api.db.em.fork().find(AuditEvent, { seq: { $gt: before } }, { orderBy: { seq: 'asc' } })).map((event) => [event.actor, event.action]),
      ).toEqual([
        ['admin', 'disable'],
        ['admin', 'enable'],
      ]);

      expect(errorOf(await api.gql(DISABLE, { id: await idOf(api, 'admin'), d: true }, admin))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'userId',
        message: '不能停用自己的账号',
      });
      expect(errorOf(await api.gql(DISABLE, { id: await idOf(api, 'other-manager'), d: true }, admin))).toMatchObject({
        code: 'FORBIDDEN',
        message: FORBIDDEN_MESSAGE,
      });
      expect(errorOf(await api.gql(DISABLE, { id, d: true }, await api.login('other-admin')))).toMatchObject({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
      expect(errorOf(await api.gql(DISABLE, { id, d: true }, await api.login('manager')))).toMatchObject({ code: 'FORBIDDEN', message: ROLE_MESSAGE });
      expect((await api.gql(ME, {}, admin)).data).toMatchObject({ me: { username: 'admin', disabled: false } });
      await api.login('other-manager');
    });

    it('voids the download links a user was issued when their password is reset', async () => {
      const api = getApi();
      const token = await api.login('downloader');
      const projects = await api.gql<{ projects: { nodes: Array<{ id: string }> } }>('{ projects(orgCode: "218101", year: 2023) { nodes { id } } }', {}, token);
      const link = await api.gql<{ exportSelfEvaluation: { url: string } }>(EXPORT, { id: projects.data!.projects.nodes[0].id }, token);
      const { url } = link.data!.exportSelfEvaluation;
      expect((await follow(api, url)).status).toBe(200);
      await api.gql(RESET, { id: await idOf(api, 'downloader'), p: 'another-password' }, await api.login('admin'));
      const refused = await follow(api, url);
      expect(refused.status).toBe(401);
      expect(refused.json().error.code).toBe('UNAUTHENTICATED');
      // A new link, after logging in again, works.
      const fresh = await api.gql<{ exportSelfEvaluation: { url: string } }>(
        EXPORT,
        { id: projects.data!.projects.nodes[0].id },
        await api.login('downloader', 'another-password'),
      );
      expect((await follow(api, fresh.data!.exportSelfEvaluation.url)).status).toBe(200);
    });

    it('shows who recorded an actual by display name beside the username', async () => {
      const api = getApi();
      const admin = await api.login('admin');
      await api.gql(CREATE_USER, { input: { username: 'zhaoliu', displayName: '赵六', role: 'MANAGER', orgCode: '218101', password: PASSWORD } }, admin);
      const token = await api.login('zhaoliu');
      type Projects = { projects: { nodes: Array<{ indicators: Array<{ id: string; name: string }> }> } };
      const projects = await api.gql<Projects>('{ projects(orgCode: "218101", year: 2023) { nodes { indicators { id name } } } }', {}, token);
      const indicator = projects.data!.projects.nodes.flatMap((project) => project.indicators).find((i) => i.name === '维修法庭和办公室数量')!;
      const recorded = await api.gql(
        'mutation($input: RecordActualInput!) { recordActual(input: $input) { actual { recordedBy recordedByName } } }',
        { input: { indicatorId: indicator.id, value: '7个' } },
        token,
      );
      expect(recorded).toEqual({ data: { recordActual: { actual: { recordedBy: 'zhaoliu', recordedByName: '赵六' } } } });
    });
  },
  setup,
);
