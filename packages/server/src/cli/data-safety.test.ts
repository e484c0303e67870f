import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, DatabaseError } from '../db.js';
import { createTemporaryDatabase, type TemporaryDatabase } from '../db-admin.js';
import { runCli as run, SEED_FILE as SEED } from '../test/cli.js';
import { testPostgresUrl } from '../test/databases.js';
import { formatCliError } from './cli-errors.js';

const BROKEN = fileURLToPath(new URL('../../../../test/fixtures/broken-budget.txt', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jixiao-safety-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The data folder of a test, with a seeded database in it. */
let seeded: string;
beforeAll(async () => {
  seeded = join(dir, 'seeded');
  expect((await run('import', SEED, '--data-dir', seeded)).code).toBe(0);
});

async function count(dataDir: string, table: string): Promise<number> {
  const db = await createDb({ url: join(dataDir, 'jixiao.sqlite'), mustExist: true });
  try {
    const [row] = await db.em.fork().getConnection().execute<Array<{ n: number }>>(`select count(*) as n from ${table}`);
    return Number(row.n);
  } finally {
    await db.close();
  }
}

/** Nothing of stack traces, SQL or library wording on the terminal. */
function expectNoRawText(text: string): void {
  expect(text).not.toMatch(/\n\s+at |select |insert |SqliteError|SQLITE_|ECONNREFUSED|does not exist|Error:/);
}

describe('commands that only read or change existing data refuse a database that does not exist', () => {
  const commands: Array<[string, (db: string) => string[]]> = [
    ['audit verify', (db) => ['audit', 'verify', '--db', db]],
    ['user add', (db) => ['user', 'add', 'li', '--role', 'VIEWER', '--org', '218101', '--password', 'long-enough-pw', '--db', db]],
    ['export targets', (db) => ['export', 'targets', '--org', '218101', '--year', '2023', '--out', join(dir, 'out.xlsx'), '--db', db]],
    ['backup', (db) => ['backup', '--db', db, '--data-dir', join(dir, 'backup-typo')]],
  ];
  for (const [name, argv] of commands) {
    it(`${name}: a typo in --db is an error naming the file, and creates nothing`, async () => {
      const typo = join(dir, 'typo-folder', 'jixiao.sqlite');
      const result = await run(...argv(typo));
      expect(result).toMatchObject({ code: 1, out: '' });
      expect(result.err).toBe(`jixiao：数据库文件不存在：${typo}。请检查 --data-dir、--db 或 DATABASE_URL；新数据库请用 jixiao init 或 jixiao import 创建\n`);
      expect(existsSync(join(dir, 'typo-folder'))).toBe(false);
      expect(existsSync(join(dir, 'backup-typo'))).toBe(false);
      expect(existsSync(join(dir, 'out.xlsx'))).toBe(false);
    });
  }

  it('audit verify --data-dir of an empty folder is an error, not "完整：共 0 条"', async () => {
    const empty = join(dir, 'empty-data');
    mkdirSync(empty);
    const result = await run('audit', 'verify', '--data-dir', empty);
    expect(result.code).toBe(1);
    expect(result.out).not.toContain('完整');
    expect(result.err).toContain(`数据库文件不存在：${join(empty, 'jixiao.sqlite')}`);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('still works on an existing database given by --data-dir', async () => {
    expect(await run('audit', 'verify', '--data-dir', seeded)).toMatchObject({
      code: 0,
      out: expect.stringContaining('审计日志完整：共 5 条，哈希链校验通过\n'),
    });
  });
});

describe('files that are not a Jixiao database', () => {
  it('a text file: 不是 Jixiao 数据库文件, and the file is left as it was', async () => {
    const file = join(dir, 'notes.sqlite');
    writeFileSync(file, '这是一份笔记，不是数据库');
    const result = await run('audit', 'verify', '--db', file);
    expect(result).toMatchObject({ code: 1, err: `jixiao：不是 Jixiao 数据库文件：${file}（不是 SQLite 数据库，或文件已损坏）\n` });
    expect(readFileSync(file, 'utf8')).toBe('这是一份笔记，不是数据库');
  });

  it('an empty file or another SQLite database: not migrated into a Jixiao one', async () => {
    const file = join(dir, 'empty.sqlite');
    writeFileSync(file, '');
    const result = await run('user', 'add', 'li', '--role', 'VIEWER', '--org', '218101', '--db', file);
    expect(result).toMatchObject({ code: 1, err: `jixiao：不是 Jixiao 数据库文件：${file}（其中没有 Jixiao 的表）\n` });
    expect(readFileSync(file).length).toBe(0);
  });

  it('a folder', async () => {
    const result = await run('audit', 'verify', '--db', dir);
    expect(result).toMatchObject({ code: 1, err: `jixiao：数据库路径是文件夹，不是文件：${dir}\n` });
  });
});

describe('a failed import writes nothing and creates nothing', () => {
  it('parse errors into a new data folder: no folder, no database file', async () => {
    const target = join(dir, 'import-new', 'data');
    const result = await run('import', BROKEN, '--data-dir', target);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`错误：${BROKEN}：表1第10行：预算数应为数字（万元），实际是“四百一十八”`);
    expect(result.out).toBe('有 1 处错误，未写入数据库（请改正后重新导入）\n');
    expect(existsSync(join(dir, 'import-new'))).toBe(false);
  });

  it('a good file with a broken one: neither is stored, no organization, no audit entry', async () => {
    const before = await Promise.all(['project', 'organization', 'audit_event'].map((t) => count(seeded, t)));
    const other = join(dir, 'other-unit.txt');
    writeFileSync(other, readFileSync(SEED, 'utf8').replaceAll('天津市武清区人民法院', '天津市某某新单位').replaceAll('218101', '999901'));
    const result = await run('import', other, BROKEN, '--data-dir', seeded, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ created: 0, updated: 0, projects: [] });
    expect(JSON.parse(result.out).errors).toEqual([
      { table: 1, line: 10, cell: 'A10', message: `${BROKEN}：表1第10行：预算数应为数字（万元），实际是“四百一十八”` },
    ]);
    expect(await Promise.all(['project', 'organization', 'audit_event'].map((t) => count(seeded, t)))).toEqual(before);
  });

  it('a missing file and a folder: named, nothing created', async () => {
    const target = join(dir, 'import-missing');
    const result = await run('import', join(dir, 'no-such.txt'), dir, '--data-dir', target);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`错误：${join(dir, 'no-such.txt')}：文件不存在`);
    expect(result.err).toContain(`错误：${dir}：是文件夹，不是文件`);
    expect(existsSync(target)).toBe(false);
  });
});

describe('CLI errors', () => {
  it('a file error names the file (EISDIR from export --out)', async () => {
    const result = await run('export', 'targets', '--org', '218101', '--year', '2023', '--out', dir, '--data-dir', seeded);
    expect(result).toMatchObject({ code: 1, err: `jixiao：是文件夹，不是文件：${dir}\n` });
  });

  it('an unexpected error: a short Chinese line, the details (with the SQL) in a file, or shown with --verbose', async () => {
    const broken = join(dir, 'broken-data');
    expect((await run('import', SEED, '--data-dir', broken)).code).toBe(0);
    const db = await createDb({ url: join(broken, 'jixiao.sqlite') });
    await db.em.fork().getConnection().execute('drop table audit_event');
    await db.close();

    const result = await run('audit', 'verify', '--data-dir', broken);
    expect(result.code).toBe(1);
    const match = /^jixiao：出现意外错误，操作未完成。详细信息已写入 (\S+)（加 --verbose 或设 JIXIAO_DEBUG=1 可直接显示）\n$/.exec(result.err);
    expect(match, result.err).not.toBeNull();
    expectNoRawText(result.err);
    const details = readFileSync(match![1], 'utf8');
    rmSync(match![1]);
    expect(details).toContain('no such table: audit_event');

    const verbose = await run('audit', 'verify', '--data-dir', broken, '--verbose');
    expect(verbose.code).toBe(1);
    expect(verbose.err).toMatch(/^jixiao：出现意外错误，操作未完成\n[\s\S]*no such table: audit_event[\s\S]*\n\s+at /);
  });

  it('maps PostgreSQL login failures, naming the URL without its password', () => {
    const url = 'postgres://jixiao@db.example:5432/jixiao';
    const cases: Array<[unknown, string]> = [
      [{ code: '28P01', message: 'password authentication failed for user "jixiao"' }, `jixiao：PostgreSQL 拒绝登录：${url} 的用户名或密码错误\n`],
      [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, `jixiao：无法连接 PostgreSQL：${url} 拒绝连接（服务器是否已启动？地址和端口是否正确？）\n`],
      [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db.example' }, `jixiao：无法连接 PostgreSQL：找不到主机（${url}）\n`],
      [{ code: 'SQLITE_CANTOPEN' }, `jixiao：无法打开数据库文件：${url}（请检查路径及所在文件夹的权限）\n`],
    ];
    for (const [cause, expected] of cases) {
      expect(formatCliError(new DatabaseError(url, 'open-failed', Object.assign(new Error('raw'), cause)), { verbose: false })).toBe(expected);
    }
    expect(formatCliError(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: '/srv/a.txt' }), { verbose: false })).toBe(
      'jixiao：没有权限访问：/srv/a.txt\n',
    );
  });

  describe.skipIf(!testPostgresUrl)('on PostgreSQL', () => {
    let temporary: TemporaryDatabase;
    beforeAll(async () => {
      temporary = await createTemporaryDatabase(testPostgresUrl!);
    });
    afterAll(() => temporary?.drop());

    it('an empty database is not migrated by a read-only command', async () => {
      const result = await run('audit', 'verify', '--db', temporary.url);
      expect(result.err).toBe(`jixiao：不是 Jixiao 数据库：${temporary.url}（其中没有 Jixiao 的表）\n`);
    });

    it('a database that does not exist is not created', async () => {
      const url = new URL(temporary.url);
      url.pathname = `${url.pathname}_typo`;
      url.password = 'secret-pw';
      const result = await run('audit', 'verify', '--db', url.toString());
      url.password = '';
      expect(result).toMatchObject({ code: 1, out: '' });
      expect(result.err).toContain(`jixiao：PostgreSQL 数据库不存在：${url.toString()}。`);
      expect(result.err).not.toContain('secret-pw');
      const admin = await createDb({ url: temporary.url });
      try {
        const rows = await admin.em.getConnection().execute('select 1 from pg_database where datname = ?', [url.pathname.slice(1)]);
        expect(rows).toEqual([]);
      } finally {
        await admin.close();
      }
    });

    it('a server that refuses connections', async () => {
      const result = await run('audit', 'verify', '--db', 'postgres://postgres:pw@127.0.0.1:1/jixiao');
      expect(result).toMatchObject({
        code: 1,
        err: 'jixiao：无法连接 PostgreSQL：postgres://postgres@127.0.0.1:1/jixiao 拒绝连接（服务器是否已启动？地址和端口是否正确？）\n',
      });
    });
  });
});
