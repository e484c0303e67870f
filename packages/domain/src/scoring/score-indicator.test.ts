import { describe, expect, it } from 'vitest';
import type { ActualInput } from '../target/parse-actual.js';
import { parseTarget } from '../target/parse-target.js';
import { scoreIndicator, type IndicatorScore } from './score-indicator.js';

const RULE = '≥95目标值完成得满分，目标值完成率小于60%不得分，60%与100%之间指标得分=目标值完成率*指标分值';

function score(raw: string, actual: ActualInput | null, weight = 10): IndicatorScore {
  const { target } = parseTarget(raw, { name: '干警满意度' });
  return scoreIndicator({ target, weight, actual });
}

type Row = [string, string, ActualInput | null, number, Partial<IndicatorScore>];

describe('scoreIndicator: worked numbers for every rule (weight 10 unless said)', () => {
  it.each<Row>([
    // positive ≥ : met → full; else rate = actual / target
    ['met exactly', '≥6个', { value: '6个' }, 10, { completionRate: 1, score: 10, met: true, deviationNoteRequired: false }],
    ['5 of 6 → 10 × 5/6', '≥6个', { value: '5个' }, 10, { completionRate: 0.8333, score: 8.33, met: false, deviationNoteRequired: true }],
    ['7 of 6: capped, under 130%', '≥6个', { value: '7' }, 10, { completionRate: 1.1667, score: 10, met: true, deviationNoteRequired: false }],
    ['8 of 6: capped, 133% asks for a note', '≥6个', { value: '8个' }, 10, { completionRate: 1.3333, score: 10, met: true, deviationNoteRequired: true }],
    ['25000 of 27000 at weight 6.25', '≥27000件', { value: '25000件' }, 6.25, { completionRate: 0.9259, score: 5.79, met: false }],
    // positive >
    ['> 90%: 85% → 85/90', '>90%', { value: '85%' }, 10, { completionRate: 0.9444, score: 9.44, met: false }],
    ['> 90%: 91% met', '>90%', { value: '91%' }, 10, { completionRate: 1.0111, score: 10, met: true }],
    ['> 90%: exactly 90% is not met, rate 1', '>90%', { value: '90%' }, 10, { completionRate: 1, score: 10, met: false, deviationNoteRequired: true }],
    // reverse ≤ : met → full; else rate = target / actual
    ['response 8 min ≤ 10', '≤10分钟', { value: '8分钟' }, 10, { completionRate: 1.25, score: 10, met: true, deviationNoteRequired: false }],
    ['response 12 min → 10/12', '≤10分钟', { value: '12分钟' }, 10, { completionRate: 0.8333, score: 8.33, met: false, deviationNoteRequired: true }],
    ['0.25 hour = 15 min → 10/15', '≤10分钟', { value: '0.25小时' }, 10, { completionRate: 0.6667, score: 6.67, met: false }],
    ['cost 28.5 ≤ 30', '≤30万元', { value: '28.5万元' }, 12.5, { completionRate: 1.0526, score: 12.5, met: true, deviationNoteRequired: false }],
    ['cost in 元', '≤30万元', { value: '330000元' }, 12.5, { completionRate: 0.9091, score: 11.36, met: false }],
    ['cost far under budget asks for a note', '≤30万元', { value: '20万元' }, 10, { completionRate: 1.5, score: 10, met: true, deviationNoteRequired: true }],
    ['< 5 days: 5 is not met', '<5天', { value: '5天' }, 10, { completionRate: 1, score: 10, met: false }],
    ['no cost at all', '≤30万元', { value: '0万元' }, 10, { completionRate: 1, score: 10, met: true }],
    // equal = : rate = min / max
    ['= 100%: 98% → 0.98', '100%', { value: '98%' }, 10, { completionRate: 0.98, score: 9.8, met: false, deviationNoteRequired: true }],
    ['= 1 year: met', '=1年', { value: '1年' }, 10, { completionRate: 1, score: 10, met: true, deviationNoteRequired: false }],
    ['= 1 year: 2 years → 1/2', '=1年', { value: '2年' }, 10, { completionRate: 0.5, score: 5, met: false, deviationNoteRequired: true }],
    ['= 1 year: 18 months → 1/1.5', '=1年', { value: '18个月' }, 9, { completionRate: 0.6667, score: 6, met: false }],
    // zeroBelow rule
    ['rule: 90% of 95% → 0.947', RULE, { value: '90%' }, 10, { completionRate: 0.9474, score: 9.47, met: false }],
    ['rule: 60% of 95% (0.63) still scores', RULE, { value: '60%' }, 10, { completionRate: 0.6316, score: 6.32 }],
    ['rule: 55% of 95% (0.58) scores 0', RULE, { value: '55%' }, 10, { completionRate: 0.5789, score: 0, met: false }],
    ['rule: 96% met', RULE, { value: '96%' }, 10, { completionRate: 1.0105, score: 10, met: true }],
    // deadlines
    ['done before the deadline', '2023年10月前', { value: '2023-09-20' }, 12.5, { completionRate: 1, score: 12.5, met: true, deviationNoteRequired: false }],
    ['done on the deadline', '2023年10月前', { value: '2023年9月30日' }, 12.5, { score: 12.5, met: true }],
    ['done late scores 0', '2023年10月前', { value: '2023-10-05' }, 12.5, { completionRate: 0, score: 0, met: false, deviationNoteRequired: true }],
    ['done late, evaluator grants 60%', '2023年10月前', { value: '2023-10-05', tier: 'PARTIAL', ratio: 0.6 }, 12.5, { score: 7.5, met: false }],
    // qualitative tiers
    [
      'achieved at 0.9',
      '显著提升审判质效',
      { tier: 'ACHIEVED', ratio: 0.9 },
      15,
      { completionRate: 0.9, score: 13.5, met: true, deviationNoteRequired: false },
    ],
    ['achieved, default ratio 1', '充分保障', { tier: 'ACHIEVED' }, 15, { score: 15, met: true }],
    ['partial, default 0.7', '充分保障', { tier: 'PARTIAL' }, 15, { completionRate: 0.7, score: 10.5, met: false, deviationNoteRequired: true }],
    ['not achieved at 0.4', '充分保障', { tier: 'NOT_ACHIEVED', ratio: 0.4 }, 15, { score: 6, met: false }],
    // missing actual
    ['no actual', '≥6个', null, 10, { completionRate: null, score: null, met: null, missing: true, deviationNoteRequired: false }],
    ['blank value', '≥6个', { value: '  ' }, 10, { score: null, missing: true }],
  ])('%s: %s with %o', (_label, raw, actual, weight, expected) => {
    expect(score(raw, actual, weight)).toMatchObject({ weight, missing: false, ...expected });
  });

  it('refuses an actual in a unit that cannot be converted, naming both units', () => {
    expect(() => score('≥6个', { value: '6台' })).toThrow('单位“台”无法换算为目标值的单位“个”');
  });
});
