import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { describeTargetScoring, targetFromFields, type TargetFields } from './edit-target.js';
import { parseTarget } from './parse-target.js';

describe('targetFromFields: what a person corrects in the preview', () => {
  it('keeps a corrected unit', () => {
    expect(targetFromFields({ raw: '≥98百分比', kind: 'quantitative', comparator: '>=', value: 98, unit: '百分比' })).toEqual({
      raw: '≥98百分比',
      kind: 'quantitative',
      comparator: '>=',
      value: 98,
      unit: '%',
      rule: null,
    });
  });

  it.each<[string, TargetFields, string]>([
    ['a quantity without comparator', { raw: '5', kind: 'quantitative', value: 5 }, 'comparator'],
    ['a quantity without number', { raw: '5', kind: 'quantitative', comparator: '=' }, 'value'],
    ['a range without its high end', { raw: '90-95%', kind: 'quantitative', comparator: 'between', value: 90 }, 'max'],
    ['a deadline without date', { raw: '年底', kind: 'deadline' }, 'deadline'],
    ['a deadline on a day that does not exist', { raw: 'x', kind: 'deadline', deadline: '2023-02-30' }, 'deadline'],
    ['an unknown kind', { raw: 'x', kind: 'other' as never }, 'kind'],
  ])('refuses %s, naming the field', (_, fields, field) => {
    expect(() => targetFromFields(fields)).toThrow(InvalidInputError);
    try {
      targetFromFields(fields);
    } catch (error) {
      expect((error as InvalidInputError).field).toBe(field);
    }
  });
});

describe('describeTargetScoring', () => {
  it.each([
    ['≥95%', '实际值≥95%得满分；未达到时得分 = 实际值 ÷ 95% × 分值'],
    ['≤10分钟', '实际值≤10分钟得满分；超出时得分 = 10分钟 ÷ 实际值 × 分值'],
    ['90%-95%', '实际值在 90–95% 之间得满分；低于时按 实际值 ÷ 90%，高于时按 95% ÷ 实际值 计分'],
    ['2023年10月前', '2023-09-30 当日或之前完成得满分，逾期不得分（评价人可酌情给分）'],
    ['充分保障', '定性指标：评价人选择达成（80–100%）、部分达成（60–80%）或未达成（0–60%）'],
  ])('%s', (raw, sentence) => {
    expect(describeTargetScoring(parseTarget(raw).target)).toBe(sentence);
  });
});
