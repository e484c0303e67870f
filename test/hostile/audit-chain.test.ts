import { spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { canonicalJson, type JsonValue } from '../../packages/server/src/modules/audit/canonical-json.js';
import { withRawSql, type RawSql } from '../../packages/server/src/db-admin.js';
import { ROOT } from '../e2e/support.js';
import { PRINTABLE_REPORT } from '../graphql/documents.js';
import { graphql } from '../graphql/generated/index.js';
import { ADMIN_PASSWORD, describeEachServer, type ProductServer } from './support.js';

/** `jixiao audit verify` on a server's data folder, as an operator runs it. */
function verify(server: ProductServer, ...extra: string[]): { code: number | null; out: string } {
  const args = ['scripts/jixiao.mjs', 'audit', 'verify', '--data-dir', server.dir, '--db', server.db, ...extra];
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, out: result.stdout + result.stderr };
}

/** Plain SQL on a server's database, as an attacker with database access has it. */
function withSql<T>(server: ProductServer, work: (sql: RawSql) => Promise<T>): Promise<T> {
  return withRawSql(server.db, work);
}

/** What an attacker without the audit key computes: SHA-256 of prevHash and the entry, as the old chain did. */
function plainHash(row: Record<string, unknown>, prevHash: string): string {
  return entryHash(row, prevHash, null);
}

/** The entry's hash as the server computes it: HMAC-SHA-256 with the audit key, or SHA-256 without one. */
function entryHash(row: Record<string, unknown>, prevHash: string, key: Buffer | null): string {
  const json = (value: unknown): JsonValue => (typeof value === 'string' ? (JSON.parse(value) as JsonValue) : ((value ?? null) as JsonValue));
  const at = row.at instanceof Date ? row.at : new Date(typeof row.at === 'number' ? row.at : String(row.at));
  const body: JsonValue = {
    seq: Number(row.seq),
    at: at.toISOString(),
    actor: (row.actor ?? null) as string | null,
    action: String(row.action),
    entity: String(row.entity),
    entityId: String(row.entity_id),
    before: json(row.before),
    after: json(row.after),
  };
  const digest = key ? createHmac('sha256', key) : createHash('sha256');
  return digest.update(prevHash).update(canonicalJson(body)).digest('hex');
}

/** The audit head printed on the organization's printable report, as a reader copies it off the page. */
async function printedHead(server: ProductServer): Promise<string> {
  const token = await server.login('admin', ADMIN_PASSWORD);
  const data = await server.gql(PRINTABLE_REPORT, { orgCode: '218101', year: 2023 }, token);
  const page = await (await fetch(`${server.base}${data.printableReport.url}`)).text();
  const match = /jixiao audit verify --expect (\d+:[0-9a-f]{64})/.exec(page);
  if (!match) throw new Error(`no audit head on the printable report: ${page.slice(0, 200)}`);
  return match[1];
}

/** An insider with the data folder too: rewrites the anchor file to the log's current last entry. */
async function forgeAnchor(server: ProductServer): Promise<void> {
  const [last] = await withSql(server, (sql) => sql('select seq, hash from audit_event order by seq desc limit 1'));
  const folder = join(server.dir, 'audit-heads');
  for (const name of readdirSync(folder)) {
    const file = join(folder, name);
    const anchor = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...anchor, count: Number(last.seq), hash: String(last.hash) }));
  }
}

const CREATE_SITE = graphql(`
  mutation TestCreateSite($input: CreateSiteInput!) {
    createSite(input: $input) {
      id
    }
  }
`);

/** 60 sites created by the admin: 60 audit entries on top of the demo's. */
async function createSites(server: ProductServer): Promise<void> {
  const token = await server.login('admin', ADMIN_PASSWORD);
  for (let i = 1; i <= 60; i++) {
    await server.gql(CREATE_SITE, { input: { orgCode: '218101', name: `审计测试地点${i}`, kind: 'OFFICE' } }, token);
  }
}

