import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Failed logins of one subject ("ua:<address> <username>" or "a:<address>"), kept in the database so
 * the limit holds across server processes and restarts. Written only by LoginRateLimiter, with
 * single atomic statements.
 */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottle {
  @PrimaryKey({ type: 'string', length: 200 })
  subject!: string;

  /** Attempts counted since the last quiet period (an attempt is counted before its password is checked). */
  @Property({ type: 'integer' })
  failures!: number;

  /** No attempt is checked before this time (milliseconds since 1970). */
  @Property({ type: 'bigint' })
  nextAt!: string;

  /** The last counted attempt (milliseconds since 1970): old rows are forgotten and pruned. */
  @Property({ type: 'bigint', index: true })
  updatedAt!: string;
}
