import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../db.js';
import { createTemporaryDatabase, type TemporaryDatabase } from '../db-admin.js';
import { verifyPassword } from '../modules/auth/password.js';
import { runCli as run } from '../test/cli.js';
import { DIALECTS, testPostgresUrl } from '../test/databases.js';
import { main } from './main.js';
import type { Prompter } from './prompt.js';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-accounts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI as on a terminal: questions are answered from `answers` in order, and recorded. */
async function runInteractive(answers: string[], ...argv: string[]): Promise<{ code: number; out: string; err: string; questions: string[] }> {
  let out = '';
  let err = '';
  const questions: string[] = [];
  const answer = async (question: string) => {
    questions.push(question);
    if (answers.length === 0) throw new Error(`no answer left for “${question}”`);
    return answers.shift()!;
  };
  const prompter = (): Prompter => ({ ask: answer, askHidden: answer, close: () => undefined });
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), prompter });
  return { code, out, err, questions };
}

interface UserRow {
  username: string;
  display_name: string | null;
  role: string;
  code: string;
  disabled: boolean | number;
  token_version: number;
  password_hash: string;
}

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgresql' && !testPostgresUrl)(`jixiao init, org and user commands [${dialect}]`, () => {
    const temporaries: TemporaryDatabase[] = [];
    let counter = 0;
    /** A new, empty database of this dialect. */
    const newDb = async (): Promise<string> => {
      if (dialect === 'sqlite') return join(dir, `db-${(counter += 1)}.sqlite`);
      const temporary = await createTemporaryDatabase(testPostgresUrl!);
      temporaries.push(temporary);
      return temporary.url;
    };
    afterAll(async () => {
      for (const temporary of temporaries) await temporary.drop();
    });

    async function query<T>(db: string, sql: string): Promise<T[]> {
      const opened = await createDb({ url: db });
      try {
        return await opened.em.fork().getConnection().execute<T[]>(sql);
      } finally {
        await opened.close();
      }
    }
    const users = (db: string) =>
      query<UserRow>(
        db,
        'select u.username, u.display_name, u.role, o.code, u.disabled, u.token_version, u.password_hash from app_user u join organization o on o.id = u.organization_id order by u.username',
      );
    const orgs = (db: string) =>
      query<{ code: string; name: string; parent: string | null }>(
        db,
        'select o.code, o.name, p.code as parent from organization o left join organization p on p.id = o.parent_id order by o.code',
      );
    const auditActions = async (db: string) =>
      (await query<{ actor: string; action: string; entity: string }>(db, 'select actor, action, entity from audit_event order by seq')).map(
        (e) => `${e.actor} ${e.action} ${e.entity}`,
      );

    let DB = '';
    beforeAll(async () => {
      DB = await newDb();
      // A database that exists, migrated, with nobody in it.
      await (await createDb({ url: DB })).close();
    });

    it('serve without --demo on a database without users exits non-zero, naming the init command', async () => {
      const result = await run('serve', '--port', '0', '--db', DB);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`数据库中还没有用户，无法登录。请先创建单位和第一个管理员：\n  pnpm jixiao init --db ${DB}\n`);
      expect(result.out).toBe('');
    });

    it('init: a missing option is an error naming it when nobody can be asked, and nothing is written', async () => {
      const cases: Array<[string[], string]> = [
        [['--org-name', '天津市武清区人民法院', '--admin', 'admin'], '缺少 --org-code'],
        [['--org-code', '218101', '--admin', 'admin'], '缺少 --org-name'],
        [['--org-code', '218101', '--org-name', '天津市武清区人民法院'], '缺少 --admin'],
        [['--org-code', '218101', '--org-name', '武清', '--parent-code', '2181', '--admin', 'admin'], '缺少 --parent-name'],
      ];
      for (const [flags, message] of cases) {
        const result = await run('init', ...flags, '--db', DB);
        expect(result.code, flags.join(' ')).toBe(2);
        expect(result.err).toContain(`jixiao init：${message}`);
      }
      const invalid: Array<[string[], string]> = [
        [['--org-code', '21 81', '--org-name', '武清', '--admin', 'admin', '--password', 'long-enough'], 'jixiao init：--org-code：'],
        [['--org-code', '218101', '--org-name', '武清', '--admin', 'a b', '--password', 'long-enough'], 'jixiao init：--admin：'],
        [['--org-code', '218101', '--org-name', '武清', '--admin', 'admin', '--password', 'short'], 'jixiao init：--password：密码至少 8 位'],
        [
          ['--org-code', '218101', '--org-name', '武清', '--parent-code', '2 1', '--parent-name', '上级', '--admin', 'admin', '--password', 'long-enough'],
          'jixiao init：--parent-code：',
        ],
      ];
      for (const [flags, message] of invalid) {
        const result = await run('init', ...flags, '--db', DB);
        expect(result.code, flags.join(' ')).toBe(1);
        expect(result.err).toContain(message);
      }
      expect(await orgs(DB)).toEqual([]);
      expect(await users(DB)).toEqual([]);
    });

    it('init with flags creates the organization, its parent and the first ADMIN, audited; a second init changes nothing', async () => {
      const result = await run(
        'init',
        ...['--org-code', '218101', '--org-name', '天津市武清区人民法院', '--parent-code', '2181', '--parent-name', '天津市高级人民法院'],
        ...['--admin', 'admin', '--admin-name', '张管理', '--password', 'admin-password', '--db', DB],
      );
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      expect(result.out).toContain('已创建单位 218101 天津市武清区人民法院（上级单位 2181）\n已创建管理员 admin（张管理）\n');
      expect(result.out).not.toContain('admin-password');
      expect(await orgs(DB)).toEqual([
        { code: '2181', name: '天津市高级人民法院', parent: null },
        { code: '218101', name: '天津市武清区人民法院', parent: '2181' },
      ]);
      const [admin] = await users(DB);
      expect(admin).toMatchObject({ username: 'admin', display_name: '张管理', role: 'ADMIN', code: '218101' });
      expect(await verifyPassword(admin.password_hash, 'admin-password')).toBe(true);
      expect(await auditActions(DB)).toEqual(['cli create Organization', 'cli create Organization', 'cli create User']);

      const again = await run('init', '--org-code', '999999', '--org-name', '别处', '--admin', 'root', '--password', 'root-password', '--db', DB);
      expect(again.code).toBe(1);
      expect(again.err).toContain('jixiao init：数据库中已有用户（1 个），已初始化过，未作任何修改');
      expect((await orgs(DB)).map((org) => org.code)).toEqual(['2181', '218101']);
      expect(await users(DB)).toHaveLength(1);
      expect(await auditActions(DB)).toHaveLength(3);
    });

    it('init without a password and without a terminal generates one and prints it once', async () => {
      const db = await newDb();
      const result = await run('init', '--org-code', '218101', '--org-name', '天津市武清区人民法院', '--admin', 'admin', '--db', db);
      expect(result.code).toBe(0);
      const password = /密码：(\S{12})（只显示这一次/.exec(result.out)?.[1];
      expect(password).toBeDefined();
      const [admin] = await users(db);
      expect(admin.display_name).toBeNull();
      expect(await verifyPassword(admin.password_hash, password!)).toBe(true);
    });

    it('init on a terminal asks for what is missing, the password twice', async () => {
      const db = await newDb();
      const result = await runInteractive(
        ['218101', '天津市武清区人民法院', '', 'admin', '李管理', 'short', 'first-password', 'other-password', 'first-password', 'first-password'],
        'init',
        '--db',
        db,
      );
      expect(result.err).toBe('密码至少 8 位，请重新输入\n两次输入的密码不一致，请重新输入\n');
      expect(result.code).toBe(0);
      expect(result.questions).toEqual([
        '本单位编码（如 218101）：',
        '本单位名称（如 天津市武清区人民法院）：',
        '上级单位编码（没有请直接回车）：',
        '管理员用户名（如 admin）：',
        '管理员真实姓名（没有请直接回车）：',
        '新密码（至少 8 位，输入时不显示）：',
        '新密码（至少 8 位，输入时不显示）：',
        '再输入一次：',
        '新密码（至少 8 位，输入时不显示）：',
        '再输入一次：',
      ]);
      expect(result.out).not.toContain('first-password');
      const [admin] = await users(db);
      expect(admin).toMatchObject({ username: 'admin', display_name: '李管理', role: 'ADMIN', code: '218101' });
      expect(await verifyPassword(admin.password_hash, 'first-password')).toBe(true);
      expect(await orgs(db)).toEqual([{ code: '218101', name: '天津市武清区人民法院', parent: null }]);
    });

    it('org add hangs new units under an existing one', async () => {
      const top = await run('org', 'add', '999999', '另一个顶级单位', '--db', DB);
      expect(top).toMatchObject({ code: 2, err: 'jixiao org add：--parent：数据库中已有单位，新单位须挂在已有单位之下，请用 --parent 给出上级单位编码\n' });
      const unknown = await run('org', 'add', '218102', '派出法庭', '--parent', '000000', '--db', DB);
      expect(unknown).toMatchObject({ code: 1, err: 'jixiao org add：--parent：上级单位编码“000000”不存在\n' });
      const added = await run('org', 'add', '218102', '大孟庄法庭', '--parent', '218101', '--db', DB);
      expect(added).toMatchObject({ code: 0, out: '已创建单位 218102 大孟庄法庭（上级单位 218101）\n' });
      const duplicate = await run('org', 'add', '218102', '重复', '--parent', '218101', '--db', DB);
      expect(duplicate).toMatchObject({ code: 1, err: 'jixiao org add：<code>：单位编码“218102”已存在\n' });
      expect((await orgs(DB)).find((org) => org.code === '218102')).toEqual({ code: '218102', name: '大孟庄法庭', parent: '218101' });
      expect((await auditActions(DB)).at(-1)).toBe('cli create Organization');
    });

    it('user add takes a display name; user list shows users as a table, optionally of one unit', async () => {
      expect(
        (await run('user', 'add', 'wang', '--role', 'inspector', '--org', '218102', '--name', '王五', '--password', 'wang-password', '--db', DB)).out,
      ).toBe('已创建用户 wang 王五（INSPECTOR，单位 218102）\n');
      expect((await run('user', 'add', 'zhao', '--role', 'viewer', '--org', '218101', '--password', 'zhao-password', '--db', DB)).code).toBe(0);
      const list = await run('user', 'list', '--db', DB);
      expect(list.code).toBe(0);
      const lines = list.out.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^用户名\s+姓名\s+角色\s+单位\s+状态\s+最近登录（北京时间）$/);
      expect(lines.slice(1).map((line) => line.split(/\s{2,}/))).toEqual([
        ['admin', '张管理', 'ADMIN 管理员', '218101 天津市武清区人民法院', '启用', '从未登录'],
        ['zhao', '—', 'VIEWER 只读', '218101 天津市武清区人民法院', '启用', '从未登录'],
        ['wang', '王五', 'INSPECTOR 现场人员', '218102 大孟庄法庭', '启用', '从未登录'],
      ]);
      const unit = await run('user', 'list', '--org', '218102', '--db', DB);
      expect(unit.out.trimEnd().split('\n').slice(1)).toHaveLength(1);
      expect(unit.out).toContain('wang');
      expect(await run('user', 'list', '--org', '000000', '--db', DB)).toMatchObject({ code: 1, err: 'jixiao user list：--org：单位编码“000000”不存在\n' });
      const badName = await run('user', 'add', 'qian', '--role', 'viewer', '--org', '218101', '--name', '名'.repeat(65), '--db', DB);
      expect(badName.err).toContain('jixiao user add：--name：姓名最长 64 个字符');
    });

    it('user passwd sets a new password and revokes the user’s tokens; generated and printed once when not given', async () => {
      const before = (await users(DB)).find((user) => user.username === 'wang')!;
      const given = await run('user', 'passwd', 'wang', '--password', 'new-wang-password', '--db', DB);
      expect(given).toMatchObject({ code: 0, out: '已重设 wang 的密码；该用户已登录的设备须重新登录\n' });
      const after = (await users(DB)).find((user) => user.username === 'wang')!;
      expect(Number(after.token_version)).toBe(Number(before.token_version) + 1);
      expect(await verifyPassword(after.password_hash, 'new-wang-password')).toBe(true);

      const generated = await run('user', 'passwd', 'wang', '--db', DB);
      const password = /的密码：(\S{12})（只显示这一次）/.exec(generated.out)?.[1];
      expect(await verifyPassword((await users(DB)).find((user) => user.username === 'wang')!.password_hash, password!)).toBe(true);

      const typed = await runInteractive(['typed-password', 'typed-password'], 'user', 'passwd', 'wang', '--db', DB);
      expect(typed.code).toBe(0);
      expect(typed.out).not.toContain('typed-password');
      expect(await verifyPassword((await users(DB)).find((user) => user.username === 'wang')!.password_hash, 'typed-password')).toBe(true);

      expect(await run('user', 'passwd', 'nobody', '--db', DB)).toMatchObject({ code: 1, err: 'jixiao user passwd：<username>：用户“nobody”不存在\n' });
      expect((await run('user', 'passwd', 'wang', '--password', 'short', '--db', DB)).err).toBe('jixiao user passwd：--password：密码至少 8 位\n');
      expect((await auditActions(DB)).slice(-3)).toEqual(['cli password-reset User', 'cli password-reset User', 'cli password-reset User']);
    });

    it('user disable and enable; the last enabled ADMIN cannot be disabled', async () => {
      const disabled = await run('user', 'disable', 'wang', '--db', DB);
      expect(disabled).toMatchObject({ code: 0, out: '已停用用户 wang：不能再登录，已登录的设备立即失效\n' });
      expect((await run('user', 'list', '--org', '218102', '--db', DB)).out).toMatch(/wang\s+王五\s+INSPECTOR 现场人员\s+218102 大孟庄法庭\s+停用/);
      expect((await run('user', 'disable', 'wang', '--db', DB)).out).toBe('用户 wang 本已停用，未作修改\n');
      expect(await run('user', 'enable', 'wang', '--db', DB)).toMatchObject({ code: 0, out: '已启用用户 wang\n' });

      const last = await run('user', 'disable', 'admin', '--db', DB);
      expect(last).toMatchObject({ code: 1, err: 'jixiao user disable：<username>：“admin”是最后一个启用的管理员（ADMIN），不能停用\n' });
      expect(Boolean((await users(DB)).find((user) => user.username === 'admin')!.disabled)).toBe(false);
      expect(await run('user', 'enable', 'nobody', '--db', DB)).toMatchObject({ code: 1, err: 'jixiao user enable：<username>：用户“nobody”不存在\n' });
      expect((await auditActions(DB)).slice(-2)).toEqual(['cli disable User', 'cli enable User']);
    });
  });
}
