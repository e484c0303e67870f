import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { canonicalJson, type JsonValue } from '../../packages/server/src/modules/audit/canonical-json.js';
import { withRawSql, type RawSql } from '../../packages/server/src/db-admin.js';
import { ROOT } from '../e2e/support.js';
import { graphql } from '../graphql/generated/index.js';
import { ADMIN_PASSWORD, describeEachServer, type ProductServer } from './support.js';

/** `jixiao audit verify` on a server's data folder, as an operator runs it. */
function verify(server: ProductServer): { code: number | null; out: string } {
  const result = spawnSync(process.execPath, ['scripts/jixiao.mjs', 'audit', 'verify', '--data-dir', server.dir, '--db', server.db], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, out: result.stdout + result.stderr };
}

/** Plain SQL on a server's database, as an attacker with database access has it. */
function withSql<T>(server: ProductServer, work: (sql: RawSql) => Promise<T>): Promise<T> {
  return withRawSql(server.db, work);
}

/** What an attacker without the audit key computes: SHA-256 of prevHash and the entry, as the old chain did. */
function plainHash(row: Record<string, unknown>, prevHash: string): string {
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
  return createHash('sha256').update(prevHash).update(canonicalJson(body)).digest('hex');
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
  beforeAll(async () => {
    truncated = await start();
    rewritten = await start();
    await Promise.all([createSites(truncated), createSites(rewritten)]);
    await truncated.stop();
    await rewritten.stop();
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
});
