import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../db.js';
import { runCli as run, SEED_FILE as SEED } from '../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
const DB = join(dir, 'jixiao.sqlite');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function count(sql: string): Promise<number> {
  const db = await createDb({ url: DB });
  try {
    const [row] = await db.em.fork().getConnection().execute<Array<{ n: number }>>(sql);
    return Number(row.n);
  } finally {
    await db.close();
  }
}

describe('jixiao commands that touch the database (--db)', () => {
  it('imports the seed into the database, and updates it on a second import', async () => {
    const first = await run('import', SEED, '--db', DB);
    expect(first.code).toBe(0);
    expect(first.out).toContain('已写入数据库：新建 5 个项目，更新 0 个');
    const again = await run('import', SEED, '--db', DB, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ created: 0, updated: 5, errors: [] });
    expect(await count('select count(*) as n from project')).toBe(5);
    expect(await count('select count(*) as n from indicator')).toBe(41);
  });

  it('adds users, refusing an unknown organization and a duplicate name', async () => {
    const added = await run('user', 'add', 'zhang', '--role', 'manager', '--org', '218101', '--password', 'secret-password', '--db', DB);
    expect(added.code).toBe(0);
    expect(added.out).toBe('已创建用户 zhang（MANAGER，单位 218101）\n');
    const generated = await run('user', 'add', 'li', '--role', 'VIEWER', '--org', '218101', '--db', DB);
    expect(generated.out).toMatch(/^已创建用户 li（VIEWER，单位 218101），密码：\S{12}（只显示这一次）\n$/);
    const unknownOrg = await run('user', 'add', 'wang', '--role', 'VIEWER', '--org', '000000', '--db', DB);
    expect(unknownOrg).toMatchObject({ code: 1, err: 'jixiao user add：--org：单位编码“000000”不存在，请先导入该单位的目标表或创建单位\n' });
    const duplicate = await run('user', 'add', 'zhang', '--role', 'VIEWER', '--org', '218101', '--db', DB);
    expect(duplicate).toMatchObject({ code: 1, err: 'jixiao user add：<username>：用户名“zhang”已存在\n' });
    const badRole = await run('user', 'add', 'zhao', '--role', 'BOSS', '--org', '218101', '--db', DB);
    expect(badRole.err).toContain('--role：角色应为 ADMIN、MANAGER、INSPECTOR、VIEWER 之一');
    expect(await count('select count(*) as n from app_user')).toBe(2);
  });

  it('verifies the audit chain, and names the first tampered entry', async () => {
    const ok = await run('audit', 'verify', '--db', DB);
    // 5 projects created, 5 updated, 2 users.
    expect(ok).toMatchObject({ code: 0, out: expect.stringContaining('审计日志完整：共 12 条，哈希链校验通过\n') });
    const db = await createDb({ url: DB });
    await db.em.fork().getConnection().execute(`update audit_event set actor = 'mallory' where seq = 7`);
    await db.close();
    const broken = await run('audit', 'verify', '--db', DB);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^审计日志被篡改：第 7 条起链条断开/);
  });

  it('checks the stored scorecards against the records, and rebuilds them', async () => {
    expect(await run('rebuild-scorecards', '--check', '--db', DB)).toMatchObject({ code: 0, out: '存储的评分与按记录重新计算的结果一致\n' });
    const db = await createDb({ url: DB });
    await db.em.fork().getConnection().execute('update project_scorecard set score = score + 5');
    await db.close();
    const stale = await run('rebuild-scorecards', '--check', '--db', DB);
    expect(stale.code).toBe(1);
    // Five projects, and the court's roll-up sums are still the old scores: the projects are named.
    expect(stale.out).toMatch(
      /^存储的评分有 5 处与重新计算的结果不同（可运行 jixiao rebuild-scorecards 重建）：\n {2}project [0-9a-f-]{36}: score\.score: stored /,
    );
    const rebuilt = await run('rebuild-scorecards', '--db', DB);
    expect(rebuilt).toMatchObject({ code: 0, out: expect.stringMatching(/^已重建评分：5 个项目、41 个指标，用时 \d+\.\d 秒\n$/) });
    expect(await run('rebuild-scorecards', '--check', '--db', DB)).toMatchObject({ code: 0 });
    expect(await run('rebuild-scorecards', '--db', join(dir, 'nothing-here.sqlite'))).toMatchObject({ code: 1 });
  });
});
