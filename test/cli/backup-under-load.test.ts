import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../packages/server/dist/db.js';
import { LOGIN, RECORD_ACTUAL, RECORD_SPENDING, SUBMIT_INSPECTION } from '../graphql/documents.js';
import { graphql } from '../graphql/generated/index.js';
import { gqlData as gql } from '../graphql/client.js';
import { jixiao, png, sha256, startServer, stopServers, uploadSignature } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-backup-load-'));
const SOURCE = join(dir, 'source');
const RESTORED = join(dir, 'restored');
const ARCHIVE = join(dir, 'under-load.tar.gz');
const PASSWORD = 'backup-load-password';
/** Upper bound of writes per writer: the loops end even if something never signals. */
const MAX_WRITES = 400;
/** Writes each writer has confirmed before the backup starts. */
const BEFORE_BACKUP = 5;

afterAll(async () => {
  await stopServers();
  rmSync(dir, { recursive: true, force: true });
});

/** `jixiao serve --demo` on a data folder (its own secret file, no JIXIAO_SECRET); resolves with its base URL. */
const startDemo = (dataDir: string) => startServer(['--demo', '--data-dir', dataDir], { JIXIAO_ADMIN_PASSWORD: PASSWORD });

const PROJECTS = graphql(`
  query BackupProjects {
    projects(year: 2023) {
      nodes {
        id
        name
        indicators {
          id
          source
          target {
            kind
            value
            unit
          }
        }
      }
    }
  }
`);

const INSPECTION_IDS = graphql(`
  query BackupInspections($projectId: ID!) {
    inspections(projectId: $projectId) {
      clientId
    }
  }
`);

