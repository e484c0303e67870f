import type { EntityManager } from '@mikro-orm/core';
import { AbstractSqlConnection, type Knex } from '@mikro-orm/knex';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { runInSqliteTransaction, type ArrayResult } from '../../sqlite-driver.js';

/**
 * The one way to run hand-written SQL: `queryRows` for a statement that returns rows, `runStatement`
 * for one that does not. Plain rows, not entities: a dashboard reads thousands of values, and
 * building entities for them costs several times the SQL itself (see test/bench/api.bench.ts).
 *
 * Both run within the EntityManager's transaction if it has one, are logged as the ORM logs its
 * statements (the tests count them; debug mode prints them), and fail with the ORM's exceptions
 * (UniqueConstraintViolationException …). Values go in `?` placeholders; `?` means nothing else.
 * On SQLite they are bound to a statement prepared once per connection (sqlite-driver.ts); on
 * PostgreSQL they are written into the text as the ORM writes its own, so that each takes its
 * type from where it stands. Either way knex only carries the statement: it never reads the text;
 * inside a SQLite transaction it does not even carry it (runInSqliteTransaction).
 */

/** Turns a column's value, as either driver returns it, into a value of one type. */
export type Decoder<T> = (value: unknown) => T;

/** A statement's columns, by the names it returns them under, and how to read each. */
export type Columns = Record<string, Decoder<unknown>>;

/** A row decoded by `columns`. */
export type RowOf<C extends Columns> = { [K in keyof C]: ReturnType<C[K]> };

// Row decoders. The drivers differ: SQLite has no booleans, dates or JSON (numbers and text
// instead) and returns every integer as a number; PostgreSQL returns bigints, counts and decimals
// as text, timestamps as Date objects and JSON parsed.

/** Text. An enum's values too: `text<Tier>`. */
export const text = <T extends string = string>(value: unknown): T => String(value) as T;

/** A number: SQLite's integers and reals; PostgreSQL's ints, floats, and bigints, counts and decimals (text). */
export const number: Decoder<number> = (value) => Number(value);

/** A boolean: 0 or 1 on SQLite. */
export const boolean: Decoder<boolean> = (value) => (typeof value === 'boolean' ? value : Number(value) !== 0);

/**
 * An instant (a `datetime` property): epoch milliseconds on SQLite; a Date from PostgreSQL, or
 * timestamp text.
 */
export const instant: Decoder<Date> = (value) => {
  if (value instanceof Date) return value;
  return typeof value === 'number' || /^\d+$/.test(String(value)) ? new Date(Number(value)) : new Date(String(value));
};

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A day (a `date` property) as "YYYY-MM-DD": text on SQLite; a Date at local midnight from
 * PostgreSQL, read back with local getters so that the day does not shift with the time zone.
 */
export const day: Decoder<string> = (value) => {
  if (value instanceof Date) return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  return String(value).slice(0, 10);
};

/** A JSON property: text on SQLite, parsed by PostgreSQL. */
export const json = <T = unknown>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** `decode`, or null for SQL null. */
export function nullable<T>(decode: Decoder<T>): Decoder<T | null> {
  return (value) => (value === null || value === undefined ? null : decode(value));
}

/** The placeholders of an IN list of `count` values: `?, ?, ?`. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/**
 * Runs a statement that returns rows (select, or insert … returning) and decodes them: `columns`
 * names every column the statement returns, and nothing else.
 *
 * @example const rows = await queryRows(em, `select id, code from organization where id in (${placeholders(ids.length)})`, ids, { id: text, code: text });
 */
export async function queryRows<C extends Columns>(em: EntityManager, sql: string, params: readonly unknown[], columns: C): Promise<Array<RowOf<C>>> {
  return decodeRows(await run(em, sql, params), columns, sql);
}

function decodeRows<C extends Columns>(result: ArrayResult, columns: C, sql: string): Array<RowOf<C>> {
  const decode = rowDecoder(columns, result.fields, sql) as (values: unknown[]) => RowOf<C>;
  const rows = new Array<RowOf<C>>(result.rows.length);
  for (let i = 0; i < rows.length; i++) rows[i] = decode(result.rows[i]);
  return rows;
}

