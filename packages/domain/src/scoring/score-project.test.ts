import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import type { ActualInput } from '../target/parse-actual.js';
import { parseTarget } from '../target/parse-target.js';
import { assignWeights, scoreProject, type ProjectIndicator } from './score-project.js';

const RULE = '≥95目标值完成得满分，目标值完成率小于60%不得分，60%与100%之间指标得分=目标值完成率*指标分值';

/** Table 4 of the seed, 派出法庭安全隐患维修项目 (budget 30 万元). */
function repairProject(actuals: Array<ActualInput | null>): ProjectIndicator[] {
  const rows: Array<[string, string, string, string]> = [
    ['产出指标', '数量指标', '维修法庭和办公室数量', '≥6个'],
    ['产出指标', '质量指标', '维修质量达标率', '≥95%'],
    ['产出指标', '时效指标', '工程完工时间节点', '2023年10月前'],
    ['产出指标', '成本指标', '维修资金', '30万元'],
    ['效益指标', '经济效益指标', '保证办公用房质量', '充分解决安全隐患，保障房屋质量安全'],
    ['效益指标', '社会效益指标', '保障法院办案和业务装备经费保障', '充分保障'],
    ['满意度指标', '服务对象满意度指标', '干警满意度', RULE],
  ];
  return rows.map(([level1, level2, name, raw], i) => ({
    level1,
    target: parseTarget(raw, { level2, name }).target,
    actual: actuals[i],
  }));
}

const fullYear: ActualInput[] = [
  { value: '5个' }, // 12.5 × 5/6 = 10.416667
  { value: '90%' }, // 12.5 × 90/95 = 11.842105
  { value: '2023-09-26' }, // 12.5
  { value: '28.5万元' }, // 12.5
  { tier: 'ACHIEVED', ratio: 0.9 }, // 15 × 0.9 = 13.5
  { tier: 'PARTIAL' }, // 15 × 0.7 = 10.5
  { value: '92%' }, // 10 × 92/95 = 9.684211
];

describe('scoreProject on the 派出法庭安全隐患维修项目', () => {
  it('adds the indicators and budget execution: 90.44, 优', () => {
    const result = scoreProject({ indicators: repairProject(fullYear), budget: 30, spent: 28.5 });
    expect(result.indicators.map((i) => i.weight)).toEqual([12.5, 12.5, 12.5, 12.5, 15, 15, 10]);
    expect(result.indicators.map((i) => i.score)).toEqual([10.42, 11.84, 12.5, 12.5, 13.5, 10.5, 9.68]);
    // 10.416667 + 11.842105 + 12.5 + 12.5 + 13.5 + 10.5 + 9.684211 + 28.5/30 × 10 = 90.442983
    expect(result).toMatchObject({ executionRate: 0.95, executionScore: 9.5, score: 90.44, grade: '优', missing: 0, complete: true });
  });

  it('counts a missing actual as 0 and reports it: 76.26, 中', () => {
    const actuals = [...fullYear.slice(0, 6), null];
    const result = scoreProject({ indicators: repairProject(actuals), budget: 30, spent: 15 });
    // 90.442983 − 9.684211 (satisfaction missing) − 9.5 + 15/30 × 10 = 76.258772
    expect(result).toMatchObject({ executionRate: 0.5, executionScore: 5, score: 76.26, grade: '中', missing: 1, complete: false });
    expect(result.indicators[6]).toMatchObject({ weight: 10, score: null, missing: true });
  });

  it('caps budget execution at 10 points when spending exceeds the budget', () => {
    const result = scoreProject({ indicators: repairProject(fullYear), budget: 30, spent: 33 });
    expect(result).toMatchObject({ executionRate: 1.1, executionScore: 10, score: 90.94 });
  });

  it('scores the zeroBelow rule to 0 below 60% of the target', () => {
    const actuals = [...fullYear.slice(0, 6), { value: '50%' }];
    const result = scoreProject({ indicators: repairProject(actuals), budget: 30, spent: 28.5 });
    expect(result.indicators[6].score).toBe(0);
    expect(result.score).toBe(80.76); // 90.442983 − 9.684211
    expect(result.grade).toBe('良');
  });

  it('with no actual at all scores only budget execution', () => {
    const result = scoreProject({ indicators: repairProject(Array(7).fill(null)), budget: 30, spent: 30 });
    expect(result).toMatchObject({ score: 10, grade: '差', missing: 7, complete: false });
  });

  it('adds the rounded 得分, so the printed column sums to 总分: 91.38, not 91.39 from the unrounded points', () => {
    const rows: Array<[string, string, ActualInput]> = [
      ['产出指标', '≥90%', { value: '85%' }], // 10 × 85/90 = 9.444444 → 9.44
      ['产出指标', '≤17万元', { value: '18万元' }], // 10 × 17/18 = 9.444444 → 9.44
      ['产出指标', '≥1个', { value: '1个' }],
      ['产出指标', '≥1个', { value: '1个' }],
      ['产出指标', '≥1个', { value: '1个' }],
      ['效益指标', '充分保障', { tier: 'ACHIEVED' }],
      ['效益指标', '充分保障', { tier: 'NOT_ACHIEVED', ratio: 0.5 }],
      ['满意度指标', '≥90%', { value: '91%' }],
    ];
    const indicators = rows.map(([level1, raw, actual]) => ({ level1, target: parseTarget(raw, { name: '指标' }).target, actual }));
    const result = scoreProject({ indicators, budget: 27, spent: 27.5 });
    expect(result.indicators.map((i) => i.score)).toEqual([9.44, 9.44, 10, 10, 10, 15, 7.5, 10]);
    // 9.44 + 9.44 + 10 + 10 + 10 + 15 + 7.5 + 10 + 10 (execution, capped) = 91.38; unrounded 91.388889.
    expect(result).toMatchObject({ executionRate: 1.0185, executionScore: 10, score: 91.38, grade: '优' });
  });

  it('refuses negative spending', () => {
    expect(() => scoreProject({ indicators: repairProject(fullYear), budget: 30, spent: -1 })).toThrow(new InvalidInputError('spent', '支出金额不能为负数'));
  });
});