describe('a backup taken while the server takes a stream of writes', () => {
  it('restores into a new folder with every confirmed record, every photo and the audit chain', async () => {
    const base = await startDemo(SOURCE);
    const { login } = await gql(base, LOGIN, { username: 'admin', password: PASSWORD });
    const token = login.token;
    const { projects } = await gql(base, PROJECTS, {}, token);
    const project = projects.nodes.find((p) => p.name.startsWith('科技法庭试点提升项目'))!;
    const indicator = project.indicators.find((i) => i.source === 'MANUAL' && i.target.kind === 'QUANTITATIVE' && i.target.unit)!;
    const signature = await uploadSignature(base, token);

    // What each writer has had confirmed by the server, in order.
    const confirmed = { actuals: [] as string[], spendings: [] as string[], inspections: [] as string[], photos: [] as string[] };
    let stopping = false;
    let failure: unknown = null;
    let notifyProgress = () => {};
    const progressed = () => new Promise<void>((resolve) => (notifyProgress = resolve));

    const writer = async (write: (i: number) => Promise<void>) => {
      for (let i = 0; i < MAX_WRITES && !stopping; i++) {
        try {
          await write(i);
        } catch (error) {
          failure ??= error;
          return;
        }
        notifyProgress();
      }
    };
    const writers = Promise.all([
      writer(async (i) => {
        const clientId = randomUUID();
        await gql(
          base,
          RECORD_ACTUAL,
          { input: { indicatorId: indicator.id, value: `${indicator.target.value}${indicator.target.unit}`, note: `第 ${i} 次`, clientId } },
          token,
        );
        confirmed.actuals.push(clientId);
      }),
      writer(async (i) => {
        const clientId = randomUUID();
        await gql(base, RECORD_SPENDING, { input: { projectId: project.id, amount: 0.01, date: '2023-09-20', note: `第 ${i} 笔`, clientId } }, token);
        confirmed.spendings.push(clientId);
      }),
      writer(async (i) => {
        const photo = png(i + 1);
        const hash = sha256(photo);
        const put = await fetch(`${base}/uploads/${hash}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
          body: new Uint8Array(photo),
        });
        if (put.status !== 201) throw new Error(`upload ${put.status}: ${await put.text()}`);
        confirmed.photos.push(hash);
        const clientId = randomUUID();
        const input = {
          clientId,
          projectId: project.id,
          kind: 'EQUIPMENT' as const,
          itemName: `庭审录音录像设备 ${i + 1}`,
          serialNumber: `SN-${i}`,
          passed: true,
          photos: [hash],
          signature,
          capturedAt: new Date().toISOString(),
        };
        await gql(base, SUBMIT_INSPECTION, { input }, token);
        confirmed.inspections.push(clientId);
      }),
    ]);

    const enough = () => Math.min(confirmed.actuals.length, confirmed.spendings.length, confirmed.inspections.length) >= BEFORE_BACKUP;
    while (!enough() && !failure) {
      const next = progressed();
      if (enough()) break;
      // Every writer ends after MAX_WRITES or on a failure, so this loop ends too.
      await Promise.race([next, writers]);
    }
    expect(failure).toBeNull();
    expect(enough()).toBe(true);

    const before = {
      actuals: [...confirmed.actuals],
      spendings: [...confirmed.spendings],
      inspections: [...confirmed.inspections],
      photos: [...confirmed.photos],
    };
    const writesBefore = confirmed.actuals.length + confirmed.spendings.length + confirmed.inspections.length;
    const backup = await jixiao('backup', '--data-dir', SOURCE, '--out', ARCHIVE);
    const writesDuring = confirmed.actuals.length + confirmed.spendings.length + confirmed.inspections.length - writesBefore;
    stopping = true;
    await writers;
    expect(failure).toBeNull();
    expect(backup.code, backup.err).toBe(0);
    // The server kept writing while the backup ran.
    expect(writesDuring).toBeGreaterThan(0);

    const manifest = JSON.parse(spawnSync('tar', ['-xzOf', ARCHIVE, 'manifest.json'], { encoding: 'utf8' }).stdout);
    const restored = await jixiao('restore', ARCHIVE, '--data-dir', RESTORED);
    expect(restored.code, restored.err).toBe(0);
    const verified = await jixiao('audit', 'verify', '--data-dir', RESTORED);
    expect(verified).toMatchObject({ code: 0, out: expect.stringContaining(`审计日志完整：共 ${manifest.audit.count} 条，哈希链校验通过\n`) });

    const db = await createDb({ url: join(RESTORED, 'jixiao.sqlite'), mustExist: true });
    try {
      const connection = db.em.fork().getConnection();
      const column = async (sql: string) => (await connection.execute<Array<{ v: string }>>(sql)).map((row) => row.v);
      const actuals = new Set(await column('select client_id as v from actual where client_id is not null'));
      const spendings = new Set(await column('select client_id as v from spending where client_id is not null'));
      const inspections = new Set(await column('select client_id as v from inspection'));
      const uploads = await column('select sha256 as v from upload');
      for (const id of before.actuals) expect(actuals.has(id), `actual ${id}`).toBe(true);
      for (const id of before.spendings) expect(spendings.has(id), `spending ${id}`).toBe(true);
      for (const id of before.inspections) expect(inspections.has(id), `inspection ${id}`).toBe(true);
      for (const hash of before.photos) expect(uploads, `upload ${hash}`).toContain(hash);
      // Every photo whose row is in the backup has its files, the same as on the server.
      for (const hash of uploads) {
        for (const name of [`${hash}.jpg`, `${hash}.thumb.jpg`]) {
          const restoredFile = join(RESTORED, 'uploads', hash.slice(0, 2), name);
          expect(existsSync(restoredFile), restoredFile).toBe(true);
          expect(readFileSync(restoredFile).equals(readFileSync(join(SOURCE, 'uploads', hash.slice(0, 2), name)))).toBe(true);
        }
      }
      // The counts of the restored database are the manifest's.
      const tables: Record<string, string> = {
        actuals: 'actual',
        spendings: 'spending',
        inspections: 'inspection',
        uploads: 'upload',
        auditEvents: 'audit_event',
        projects: 'project',
        users: 'app_user',
      };
      for (const [name, table] of Object.entries(tables)) {
        const [row] = await connection.execute<Array<{ n: number }>>(`select count(*) as n from ${table}`);
        expect(Number(row.n), name).toBe(manifest.counts[name]);
      }
      expect(manifest.counts.inspections).toBeGreaterThanOrEqual(before.inspections.length);
    } finally {
      await db.close();
    }

    // Served again, the restored folder answers the login made before the backup (its secret came along).
    const restoredBase = await startDemo(RESTORED);
    const { inspections } = await gql(restoredBase, INSPECTION_IDS, { projectId: project.id }, token);
    expect(inspections).toHaveLength(manifest.counts.inspections);
  }, 180_000);
});

describe('the built CLI, as a separate process, on a database that does not exist', () => {
  it('audit verify --db with a typo exits 1 with one Chinese line, and creates nothing', async () => {
    const typo = join(dir, 'typo', 'jixiao.sqlite');
    const result = await jixiao('audit', 'verify', '--db', typo);
    expect(result).toMatchObject({ code: 1, out: '' });
    // Only the last line is the command's: a stale build announces itself first.
    expect(result.err.trimEnd().split('\n').at(-1)).toBe(
      `jixiao：数据库文件不存在：${typo}。请检查 --data-dir、--db 或 DATABASE_URL；新数据库请用 jixiao init 或 jixiao import 创建`,
    );
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });
});
