import type { EntityManager } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';

/** A rate limit's verdict: let through, or refused until `retryAfterSeconds` from now. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** How often the expired rows are swept (once per this many checks, on average). */
const SWEEP_EVERY = 200;

/**
 * Takes one request from the bucket `key` allowing `perMinute` requests a minute (bursts up to
 * `perMinute`, refilled evenly): the generic cell rate algorithm, one atomic UPSERT on the table
 * survey_rate_limit, so every server process and every restart sees the same state. Both SET
 * expressions read the row as it was, so `allowed` and `tat` are decided together.
 */
export async function takeFromBucket(em: EntityManager, key: string, perMinute: number, now = Date.now()): Promise<RateVerdict> {
  const interval = 60_000 / perMinute;
  const tolerance = interval * (perMinute - 1);
  const max = em.getPlatform() instanceof PostgreSqlPlatform ? 'greatest' : 'max';
  const base = `${max}(survey_rate_limit.tat, ?)`;
  const fits = `${base} - ? <= ?`;
  const rows: Array<{ allowed: number | string; tat: number | string }> = await em.getConnection().execute(
    `insert into survey_rate_limit (key, tat, allowed) values (?, ?, 1)
     on conflict (key) do update set
       allowed = case when ${fits} then 1 else 0 end,
       tat = case when ${fits} then ${base} + ? else survey_rate_limit.tat end
     returning allowed, tat`,
    [key, now + interval, now, now, tolerance, now, now, tolerance, now, interval],
    'all',
  );
  if (Math.random() * SWEEP_EVERY < 1) {
    // A row whose tat has passed is a full bucket, the same as no row.
    await em.getConnection().execute('delete from survey_rate_limit where tat < ?', [now], 'run');
  }
  const [row] = rows;
  if (Number(row.allowed) === 1) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((Number(row.tat) - now - tolerance) / 1000)) };
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
