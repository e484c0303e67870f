/** How old cached data is, in the largest whole unit, for a line like "数据更新于 5 分钟前". */
export type Freshness = { unit: 'never' } | { unit: 'justNow' } | { unit: 'minutes' | 'hours' | 'days'; count: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * @example freshnessOf(now - 5 * 60_000, now) // { unit: 'minutes', count: 5 }
 */
export function freshnessOf(fetchedAt: number | null, now: number): Freshness {
  if (fetchedAt === null) return { unit: 'never' };
  const age = Math.max(0, now - fetchedAt);
  if (age < MINUTE) return { unit: 'justNow' };
  if (age < HOUR) return { unit: 'minutes', count: Math.floor(age / MINUTE) };
  if (age < DAY) return { unit: 'hours', count: Math.floor(age / HOUR) };
  return { unit: 'days', count: Math.floor(age / DAY) };
}
