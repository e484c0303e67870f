import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DefaultLogger, MikroORM, type LogContext, type LoggerOptions, type MigrationObject, type Options } from '@mikro-orm/core';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { dataPaths } from './config.js';
import { AuditLedger } from './modules/audit/audit-ledger.js';
import { installAuditLedger } from './modules/audit/audit-chain.js';
import { migrations as postgresqlMigrations } from './migrations/postgresql/index.js';
import { migrations as sqliteMigrations } from './migrations/sqlite/index.js';
import { SqliteDriver } from './sqlite-driver.js';
import { number, queryRows } from './modules/common/sql.js';
import { entities } from './modules/entities.js';
import { ensureScorecards } from './modules/read-model/scorecards.js';

export type Dialect = 'sqlite' | 'postgresql';

export const DEFAULT_SQLITE_PATH = 'data/jixiao.sqlite';

export interface DbOptions {
  /**
   * `postgres://…` or `postgresql://…` for PostgreSQL; anything else is the path of a SQLite file
   * (its directory is created), or `:memory:`. Default: data/jixiao.sqlite.
   */
  url?: string;
  /** Print every SQL statement (MikroORM's query log). */
  debug?: boolean;
  /** Receives every SQL statement executed, once each — including begin, commit and savepoints. */
  logQuery?: (sql: string) => void;
  /**
   * Refuse a database that does not exist, or that is not a Jixiao database, instead of creating it
   * (every command but init, import and serve): a typo in --db must not leave an empty database
   * behind. An existing database is still brought up to date.
   */
  mustExist?: boolean;
  /**
   * The data folder whose audit key and anchor go with this database (`dataPaths(dataDir)`); every
   * command passes it. Without one (tests, migrations) they are kept in memory, for this Db only.
   */
  dataDir?: string;
  /** Tests of an upgrade: apply the committed migrations only up to this one (its name), as an older release left the database. */
  migrateTo?: string;
}

/** What went wrong opening a database; the CLI turns it into a message (cli/cli-errors.ts). */
export type DatabaseProblem = 'missing' | 'not-jixiao' | 'open-failed';

/** A database that could not be opened. `database` names it for people: a path, or a URL without its password. */
export class DatabaseError extends Error {
  constructor(
    readonly database: string,
    readonly problem: DatabaseProblem,
    override readonly cause?: unknown,
  ) {
    super(problem === 'missing' ? `数据库不存在：${database}` : problem === 'not-jixiao' ? `不是 Jixiao 数据库：${database}` : `无法打开数据库：${database}`);
  }
}

/** A database for people to read: the absolute path of a SQLite file, or the URL without its password. */
export function describeDatabase(url: string): string {
  if (dialectOf(url) === 'sqlite') return url === ':memory:' ? url : resolve(url);
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Refuses a SQLite path that is missing or is not a file, before better-sqlite3 would create it. */
function checkSqliteFileExists(url: string): void {
  if (url === ':memory:') return;
  let isFile: boolean;
  try {
    isFile = statSync(url).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DatabaseError(describeDatabase(url), 'missing');
    throw new DatabaseError(describeDatabase(url), 'open-failed', error);
  }
  if (!isFile) throw new DatabaseError(describeDatabase(url), 'open-failed', Object.assign(new Error('not a file'), { code: 'EISDIR' }));
}

/** Has this database ever been migrated by Jixiao? */
async function hasMigrationTable(orm: MikroORM<AbstractSqlDriver, SqlEntityManager>, dialect: Dialect): Promise<boolean> {
  const sql =
    dialect === 'sqlite'
      ? `select count(*) as n from sqlite_master where type = 'table' and name = 'mikro_orm_migrations'`
      : `select count(*) as n from information_schema.tables where table_schema = current_schema() and table_name = 'mikro_orm_migrations'`;
  const [row] = await queryRows(orm.em, sql, [], { n: number });
  return row.n > 0;
}

export interface Db {
  orm: MikroORM<AbstractSqlDriver, SqlEntityManager>;
  /**
   * The global EntityManager. It refuses to load or flush by itself: fork it for each request or
   * unit of work (`db.em.fork()`), or use `em.transactional(…)`.
   */
  em: SqlEntityManager;
  dialect: Dialect;
  /** Closes every connection. */
  close(): Promise<void>;
}

/** Which database a URL names. */
export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';
}

/** The committed migrations of a dialect, oldest first. */
export function migrationsOf(dialect: Dialect): MigrationObject[] {
  return dialect === 'postgresql' ? postgresqlMigrations : sqliteMigrations;
}

/** Hands every executed statement to `logQuery`, then logs as usual when debugging. */
class StatementLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly onQuery: ((sql: string) => void) | undefined,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    this.onQuery?.(context.query);
    super.logQuery(context);
  }
}

/** The better-sqlite3 connection, as far as the pool callback needs it. */
interface SqliteConnection {
  pragma(source: string): unknown;
}

