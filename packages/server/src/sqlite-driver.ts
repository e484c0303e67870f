import {
  AbstractSqlDriver,
  BetterSqliteConnection,
  BetterSqlitePlatform,
  BetterSqliteSchemaHelper,
  type AbstractSqlConnection,
} from '@mikro-orm/better-sqlite';
import type { Configuration, Dictionary, Transaction } from '@mikro-orm/core';

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
}

/** MikroORM's better-sqlite3 driver with the enum introspection fixed (see SqliteSchemaHelper). */
export class SqliteDriver extends AbstractSqlDriver<BetterSqliteConnection, SqlitePlatform> {
  constructor(config: Configuration) {
    super(config, new SqlitePlatform(), BetterSqliteConnection, ['knex', 'better-sqlite3']);
  }
}