// Deleting the newest entries, or rewriting one and re-hashing everything after it, leaves a chain
// that links up; the key outside the database and the anchor in the data folder catch both.
describeEachServer('audit chain', (start) => {
  let truncated: ProductServer;
  let rewritten: ProductServer;
  let insider: ProductServer;
  let printed: string;
  beforeAll(async () => {
    truncated = await start();
    rewritten = await start();
    insider = await start();
    await Promise.all([createSites(truncated), createSites(rewritten), createSites(insider)]);
    printed = await printedHead(insider);
    await Promise.all([truncated.stop(), rewritten.stop(), insider.stop()]);
  });

  it('passes an untouched chain, naming the anchor', () => {
    for (const server of [truncated, rewritten]) {
      const result = verify(server);
      expect(result.out).toMatch(/^审计日志完整：共 \d+ 条，哈希链校验通过\n锚点（.+audit-heads\/[0-9a-f]{32}\.json）：共 \d+ 条/);
      expect(result.code).toBe(0);
    }
  });

  it('fails after the last 50 entries are deleted, naming the anchor and its count', async () => {
    const count = await withSql(truncated, async (sql) => {
      const [row] = await sql('select max(seq) as n from audit_event');
      await sql('delete from audit_event where seq > ?', [Number(row.n) - 50]);
      return Number(row.n);
    });
    const result = verify(truncated);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`审计日志被篡改：第 ${count - 49} 条起链条断开：条目数少于数据目录中锚点文件记录的数量（末尾的条目被删除）（below-anchor）`);
    expect(result.out).toContain(`：共 ${count} 条，末条哈希`);
  });

  it('fails after one entry is rewritten and every later one re-hashed without the key', async () => {
    const target = 10;
    await withSql(rewritten, async (sql) => {
      const rows = await sql('select * from audit_event where seq >= ? order by seq', [target - 1]);
      let prevHash = String(rows[0].hash);
      for (const row of rows.slice(1)) {
        const actor = Number(row.seq) === target ? 'mallory' : row.actor;
        const hash = plainHash({ ...row, actor }, prevHash);
        await sql('update audit_event set actor = ?, prev_hash = ?, hash = ? where seq = ?', [actor, prevHash, hash, row.seq]);
        prevHash = hash;
      }
    });
    const result = verify(rewritten);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`审计日志被篡改：第 ${target} 条起链条断开：内容与其哈希不符`);
  });

  // Someone with the database, the data folder and the key can make chain and anchor agree; the
  // head printed on a report made earlier cannot be rewritten.
  it('checks the head printed on a report: passes untouched, fails after truncation or a keyed rewrite with a forged anchor', async () => {
    const [count, hash] = printed.split(':');
    const untouched = verify(insider, '--expect', printed);
    expect(untouched.out).toContain('哈希链校验通过，报表上印的末条仍在且未被改写');
    expect(untouched.out).toContain(`报表上印的末条：第 ${count} 条，哈希 ${hash}`);
    expect(untouched.code).toBe(0);

    const key = Buffer.from(readFileSync(join(insider.dir, 'audit.key'), 'utf8').trim(), 'base64url');
    // Rewrite the last 50 entries with the key (actor changed), re-hash each, forge the anchor to match.
    await withSql(insider, async (sql) => {
      const rows = await sql('select * from audit_event where seq >= ? order by seq', [Number(count) - 50]);
      let prevHash = String(rows[0].hash);
      for (const row of rows.slice(1)) {
        const hash = entryHash({ ...row, actor: 'mallory' }, prevHash, key);
        await sql('update audit_event set actor = ?, prev_hash = ?, hash = ? where seq = ?', ['mallory', prevHash, hash, row.seq]);
        prevHash = hash;
      }
    });
    await forgeAnchor(insider);
    expect(verify(insider).code).toBe(0);
    const rewrittenResult = verify(insider, '--expect', printed);
    expect(rewrittenResult.out).toContain(`审计日志被篡改：第 ${count} 条起链条断开：与报表上印的末条哈希不符（日志在报表生成后被重写）（expected-mismatch）`);
    expect(rewrittenResult.code).toBe(1);

    await withSql(insider, (sql) => sql('delete from audit_event where seq > ?', [Number(count) - 50]));
    await forgeAnchor(insider);
    expect(verify(insider).code).toBe(0);
    const truncatedResult = verify(insider, '--expect', printed);
    expect(truncatedResult.out).toContain(
      `审计日志被篡改：第 ${Number(count) - 49} 条起链条断开：条目数少于报表上印的数量（末尾的条目被删除）（below-expected）`,
    );
    expect(truncatedResult.code).toBe(1);
  });

  it('refuses a malformed --expect naming the option', () => {
    const result = verify(insider, '--expect', '12:abc');
    expect(result.out).toContain('--expect 应为报表上印的“条数:哈希”');
    expect(result.code).toBe(2);
  });
});
