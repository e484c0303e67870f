import { describe, expect, it } from 'vitest';
import type { DashboardIndicatorRef, DashboardProjectRef, SurveyResultsRef } from '../graphql/queries';
import {
  budgetByMonth,
  budgetOption,
  completionOption,
  GRADE_COLORS,
  satisfactionRows,
  scoreOption,
  sortByScore,
  surveyOption,
  type Translate,
} from './chart-options';

/** Keys and values as text, so the options can be read without the messages. */
const t: Translate = (key, values) => (values ? `${key}${JSON.stringify(values)}` : key);

type Series = Array<Record<string, any>>;
const seriesOf = (option: unknown) => (option as { series: Series }).series;

function project(name: string, score: number, grade: string): DashboardProjectRef {
  return {
    id: name,
    name,
    orgName: '法院',
    year: 2023,
    budget: { total: 100 },
    spent: 0,
    evaluation: { score, grade, executionRate: 0, missing: 0 },
    spendings: [],
  };
}

function indicator(name: string, completionRate: number | null, options: { actual?: boolean; notApplicable?: boolean } = {}): DashboardIndicatorRef {
  const actual = options.actual ?? completionRate !== null;
  return {
    id: name,
    name,
    level1: '产出指标',
    notApplicable: options.notApplicable ?? false,
    target: { raw: '≥6个' },
    actual: actual ? { value: '5个', tier: null } : null,
    progress: { completionRate },
  };
}

describe('score per project', () => {
  const projects = [project('乙', 72.5, '中'), project('甲', 95, '优'), project('丙', 55, '差'), project('丁', 85, '良')];

  it('puts the best first and colours each bar by its grade, with the 90/80/60 lines', () => {
    const sorted = sortByScore(projects);
    expect(sorted.map((p) => p.name)).toEqual(['甲', '丁', '乙', '丙']);
    const option = scoreOption(sorted, t) as { yAxis: { data: string[] } };
    expect(option.yAxis.data).toEqual(['甲', '丁', '乙', '丙']);
    const [bars] = seriesOf(option);
    expect(bars.type).toBe('bar');
    expect(bars.data.map((d: { value: number; itemStyle: { color: string } }) => [d.value, d.itemStyle.color])).toEqual([
      [95, GRADE_COLORS['优']],
      [85, GRADE_COLORS['良']],
      [72.5, GRADE_COLORS['中']],
      [55, GRADE_COLORS['差']],
    ]);
    expect(bars.markLine.data.map((line: { xAxis: number }) => line.xAxis)).toEqual([90, 80, 60]);
  });

  it('orders equal scores by name, so bars do not jump between refreshes', () => {
    expect(sortByScore([project('乙', 80, '良'), project('甲', 80, '良')]).map((p) => p.name)).toEqual(['甲', '乙']);
  });
});

describe('completion per indicator', () => {
  it.each([
    ['a met target is a full bar', indicator('a', 1), { value: 100 }, '-'],
    ['over-achievement goes past the line', indicator('b', 1.3), { value: 130 }, '-'],
    ['a partial one is the rate', indicator('c', 0.8333), { value: 83.33 }, '-'],
    ['no actual is a gap labelled 未填报', indicator('d', null), '-', 0],
  ])('%s', (_sentence, input, bar, placeholder) => {
    const [completion, missing] = seriesOf(completionOption([input], t));
    expect(completion.data[0] === '-' ? '-' : { value: completion.data[0].value }).toEqual(bar);
    expect(missing.data[0]).toEqual(placeholder);
    expect(missing.label.formatter).toBe('dashboard.completion.missing');
  });

  it('leaves out indicators marked not applicable and draws the 100% target line', () => {
    const option = completionOption([indicator('a', 1), indicator('na', null, { notApplicable: true })], t) as {
      yAxis: { data: string[] };
      xAxis: { max: number };
    };
    expect(option.yAxis.data).toEqual(['a']);
    expect(seriesOf(option)[0].markLine.data[0].xAxis).toBe(100);
    expect(option.xAxis.max).toBe(150);
  });

  it('widens the axis for a large over-achievement', () => {
    expect((completionOption([indicator('a', 1.72)], t) as { xAxis: { max: number } }).xAxis.max).toBe(200);
  });
});

