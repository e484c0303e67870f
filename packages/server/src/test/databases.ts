import { afterAll, beforeAll, describe } from 'vitest';
import { createDb, type Db, type Dialect } from '../db.js';
import { createTemporaryDatabase } from '../db-admin.js';

/** Admin URL of the PostgreSQL server to test on, e.g. postgres://postgres@127.0.0.1:5432/test. */
export const testPostgresUrl: string | undefined = process.env.JIXIAO_TEST_PG_URL || undefined;

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgresql'];

export interface TestDb extends Db {
  /** Runs `fn` and returns the SQL statements it executed, in order. */
  captureQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: string[] }>;
}

/**
 * A fresh, migrated database of its own: SQLite in memory, or a new PostgreSQL database (created
 * through JIXIAO_TEST_PG_URL, dropped by close()).
 */
export async function openTestDb(dialect: Dialect, options: { dataDir?: string } = {}): Promise<TestDb> {
  let listener: ((sql: string) => void) | null = null;
  const logQuery = (sql: string) => listener?.(sql);
  const captureQueries = async <T>(fn: () => Promise<T>) => {
    const queries: string[] = [];
    listener = (sql) => queries.push(sql);
    try {
      return { result: await fn(), queries };
    } finally {
      listener = null;
    }
  };

  if (dialect === 'sqlite') {
    const db = await createDb({ url: ':memory:', logQuery, dataDir: options.dataDir });
    return { ...db, captureQueries };
  }
  if (!testPostgresUrl) throw new Error('JIXIAO_TEST_PG_URL is not set');
  const temporary = await createTemporaryDatabase(testPostgresUrl);
  let db: Db;
  try {
    db = await createDb({ url: temporary.url, logQuery, dataDir: options.dataDir });
  } catch (error) {
    await temporary.drop();
    throw error;
  }
  const close = async () => {
    try {
      await db.close();
    } finally {
      await temporary.drop();
    }
  };
  return { ...db, close, captureQueries };
}

/**
 * Declares `suite` once per database: always on SQLite, and on PostgreSQL when JIXIAO_TEST_PG_URL
 * is set (reported as skipped otherwise). Each copy gets its own fresh database, shared by its tests.
 *
 * @example describeEachDatabase('projects', (getDb) => { it('…', async () => { const em = getDb().em.fork(); … }); });
 */
export function describeEachDatabase(name: string, suite: (getDb: () => TestDb, dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) {
    describe.skipIf(dialect === 'postgresql' && !testPostgresUrl)(`${name} [${dialect}]`, () => {
      let db: TestDb | undefined;
      beforeAll(async () => {
        db = await openTestDb(dialect);
      });
      afterAll(async () => {
        await db?.close();
      });
      suite(() => {
        if (!db) throw new Error('the test database is opened in beforeAll; call getDb() inside a test or hook');
        return db;
      }, dialect);
    });
  }
}
