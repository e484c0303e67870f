import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_SURVEY, RECORD_ACTUAL, RECORD_SPENDING, SUBMIT_SURVEY_RESPONSE } from '../graphql/documents.js';
import { graphql } from '../graphql/generated/index.js';
import type { DashboardSeedQuery, RecordActualInput, TestRecordActualMutationVariables } from '../graphql/generated/graphql.js';
import { ADMIN_PASSWORD, cspViolations, launchChromium, logInAs, phoneContext, ProductServer, screenshot } from './support.js';

/*
 * A manager reads 绩效看板: the real product with the seed, some actuals, a year of spending and a
 * satisfaction survey recorded through GraphQL, then the dashboard opened in Chromium on a phone
 * (375 × 812) and on a desktop (1280 × 800).
 */

const REPAIR = '派出法庭安全隐患维修项目';
const CHARTS = ['项目得分', '2023 年预算执行', '指标完成情况', '满意度调查'];

const SEED = graphql(`
  query DashboardSeed {
    projects(year: 2023, first: 100) {
      nodes {
        id
        name
        budget {
          total
        }
        indicators {
          id
          name
          source
          notApplicable
          target {
            kind
            value
            unit
            deadline
          }
        }
      }
    }
  }
`);
type SeedProject = DashboardSeedQuery['projects']['nodes'][number];
type SeedIndicator = SeedProject['indicators'][number];

let server: ProductServer;
let browser: Browser;
let token: string;
let projects: SeedProject[];

/** Records what meets an indicator's target (or `ratio` of it, for a project that falls short). */
async function recordActual(indicator: SeedIndicator, ratio = 1): Promise<void> {
  const { target } = indicator;
  const input: Omit<RecordActualInput, 'indicatorId'> =
    target.kind === 'QUALITATIVE'
      ? { tier: ratio >= 0.8 ? 'ACHIEVED' : 'PARTIAL', ratio: ratio >= 0.8 ? 0.9 : 0.7 }
      : target.kind === 'DEADLINE'
        ? { value: target.deadline }
        : { value: `${Math.round(Number(target.value) * ratio * 100) / 100}${target.unit ?? ''}` };
  const variables: TestRecordActualMutationVariables = { input: { indicatorId: indicator.id, clientId: randomUUID(), ...input } };
  await server.gql(RECORD_ACTUAL, variables, token);
}

async function recordSpending(projectId: string, amount: number, date: string, note: string): Promise<void> {
  await server.gql(RECORD_SPENDING, { input: { projectId, amount, date, note, clientId: randomUUID() } }, token);
}

function logIn(page: Page): Promise<void> {
  return logInAs(page, server.base, 'admin', ADMIN_PASSWORD);
}

/** Waits until ECharts has drawn all four charts on canvases of non-zero size. */
async function chartsDrawn(page: Page, count = CHARTS.length): Promise<Array<{ label: string; width: number; height: number }>> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="chart"][data-rendered="true"] canvas').length >= n, count, { timeout: 30_000 });
  return page.$$eval('[data-testid="chart"]', (charts) =>
    charts.map((chart) => {
      const canvas = chart.querySelector('canvas');
      return { label: chart.getAttribute('aria-label') ?? '', width: canvas?.width ?? 0, height: canvas?.height ?? 0 };
    }),
  );
}