type RowDecoder = (values: unknown[]) => Record<string, unknown>;
const rowDecoders = new WeakMap<Columns, Map<string, RowDecoder>>();
/** By the very fields array: SQLite returns the same one for each run of a prepared statement. */
const rowDecodersByFields = new WeakMap<ArrayResult['fields'], { columns: Columns; decode: RowDecoder }>();

/**
 * A function that decodes a row of `fields` with `columns`, made once for each: an object literal
 * whose every call site meets one decoder reads a dashboard's rows several times faster than a loop
 * over the columns does.
 */
function rowDecoder(columns: Columns, fields: ArrayResult['fields'], sql: string): RowDecoder {
  const known = rowDecodersByFields.get(fields);
  if (known?.columns === columns) return known.decode;
  const decode = rowDecoderByNames(columns, fields, sql);
  rowDecodersByFields.set(fields, { columns, decode });
  return decode;
}

function rowDecoderByNames(columns: Columns, fields: ArrayResult['fields'], sql: string): RowDecoder {
  const names = fields.map((field) => field.name);
  const key = names.join('\0');
  let byFields = rowDecoders.get(columns);
  if (!byFields) rowDecoders.set(columns, (byFields = new Map()));
  let decode = byFields.get(key);
  if (decode) return decode;
  const decoders = names.map((name) => (Object.hasOwn(columns, name) ? columns[name] : undefined));
  if (new Set(names).size !== names.length || names.length !== Object.keys(columns).length || decoders.some((decoder) => decoder === undefined)) {
    throw new Error(`the statement returns the columns ${names.join(', ')}, but decoders were given for ${Object.keys(columns).join(', ')}: ${sql}`);
  }
  const properties = names.map((name, c) => `${JSON.stringify(name)}: decoders[${c}](values[${c}])`);
  decode = new Function('decoders', `return (values) => ({ ${properties.join(', ')} });`)(decoders) as RowDecoder;
  byFields.set(key, decode);
  return decode;
}

/**
 * Runs a statement for its effect (insert, update, delete, a lock) and returns how many rows it
 * changed (PostgreSQL: how many it touched or returned).
 *
 * @example await runStatement(em, 'delete from login_throttle where subject = ?', [subject]);
 */
