import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, dialectOf, migrationsOf, type Db } from './db.js';
import { Organization } from './modules/entities.js';
import { describeEachDatabase } from './test/databases.js';
import { newOrganization } from './test/fixtures.js';

describe('dialectOf', () => {
  it.each([
    ['postgres://postgres@127.0.0.1:5432/jixiao', 'postgresql'],
    ['postgresql://u:p@db.example/jixiao?sslmode=require', 'postgresql'],
    ['data/jixiao.sqlite', 'sqlite'],
    [':memory:', 'sqlite'],
    ['/var/lib/jixiao/postgres.sqlite', 'sqlite'],
  ] as const)('%s is %s', (url, dialect) => {
    expect(dialectOf(url)).toBe(dialect);
  });
});

describeEachDatabase('migrations', (getDb, dialect) => {
  it('applies every committed migration of the dialect, and only once', async () => {
    const { orm } = getDb();
    const executed = await orm.migrator.getExecutedMigrations();
    expect(executed.map((m) => m.name)).toEqual(migrationsOf(dialect).map((m) => m.name));
    expect(await orm.migrator.getPendingMigrations()).toEqual([]);
    expect(await orm.migrator.up()).toEqual([]);
  });

  it('leaves exactly the schema the entities describe', async () => {
    // A difference means an entity changed without a migration: run `pnpm migration:create`.
    expect(await getDb().orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
  });
});

describeEachDatabase('logQuery', (getDb) => {
  it('receives every statement once, transaction control included', async () => {
    const db = getDb();
    const { queries } = await db.captureQueries(async () => {
      const em = db.em.fork();
      em.persist(newOrganization(em));
      await em.flush();
      await em.fork().find(Organization, {});
    });
    expect(queries).toHaveLength(4);
    expect(queries[0]).toMatch(/^begin/);
    expect(queries[1]).toMatch(/^insert into .organization./);
    expect(queries[2]).toBe('commit');
    expect(queries[3]).toMatch(/^select .* from .organization./);
  });
});

describe('a SQLite file database', () => {
  let dir: string | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is created with its directory, in WAL mode, enforcing foreign keys', async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-db-'));
    db = await createDb({ url: join(dir, 'nested', 'jixiao.sqlite') });
    const connection = db.em.getConnection();
    expect(await connection.execute('pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await connection.execute('pragma foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await connection.execute('pragma busy_timeout')).toEqual([{ timeout: 5000 }]);
  });

  it('keeps its data and migration state across restarts', async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-db-'));
    const url = join(dir, 'jixiao.sqlite');
    const first = await createDb({ url });
    const em = first.em.fork();
    em.persist(newOrganization(em, { code: '218101' }));
    await em.flush();
    await first.close();

    db = await createDb({ url });
    expect(await db.orm.migrator.getPendingMigrations()).toEqual([]);
    expect(await db.em.fork().count(Organization, { code: '218101' })).toBe(1);
  });
});
