import {
  AbstractSqlDriver,
  BetterSqliteConnection,
  BetterSqliteKnexDialect,
  BetterSqlitePlatform,
  BetterSqliteSchemaHelper,
  type AbstractSqlConnection,
} from '@mikro-orm/better-sqlite';
import type { Configuration, Dictionary, Transaction } from '@mikro-orm/core';
import type { Database, Statement } from 'better-sqlite3';

/** `kind` text check (`kind` in ('A', 'B', 'C')) — as MikroORM writes enum columns in CREATE TABLE. */
const ENUM_CHECK = /[`"[]([^`"\]]+)[`"\]] text check \([`"[][^`"\]]+[`"\]] in \(((?:\s*'(?:[^']|'')*'\s*,?)+)\)\)/gi;
const QUOTED = /'((?:[^']|'')*)'/g;

/**
 * MikroORM 6.6.16 reads only the first and last value of an enum's check constraint back from
 * SQLite, so every enum of three or more values looked changed: the schema diff (and every generated
 * migration) rebuilt those tables. This reads all the values.
 */
class SqliteSchemaHelper extends BetterSqliteSchemaHelper {
  override async getEnumDefinitions(
    connection: AbstractSqlConnection,
    _checks: unknown,
    tableName: string,
    _schemaName: string,
    ctx?: Transaction,
  ): Promise<Dictionary<string[]>> {
    const table = await connection.execute<{ sql: string }>('select sql from sqlite_master where type = ? and name = ?', ['table', tableName], 'get', ctx);
    const enums: Dictionary<string[]> = {};
    for (const [, column, values] of table.sql.matchAll(ENUM_CHECK)) {
      enums[column] = [...values.matchAll(QUOTED)].map(([, value]) => value.replace(/''/g, "'"));
    }
    return enums;
  }
}

class SqlitePlatform extends BetterSqlitePlatform {
  protected override readonly schemaHelper: SqliteSchemaHelper = new SqliteSchemaHelper(this);

  /**
   * Keeps a Date a Date in the snapshot the unit of work compares at flush. MikroORM 6.6.16's SQLite
   * platform turns it into epoch milliseconds there, while the snapshot taken when the entity was
   * loaded holds the Date its result mapper parsed; a `type: 'datetime'` property is compared with
   * equals(), not as a date, so every loaded entity looked changed and each flush rewrote every
   * datetime column it had loaded (`update inspection set captured_at = case …`). Dates are stored as
   * the same milliseconds all the same: knex's better-sqlite3 dialect binds a Date as its valueOf().
   */
  override processDateProperty(value: unknown): string | number | Date {
    return value as string | number | Date;
  }
}

/** A query as knex hands it to its dialect. */
interface KnexQuery {
  sql: string;
  bindings?: unknown[];
  /** node-postgres's names: rows as arrays, and the values of the `?` placeholders. */
  options?: { rowMode?: string; values?: unknown[] };
  response?: unknown;
}

/** What a `rowMode: 'array'` query returns: node-postgres's result, as far as common/sql.ts reads it. */
export interface ArrayResult {
  rows: unknown[][];
  fields: Array<{ name: string }>;
  rowCount: number;
}

/** A statement prepared once per connection, and the names of its columns (none for a write). */
interface Prepared {
  statement: Statement;
  fields: Array<{ name: string }>;
}

/** Statements kept per connection; those of IN lists differ by their length. */
const MAX_PREPARED = 256;
// Beside the dialect, not in it: knex copies a client for each transaction without its fields.
const preparedByConnection = new WeakMap<Database, Map<string, Prepared>>();

/**
 * knex's better-sqlite3 dialect with write transactions that begin IMMEDIATE (see beginImmediate),
 * plus two query options that node-postgres has: `rowMode: 'array'`,
 * rows as arrays with their column names, from statements prepared once per connection; and
 * `values`, bound to the statement's `?` placeholders without knex rewriting the text to find them.
 * common/sql.ts asks for these; the ORM's own queries do not, and run as before.
 *
 * The ORM prepares every statement anew, with the values written into its text, and better-sqlite3
 * builds each row as an object column by column through V8's API: on the dashboard's many small
 * reads that cost as much as reading the rows (see test/bench/api.bench.ts).
 */
class SqliteKnexDialect extends BetterSqliteKnexDialect {
  // knex makes every transaction here, nested ones too (those begin with a savepoint, not begin()).
  transaction(...args: unknown[]): unknown {
    const transaction = (super.transaction as (...args: unknown[]) => KnexTransaction).apply(this, args);
    // begin() runs only after the connection is acquired, a tick after this returns.
    transaction.begin = (connection: unknown) => beginImmediate(transaction, connection);
    return transaction;
  }

  // knex calls _query to run every statement on a connection.
  async _query(connection: Database, query: KnexQuery): Promise<KnexQuery> {
    if (query.options?.rowMode !== 'array') return super._query(connection, query);
    query.response = runArrayStatement(connection, query.sql, this._formatBindings(query.options.values ?? query.bindings) as unknown[]);
    return query;
  }
}

