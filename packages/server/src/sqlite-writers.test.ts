import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from './db.js';
import { number, queryRows, runStatement, text } from './modules/common/sql.js';

/**
 * Two processes writing one SQLite file (the server and `jixiao import`): each Db below is a
 * connection of its own, as a second process has. SQLite-only: PostgreSQL has row locks and no
 * such lock upgrade.
 */
describe('SQLite writers side by side', () => {
  const opened: Db[] = [];
  let dir: string | null = null;
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a transaction that reads and then writes waits for the other writer, instead of failing with "database is locked"', async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-writers-'));
    const url = join(dir, 'jixiao.sqlite');
    const server = await createDb({ url });
    opened.push(server);
    const cli = await createDb({ url });
    opened.push(cli);

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    // The server's write transaction, still open while the CLI starts its own.
    const first = server.em.fork().transactional(async (tx) => {
      await runStatement(tx, 'insert into organization (id, code, name, created_at) values (?, ?, ?, ?)', [randomUUID(), '100001', '服务器写入', Date.now()]);
      wrote();
      await held;
    });
    await written;
    // As an import does: read what is there, then write.
    const second = cli.em.fork().transactional(async (tx) => {
      const [{ n }] = await queryRows(tx, 'select count(*) as n from organization', [], { n: number });
      await runStatement(tx, 'insert into organization (id, code, name, created_at) values (?, ?, ?, ?)', [
        randomUUID(),
        '100002',
        `导入（此前 ${n} 个单位）`,
        Date.now(),
      ]);
    });
    setTimeout(release, 100);
    await Promise.all([first, second]);

    const rows = await queryRows(cli.em.fork(), 'select code, name from organization order by code', [], { code: text, name: text });
    // The CLI's transaction began after the server's committed, so it saw the server's row.
    expect(rows).toEqual([
      { code: '100001', name: '服务器写入' },
      { code: '100002', name: '导入（此前 1 个单位）' },
    ]);
  }, 30_000);
});
