import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from './sqlite-driver.js';

export interface TemporaryDatabase {
  /** URL of the new, empty database. */
  url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

/** Runs statements on the database of `adminUrl` outside any transaction (CREATE/DROP DATABASE). */
async function runAsAdmin(adminUrl: string, statements: string[]): Promise<void> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: adminUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    ensureDatabase: false,
    pool: { min: 0, max: 1 },
  });
  try {
    for (const sql of statements) await orm.em.getConnection().execute(sql);
  } finally {
    await orm.close(true);
  }
}

/**
 * Creates an empty PostgreSQL database with a random name next to the one `adminUrl` names
 * (which needs the CREATEDB privilege), for a test suite or the migration generator.
 *
 * @example const temp = await createTemporaryDatabase('postgres://postgres@127.0.0.1:5432/test'); …; await temp.drop();
 */
export async function createTemporaryDatabase(adminUrl: string, prefix = 'jixiao_t_'): Promise<TemporaryDatabase> {
  const name = `${prefix}${randomBytes(8).toString('hex')}`;
  await runAsAdmin(adminUrl, [`create database "${name}"`]);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // WITH (FORCE) (PostgreSQL 13+): a connection leaked by a failed test must not keep the database alive.
    drop: () => runAsAdmin(adminUrl, [`drop database if exists "${name}" with (force)`]),
  };
}

/** Runs one statement with its parameters and returns the rows. */
export type RawSql = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * Plain SQL on a database (PostgreSQL URL or SQLite path), without the ORM's entities or migrations:
 * for tests that tamper with a database as someone with direct access would.
 */
export async function withRawSql<T>(url: string, work: (sql: RawSql) => Promise<T>): Promise<T> {
  const postgres = /^postgres(ql)?:\/\//i.test(url);
  const common = { entities: [], discovery: { warnWhenNoEntities: false }, ensureDatabase: false, pool: { min: 0, max: 1 } };
  const orm = postgres
    ? await MikroORM.init({ ...common, driver: PostgreSqlDriver, clientUrl: url })
    : await MikroORM.init({ ...common, driver: SqliteDriver, dbName: url });
  try {
    return await work((sql, params = []) => orm.em.getConnection().execute<Array<Record<string, unknown>>>(sql, params));
  } finally {
    await orm.close(true);
  }
}
