import { describe, expect, it } from 'vitest';
import { normalizeCell, parseDecimal, round2, round4 } from './normalize.js';

describe('normalizeCell', () => {
  it.each([
    ['≥ ９５ ％', '≥95%'],
    ['＞９０％', '>90%'],
    ['＜＝ 10 分钟', '<=10分钟'],
    ['\u3000１２月\t', '12月'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeCell(input)).toBe(expected);
  });
});

describe('parseDecimal', () => {
  it.each([
    ['418.00', 418],
    ['27,000', 27000],
    ['１２３.５', 123.5],
    [' 31 ', 31],
    ['四百', null],
    ['12a', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(parseDecimal(input)).toBe(expected);
  });
});

describe('round2', () => {
  it.each([
    [8.333333, 8.33],
    [1.005, 1.01],
    [6.25, 6.25],
    [-2.345, -2.35],
    [89.995, 90],
  ])('%s → %s', (input, expected) => {
    expect(round2(input)).toBe(expected);
  });
});

describe('round4', () => {
  it.each([
    ['400 of 418 spent', 400 / 418, 0.9569],
    ['27.5 of 27: over budget stays over', 27.5 / 27, 1.0185],
    ['an exact half rounds up, though its float lies just below (toFixed gives 0.9568)', 0.95685, 0.9569],
    ['a whole rate stays whole', 1, 1],
    ['nothing spent', 0, 0],
  ])('%s: %s → %s', (_label, input, expected) => {
    expect(round4(input)).toBe(expected);
  });
});
