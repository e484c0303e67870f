import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardIndicatorRef, DashboardProjectRef } from '../../graphql/queries';
import { fakeECharts } from '../../testing/fake-echarts';
import { createHarness, mountWith, settle } from '../../testing/harness';
import BudgetChart from './BudgetChart.vue';
import CompletionChart from './CompletionChart.vue';
import ScoreChart from './ScoreChart.vue';
import SurveyChart from './SurveyChart.vue';

function project(id: string, score: number, grade: string): DashboardProjectRef {
  return {
    id,
    name: `项目${id}`,
    orgName: '法院',
    year: 2023,
    budget: { total: 100 },
    spent: 10,
    evaluation: { score, grade, executionRate: 0.1, missing: 0 },
    spendings: [],
  };
}

const INDICATORS: DashboardIndicatorRef[] = [
  {
    id: 'i1',
    name: '维修法庭和办公室数量',
    level1: '产出指标',
    notApplicable: false,
    target: { raw: '≥6个' },
    actual: { value: '5个', tier: null },
    progress: { completionRate: 0.8333 },
  },
  { id: 'i2', name: '干警满意度', level1: '满意度指标', notApplicable: false, target: { raw: '≥95%' }, actual: null, progress: { completionRate: null } },
];

describe('chart components', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => wrapper?.unmount());

  function mountChart(component: Parameters<typeof mountWith>[1], props: Record<string, unknown>, echarts = fakeECharts()) {
    const harness = createHarness();
    wrapper = mountWith(harness, component, { props, global: { provide: echarts.provide } });
    return { echarts, wrapper };
  }

  it('loads ECharts through the injected loader and draws the score bars best first', async () => {
    const { echarts, wrapper } = mountChart(ScoreChart, { projects: [project('a', 72.5, '中'), project('b', 93, '优')] });
    await settle();
    expect(echarts.loader).toHaveBeenCalledTimes(1);
    const [chart] = echarts.charts;
    expect(chart.element.getAttribute('aria-label')).toBe('项目得分');
    expect(chart.setOption).toHaveBeenCalledTimes(1);
    expect(chart.series[0]).toMatchObject({
      type: 'bar',
      name: '得分',
      data: [
        { value: 93, name: '项目b' },
        { value: 72.5, name: '项目a' },
      ],
    });
    // A tap on the first bar picks the best project.
    chart.click({ dataIndex: 0, name: '项目b' });
    expect(wrapper.emitted('select')).toEqual([['b']]);
  });

  it('redraws when the data changes, resizes with the window, and lets go of the chart when it leaves', async () => {
    const { echarts, wrapper } = mountChart(ScoreChart, { projects: [project('a', 72.5, '中')] });
    await settle();
    const [chart] = echarts.charts;
    await wrapper.setProps({ projects: [project('a', 72.5, '中'), project('c', 40, '差')] });
    expect(chart.setOption).toHaveBeenCalledTimes(2);
    expect(chart.setOption.mock.calls[1][1]).toEqual({ notMerge: true });
    expect(chart.series[0].data).toHaveLength(2);
    // Taller for more bars.
    expect(chart.element.style.height).toBe(`${48 + 2 * 34}px`);

    window.dispatchEvent(new Event('resize'));
    expect(chart.resize).toHaveBeenCalled();
    wrapper.unmount();
    expect(chart.dispose).toHaveBeenCalledTimes(1);
  });

  it('draws completion against the 100% line, with 未填报 where an actual is missing', async () => {
    const { echarts } = mountChart(CompletionChart, { indicators: INDICATORS });
    await settle();
    const [completion, missing] = echarts.charts[0].series;
    expect(completion).toMatchObject({ type: 'bar', name: '完成率', data: [{ value: 83.33 }, '-'] });
    expect((completion.markLine as { data: Array<{ xAxis: number }> }).data[0].xAxis).toBe(100);
    expect(missing).toMatchObject({ name: '未填报', data: ['-', 0], label: { show: true, formatter: '未填报' } });
  });

  it('draws the cumulative spending against the budget', async () => {
    const { echarts } = mountChart(BudgetChart, {
      year: 2023,
      budget: 200,
      today: '2024-01-15',
      spendings: [
        { date: '2023-02-01', amount: 50 },
        { date: '2023-11-30', amount: 100 },
      ],
    });
    await settle();
    const [, cumulative, budget] = echarts.charts[0].series;
    expect(cumulative).toMatchObject({ type: 'line', name: '累计支出', data: [0, 50, 50, 50, 50, 50, 50, 50, 50, 50, 150, 150] });
    expect(budget).toMatchObject({ type: 'line', name: '预算数', data: Array(12).fill(200) });
  });

  it('draws the answers of one satisfaction question as a ring', async () => {
    const { echarts } = mountChart(SurveyChart, { rows: [{ label: '干警满意度调查', question: '总体', counts: [4, 3, 0, 1, 0], answered: 8 }] });
    await settle();
    expect(echarts.charts[0].series[0]).toMatchObject({
      type: 'pie',
      data: [
        { name: '非常满意', value: 4 },
        { name: '满意', value: 3 },
        { name: '基本满意', value: 0 },
        { name: '不满意', value: 1 },
        { name: '非常不满意', value: 0 },
      ],
    });
  });

  it('follows the app language', async () => {
    const echarts = fakeECharts();
    const harness = createHarness({ locale: 'en' });
    wrapper = mountWith(harness, CompletionChart, { props: { indicators: INDICATORS }, global: { provide: echarts.provide } });
    await settle();
    expect(echarts.charts[0].series.map((s) => s.name)).toEqual(['Completion', 'Not reported']);
  });

  it('says so when ECharts cannot be downloaded, and retries', async () => {
    const { echarts, wrapper } = mountChart(BudgetChart, { year: 2023, budget: 1, today: '2023-05-01', spendings: [] }, fakeECharts({ fail: true }));
    await settle();
    expect(wrapper.text()).toContain('图表组件未能加载');
    await wrapper.get('.chart__failed button').trigger('click');
    await settle();
    expect(echarts.loader).toHaveBeenCalledTimes(2);
  });
});
