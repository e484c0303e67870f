import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDateTime } from './china-time.js';

describe('China time', () => {
  it.each<[string, string | number | Date, string, string]>([
    ['17:00 UTC is already the next day in China', '2023-09-29T17:00:00Z', '2023-09-30', '2023-09-30 01:00'],
    ['15:59:59 UTC is still the same day', '2023-09-29T15:59:59Z', '2023-09-29', '2023-09-29 23:59'],
    ['an instant written with +08:00 keeps its wall clock', '2023-12-31T23:00:00+08:00', '2023-12-31', '2023-12-31 23:00'],
    ['New Year in China comes 8 hours before UTC', new Date('2023-12-31T16:30:00Z'), '2024-01-01', '2024-01-01 00:30'],
    ['epoch milliseconds as the database stores them', Date.parse('2023-09-20T02:00:00Z'), '2023-09-20', '2023-09-20 10:00'],
    ['no daylight saving in summer', '2023-07-01T00:00:00-04:00', '2023-07-01', '2023-07-01 12:00'],
  ])('%s: %s', (_label, instant, day, minute) => {
    expect(chinaDate(instant)).toBe(day);
    expect(chinaDateTime(instant)).toBe(minute);
  });
});
