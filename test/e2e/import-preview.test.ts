import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportedProject, ParsedTarget } from '../../packages/domain/src/index.js';
import { seedAsDocx } from '../../packages/server/src/test/seed-docx.js';
import { graphql } from '../graphql/generated/index.js';
import type { ImportedProjectsQuery } from '../graphql/generated/graphql.js';
import { ADMIN_PASSWORD, cspViolations, jixiao, launchChromium, logInAs, phoneContext, ProductServer, screenshot, SCREENSHOTS } from './support.js';

/*
 * A manager imports a unit's target table from Word in 导入目标表: uploads the .docx (made here with
 * the fixture generator the server's tests use: merged cells as Word writes them), reads the
 * preview, fixes the unit the reader guessed for a satisfaction score, saves, and the project
 * shows the fixed target — through GraphQL and on its page. On a desktop (1280 × 800) first,
 * then the same document again on a phone (375 × 812), which updates the project instead of
 * adding one. A viewer has no way in.
 */

const MANAGER_PASSWORD = 'e2e-manager-password';
const VIEWER_PASSWORD = 'e2e-viewer-password';
const PROJECT = '诉讼服务中心智能化改造项目';
const SATISFACTION = '当事人满意度评分';
const FILE_NAME = '诉讼服务中心智能化改造项目绩效目标表.docx';

/** Only `raw` goes into the document: the server reads the rest. */
const written = (raw: string): ParsedTarget => ({ raw, kind: 'qualitative', comparator: null, value: null, unit: null, rule: null });

const TABLE: ImportedProject = {
  tableNumber: 1,
  title: `${PROJECT}-2023绩效目标表`,
  kind: 'PROJECT',
  orgCode: '218101',
  orgName: '天津市武清区人民法院',
  name: PROJECT,
  year: 2023,
  budget: { total: 85, fiscal: 85, other: 0 },
  purpose: '改造诉讼服务中心的服务窗口、自助立案和查询设备',
  goals: ['完成诉讼服务中心智能化改造', '提升当事人办事体验'],
  indicators: [
    ['产出指标', '数量指标', '改造服务窗口数量', '改造的诉讼服务窗口', '≥6个'],
    ['产出指标', '质量指标', '设备验收合格率', '验收合格的设备占比', '≥98百分比'],
    ['产出指标', '时效指标', '完工时间', '改造完工', '2023年11月底前'],
    ['产出指标', '成本指标', '改造成本', '改造总成本', '85万元'],
    ['效益指标', '社会效益指标', '诉讼服务效率', '当事人办事时间', '明显提升'],
    // A 5-point score: the reader, seeing a satisfaction indicator with no unit, guesses "%".
    ['满意度指标', '服务对象满意度指标', SATISFACTION, '当事人对诉讼服务的评分（5分制）', '≥4.5'],
  ].map(([level1, level2, name, description, raw], i) => ({ level1, level2, name, description, target: written(raw), line: i + 1 })),
};

/** The unit's 2023 projects with each target as stored. */
const PROJECTS_2023 = graphql(`
  query ImportedProjects {
    projects(orgCode: "218101", year: 2023, first: 100) {
      nodes {
        id
        name
        indicators {
          name
          target {
            raw
            kind
            comparator
            value
            unit
          }
        }
      }
    }
  }
`);
type StoredProject = ImportedProjectsQuery['projects']['nodes'][number];

let server: ProductServer;
let browser: Browser;
let adminToken: string;
let docx: Buffer;

async function projects2023(): Promise<StoredProject[]> {
  return (await server.gql(PROJECTS_2023, {}, adminToken)).projects.nodes;
}

function logIn(page: Page, username: string, password: string): Promise<void> {
  return logInAs(page, server.base, username, password);
}

/** From the home page to a read preview of the document. */
async function previewDocument(page: Page): Promise<void> {
  await page.getByTestId('import-link').click();
  await page.waitForURL(/\/import$/);
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: FILE_NAME, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
  expect(await page.getByTestId('import-file-name').textContent()).toBe(FILE_NAME);
  await page.getByRole('button', { name: '解析预览' }).click();
  await page.getByTestId('import-table').waitFor({ timeout: 30_000 });
}

/** The satisfaction indicator's unit input, by the name a screen reader gives it. */
const unitInput = (page: Page) => page.getByLabel(new RegExp(`^表1 第\\d+行 ${SATISFACTION} 单位$`));
const satisfactionRow = (page: Page) => page.getByTestId('import-indicator').filter({ hasText: SATISFACTION });

