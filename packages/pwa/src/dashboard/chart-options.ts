/**
 * The four dashboard charts as ECharts options: plain functions of the data, so the tests can read
 * the series without drawing anything. Labels come through `t` (zh-CN / en).
 */
import { GRADE_THRESHOLDS, SATISFACTION_LEVELS } from '@jixiao/domain';
import type { DashboardIndicatorRef, DashboardProjectRef, SpendingRef, SurveyResultsRef } from '../graphql/queries';
import type { ChartOption } from './echarts-loader';

export type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * 优 / 良 / 中 / 差, in the theme's status colours as GradeTag shows them (styles/theme.css): the
 * summary tiles write the grades in these colours, so each is ≥4.5:1 on white.
 */
export const GRADE_COLORS: Record<string, string> = { 优: '#0a7f43', 良: '#1864c2', 中: '#b34d00', 差: '#d9001b' };
/** One colour per satisfaction level (the domain's SATISFACTION_LEVELS, best first). */
const LEVEL_COLORS = ['#07c160', '#8bd17c', '#c8c9cc', '#ff976a', '#ee0a24'];
const LEVEL_KEYS = ['l0', 'l1', 'l2', 'l3', 'l4'];

/** Long names are cut in the axis (the tooltip shows them whole). */
const AXIS_LABEL = { width: 112, overflow: 'truncate', color: '#646566', fontSize: 12 } as const;
const TEXT = '#323233';
// Axis labels are text: 5.8:1 on white (styles/theme.css), not Vant's 2.9:1 grey.
const MUTED = '#646566';

/** 万元 without float noise (to the 元). */
const wan = (value: number) => Math.round(value * 10_000) / 10_000;
const percent = (rate: number) => Math.round(rate * 10_000) / 100;

// ── (1) 项目得分 ──────────────────────────────────────────────────────────────────────────────────

/** Best first; equal scores by name, so the order does not jump between refreshes. */
export function sortByScore(projects: readonly DashboardProjectRef[]): DashboardProjectRef[] {
  return [...projects].sort((a, b) => b.evaluation.score - a.evaluation.score || a.name.localeCompare(b.name, 'zh-CN'));
}

/** Horizontal bars, one per project in the given order, coloured by grade, with the 90/80/60 lines. */
export function scoreOption(projects: readonly DashboardProjectRef[], t: Translate): ChartOption {
  return {
    animationDuration: 400,
    grid: { left: 8, right: 44, top: 24, bottom: 4, containLabel: true },
    tooltip: { trigger: 'item', confine: true },
    xAxis: { type: 'value', min: 0, max: 100, interval: 20, axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: '#ebedf0' } } },
    yAxis: { type: 'category', inverse: true, data: projects.map((p) => p.name), axisLabel: AXIS_LABEL, axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: t('dashboard.score.series'),
        barMaxWidth: 22,
        data: projects.map((p) => ({
          value: p.evaluation.score,
          name: p.name,
          itemStyle: { color: GRADE_COLORS[p.evaluation.grade] ?? MUTED, borderRadius: [0, 4, 4, 0] },
        })),
        label: { show: true, position: 'right', color: TEXT, fontSize: 12 },
        markLine: {
          silent: true,
          symbol: 'none',
          // The domain's lower bounds of 优, 良 and 中.
          data: GRADE_THRESHOLDS.map(({ grade, min }) => ({
            xAxis: min,
            name: grade,
            lineStyle: { color: GRADE_COLORS[grade], type: 'dashed', width: 1 },
            // The axis is inverted (best project on top): 'start' is above the bars.
            label: { formatter: grade, position: 'start', color: GRADE_COLORS[grade], fontSize: 11 },
          })),
        },
      },
    ],
  };
}

// ── (2) 指标完成情况 ──────────────────────────────────────────────────────────────────────────────

/** The indicators that count (not those marked not applicable), in the target table's order. */
export function countedIndicators(indicators: readonly DashboardIndicatorRef[]): DashboardIndicatorRef[] {
  return indicators.filter((indicator) => !indicator.notApplicable);
}