/** Runs a statement on a connection, from its prepared statement: rows as arrays with their column names. */
function runArrayStatement(connection: Database, sql: string, bindings: unknown[]): ArrayResult {
  const { statement, fields } = prepare(connection, sql);
  if (statement.reader) {
    const rows = statement.all(bindings) as unknown[][];
    return { rows, fields, rowCount: rows.length };
  }
  return { rows: [], fields, rowCount: statement.run(bindings).changes };
}

/** The connection of a knex transaction on SQLite, once known: the statements of a write run on it directly. */
const transactionConnections = new WeakMap<object, Database>();

/**
 * Runs a statement of common/sql.ts inside a SQLite transaction straight on the transaction's
 * connection, as knex would run it (values bound as knex binds them: a Date as its milliseconds, a
 * boolean as 0 or 1) but without its query builder, runner and connection hand-off around every
 * statement: a write runs some twenty. Returns null when `transaction` is not one of this dialect's.
 */
export async function runInSqliteTransaction(transaction: object, sql: string, values: readonly unknown[]): Promise<ArrayResult | null> {
  // A statement after the end of its transaction is knex's to refuse.
  if ((transaction as { isCompleted?: () => boolean }).isCompleted?.() !== false) return null;
  let connection = transactionConnections.get(transaction);
  if (!connection) {
    const client = (transaction as { client?: { acquireConnection?: () => Promise<unknown> } }).client;
    if (!(client instanceof SqliteKnexDialect) || typeof client.acquireConnection !== 'function') return null;
    connection = (await client.acquireConnection()) as Database;
    transactionConnections.set(transaction, connection);
  }
  return runArrayStatement(connection, sql, values.map(bindingOf));
}

/** A value as knex's better-sqlite3 dialect binds it. */
function bindingOf(value: unknown): unknown {
  if (value instanceof Date) return value.valueOf();
  if (typeof value === 'boolean') return Number(value);
  return value;
}

/** How long a transaction keeps trying to start while another process (the CLI, a backup) writes. */
const BEGIN_DEADLINE_MS = 60_000;

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT …): another connection holds the lock. */
function isBusy(error: unknown): boolean {
  return /^SQLITE_BUSY/.test(String((error as { code?: unknown } | null)?.code ?? ''));
}

/** The knex transaction, as far as beginning one needs it. */
interface KnexTransaction {
  readOnly?: boolean;
  trxClient: { query(connection: unknown, sql: string): Promise<unknown> };
  begin(connection: unknown): Promise<unknown>;
}

/**
 * Starts a write transaction with BEGIN IMMEDIATE: it takes the write lock at once (waiting up to
 * busy_timeout for it) instead of at its first write. A deferred BEGIN reads first and must then
 * upgrade to the write lock; when another process wrote meanwhile, SQLite cannot wait for that
 * and fails at once with "database is locked" (SQLITE_BUSY) — how `jixiao import` failed beside a
 * busy server. A BEGIN that still finds the lock taken after busy_timeout is retried, with
 * back-off, for up to BEGIN_DEADLINE_MS: nothing has happened in the transaction yet, so retrying
 * is safe. A read-only transaction begins as before: readers never wait in WAL mode.
 */
async function beginImmediate(transaction: KnexTransaction, connection: unknown): Promise<unknown> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await transaction.trxClient.query(connection, transaction.readOnly ? 'BEGIN;' : 'BEGIN IMMEDIATE;');
    } catch (error) {
      if (!isBusy(error) || Date.now() - started > BEGIN_DEADLINE_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}

function prepare(connection: Database, sql: string): Prepared {
  let cache = preparedByConnection.get(connection);
  if (!cache) preparedByConnection.set(connection, (cache = new Map()));
  let found = cache.get(sql);
  if (found) {
    // Most recently used last: the first entry is the one to drop.
    cache.delete(sql);
  } else {
    const statement = connection.prepare(sql);
    found = statement.reader ? { statement: statement.raw(true), fields: statement.columns().map(({ name }) => ({ name })) } : { statement, fields: [] };
    if (cache.size >= MAX_PREPARED) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, found);
  return found;
}

class SqliteConnection extends BetterSqliteConnection {
  override createKnex(): void {
    // MikroORM's own SQLite connections pass their dialect class where the type says a client name.
    this.client = this.createKnexClient(SqliteKnexDialect as unknown as string);
    this.connected = true;
  }
}

/**
 * MikroORM's better-sqlite3 driver with the enum introspection fixed (see SqliteSchemaHelper) and
 * prepared statements for common/sql.ts (see SqliteKnexDialect).
 */
export class SqliteDriver extends AbstractSqlDriver<SqliteConnection, SqlitePlatform> {
  constructor(config: Configuration) {
    super(config, new SqlitePlatform(), SqliteConnection, ['knex', 'better-sqlite3']);
  }
}
