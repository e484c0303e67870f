import { describe, expect, it } from 'vitest';
import { PROJECT } from '../testing/harness';
import { previewActual } from './manage-preview';

const count = PROJECT.indicators[0]; // ≥6个, weight 10
const quality = PROJECT.indicators[1]; // 显著提升审判质效, weight 15
const cost = {
  ...count,
  level2: '成本指标',
  name: '维修成本',
  target: { ...count.target, raw: '≤30万元', comparator: '<=', value: '30', unit: '万元' },
  weight: 10,
};

describe('previewActual (the domain rules the server applies)', () => {
  it('says nothing before anything is entered', () => {
    expect(previewActual(count, { value: '  ' })).toEqual({ state: 'empty' });
    expect(previewActual(quality, { tier: null })).toEqual({ state: 'empty' });
  });

  it('reads a value as written and scores it against the target', () => {
    const preview = previewActual(count, { value: '5个' });
    expect(preview).toMatchObject({
      state: 'ok',
      value: { kind: 'quantity', value: 5, unit: '个' },
      score: { score: 8.33, completionRate: 0.8333, met: false },
    });
  });

  it('converts units the way the server does', () => {
    expect(previewActual(cost, { value: '285000元' })).toMatchObject({ state: 'ok', value: { value: 28.5, unit: '万元' }, score: { score: 10, met: true } });
  });

  it('scores a qualitative target by tier and ratio', () => {
    expect(previewActual(quality, { tier: 'PARTIAL', ratio: 0.75 })).toMatchObject({ state: 'ok', score: { score: 11.25 } });
  });

  it('explains a value the server would refuse, naming the field', () => {
    expect(previewActual(count, { value: '≥5个' })).toMatchObject({ state: 'invalid', field: 'value' });
    expect(previewActual(quality, { tier: 'ACHIEVED', ratio: 0.5 })).toMatchObject({ state: 'invalid', field: 'ratio' });
  });

  it('scores against the target as stored, not its text read again: a unit corrected on import, a scoring rule', () => {
    const score = { ...count, level2: '服务对象满意度指标', name: '当事人满意度评分', target: { ...count.target, raw: '≥4.5', value: '4.5', unit: '分' } };
    expect(previewActual(score, { value: '4.6分' })).toMatchObject({ state: 'ok', score: { score: 10, met: true } });
    expect(previewActual(score, { value: '90%' })).toMatchObject({ state: 'invalid', field: 'value' });
    const ruled = { ...count, target: { ...count.target, rule: { zeroBelow: 0.9 } } };
    expect(previewActual(ruled, { value: '5个' })).toMatchObject({ state: 'ok', score: { score: 0 } });
    expect(previewActual(count, { value: '5个' })).toMatchObject({ state: 'ok', score: { score: 8.33 } });
    // A range as stored: inside it scores in full, below it as a floor.
    const range = { ...count, target: { ...count.target, raw: '90%-95%', comparator: 'between', value: '90', max: '95', unit: '%' } };
    expect(previewActual(range, { value: '93%' })).toMatchObject({ state: 'ok', score: { score: 10, met: true } });
    expect(previewActual(range, { value: '81%' })).toMatchObject({ state: 'ok', score: { score: 9, met: false } });
    // A deadline as the device has it.
    const due = {
      ...count,
      target: { ...count.target, raw: '2023年11月底前', kind: 'DEADLINE' as const, comparator: '<=', value: '2023-11-30', unit: null, deadline: '2023-11-30' },
    };
    expect(previewActual(due, { value: '2023-11-20' })).toMatchObject({ state: 'ok', score: { score: 10, met: true } });
    expect(previewActual(due, { value: '2023-12-05' })).toMatchObject({ state: 'ok', score: { score: 0, met: false } });
  });
});