describe('budget execution over the year', () => {
  const spendings = [
    { date: '2023-03-05', amount: 120 },
    { date: '2023-03-20', amount: 0.1 },
    { date: '2023-09-20', amount: 80.5 },
    { date: '2024-01-10', amount: 5 },
  ];

  it.each([
    ['a past year runs to December', '2024-05-20', 12],
    ['the current year stops at this month', '2023-10-02', 10],
    ['a future year shows only months with spending', '2022-06-01', 9],
  ])('%s', (_sentence, today, months) => {
    const { monthly, cumulative, outside } = budgetByMonth({ year: 2023, budget: 418, spendings, today });
    expect(monthly.slice(0, 9)).toEqual([0, 0, 120.1, 0, 0, 0, 0, 0, 80.5]);
    expect(cumulative.filter((value) => value !== null)).toHaveLength(months);
    expect(cumulative[2]).toBe(120.1);
    expect(cumulative[8]).toBe(200.6);
    expect(outside).toBe(5);
  });

  it('draws monthly bars, the cumulative line and the budget line', () => {
    const [monthly, cumulative, budget] = seriesOf(budgetOption({ year: 2023, budget: 418, spendings, today: '2023-10-02' }, t));
    expect([monthly.type, cumulative.type, budget.type]).toEqual(['bar', 'line', 'line']);
    expect(cumulative.data).toEqual([0, 0, 120.1, 120.1, 120.1, 120.1, 120.1, 120.1, 200.6, 200.6, '-', '-']);
    expect(monthly.data[10]).toBe('-');
    expect(budget.data).toEqual(Array(12).fill(418));
    expect(budget.lineStyle.type).toBe('dashed');
  });
});

describe('survey answer distribution', () => {
  function results(counts: number[], extra: Partial<SurveyResultsRef> = {}): SurveyResultsRef {
    const levels = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'];
    return {
      surveyId: 's',
      responseCount: counts.reduce((a, b) => a + b, 0),
      satisfactionRate: 80,
      questions: [
        {
          questionId: 'q1',
          kind: 'SATISFACTION',
          text: '总体评价',
          answeredCount: counts.reduce((a, b) => a + b, 0),
          counts: levels.map((option, i) => ({ option, count: counts[i] })),
        },
        { questionId: 'q2', kind: 'TEXT', text: '意见', answeredCount: 1, counts: [] },
      ],
      ...extra,
    };
  }

  it('counts the five levels of each satisfaction question, best first', () => {
    expect(satisfactionRows([{ title: '干警', results: results([3, 5, 1, 1, 0]) }])).toEqual([
      { label: '干警', question: '总体评价', counts: [3, 5, 1, 1, 0], answered: 10 },
    ]);
  });

  it('draws one question as a ring of the five levels, labelling only those answered', () => {
    const [ring] = seriesOf(surveyOption(satisfactionRows([{ title: '干警', results: results([3, 5, 1, 1, 0]) }]), t));
    expect(ring.type).toBe('pie');
    expect(ring.data).toEqual([
      { name: 'survey.levels.l0', value: 3 },
      { name: 'survey.levels.l1', value: 5 },
      { name: 'survey.levels.l2', value: 1 },
      { name: 'survey.levels.l3', value: 1 },
      { name: 'survey.levels.l4', value: 0 },
    ]);
    expect([3, 0].map((value) => ring.label.formatter({ value }))).toEqual(['3', '']);
  });

  it('draws several questions as stacked bars, one series per level', () => {
    const rows = satisfactionRows([
      { title: '干警', results: results([3, 5, 1, 1, 0]) },
      { title: '受救助人', results: results([0, 2, 0, 0, 1]) },
    ]);
    const series = seriesOf(surveyOption(rows, t));
    expect(series.map((s) => [s.type, s.stack, s.data])).toEqual([
      ['bar', 'answers', [3, 0]],
      ['bar', 'answers', [5, 2]],
      ['bar', 'answers', [1, 0]],
      ['bar', 'answers', [1, 0]],
      ['bar', 'answers', [0, 1]],
    ]);
  });
});