function completionColor(rate: number): string {
  if (rate >= 1) return GRADE_COLORS['优'];
  if (rate >= 0.6) return GRADE_COLORS['中'];
  return GRADE_COLORS['差'];
}

/**
 * Completion rate per indicator against the 100% target line. An indicator with no actual is a
 * gap in the bars, labelled 未填报 by a second, empty series in the same place.
 */
export function completionOption(indicators: readonly DashboardIndicatorRef[], t: Translate): ChartOption {
  const counted = countedIndicators(indicators);
  const highest = Math.max(1, ...counted.map((i) => i.progress.completionRate ?? 0));
  const missingLabel = t('dashboard.completion.missing');
  return {
    animationDuration: 400,
    grid: { left: 8, right: 56, top: 24, bottom: 4, containLabel: true },
    tooltip: { trigger: 'item', confine: true },
    xAxis: {
      type: 'value',
      min: 0,
      // Over-achievement shows past the line; ticks every 50% keep a phone's axis readable.
      max: Math.max(150, Math.ceil((highest * 100) / 50) * 50),
      interval: 50,
      axisLabel: { color: MUTED, formatter: '{value}%' },
      splitLine: { lineStyle: { color: '#ebedf0' } },
    },
    yAxis: { type: 'category', inverse: true, data: counted.map((i) => i.name), axisLabel: AXIS_LABEL, axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: t('dashboard.completion.series'),
        barMaxWidth: 18,
        data: counted.map((i) => {
          const rate = i.actual ? i.progress.completionRate : null;
          return rate === null ? '-' : { value: percent(rate), itemStyle: { color: completionColor(rate), borderRadius: [0, 4, 4, 0] } };
        }),
        label: { show: true, position: 'right', formatter: '{c}%', color: TEXT, fontSize: 12 },
        markLine: {
          silent: true,
          symbol: 'none',
          data: [{ xAxis: 100, name: t('dashboard.completion.target'), lineStyle: { color: '#1f6fd1', type: 'solid', width: 1.5 } }],
          label: { formatter: t('dashboard.completion.target'), position: 'start', color: '#1f6fd1', fontSize: 11 },
        },
      },
      {
        type: 'bar',
        name: missingLabel,
        // Drawn in the same place as the completion bar: a zero-length bar that carries the label.
        barGap: '-100%',
        barMaxWidth: 18,
        silent: true,
        tooltip: { show: false },
        data: counted.map((i) => (i.actual ? '-' : 0)),
        label: { show: true, position: 'right', formatter: missingLabel, color: MUTED, fontSize: 12 },
      },
    ],
  };
}

// ── (3) 预算执行 ──────────────────────────────────────────────────────────────────────────────────

export interface BudgetInput {
  year: number;
  /** Budget total of the projects shown, 万元. */
  budget: number;
  spendings: readonly SpendingRef[];
  /** Today, 'YYYY-MM-DD': the cumulative line stops at the current month of the current year. */
  today: string;
}

/** Monthly spending in the year, the running total up to the last month that has happened, and what falls outside the year. */
export function budgetByMonth({ year, spendings, today }: BudgetInput): { monthly: number[]; cumulative: Array<number | null>; outside: number } {
  const monthly = Array.from({ length: 12 }, () => 0);
  let outside = 0;
  let lastSpent = 0;
  for (const { date, amount } of spendings) {
    const [y, m] = date.split('-').map(Number);
    if (y === year && m >= 1 && m <= 12) {
      monthly[m - 1] += amount;
      lastSpent = Math.max(lastSpent, m);
    } else outside += amount;
  }
  const [todayYear, todayMonth] = today.split('-').map(Number);
  const lastMonth = Math.max(lastSpent, year < todayYear ? 12 : year === todayYear ? todayMonth : 0);
  let running = 0;
  const cumulative = monthly.map((amount, i) => {
    running += amount;
    return i < lastMonth ? wan(running) : null;
  });
  return { monthly: monthly.map(wan), cumulative, outside: wan(outside) };
}

