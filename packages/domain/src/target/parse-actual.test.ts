import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { parseActual, type ActualInput, type ActualValue } from './parse-actual.js';
import { parseTarget } from './parse-target.js';

const target = (raw: string) => parseTarget(raw, { name: raw.includes('%') ? '率' : '' }).target;

describe('parseActual reads values the way people write them', () => {
  it.each<[string, ActualInput, ActualValue]>([
    ['≥6个', { value: '5个' }, { kind: 'quantity', value: 5, unit: '个' }],
    ['≥6个', { value: '5' }, { kind: 'quantity', value: 5, unit: '个' }],
    ['≥6个', { value: ' ７ 个 ' }, { kind: 'quantity', value: 7, unit: '个' }],
    ['≥95%', { value: '96%' }, { kind: 'quantity', value: 96, unit: '%' }],
    ['≥95%', { value: '96.5％' }, { kind: 'quantity', value: 96.5, unit: '%' }],
    ['≤30万元', { value: '28.5万元' }, { kind: 'quantity', value: 28.5, unit: '万元' }],
    ['≤30万元', { value: '285000元' }, { kind: 'quantity', value: 28.5, unit: '万元' }],
    ['≤30万元', { value: '285,000元' }, { kind: 'quantity', value: 28.5, unit: '万元' }],
    ['≤10分钟', { value: '0.1小时' }, { kind: 'quantity', value: 6, unit: '分钟' }],
    ['≤10分钟', { value: '480秒' }, { kind: 'quantity', value: 8, unit: '分钟' }],
    ['≥20', { value: '25个' }, { kind: 'quantity', value: 25, unit: '个' }],
    ['2023年10月前', { value: '2023-09-20' }, { kind: 'date', date: '2023-09-20', override: null }],
    ['2023年10月前', { value: '2023年9月20日' }, { kind: 'date', date: '2023-09-20', override: null }],
    ['2023年10月前', { value: '2023年10月5日', tier: 'PARTIAL', ratio: 0.6 }, { kind: 'date', date: '2023-10-05', override: 0.6 }],
    ['显著提升审判质效', { tier: 'ACHIEVED' }, { kind: 'tier', tier: 'ACHIEVED', ratio: 1 }],
    ['显著提升审判质效', { tier: 'ACHIEVED', ratio: 0.9 }, { kind: 'tier', tier: 'ACHIEVED', ratio: 0.9 }],
    ['显著提升审判质效', { tier: 'PARTIAL' }, { kind: 'tier', tier: 'PARTIAL', ratio: 0.7 }],
    ['显著提升审判质效', { tier: 'NOT_ACHIEVED', ratio: 0.3, value: '部分案件超审限' }, { kind: 'tier', tier: 'NOT_ACHIEVED', ratio: 0.3 }],
  ])('target %s, actual %o', (raw, input, expected) => {
    expect(parseActual(input, target(raw))).toEqual(expected);
  });

  it.each<[string, ActualInput, string, string]>([
    ['≥6个', { value: '' }, 'value', '请填写实际完成值'],
    ['≥6个', { value: '五个' }, 'value', '“五个”不是有效数值，请写成如“5个”“96%”“28.5万元”'],
    ['≥6个', { value: '≥6个' }, 'value', '实际完成值“≥6个”不应带比较符，请只写数值和单位'],
    ['≥6个', { value: '6个左右' }, 'value', '“6个左右”不是有效数值，请写成如“5个”“96%”“28.5万元”'],
    ['≥6个', { value: '6个以上' }, 'value', '“6个以上”不是有效数值，请写成如“5个”“96%”“28.5万元”'],
    ['≥6个', { value: '6件' }, 'value', '单位“件”无法换算为目标值的单位“个”'],
    ['≤30万元', { value: '28个' }, 'value', '单位“个”无法换算为目标值的单位“万元”'],
    ['≤10分钟', { value: '1个工作日' }, 'value', '单位“个工作日”无法换算为目标值的单位“分钟”'],
    ['2023年10月前', { value: '九月' }, 'value', '“九月”不是有效日期，请写成“2023-09-20”或“2023年9月20日”'],
    ['2023年10月前', { value: '2023-02-30' }, 'value', '“2023-02-30”不是有效日期，请写成“2023-09-20”或“2023年9月20日”'],
    ['显著提升审判质效', { value: '已提升' }, 'tier', '定性指标须选择达成等级：达成、部分达成或未达成'],
    ['显著提升审判质效', { tier: 'ACHIEVED', ratio: 0.5 }, 'ratio', '“达成”的得分比例应在 0.8 到 1 之间，实际为 0.5'],
    ['显著提升审判质效', { tier: 'PARTIAL', ratio: 0.9 }, 'ratio', '“部分达成”的得分比例应在 0.6 到 0.8 之间，实际为 0.9'],
    ['显著提升审判质效', { ratio: 0.9 }, 'tier', '给出得分比例时须同时选择达成等级'],
  ])('target %s rejects %o: %s', (raw, input, field, message) => {
    expect(() => parseActual(input, target(raw))).toThrow(new InvalidInputError(field, message));
    try {
      parseActual(input, target(raw));
    } catch (error) {
      expect((error as InvalidInputError).field).toBe(field);
    }
  });
});
