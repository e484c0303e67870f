import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, nextDelay } from './backoff';

describe('nextDelay', () => {
  const cases: Array<[string, number, number, number]> = [
    // [sentence, attempts, random, expected ms]
    ['the first retry waits 5 s', 1, 0.5, 5_000],
    ['the second waits 10 s', 2, 0.5, 10_000],
    ['the third waits 20 s', 3, 0.5, 20_000],
    ['the seventh waits 320 s', 7, 0.5, 320_000],
    ['the eighth would wait 640 s and is capped at 10 min', 8, 0.5, MAX_DELAY_MS],
    ['the hundredth still waits 10 min', 100, 0.5, MAX_DELAY_MS],
    ['random 0 is 20 % earlier', 1, 0, 4_000],
    ['random just under 1 is almost 20 % later', 1, 0.999_999, 6_000],
    ['jitter also spreads the capped delay (−20 %)', 50, 0, 480_000],
    ['jitter also spreads the capped delay (+20 %)', 50, 1, 720_000],
    ['zero attempts is treated as the first', 0, 0.5, 5_000],
    ['a negative count is treated as the first', -3, 0.5, 5_000],
    ['a broken random source means no jitter', 2, Number.NaN, 10_000],
  ];

  it.each(cases)('%s', (_sentence, attempts, random, expected) => {
    expect(nextDelay(attempts, () => random)).toBe(expected);
  });

  it('never exceeds the cap plus jitter and never goes below 4 s', () => {
    for (let attempts = 1; attempts < 40; attempts++) {
      const delay = nextDelay(attempts);
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(MAX_DELAY_MS * 1.2);
    }
  });
});