export async function runStatement(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<number> {
  return (await run(em, sql, params)).rowCount ?? 0;
}

async function run(em: EntityManager, sql: string, params: readonly unknown[]): Promise<ArrayResult> {
  const results = await runInOrder(em, [[sql, params]]);
  return results[results.length - 1];
}

/** A statement and the values of its `?` placeholders. */
export type Statement = readonly [sql: string, params: readonly unknown[]];

/**
 * Runs statements for their effect, in this order, as runStatement runs one: on PostgreSQL in one
 * round trip (one text, the values written in), one after another on SQLite, which has no round
 * trips. For the writes of a transaction whose results nothing reads: a write on PostgreSQL is
 * bound by its round trips (test/bench/writes.bench.ts). If one fails, those after it do not run.
 *
 * @example await runStatements(tx, [['delete from t where id = ?', [id]], ['insert into t (id) values (?)', [id]]]);
 */
export async function runStatements(em: EntityManager, statements: readonly Statement[]): Promise<void> {
  if (statements.length > 0) await runInOrder(em, statements);
}

/**
 * queryRows, with `before` run first for their effect in the same round trip (see runStatements):
 * a lock and the read it guards, or the writes of a step and the first read of the next.
 *
 * @example const [last] = await queryRowsAfter(tx, [['select pg_advisory_xact_lock(?)', [key]]], 'select seq from audit_event order by seq desc limit 1', [], { seq: number });
 */
export async function queryRowsAfter<C extends Columns>(
  em: EntityManager,
  before: readonly Statement[],
  sql: string,
  params: readonly unknown[],
  columns: C,
): Promise<Array<RowOf<C>>> {
  const results = await runInOrder(em, [...before, [sql, params]]);
  return decodeRows(results[results.length - 1], columns, sql);
}

async function runInOrder(em: EntityManager, statements: readonly Statement[]): Promise<ArrayResult[]> {
  const connection = em.getConnection();
  if (!(connection instanceof AbstractSqlConnection)) throw new Error('queryRows and runStatement need a SQL database');
  const platform = em.getPlatform();
  const transaction = em.getTransactionContext<Knex.Transaction>();
  const knex: Knex = transaction ?? connection.getKnex();
  const pg = platform instanceof PostgreSqlPlatform;
  const logger = em.config.getLogger();
  const started = Date.now();
  // Each statement is logged as the ORM logs one, also those sent together: the tests count them.
  const log = ([sql, params]: Statement, outcome: { results?: number; level?: 'error' }) => {
    const query = logger.isEnabled('query-params') ? platform.formatQuery(sql, [...params]) : sql;
    logger.logQuery({
      level: 'info',
      connection: { type: 'write', name: em.config.get('name') },
      query,
      params: [...params],
      took: Date.now() - started,
      ...outcome,
    });
  };
  let done = 0;
  try {
    const results: ArrayResult[] = [];
    if (pg) {
      // One text: node-postgres sends it as a simple query, which may hold several statements and
      // answers with the result of each (an array, when there are several).
      const text = statements.map(([sql, params]) => platform.formatQuery(sql, [...params])).join(';\n');
      const response = (await knex.raw(text).options({ rowMode: 'array' })) as ArrayResult | ArrayResult[];
      results.push(...(Array.isArray(response) ? response : [response]));
      if (results.length !== statements.length) throw new Error(`${statements.length} statements gave ${results.length} results: ${text}`);
    } else {
      for (const [sql, params] of statements) {
        // Within a SQLite transaction, straight on its connection (sqlite-driver.ts); otherwise through knex.
        const direct = transaction ? await runInSqliteTransaction(transaction, sql, params) : null;
        results.push(direct ?? ((await knex.raw(sql).options({ rowMode: 'array', values: params })) as ArrayResult));
        done++;
      }
    }
    statements.forEach((statement, i) => log(statement, { results: results[i].rows.length }));
    return results;
  } catch (error) {
    // SQLite: those that ran, then the one that failed; PostgreSQL cannot tell which of the text failed.
    statements.slice(0, pg ? statements.length : done + 1).forEach((statement, i) => log(statement, i < done ? {} : { level: 'error' }));
    throw error instanceof Error ? em.getDriver().convertException(error) : error;
  }
}

/**
 * A value bound as the ORM would store it in a column: on SQLite a Date is its epoch milliseconds
 * (a `datetime` property) and a boolean 0 or 1; PostgreSQL takes both as they are. JSON columns take
 * the JSON text (`JSON.stringify`).
 */
export function columnValue(em: EntityManager, value: unknown): unknown {
  if (em.getPlatform() instanceof PostgreSqlPlatform) return value;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** Values per INSERT statement: far below SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const MAX_INSERT_VALUES = 5_000;

/**
 * Inserts rows into `table`, all with the columns of the first (values as columnValue binds them),
 * as few statements as the parameter limits allow: for the writes every request makes, where the
 * ORM's insert costs more than the statement, and for the stored scorecards of many projects.
 *
 * @example await insertRows(em, 'actual', [{ id, indicator_id: indicatorId, value, recorded_at: new Date() }]);
 */
export async function insertRows(em: EntityManager, table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  for (const statement of insertStatements(em, table, rows)) await runStatement(em, ...statement);
}

/** The statements of insertRows, to run with others (runStatements). */
export function insertStatements(em: EntityManager, table: string, rows: ReadonlyArray<Record<string, unknown>>): Statement[] {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  const row = `(${placeholders(columns.length)})`;
  const perStatement = Math.max(1, Math.floor(MAX_INSERT_VALUES / columns.length));
  const statements: Statement[] = [];
  for (let at = 0; at < rows.length; at += perStatement) {
    const batch = rows.slice(at, at + perStatement);
    const values = batch.flatMap((r) => columns.map((column) => columnValue(em, r[column])));
    statements.push([`insert into ${table} (${columns.join(', ')}) values ${batch.map(() => row).join(', ')}`, values]);
  }
  return statements;
}
