import { describe, expect, it } from 'vitest';
import { fenFromWan, wanFromFen } from './money.js';

describe('money', () => {
  it.each([
    [418, 418_000_000],
    [0.01, 10_000],
    [28.5, 28_500_000],
    [1234567.89, 1_234_567_890_000],
    // 0.1 + 0.2 is not 0.3 in floating point; the 分 are still exact.
    [0.1 + 0.2, 300_000],
    [0.000001, 1],
  ])('%d 万元 is %d 分 and back', (wan, fen) => {
    expect(fenFromWan(wan)).toBe(fen);
    expect(wanFromFen(fen)).toBe(Math.round(wan * 1e6) / 1e6);
  });

  it('refuses amounts that a number cannot hold exactly', () => {
    expect(() => fenFromWan(1e10)).toThrow(RangeError);
    expect(() => fenFromWan(Number.NaN)).toThrow(RangeError);
  });
});
