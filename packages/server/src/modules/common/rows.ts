import type { EntityManager } from '@mikro-orm/core';

/** A result row as the driver returns it: column name → value. */
export type Row = Record<string, unknown>;

interface SqliteStatement {
  readonly reader: boolean;
  raw(toggle: boolean): SqliteStatement;
  columns(): Array<{ name: string }>;
  all(...params: unknown[]): unknown[][];
}

/** A prepared read and the names of its columns. */
interface Prepared {
  statement: SqliteStatement;
  names: string[];
}

/** The better-sqlite3 connection, as far as reads need it. */
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}

/** knex's client, as far as borrowing its connection needs it. */
interface KnexClient {
  driverName?: string;
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

/** Prepared statements kept per connection; the statements of IN lists differ by their length. */
const MAX_PREPARED = 256;
const prepared = new WeakMap<SqliteDatabase, Map<string, Prepared>>();

function prepare(db: SqliteDatabase, sql: string): Prepared {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let found = cache.get(sql);
  if (found) {
    // Most recently used last: the first entry is the one to drop.
    cache.delete(sql);
  } else {
    const statement = db.prepare(sql);
    if (!statement.reader) throw new Error('selectRows runs reads only');
    // Rows as arrays, made into objects here: better-sqlite3 builds an object column by column
    // through V8's API, which costs about twice as much on wide rows.
    found = { statement: statement.raw(true), names: statement.columns().map((column) => column.name) };
    if (cache.size >= MAX_PREPARED) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, found);
  return found;
}

function toRows({ names }: Prepared, values: unknown[][]): Row[] {
  const rows: Row[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const row: Row = {};
    const value = values[i];
    for (let c = 0; c < names.length; c++) row[names[c]] = value[c];
    rows[i] = row;
  }
  return rows;
}

/** Values as knex binds them for better-sqlite3. */
function binding(value: unknown): unknown {
  if (value instanceof Date) return value.valueOf();
  if (typeof value === 'boolean') return Number(value);
  return value;
}

/**
 * Runs a read (`?` placeholders) and returns its rows, within the EntityManager's transaction if
 * it has one.
 *
 * Outside a transaction on SQLite, the statement runs on better-sqlite3 directly, prepared once
 * per connection: the ORM inlines every value into the SQL text (so each statement is prepared
 * anew) and goes through knex's runner, which together cost as much as the rows on the dashboard's
 * small reads. The connection is borrowed from the pool like any query's, so a read still waits
 * for a transaction that holds it; the statement is logged like the ORM's.
 */
export async function selectRows(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  const connection = em.getConnection();
  const context = em.getTransactionContext();
  const client = context ? null : (connection as unknown as { getKnex?: () => { client: KnexClient } }).getKnex?.().client;
  if (!client || client.driverName !== 'better-sqlite3') return connection.execute<Row[]>(sql, [...params], 'all', context);

  const db = (await client.acquireConnection()) as SqliteDatabase;
  const started = Date.now();
  // Logged as the ORM logs its statements (the tests count them; debug mode prints them).
  const log = (outcome: { results?: number; level?: 'error' }) => {
    const logger = em.config.getLogger();
    const query = logger.isEnabled('query-params') ? connection.getPlatform().formatQuery(sql, [...params]) : sql;
    logger.logQuery({ level: 'info', connection: { type: 'write', name: em.config.get('name') }, query, params: [...params], took: Date.now() - started, ...outcome });
  };
  try {
    const read = prepare(db, sql);
    const rows = toRows(read, read.statement.all(...params.map(binding)));
    log({ results: rows.length });
    return rows;
  } catch (error) {
    log({ level: 'error' });
    throw error;
  } finally {
    await client.releaseConnection(db);
  }
}