/** MikroORM options for a dialect, without the connection. */
function ormOptions(dialect: Dialect, options: DbOptions = {}): Options<AbstractSqlDriver, SqlEntityManager> {
  return {
    entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: migrationsOf(dialect),
      // Migrations are listed, not globbed, so they load from src (vitest) and dist alike; the schema
      // to diff against comes from the migrated database, not from a snapshot file.
      snapshot: false,
      silent: !options.debug,
      transactional: true,
      allOrNothing: true,
    },
    debug: options.debug ? ['query', 'query-params'] : false,
    loggerFactory: (loggerOptions) => new StatementLogger(loggerOptions, options.logQuery),
    // Types are given in every decorator; the metadata cache only pays off with ts-morph.
    metadataCache: { enabled: false },
  };
}

/**
 * Opens the database and brings its schema up to date with the committed migrations: a new
 * database is created (unless `mustExist`), an old one upgraded. Failures to open are DatabaseError.
 *
 * @example const db = await createDb({ url: process.env.DATABASE_URL }); const em = db.em.fork();
 */
export async function createDb(options: DbOptions = {}): Promise<Db> {
  const url = options.url ?? DEFAULT_SQLITE_PATH;
  const dialect = dialectOf(url);
  const database = describeDatabase(url);
  const base = ormOptions(dialect, options);
  let orm: MikroORM<AbstractSqlDriver, SqlEntityManager>;
  if (dialect === 'postgresql') {
    // MikroORM creates a missing PostgreSQL database by default (ensureDatabase).
    orm = await MikroORM.init<AbstractSqlDriver, SqlEntityManager>({
      ...base,
      driver: PostgreSqlDriver,
      clientUrl: url,
      ensureDatabase: !options.mustExist,
    }).catch((error: unknown) => {
      throw new DatabaseError(database, isMissingPostgresDatabase(error) ? 'missing' : 'open-failed', error);
    });
  } else {
    if (options.mustExist) checkSqliteFileExists(url);
    // Owner only: the folder holds password hashes and (in the data folder) the secret and photos.
    else if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true, mode: 0o700 });
    orm = await MikroORM.init<AbstractSqlDriver, SqlEntityManager>({
      ...base,
      driver: SqliteDriver,
      dbName: url,
      pool: {
        afterCreate: (connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void) => {
          try {
            // WAL: readers do not block the writer; busy_timeout: a second process (CLI, backup) waits
            // for the lock instead of failing at once. WAL is a property of the file, set when it was
            // created: a database that must exist already has it, and setting it would write to a
            // file that may turn out not to be a Jixiao database.
            if (!options.mustExist) connection.pragma('journal_mode = WAL');
            connection.pragma('foreign_keys = ON');
            connection.pragma('busy_timeout = 5000');
          } catch (error) {
            // Not a database file, or one that cannot be opened: reported by checkConnection below.
            done(error as Error, connection);
            return;
          }
          done(null, connection);
        },
      },
    }).catch((error: unknown) => {
      throw new DatabaseError(database, 'open-failed', error);
    });
  }
  try {
    const connection = await orm.checkConnection();
    if (!connection.ok) {
      throw new DatabaseError(database, isMissingPostgresDatabase(connection.error) ? 'missing' : 'open-failed', connection.error);
    }
    if (options.mustExist && !(await hasMigrationTable(orm, dialect))) throw new DatabaseError(database, 'not-jixiao');
    await orm.migrator.up(options.migrateTo === undefined ? undefined : { to: options.migrateTo });
    installAuditLedger(orm, options.dataDir === undefined ? AuditLedger.inMemory() : AuditLedger.inDataFolder(dataPaths(options.dataDir)));
    // A database from before the stored scorecards (or restored from such a backup) gets them now,
    // once; an up-to-date one costs a single query.
    if (options.migrateTo === undefined) await ensureScorecards(orm.em.fork());
  } catch (error) {
    await orm.close(true);
    throw error instanceof DatabaseError ? error : new DatabaseError(database, 'open-failed', error);
  }
  return { orm, em: orm.em, dialect, close: () => orm.close(true) };
}

/**
 * One connection to an existing PostgreSQL database, without entities or migrations — for tools
 * that read or fill it as it is (backup, restore). Refuses a missing or unreachable database with
 * DatabaseError, never creating it.
 */
export async function openPostgresConnection(url: string): Promise<MikroORM> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    ensureDatabase: false,
    pool: { min: 0, max: 1 },
  });
  const connection = await orm.checkConnection();
  if (!connection.ok) {
    await orm.close(true);
    throw new DatabaseError(describeDatabase(url), isMissingPostgresDatabase(connection.error) ? 'missing' : 'open-failed', connection.error);
  }
  return orm;
}

/** PostgreSQL's "database … does not exist" (SQLSTATE 3D000). */
function isMissingPostgresDatabase(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === '3D000';
}
