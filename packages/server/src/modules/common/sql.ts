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
  const result = await run(em, sql, params);
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
  const connection = em.getConnection();
  if (!(connection instanceof AbstractSqlConnection)) throw new Error('queryRows and runStatement need a SQL database');
  const platform = em.getPlatform();
  const transaction = em.getTransactionContext<Knex.Transaction>();
  const knex: Knex = transaction ?? connection.getKnex();
  const pg = platform instanceof PostgreSqlPlatform;
  const logger = em.config.getLogger();
  const started = Date.now();
  const log = (outcome: { results?: number; level?: 'error' }) => {
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
  try {
    // Within a SQLite transaction, straight on its connection (sqlite-driver.ts); otherwise through knex.
    const direct = transaction && !pg ? await runInSqliteTransaction(transaction, sql, params) : null;
    const result =
      direct ??
      ((await (pg
        ? knex.raw(platform.formatQuery(sql, [...params])).options({ rowMode: 'array' })
        : knex.raw(sql).options({ rowMode: 'array', values: params }))) as ArrayResult);
    log({ results: result.rows.length });
    return result;
  } catch (error) {
    log({ level: 'error' });
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
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const row = `(${placeholders(columns.length)})`;
  const perStatement = Math.max(1, Math.floor(MAX_INSERT_VALUES / columns.length));
  for (let at = 0; at < rows.length; at += perStatement) {
    const batch = rows.slice(at, at + perStatement);
    const values = batch.flatMap((r) => columns.map((column) => columnValue(em, r[column])));
    await runStatement(em, `insert into ${table} (${columns.join(', ')}) values ${batch.map(() => row).join(', ')}`, values);
  }
}
