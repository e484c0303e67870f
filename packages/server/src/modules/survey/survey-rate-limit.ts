import type { EntityManager } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { nullable, number, queryRows, runStatement } from '../common/sql.js';

/**
 * A rate limit's verdict: let through, or refused until `retryAfterSeconds` from now; either way
 * when the request before this one on the same key came (null for the first), to spot bursts.
 */
export type RateVerdict = ({ allowed: true } | { allowed: false; retryAfterSeconds: number }) & { previousAt: number | null };

/** How often the expired rows are swept (once per this many checks, on average). */
const SWEEP_EVERY = 200;
/** A row is swept once its bucket is full again and its last request is this old (kept for burst flags). */
const KEEP_MS = 10 * 60_000;

/**
 * Takes one request from the bucket `key` allowing `perMinute` requests a minute (bursts up to
 * `perMinute`, refilled evenly): the generic cell rate algorithm, one atomic UPSERT on the table
 * survey_rate_limit, so every server process and every restart sees the same state. All SET
 * expressions read the row as it was, so `allowed`, `tat` and `previous_at` are decided together.
 */
export async function takeFromBucket(em: EntityManager, key: string, perMinute: number, now = Date.now()): Promise<RateVerdict> {
  const interval = 60_000 / perMinute;
  const tolerance = interval * (perMinute - 1);
  const max = em.getPlatform() instanceof PostgreSqlPlatform ? 'greatest' : 'max';
  const base = `${max}(survey_rate_limit.tat, ?)`;
  const fits = `${base} - ? <= ?`;
  const [row] = await queryRows(
    em,
    `insert into survey_rate_limit (key, tat, allowed, last_at, previous_at) values (?, ?, 1, ?, null)
     on conflict (key) do update set
       allowed = case when ${fits} then 1 else 0 end,
       tat = case when ${fits} then ${base} + ? else survey_rate_limit.tat end,
       previous_at = survey_rate_limit.last_at,
       last_at = ?
     returning allowed, tat, previous_at`,
    [key, now + interval, now, now, now, tolerance, now, now, tolerance, now, interval, now],
    { allowed: number, tat: number, previous_at: nullable(number) },
  );
  if (Math.random() * SWEEP_EVERY < 1) {
    // A row whose tat has passed is a full bucket, the same as no row.
    await runStatement(em, 'delete from survey_rate_limit where tat < ? and last_at < ?', [now, now - KEEP_MS]);
  }
  const previousAt = row.previous_at;
  if (row.allowed === 1) return { allowed: true, previousAt };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.tat - now - tolerance) / 1000)), previousAt };
}

/**
 * The part of a client address that one client controls: an IPv4 address, or the /64 network of an
 * IPv6 address (a phone or a router gets a whole /64 and may pick any address in it).
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
