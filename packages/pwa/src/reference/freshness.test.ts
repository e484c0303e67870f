import { describe, expect, it } from 'vitest';
import { freshnessOf, type Freshness } from './freshness';

const now = Date.parse('2024-03-01T12:00:00Z');
const MIN = 60_000;

describe('freshnessOf', () => {
  const cases: Array<[string, number | null, Freshness]> = [
    ['data never fetched is "never"', null, { unit: 'never' }],
    ['data fetched 20 s ago is "just now"', now - 20_000, { unit: 'justNow' }],
    ['data fetched 5 min ago is 5 minutes old', now - 5 * MIN, { unit: 'minutes', count: 5 }],
    ['data fetched 59.9 min ago is still minutes', now - 59.9 * MIN, { unit: 'minutes', count: 59 }],
    ['data fetched 3 h ago is 3 hours old', now - 180 * MIN, { unit: 'hours', count: 3 }],
    ['data fetched 2 days ago is 2 days old', now - 2 * 24 * 60 * MIN, { unit: 'days', count: 2 }],
    ['a clock that went backwards reads as just now', now + 10 * MIN, { unit: 'justNow' }],
  ];
  it.each(cases)('%s', (_, fetchedAt, expected) => {
    expect(freshnessOf(fetchedAt, now)).toEqual(expected);
  });
});
