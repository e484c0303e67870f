import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { convertUnit } from './units.js';

describe('convertUnit converts where the conversion is certain', () => {
  it.each<[number, string, string, number]>([
    [285000, '元', '万元', 28.5],
    [28.5, '万元', '元', 285000],
    [1.2, '亿元', '万元', 12000],
    [500, '千元', '万元', 50],
    [2, '小时', '分钟', 120],
    [90, '分钟', '小时', 1.5],
    [1, '天', '小时', 24],
    [30, '秒', '分钟', 0.5],
    [2, '周', '天', 14],
    [2, '年', '个月', 24],
    [18, '月', '年', 1.5],
    [3, '公里', '米', 3000],
    [2, '公顷', '平方米', 20000],
    [3.2, '万人次', '人次', 32000],
    [15000, '件', '万件', 1.5],
    [950, '‰', '%', 95],
    [7, '个', '个', 7],
  ])('%s %s = %s %s', (value, from, to, expected) => {
    expect(convertUnit(value, from, to)).toBe(expected);
  });

  it.each<[string, string]>([
    ['元', '个'],
    ['个', '件'],
    ['天', '个工作日'],
    ['月', '天'],
    ['年', '天'],
    ['%', '个'],
    ['人', '人次'],
  ])('refuses %s → %s, naming both units', (from, to) => {
    expect(() => convertUnit(1, from, to)).toThrow(new InvalidInputError('value', `单位“${from}”无法换算为目标值的单位“${to}”`));
  });
});
