/** Retry back-off after transient failures (server unreachable, 5xx, 429). */

export const FIRST_DELAY_MS = 5_000;
export const MAX_DELAY_MS = 10 * 60_000;
/** ±20 %: devices that lost the server together do not all come back in the same second. */
export const JITTER = 0.2;

/**
 * How long to wait before the next attempt after `attempts` failed ones: 5 s, 10 s, 20 s … doubling,
 * capped at 10 min, then spread by ±20 % (`random()` in [0, 1): 0 → −20 %, 0.5 → exact, →1 → +20 %).
 *
 * @example
 * nextDelay(1, () => 0.5) // 5000
 * nextDelay(3, () => 0)   // 16000 (20 s − 20 %)
 */
export function nextDelay(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.floor(attempts) - 1);
  // Cap the exponent too, so a huge attempt count never reaches Infinity.
  const base = Math.min(FIRST_DELAY_MS * 2 ** Math.min(exponent, 30), MAX_DELAY_MS);
  const spread = 1 - JITTER + 2 * JITTER * clamp01(random());
  return Math.round(base * spread);
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0.5;
}
