import { describe, expect, it } from 'vitest';
import { isFiscalYear } from './fiscal-year.js';

describe('isFiscalYear', () => {
  it.each<[unknown, boolean]>([
    [2023, true],
    [1900, true],
    [2199, true],
    [1899, false],
    [2200, false],
    [23, false],
    [2023.5, false],
    [Number.NaN, false],
    ['2023', false],
    [null, false],
  ])('%s → %s', (value, expected) => {
    expect(isFiscalYear(value)).toBe(expected);
  });
});