/** Spending by month (bars), the cumulative spending (line) and the budget (dashed line), in 万元. */
export function budgetOption(input: BudgetInput, t: Translate): ChartOption {
  const { monthly, cumulative } = budgetByMonth(input);
  const budget = wan(input.budget);
  return {
    animationDuration: 400,
    color: ['#9ec5f8', '#1f6fd1', '#ee0a24'],
    grid: { left: 8, right: 16, top: 44, bottom: 4, containLabel: true },
    legend: { top: 0, itemWidth: 16, itemHeight: 10, textStyle: { fontSize: 12, color: TEXT } },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: { type: 'category', data: monthly.map((_, i) => t('dashboard.budget.month', { month: i + 1 })), axisLabel: { color: MUTED, fontSize: 11 } },
    yAxis: {
      type: 'value',
      name: t('dashboard.budget.unit'),
      nameTextStyle: { color: MUTED, align: 'left' },
      axisLabel: { color: MUTED },
      splitLine: { lineStyle: { color: '#ebedf0' } },
    },
    series: [
      { type: 'bar', name: t('dashboard.budget.monthly'), barMaxWidth: 16, data: monthly.map((amount, i) => (cumulative[i] === null ? '-' : amount)) },
      { type: 'line', name: t('dashboard.budget.cumulative'), symbolSize: 6, lineStyle: { width: 2.5 }, data: cumulative.map((value) => value ?? '-') },
      { type: 'line', name: t('dashboard.budget.budget'), symbol: 'none', lineStyle: { type: 'dashed', width: 1.5 }, data: monthly.map(() => budget) },
    ],
  };
}

// ── (4) 满意度 ────────────────────────────────────────────────────────────────────────────────────

export interface SatisfactionRow {
  /** The survey title, numbered when a survey has more than one satisfaction question. */
  label: string;
  question: string;
  /** Answers per level, 非常满意 first. */
  counts: number[];
  answered: number;
}

/** Every satisfaction question of the surveys, with its answers counted per level. */
export function satisfactionRows(surveys: ReadonlyArray<{ title: string; results: SurveyResultsRef }>): SatisfactionRow[] {
  return surveys.flatMap(({ title, results }) => {
    const questions = results.questions.filter((q) => q.kind === 'SATISFACTION');
    return questions.map((q, i) => ({
      label: questions.length > 1 ? `${title}（${i + 1}）` : title,
      question: q.text,
      counts: SATISFACTION_LEVELS.map((level) => q.counts.find((c) => c.option === level)?.count ?? 0),
      answered: q.answeredCount,
    }));
  });
}

/** One question: a ring of the five levels (an empty level has no slice). Several: one stacked bar each. */
export function surveyOption(rows: readonly SatisfactionRow[], t: Translate): ChartOption {
  const levelNames = LEVEL_KEYS.map((key) => t(`survey.levels.${key}`));
  const legend = { bottom: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12, color: TEXT } };
  if (rows.length === 1) {
    const [row] = rows;
    return {
      animationDuration: 400,
      color: LEVEL_COLORS,
      legend,
      tooltip: { trigger: 'item', confine: true, formatter: '{b}：{c}（{d}%）' },
      series: [
        {
          type: 'pie',
          name: row.label,
          radius: ['38%', '64%'],
          center: ['50%', '44%'],
          avoidLabelOverlap: true,
          // Counts in the ring, names in the legend: outside labels do not fit a phone.
          label: { position: 'inside', color: '#fff', fontSize: 12, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') },
          labelLine: { show: false },
          data: levelNames.map((name, i) => ({ name, value: row.counts[i] })),
        },
      ],
    };
  }
  return {
    animationDuration: 400,
    color: LEVEL_COLORS,
    legend,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    grid: { left: 8, right: 16, top: 8, bottom: 36, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: '#ebedf0' } } },
    yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.label), axisLabel: AXIS_LABEL, axisTick: { show: false } },
    series: levelNames.map((name, level) => ({
      type: 'bar' as const,
      name,
      stack: 'answers',
      barMaxWidth: 22,
      data: rows.map((row) => row.counts[level]),
      label: { show: true, color: '#fff', fontSize: 11, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') },
    })),
  };
}
