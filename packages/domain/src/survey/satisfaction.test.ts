import { describe, expect, it } from 'vitest';
import { satisfactionRate, type SatisfactionCounts, type SatisfactionMethod } from './satisfaction.js';

describe('satisfactionRate', () => {
  it.each<[string, SatisfactionCounts, SatisfactionMethod, number | null]>([
    ['default: (非常满意 + 满意) / valid', { 非常满意: 12, 满意: 6, 基本满意: 2 }, 'TOP_TWO', 90],
    ['20 answers, 17 satisfied', { 非常满意: 10, 满意: 7, 基本满意: 2, 不满意: 1 }, 'TOP_TWO', 85],
    ['one third', { 非常满意: 1, 不满意: 2 }, 'TOP_TWO', 33.33],
    ['基本满意 counted as satisfied', { 非常满意: 10, 满意: 7, 基本满意: 2, 不满意: 1 }, 'TOP_THREE', 95],
    ['weighted index: (10×100 + 7×80 + 2×60 + 1×40) / 20', { 非常满意: 10, 满意: 7, 基本满意: 2, 不满意: 1 }, 'WEIGHTED', 86],
    ['everyone very dissatisfied', { 非常不满意: 4 }, 'TOP_TWO', 0],
    ['no valid answer', {}, 'TOP_TWO', null],
  ])('%s', (_label, counts, method, expected) => {
    expect(satisfactionRate(counts, method)).toBe(expected);
  });

  it('refuses an unknown level and a negative count', () => {
    expect(() => satisfactionRate({ 还行: 3 } as SatisfactionCounts)).toThrow('“还行”不是满意度选项');
    expect(() => satisfactionRate({ 满意: -1 })).toThrow('“满意”的人数应为非负整数');
  });
});