/** One part of the page, at full size, for a person to look at (a whole phone page is too tall to read). */
async function screenshotOf(locator: Locator, name: string): Promise<void> {
  await locator.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Inputs, selects and buttons of the page without an accessible name (label, aria-label or text). */
function unnamedControls(page: Page): Promise<string[]> {
  return page.$$eval('input, select, textarea, button', (elements) =>
    elements
      .filter((element) => {
        const labelled = element.getAttribute('aria-label')?.trim() || element.getAttribute('aria-labelledby') || (element as HTMLInputElement).labels?.length;
        return !labelled && !(element.tagName === 'BUTTON' && element.textContent?.trim());
      })
      .map((element) => element.outerHTML.slice(0, 120)),
  );
}

beforeAll(async () => {
  server = await ProductServer.create();
  for (const [username, role, password] of [
    ['manager', 'MANAGER', MANAGER_PASSWORD],
    ['viewer', 'VIEWER', VIEWER_PASSWORD],
  ]) {
    jixiao('user', 'add', username, '--role', role, '--org', '218101', '--password', password, '--db', server.db, '--data-dir', server.dir);
  }
  adminToken = await server.login('admin', ADMIN_PASSWORD);
  docx = await seedAsDocx([TABLE]);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('导入目标表', () => {
  let desktop: BrowserContext;
  let phone: BrowserContext;
  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
  });

  it('on a desktop: a manager uploads a .docx, fixes the guessed unit in the preview, saves, and the project shows the fixed target', async () => {
    desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await desktop.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const violations = cspViolations(page);
    await logIn(page, 'manager', MANAGER_PASSWORD);
    expect((await projects2023()).map((p) => p.name)).not.toContain(PROJECT);

    await previewDocument(page);
    expect(await page.getByTestId('import-summary').textContent()).toMatch(/^读出 1 张表，共 6 个指标。 \d+ 处为推定（黄色标出），请核对。$/);
    expect(await page.getByTestId('import-table-action').textContent()).toBe('将新建项目');
    // The guessed unit is highlighted, with the reader's own words.
    const row = satisfactionRow(page);
    expect(await row.getAttribute('class')).toContain('indicator--guess');
    expect(await row.getByTestId('import-guess').textContent()).toContain('未写单位，按比率或满意度指标推定为“%”');
    expect(await unitInput(page).inputValue()).toBe('%');
    expect(await row.getByTestId('import-scoring').textContent()).toBe('实际值≥4.5%得满分；未达到时得分 = 实际值 ÷ 4.5% × 分值');
    // The cost row's comparator is a guess too; the other rows are read as written.
    expect(await page.locator('.indicator--guess').count()).toBe(2);
    expect(await unnamedControls(page)).toEqual([]);
    const width = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(width.page).toBeLessThanOrEqual(width.viewport);
    await screenshot(page, 'import-preview-desktop');
    // Reading wrote nothing.
    expect((await projects2023()).map((p) => p.name)).not.toContain(PROJECT);

    await unitInput(page).fill('分');
    await expect.poll(() => row.getByTestId('import-scoring').textContent()).toBe('实际值≥4.5分得满分；未达到时得分 = 实际值 ÷ 4.5分 × 分值');
    expect(await row.textContent()).toContain('已修改');
    await screenshot(page, 'import-fixed-desktop');
    await screenshotOf(page.getByTestId('import-table'), 'import-table-desktop');

    await page.getByRole('button', { name: '保存全部 1 张表' }).click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result-counts').textContent()).toBe('新建 1 个项目，更新 0 个项目。');
    await screenshot(page, 'import-saved-desktop');

    const saved = (await projects2023()).filter((p) => p.name === PROJECT);
    expect(saved).toHaveLength(1);
    expect(saved[0].indicators).toHaveLength(6);
    expect(saved[0].indicators.find((i) => i.name === SATISFACTION)!.target).toEqual({
      raw: '≥4.5',
      kind: 'QUANTITATIVE',
      comparator: '>=',
      value: '4.5',
      unit: '分',
    });
    expect(saved[0].indicators.find((i) => i.name === '设备验收合格率')!.target.unit).toBe('%');

    // The project page, from the result: its indicator detail scores against the fixed unit.
    await page.getByTestId('import-result-project').click();
    await page.waitForURL(new RegExp(`/projects/${saved[0].id}$`));
    const indicator = page.getByTestId('indicator').filter({ hasText: SATISFACTION });
    await indicator.waitFor({ timeout: 30_000 });
    expect(await indicator.textContent()).toContain('指标值：≥4.5');
    await indicator.click();
    await expect.poll(() => page.getByTestId('indicator-scoring').textContent()).toContain('实际值≥4.5分得满分');
    await screenshot(page, 'import-project-desktop');
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('on a phone: the same document again fits 375 px and updates the project instead of adding one', async () => {
    phone = await phoneContext(browser);
    const page = await phone.newPage();
    await logIn(page, 'manager', MANAGER_PASSWORD);
    await previewDocument(page);
    expect(await page.getByTestId('import-table-action').textContent()).toBe('将更新已有项目');
    // The document still says "≥4.5": the reader guesses again, and the manager fixes it again.
    expect(await unitInput(page).inputValue()).toBe('%');
    await unitInput(page).fill('分');
    await screenshotOf(satisfactionRow(page), 'import-row-phone');
    const width = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth, viewport: window.innerWidth }));
    expect(width.viewport).toBe(375);
    expect(width.page).toBeLessThanOrEqual(375);
    expect(width.body).toBeLessThanOrEqual(375);
    // Each indicator is a card within the screen.
    for (const box of await page.$$eval('[data-testid="import-indicator"]', (rows) => rows.map((r) => r.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(375);
    }
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'import-preview-phone');

    await page.getByRole('button', { name: '保存全部 1 张表' }).click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result-counts').textContent()).toBe('新建 0 个项目，更新 1 个项目。');
    await screenshot(page, 'import-saved-phone');
    const all = await projects2023();
    expect(all.filter((p) => p.name === PROJECT)).toHaveLength(1);
    expect(all).toHaveLength(6);
    expect(all.find((p) => p.name === PROJECT)!.indicators.find((i) => i.name === SATISFACTION)!.target.unit).toBe('分');
  });

  it('is not offered to a viewer, and its address leads home', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      await logIn(page, 'viewer', VIEWER_PASSWORD);
      await page.getByTestId('dashboard-link').waitFor();
      expect(await page.getByTestId('import-link').count()).toBe(0);
      await page.goto(`${server.base}/import`);
      await page.waitForURL(`${server.base}/`);
      expect(await page.getByTestId('import-file').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