describe('assignWeights', () => {
  const levels = (...labels: string[]) => labels.map((level1) => ({ level1 }));

  it.each<[string, Array<{ level1: string; weight?: number | null; notApplicable?: boolean }>, number[]]>([
    [
      'table 1 of the seed: 8 outputs, 2 benefits, 1 satisfaction',
      levels('产出指标', '产出指标', '产出指标', '产出指标', '产出指标', '产出指标', '产出指标', '产出指标', '效益指标', '效益指标', '满意度指标'),
      [6.25, 6.25, 6.25, 6.25, 6.25, 6.25, 6.25, 6.25, 15, 15, 10],
    ],
    [
      'table 2 of the seed: 5 outputs, 2 benefits, 1 satisfaction',
      levels('产出指标', '产出指标', '产出指标', '产出指标', '产出指标', '效益指标', '效益指标', '满意度指标'),
      [10, 10, 10, 10, 10, 15, 15, 10],
    ],
    ['成本指标 as a first level shares the 产出 points', levels('产出指标', '成本指标', '效益指标', '满意度指标'), [25, 25, 30, 10]],
    [
      'a not-applicable indicator is dropped and its level rescaled',
      [{ level1: '产出指标' }, { level1: '产出指标', notApplicable: true }, { level1: '效益指标' }, { level1: '满意度指标' }],
      [50, 0, 30, 10],
    ],
    ['a level without indicators hands its points on (90 in all)', levels('产出指标', '效益指标'), [56.25, 33.75]],
    [
      'manager weights that add up to the level',
      [{ level1: '产出指标' }, { level1: '效益指标', weight: 20 }, { level1: '效益指标', weight: 10 }, { level1: '满意度指标' }],
      [50, 20, 10, 10],
    ],
    [
      'manager weights with a not-applicable indicator are rescaled',
      [{ level1: '产出指标' }, { level1: '效益指标', weight: 20 }, { level1: '效益指标', weight: 10, notApplicable: true }, { level1: '满意度指标' }],
      [50, 30, 0, 10],
    ],
  ])('%s', (_label, indicators, expected) => {
    const weights = assignWeights(indicators);
    expect(weights.map((w) => Number(w.toFixed(6)))).toEqual(expected);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(90, 9);
  });

  it.each<[string, Array<{ level1: string; weight?: number | null }>, string]>([
    [
      'weights that do not add up',
      [
        { level1: '效益指标', weight: 20 },
        { level1: '效益指标', weight: 5 },
      ],
      '效益指标的分值合计应为 30，实际为 25',
    ],
    ['some set, some not', [{ level1: '产出指标', weight: 50 }, { level1: '产出指标' }], '产出指标的分值须全部设定或全部不设定'],
    [
      'a negative weight',
      [
        { level1: '满意度指标', weight: 12 },
        { level1: '满意度指标', weight: -2 },
      ],
      '满意度指标的分值不能为负数',
    ],
    ['an unknown first level', [{ level1: '其他指标' }], '一级指标“其他指标”无法识别，应为产出指标、效益指标、满意度指标或成本指标'],
  ])('refuses %s', (_label, indicators, message) => {
    expect(() => assignWeights(indicators)).toThrow(message);
  });
});
