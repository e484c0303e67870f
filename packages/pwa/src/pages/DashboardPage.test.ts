import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../graphql/client';
import type { DashboardProjectQuery } from '../graphql/generated/graphql';
import type { DashboardProjectRef, OrganizationSummary, SurveyResultsRef } from '../graphql/queries';
import { fakeECharts } from '../testing/fake-echarts';
import { createHarness, INSPECTOR, logIn, MANAGER, mountWith, PROJECT, seedReference, settle, type Handlers, type Harness } from '../testing/harness';
import HomePage from './HomePage.vue';
import DashboardPage from './DashboardPage.vue';

const SUMMARY: OrganizationSummary = {
  orgCode: '218101',
  orgName: '天津市武清区人民法院',
  year: 2023,
  projectCount: 2,
  budget: 445,
  spent: 210.5,
  executionRate: 0.473,
  averageScore: 81.25,
  grades: { excellent: 1, good: 0, fair: 1, poor: 0 },
  incompleteProjects: 1,
};

const PROJECTS: DashboardProjectRef[] = [
  {
    id: 'p1',
    name: '派出法庭维修改造项目',
    orgName: '天津市武清区人民法院',
    year: 2023,
    budget: { total: 418 },
    spent: 200.5,
    evaluation: { score: 72.5, grade: '中', executionRate: 0.48, missing: 1 },
    spendings: [
      { date: '2023-03-05', amount: 120 },
      { date: '2023-09-20', amount: 80.5 },
    ],
  },
  {
    id: 'p2',
    name: '法律援助项目',
    orgName: '天津市武清区人民法院',
    year: 2023,
    budget: { total: 27 },
    spent: 10,
    evaluation: { score: 90, grade: '优', executionRate: 0.37, missing: 0 },
    spendings: [{ date: '2023-06-30', amount: 10 }],
  },
];

const RESULTS: SurveyResultsRef = {
  surveyId: 'sv1',
  responseCount: 10,
  satisfactionRate: 80,
  questions: [
    {
      questionId: 'q1',
      kind: 'SATISFACTION',
      text: '总体评价',
      answeredCount: 10,
      counts: [
        { option: '非常满意', count: 5 },
        { option: '满意', count: 3 },
        { option: '基本满意', count: 1 },
        { option: '不满意', count: 1 },
        { option: '非常不满意', count: 0 },
      ],
    },
  ],
};

const DETAIL: DashboardProjectQuery = {
  project: {
    id: 'p2',
    indicators: [
      {
        id: 'i1',
        name: '援助人数',
        level1: '产出指标',
        notApplicable: false,
        target: { raw: '≥100人' },
        actual: { value: '120人', tier: null },
        progress: { completionRate: 1.2 },
      },
      { id: 'i2', name: '受援人满意度', level1: '满意度指标', notApplicable: false, target: { raw: '≥90%' }, actual: null, progress: { completionRate: null } },
    ],
    surveys: [{ id: 'sv1', title: '受援人满意度调查', results: RESULTS }],
  },
};

const offline = () => {
  throw new ApiError('无法连接服务器：offline', 'NETWORK');
};

function server(): Handlers {
  return {
    DashboardOrganizations: () => ({
      organizations: [
        { code: '218101', name: '天津市武清区人民法院', parentCode: null },
        { code: '218201', name: '武清区第1派出法庭', parentCode: '218101' },
      ],
    }),
    Dashboard: (variables) => ({
      ...(variables.withSummary ? { organizationSummary: { ...SUMMARY, orgCode: variables.orgCode, year: variables.year } } : {}),
      projects: { nodes: variables.orgCode === '218101' ? PROJECTS : [], pageInfo: { hasNextPage: false, endCursor: null } },
    }),
    DashboardProject: (variables) => ({ project: { ...DETAIL.project, id: variables.id } }),
  };
}