beforeAll(async () => {
  server = await ProductServer.create();
  token = await server.login('admin', ADMIN_PASSWORD);
  projects = (await server.gql(SEED, {}, token)).projects.nodes;
  expect(projects).toHaveLength(5);

  // Manual indicators: all of the repair project but one (left 未填报), three quarters of the
  // others at 70–100% of their targets.
  for (const [index, project] of projects.entries()) {
    const manual = project.indicators.filter((i) => i.source === 'MANUAL' && !i.notApplicable);
    const recorded = project.name === REPAIR ? manual.slice(0, -1) : manual.slice(0, Math.ceil(manual.length * 0.75));
    for (const [n, indicator] of recorded.entries()) await recordActual(indicator, project.name === REPAIR ? 1 : n % 3 === 0 ? 0.7 : 1 - index * 0.05);
  }

  // A year of spending: the repair project pays in instalments, the others once or twice.
  const repair = projects.find((p) => p.name === REPAIR)!;
  const share = (project: SeedProject, part: number) => Math.round(project.budget.total * part * 100) / 100;
  const instalments: Array<[string, number]> = [
    ['2023-02-15', 0.08],
    ['2023-04-28', 0.17],
    ['2023-06-30', 0.2],
    ['2023-09-20', 0.25],
    ['2023-11-30', 0.12],
  ];
  for (const [date, part] of instalments) await recordSpending(repair.id, share(repair, part), date, '工程款');
  for (const [index, project] of projects.filter((p) => p !== repair).entries()) {
    await recordSpending(project.id, share(project, 0.3 + index * 0.05), `2023-0${index + 3}-15`, '第一笔');
    if (index % 2 === 0) await recordSpending(project.id, share(project, 0.35), `2023-1${index % 3}-10`, '第二笔');
  }

  // A satisfaction survey of the court officers, with twelve answers.
  const satisfaction = repair.indicators.find((i) => i.name === '干警满意度')!;
  const survey = (
    await server.gql(
      CREATE_SURVEY,
      {
        input: {
          indicatorId: satisfaction.id,
          title: '派出法庭维修干警满意度调查',
          audience: 'OFFICERS',
          questions: [{ kind: 'SATISFACTION', text: '您对派出法庭维修工作的总体评价' }],
          opensAt: new Date(Date.now() - 86_400_000).toISOString(),
          closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      },
      token,
    )
  ).createSurvey;
  const answers = ['非常满意', '非常满意', '非常满意', '非常满意', '非常满意', '满意', '满意', '满意', '满意', '基本满意', '基本满意', '不满意'];
  for (const value of answers) {
    const input = {
      clientId: randomUUID(),
      surveyId: survey.id,
      answers: [{ questionId: survey.questions[0].id, value }],
      collectedAt: new Date().toISOString(),
    };
    await server.gql(SUBMIT_SURVEY_RESPONSE, { input }, token);
  }

  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('绩效看板', () => {
  let phone: BrowserContext;
  let phonePage: Page;
  let desktop: BrowserContext;

  afterAll(async () => {
    await phone?.close();
    await desktop?.close();
  });

  it('opens from the home page on a phone, draws the four charts in one column, and fits 375 px', async () => {
    phone = await phoneContext(browser);
    const page = (phonePage = await phone.newPage());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The login page, the home page and the dashboard with ECharts fit the server's Content-Security-Policy.
    const violations = cspViolations(page);
    await logIn(page);
    await page.getByTestId('dashboard-link').click();
    await page.waitForURL(/\/dashboard\?/);

    await chartsDrawn(page, 3);
    // The repair project, chosen from the menu, has the survey.
    await page.getByTestId('project-menu').locator('.van-dropdown-menu__item').click();
    await page.locator('.van-dropdown-item__option', { hasText: REPAIR }).click();
    const charts = await chartsDrawn(page);
    expect(charts.map((chart) => chart.label)).toEqual(CHARTS);
    for (const chart of charts) {
      expect(chart.width, chart.label).toBeGreaterThan(0);
      expect(chart.height, chart.label).toBeGreaterThan(0);
    }
    expect(await page.getByTestId('tile-projects').textContent()).toBe('5');
    expect(page.url()).toContain('year=2023');
    // The best project is picked: the repair project, with its survey.
    expect(await page.getByTestId('survey-rate').textContent()).toContain('派出法庭维修干警满意度调查：满意率 75%（12 份答卷）');

    // One column: the panels are stacked, each as wide as the screen allows.
    const panels = await page.$$eval('.panel', (elements) => elements.map((element) => element.getBoundingClientRect().toJSON() as DOMRect));
    expect(panels).toHaveLength(4);
    for (let i = 1; i < panels.length; i++) expect(panels[i].top).toBeGreaterThan(panels[i - 1].bottom - 1);
    for (const panel of panels) expect(panel.right).toBeLessThanOrEqual(375);

    const overflow = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(overflow.viewport).toBe(375);
    expect(overflow.document).toBeLessThanOrEqual(375);
    expect(overflow.body).toBeLessThanOrEqual(375);
    await screenshot(page, 'dashboard-phone');
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('lays the charts out two by two on a desktop, and they follow the window', async () => {
    desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await desktop.newPage();
    await logIn(page);
    // A link to the repair project's dashboard, as the manager view gives it.
    await page.goto(`${server.base}/dashboard?org=218101&year=2023&project=${projects.find((p) => p.name === REPAIR)!.id}`);
    const charts = await chartsDrawn(page);
    expect(charts.map((chart) => chart.label)).toEqual(CHARTS);

    const panels = await page.$$eval('.panel', (elements) => elements.map((element) => element.getBoundingClientRect().toJSON() as DOMRect));
    // Score beside budget, completion beside survey.
    expect(Math.abs(panels[0].top - panels[1].top)).toBeLessThan(1);
    expect(panels[1].left).toBeGreaterThan(panels[0].right);
    expect(Math.abs(panels[2].top - panels[3].top)).toBeLessThan(1);
    expect(panels[0].width).toBeGreaterThan(500);
    const tiles = await page.$$eval('.tile', (elements) => elements.map((element) => element.getBoundingClientRect().top));
    expect(new Set(tiles.map(Math.round)).size).toBe(1);
    await screenshot(page, 'dashboard-desktop');

    // A narrower window: the canvases are redrawn at the new width.
    const before = await page.$eval('[data-testid="chart"] canvas', (canvas) => canvas.getBoundingClientRect().width);
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.waitForFunction((width) => document.querySelector('[data-testid="chart"] canvas')!.getBoundingClientRect().width < width - 50, before);
  });

  it('shows the last numbers with their time when the server cannot be reached', async () => {
    const page = phonePage;
    // The service worker has the shell and the ECharts chunks; the numbers come from the device.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await server.stop();
    try {
      await page.reload();
      await page.getByTestId('dashboard-offline').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('dashboard-offline').textContent()).toMatch(
        /无法连接服务器，看板需要联网。以下是 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 获取的数据/,
      );
      expect((await chartsDrawn(page)).map((chart) => chart.label)).toEqual(CHARTS);
      expect(await page.getByTestId('tile-projects').textContent()).toBe('5');
      await screenshot(page, 'dashboard-offline');
    } finally {
      await server.start();
    }
  });
});
