import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DefaultLogger, MikroORM, type LogContext, type LoggerOptions, type MigrationObject, type Options } from '@mikro-orm/core';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { migrations as postgresqlMigrations } from './migrations/postgresql/index.js';
import { migrations as sqliteMigrations } from './migrations/sqlite/index.js';
import { SqliteDriver } from './sqlite-driver.js';
import { entities } from './modules/entities.js';

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
 * database is created, an old one upgraded.
 *
 * @example const db = await createDb({ url: process.env.DATABASE_URL }); const em = db.em.fork();
 */
export async function createDb(options: DbOptions = {}): Promise<Db> {
  const url = options.url ?? DEFAULT_SQLITE_PATH;
  const dialect = dialectOf(url);
  const base = ormOptions(dialect, options);
  let orm: MikroORM<AbstractSqlDriver, SqlEntityManager>;
  if (dialect === 'postgresql') {
    orm = await MikroORM.init<AbstractSqlDriver, SqlEntityManager>({ ...base, driver: PostgreSqlDriver, clientUrl: url });
  } else {
    if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
    orm = await MikroORM.init<AbstractSqlDriver, SqlEntityManager>({
      ...base,
      driver: SqliteDriver,
      dbName: url,
      pool: {
        afterCreate: (connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void) => {
          // WAL: readers do not block the writer; busy_timeout: a second process (CLI, backup) waits
          // for the lock instead of failing at once.
          connection.pragma('journal_mode = WAL');
          connection.pragma('foreign_keys = ON');
          connection.pragma('busy_timeout = 5000');
          done(null, connection);
        },
      },
    });
  }
  try {
    await orm.migrator.up();
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return { orm, em: orm.em, dialect, close: () => orm.close(true) };
}