describe('DashboardPage', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => wrapper?.unmount());

  async function open(harness: Harness, path = '/dashboard') {
    await logIn(harness, MANAGER);
    await seedReference(harness, { projects: [{ ...PROJECT, year: 2022, id: 'old' }, PROJECT] });
    const echarts = fakeECharts();
    await harness.router.push(path);
    wrapper = mountWith(harness, DashboardPage, { global: { provide: echarts.provide } });
    await settle(8);
    return { echarts, wrapper };
  }

  it('shows the unit’s summary and draws the four charts for the latest year', async () => {
    const harness = createHarness({ api: server() });
    const { echarts, wrapper } = await open(harness);

    const dashboard = harness.api.calls.find((call) => call.operation === 'Dashboard');
    expect(dashboard?.variables).toMatchObject({ orgCode: '218101', year: 2023, withSummary: true });
    expect(wrapper.get('[data-testid="tile-projects"]').text()).toBe('2');
    expect(wrapper.get('[data-testid="tile-budget"]').text()).toBe('445万元');
    expect(wrapper.get('[data-testid="tile-spent"]').text()).toBe('210.5万元');
    expect(wrapper.get('[data-testid="tile-execution"]').text()).toBe('47.3%');
    expect(wrapper.get('[data-testid="tile-average"]').text()).toBe('81.25');
    expect(wrapper.get('[data-testid="tile-grades"]').text()).toBe('优 1良 0中 1差 0');
    expect(wrapper.text()).toContain('1 个项目尚有指标未填报实际值');

    // Scores best first, coloured by grade.
    const score = echarts.byLabel('项目得分')!;
    expect(score.series[0].data).toMatchObject([
      { value: 90, name: '法律援助项目', itemStyle: { color: '#0a7f43' } },
      { value: 72.5, name: '派出法庭维修改造项目', itemStyle: { color: '#b34d00' } },
    ]);
    // Spending of every project of the unit, cumulative by month, against the budget of 445 万元.
    const budget = echarts.byLabel('2023 年预算执行')!;
    expect(budget.series[1].data).toEqual([0, 0, 120, 120, 120, 130, 130, 130, 210.5, 210.5, 210.5, 210.5]);
    expect(budget.series[2].data).toEqual(Array(12).fill(445));
    // The best project is picked for the details.
    expect(harness.api.calls.find((call) => call.operation === 'DashboardProject')?.variables).toEqual({ id: 'p2' });
    expect(echarts.byLabel('指标完成情况')!.series[0].data).toMatchObject([{ value: 120 }, '-']);
    expect(echarts.byLabel('指标完成情况')!.series[1].data).toEqual(['-', 0]);
    expect(wrapper.text()).toContain('1 项指标未填报实际值');
    expect(echarts.byLabel('满意度调查')!.series[0]).toMatchObject({
      type: 'pie',
      data: [
        { name: '非常满意', value: 5 },
        { name: '满意', value: 3 },
        { name: '基本满意', value: 1 },
        { name: '不满意', value: 1 },
        { name: '非常不满意', value: 0 },
      ],
    });
    expect(wrapper.get('[data-testid="survey-rate"]').text()).toBe('受援人满意度调查：满意率 80%（10 份答卷）');
    expect(harness.router.currentRoute.value.query).toEqual({ org: '218101', year: '2023', project: 'p2' });
  });

  it('follows a tap on a project’s bar and a change of unit', async () => {
    const harness = createHarness({ api: server() });
    const { echarts, wrapper } = await open(harness);

    echarts.byLabel('项目得分')!.click({ dataIndex: 1, name: '派出法庭维修改造项目' });
    await settle();
    expect(harness.api.calls.filter((call) => call.operation === 'DashboardProject').map((call) => call.variables.id)).toEqual(['p2', 'p1']);

    wrapper.findAllComponents({ name: 'van-dropdown-item' })[0].vm.$emit('update:modelValue', '218201');
    await settle(8);
    expect(harness.api.calls.filter((call) => call.operation === 'Dashboard').at(-1)?.variables).toMatchObject({ orgCode: '218201', year: 2023 });
    expect(wrapper.text()).toContain('该单位该年度没有项目');
  });

  it('opens on the unit, year and project in the address', async () => {
    const harness = createHarness({ api: server() });
    await open(harness, '/dashboard?org=218101&year=2022&project=p1');
    expect(harness.api.calls.find((call) => call.operation === 'Dashboard')?.variables).toMatchObject({ orgCode: '218101', year: 2022 });
    expect(harness.api.calls.find((call) => call.operation === 'DashboardProject')?.variables).toEqual({ id: 'p1' });
  });

  it('shows the last numbers fetched on this device when the server cannot be reached, and says so', async () => {
    const online = createHarness({ api: server() });
    await open(online);
    wrapper!.unmount();
    wrapper = undefined;

    const harness = createHarness({ db: online.db, api: { Dashboard: offline, DashboardOrganizations: offline, DashboardProject: offline } });
    const { echarts, wrapper: page } = await open(harness);
    expect(page.get('[data-testid="dashboard-offline"]').text()).toContain('无法连接服务器，看板需要联网。以下是');
    expect(page.get('[data-testid="tile-projects"]').text()).toBe('2');
    expect(echarts.byLabel('项目得分')!.series[0].data).toHaveLength(2);
    expect(echarts.byLabel('满意度调查')).toBeDefined();
  });

  it('says the dashboard needs a connection when nothing is cached', async () => {
    const harness = createHarness({ api: { Dashboard: offline } });
    const { echarts, wrapper } = await open(harness);
    expect(wrapper.find('[data-testid="dashboard-offline-none"]').exists()).toBe(true);
    expect(echarts.charts).toHaveLength(0);
  });

  it('keeps another user’s cached numbers from the next login on the same phone', async () => {
    const online = createHarness({ api: server() });
    await open(online);
    wrapper!.unmount();
    wrapper = undefined;
    const harness = createHarness({ db: online.db, api: { Dashboard: offline } });
    await logIn(harness, { ...MANAGER, id: 'someone-else' });
    const echarts = fakeECharts();
    await harness.router.push('/dashboard');
    wrapper = mountWith(harness, DashboardPage, { global: { provide: echarts.provide } });
    await settle(8);
    expect(wrapper.find('[data-testid="dashboard-offline-none"]').exists()).toBe(true);
  });
});

describe('the way to the dashboard', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => wrapper?.unmount());

  it('is on the home page for managers and viewers, not for field staff', async () => {
    for (const [user, shown] of [
      [MANAGER, true],
      [{ ...MANAGER, id: 'u3', role: 'VIEWER' as const }, true],
      [INSPECTOR, false],
    ] as const) {
      const harness = createHarness();
      await logIn(harness, user);
      await seedReference(harness);
      await harness.router.push('/');
      wrapper = mountWith(harness, HomePage);
      await settle();
      expect(wrapper.find('[data-testid="dashboard-link"]').exists(), user.role).toBe(shown);
      wrapper.unmount();
      wrapper = undefined;
    }
  });

  it('is closed to field staff', async () => {
    const harness = createHarness();
    await logIn(harness, INSPECTOR);
    await harness.router.push('/dashboard');
    expect(harness.router.currentRoute.value.name).toBe('home');
  });
});
