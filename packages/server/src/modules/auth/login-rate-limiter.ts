import type { EntityManager } from '@mikro-orm/core';
import { TooManyRequestsError } from '../common/errors.js';
import { number, queryRows, runStatement } from '../common/sql.js';

/** How many attempts are free, and how the delay grows after them. */
export interface LoginLimits {
  /** Free failures per username from one address, before any delay. */
  perUserAddress: number;
  /** Free failures from one address across usernames: higher, since a whole office may share one address. */
  perAddress: number;
  /** The delay after the first failure past the free ones; it doubles with each further failure. */
  firstDelayMs: number;
  /** The longest delay. */
  maxDelayMs: number;
  /** A subject without a counted attempt for this long starts again from zero (and its row is pruned). */
  forgetAfterMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perUserAddress: 5,
  perAddress: 30,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** A claimed attempt: release it with succeeded() when the password was right. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}

/** No subject can be longer than this (usernames are refused past 64 characters before we get here). */
const MAX_SUBJECT = 200;
const PRUNE_EVERY_MS = 60_000;

/**
 * Throttles password checks per username+address and per address, in the database table
 * login_throttle, so that the limit holds across processes and restarts, and a stranger hammering
 * one account from one address cannot lock its owner out elsewhere.
 *
 * Each attempt is counted *before* its password is checked, by one atomic UPSERT … RETURNING that
 * refuses it while the subject is delayed: 100 simultaneous attempts check at most the free number
 * of passwords. After the free failures, each further failure doubles the delay (30 s, 1 min, 2 min …
 * up to 15 min). A right password forgets the username+address failures.
 */
export class LoginRateLimiter {
  private lastPruneAt = 0;

  constructor(
    readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts an attempt by `username` from `address`, or throws TooManyRequestsError (with the seconds
   * to wait) when either is being delayed. Call before checking the password.
   */
  async claim(em: EntityManager, username: string, address: string): Promise<LoginAttempt> {
    const now = this.now();
    await this.prune(em, now);
    const perAddress = `a:${address}`.slice(0, MAX_SUBJECT);
    const perUser = `ua:${address} ${username}`.slice(0, MAX_SUBJECT);
    // The username first: an attempt it refuses (the usual case under attack) costs two statements.
    await this.count(em, perUser, this.limits.perUserAddress, now);
    try {
      await this.count(em, perAddress, this.limits.perAddress, now);
    } catch (error) {
      // Counted in advance: an attempt refused for the address was no failure of the username.
      await runStatement(em, 'update login_throttle set failures = failures - 1 where subject = ? and failures > 0', [perUser]);
      throw error;
    }
    return {
      succeeded: async () => {
        await runStatement(em, 'delete from login_throttle where subject = ?', [perUser]);
        // Counted in advance: a right password was no failure of the address.
        await runStatement(em, 'update login_throttle set failures = failures - 1 where subject = ? and failures > 0', [perAddress]);
      },
    };
  }

  /**
   * When the next attempt may be checked after `failures` counted attempts, as SQL over the expression
   * `failures`. Free attempts leave 0, not `now`: an attempt whose clock reading is a little older
   * (it waited for the row, or another server's clock is behind) is not refused for it.
   */
  private nextAtSql(failures: string, free: number, now: number): string {
    const { firstDelayMs, maxDelayMs } = this.limits;
    const steps: string[] = [`when ${failures} < ${free} then 0`];
    for (let extra = 0, delay = firstDelayMs; delay < maxDelayMs; extra++, delay *= 2) steps.push(`when ${failures} = ${free + extra} then ${now + delay}`);
    return `case ${steps.join(' ')} else ${now + maxDelayMs} end`;
  }

  private async count(em: EntityManager, subject: string, free: number, now: number): Promise<void> {
    const stale = now - this.limits.forgetAfterMs;
    const failures = `(case when login_throttle.updated_at < ${stale} then 1 else login_throttle.failures + 1 end)`;
    // One statement: the row is claimed or refused atomically on both databases (no read-then-write).
    const rows = await queryRows(
      em,
      `insert into login_throttle (subject, failures, next_at, updated_at) values (?, 1, ${this.nextAtSql('1', free, now)}, ${now})
       on conflict (subject) do update set failures = ${failures}, next_at = ${this.nextAtSql(failures, free, now)}, updated_at = ${now}
       where login_throttle.next_at <= ${now}
       returning failures`,
      [subject],
      { failures: number },
    );
    if (rows.length > 0) return;
    const [row] = await queryRows(em, 'select next_at from login_throttle where subject = ?', [subject], { next_at: number });
    const retryAfter = Math.max(1, Math.ceil(((row?.next_at ?? now) - now) / 1000));
    throw new TooManyRequestsError(`登录失败次数过多，请 ${formatWait(retryAfter)}后再试`, retryAfter);
  }

  /** Forgets subjects that have been quiet long enough, at most once a minute per process. */
  private async prune(em: EntityManager, now: number): Promise<void> {
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    await runStatement(em, 'delete from login_throttle where updated_at < ? and next_at < ?', [now - this.limits.forgetAfterMs, now]);
  }
}

/** "30 秒", "2 分钟". */
function formatWait(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}
