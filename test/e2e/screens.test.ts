import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, settle, settledViolations, type AxeViolation } from './axe.js';
import { ADMIN_PASSWORD, createRepairSurvey, INSPECTOR_PASSWORD, launchChromium, logInAs, phoneContext, ProductServer, screenshot } from './support.js';

/*
 * Every screen of the app on a phone (375 × 812), as an inspector, as a manager (admin) and as a
 * survey respondent without a login: axe-core checks each one and the journey fails on any serious
 * or critical violation; each screen has one <main> and one <h1>; a screenshot of each is saved as
 * test/e2e/screenshots/screen-<name>.png for a person to look at.
 *
 * To check a new screen, add a row to SCREENS.
 */

type Role = 'admin' | 'inspector' | 'public' | 'wechat';

interface Ids {
  repairProjectId: string;
  surveyId: string;
  publicToken: string;
}

interface Screen {
  /** The screenshot is screen-<name>.png. */
  name: string;
  /** Who opens it: a logged-in admin (manager rights) or inspector, nobody, or nobody inside WeChat. */
  role: Role;
  path: (ids: Ids) => string;
  /** What shows once the screen is ready. */
  ready: string;
  /** What to do on the screen before checking it (open a dialog…); `ready` is then waited for after it. */
  open?: (page: Page) => Promise<void>;
  /** A dialog is open: its name is checked too. */
  dialog?: boolean;
}

const tap = (selector: string) => async (page: Page) => {
  await page.locator(selector).first().click();
};

const SCREENS: Screen[] = [
  { name: 'login', role: 'public', path: () => '/login', ready: '[data-testid="login-submit"]' },
  { name: 'home-inspector', role: 'inspector', path: () => '/', ready: '[data-testid="capture-repair"]' },
  {
    name: 'home-inspector-pick-project',
    role: 'inspector',
    path: () => '/',
    open: tap('[data-testid="capture-repair"]'),
    ready: '.choice-sheet__choice',
    dialog: true,
  },
  { name: 'home-admin', role: 'admin', path: () => '/', ready: '[data-testid="project-card"]' },
  { name: 'project', role: 'inspector', path: (ids) => `/projects/${ids.repairProjectId}`, ready: '[data-testid="start-repair"]' },
  {
    name: 'project-indicator',
    role: 'inspector',
    path: (ids) => `/projects/${ids.repairProjectId}`,
    open: tap('[data-testid="indicator"]'),
    ready: '.van-popup [data-testid="indicator-detail"]',
    dialog: true,
  },
  { name: 'project-not-found', role: 'inspector', path: () => '/projects/00000000-0000-4000-8000-000000000000', ready: '.van-empty' },
  { name: 'inspection-repair', role: 'inspector', path: (ids) => `/projects/${ids.repairProjectId}/inspect/repair`, ready: '[data-testid="inspection-form"]' },
  {
    name: 'inspection-equipment',
    role: 'inspector',
    path: (ids) => `/projects/${ids.repairProjectId}/inspect/equipment`,
    ready: '[data-testid="inspection-form"]',
  },
  { name: 'outbox-empty', role: 'inspector', path: () => '/outbox', ready: '[data-testid="outbox-empty"]' },
  { name: 'me', role: 'inspector', path: () => '/me', ready: '[data-testid="logout"]' },
  { name: 'me-logout-dialog', role: 'inspector', path: () => '/me', open: tap('[data-testid="logout"]'), ready: '.van-dialog', dialog: true },
  { name: 'kiosk', role: 'inspector', path: (ids) => `/surveys/${ids.surveyId}/kiosk`, ready: '[data-testid="question"]' },
  { name: 'manage', role: 'admin', path: (ids) => `/projects/${ids.repairProjectId}/manage`, ready: '[data-testid="submit-actual"]' },
  {
    name: 'manage-indicator-picker',
    role: 'admin',
    path: (ids) => `/projects/${ids.repairProjectId}/manage`,
    open: tap('[data-testid="indicator-picker"]'),
    ready: '[data-testid="indicator-sheet"] .choice-sheet__choice',
    dialog: true,
  },
  {
    name: 'manage-equipment',
    role: 'admin',
    path: (ids) => `/projects/${ids.repairProjectId}/manage`,
    open: tap('.van-tab:has-text("设备")'),
    ready: '[data-testid="equipment-create"]:not([disabled])',
  },
  {
    name: 'manage-equipment-new',
    role: 'admin',
    path: (ids) => `/projects/${ids.repairProjectId}/manage`,
    open: async (page) => {
      await tap('.van-tab:has-text("设备")')(page);
      await tap('[data-testid="equipment-create"]:not([disabled])')(page);
    },
    ready: '[data-testid="equipment-form"]',
    dialog: true,
  },
  { name: 'import', role: 'admin', path: () => '/import', ready: '[data-testid="import-file-name"]' },
  { name: 'dashboard', role: 'admin', path: () => '/dashboard', ready: '[data-testid="summary-tiles"]' },
  { name: 'sites', role: 'admin', path: () => '/sites', ready: '[data-testid="site-create"]' },
  { name: 'sites-edit', role: 'admin', path: () => '/sites', open: tap('[data-testid="site-create"]'), ready: '[data-testid="site-form"]', dialog: true },
  { name: 'me-admin', role: 'admin', path: () => '/me', ready: '[data-testid="sites-link"]' },
  { name: 'public-survey', role: 'public', path: (ids) => `/s/${ids.publicToken}`, ready: '[data-testid="question"]' },
  { name: 'public-survey-unknown', role: 'public', path: () => '/s/no-such-survey-token', ready: '[data-testid="public-error"]' },
  { name: 'wechat-login', role: 'wechat', path: () => '/login', ready: '[data-testid="login-submit"]' },
];

/**
 * Screens that need a site of the unit: opened after the journey below has created one in 地点管理
 * (the demo has none). The inspector's app fetches it when the page loads.
 */
const SCREENS_WITH_A_SITE: Screen[] = [
  {
    name: 'inspection-repair-with-site',
    role: 'inspector',
    path: (ids) => `/projects/${ids.repairProjectId}/inspect/repair`,
    ready: '[data-testid="site"]:not(.van-field--disabled):not(.van-cell--disabled)',
  },
  {
    name: 'inspection-repair-site-picker',
    role: 'inspector',
    path: (ids) => `/projects/${ids.repairProjectId}/inspect/repair`,
    open: async (page) => {
      const site = page.locator('[data-testid="site"]:not(.van-field--disabled):not(.van-cell--disabled)').first();
      await site.waitFor({ timeout: 30_000 });
      await site.click();
    },
    ready: '[role="dialog"]:visible',
    dialog: true,
  },
];

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2196A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

let server: ProductServer;
let browser: Browser;
let ids: Ids;
const contexts = new Map<Role, BrowserContext>();
const pages = new Map<Role, Page>();
/** Serious and critical violations per screen, printed at the end for the report. */
const summary: Array<{ screen: string; serious: number; critical: number; other: number; rules: string[] }> = [];

beforeAll(async () => {
  server = await ProductServer.create();
  const adminToken = await server.login('admin', ADMIN_PASSWORD);
  const { projectId, survey } = await createRepairSurvey(server, adminToken);
  ids = { repairProjectId: projectId, surveyId: survey.id, publicToken: survey.publicToken };
  browser = await launchChromium();
  for (const role of ['admin', 'inspector', 'public'] as const) {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    if (role !== 'public') await logInAs(page, server.base, role, role === 'admin' ? ADMIN_PASSWORD : INSPECTOR_PASSWORD);
    contexts.set(role, context);
    pages.set(role, page);
  }
  const wechat = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    userAgent: WECHAT_UA,
  });
  contexts.set('wechat', wechat);
  pages.set('wechat', await wechat.newPage());
}, 180_000);

afterAll(async () => {
  if (summary.length > 0) {
    console.log(
      `axe-core on ${summary.length} screens:\n` +
        summary
          .map((s) => `  ${s.screen.padEnd(30)} critical ${s.critical}  serious ${s.serious}  moderate/minor ${s.other}  ${s.rules.join(', ')}`)
          .join('\n'),
    );
  }
  await browser?.close();
  await server?.dispose();
});

/**
 * Screenshots the screen as it is now, runs axe-core on it and checks its landmarks; returns what
 * is wrong, readably (empty when nothing is).
 */
async function checkScreen(page: Page, name: string, options: { dialog?: boolean } = {}): Promise<string[]> {
  // Vant's popups and dialogs fade in: axe reads colours, so wait until nothing moves.
  await settle(page);
  await screenshot(page, `screen-${name}`, { axe: false }); // checked below, with the summary

  const violations = await settledViolations(page);
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const nodes = (list: AxeViolation[]) => list.reduce((n, v) => n + v.nodes.length, 0);
  summary.push({
    screen: name,
    critical: nodes(violations.filter((v) => v.impact === 'critical')),
    serious: nodes(violations.filter((v) => v.impact === 'serious')),
    other: nodes(violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical')),
    rules: violations.map((v) => `${v.id} (${v.impact})`),
  });

  const structure = await page.evaluate(() => {
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
    // Every Vant popup, sheet and dialog is a role=dialog (toasts are role=status: App.vue).
    const dialogs = [...document.querySelectorAll('[role="dialog"], [role="alertdialog"]')].filter(visible);
    const named = (d: Element) => {
      const label = d.getAttribute('aria-label');
      const by = d.getAttribute('aria-labelledby');
      return Boolean(label?.trim() || (by && document.getElementById(by)?.textContent?.trim()));
    };
    return {
      mains: document.querySelectorAll('main, [role="main"]').length,
      h1s: [...document.querySelectorAll('h1')].filter(visible).map((h) => h.textContent?.trim() ?? ''),
      unnamedDialogs: dialogs.filter((d) => !named(d)).map((d) => d.className),
      dialogs: dialogs.length,
    };
  });

  const problems: string[] = [];
  if (blocking.length > 0) problems.push(`axe-core found serious or critical violations:\n${describeViolations(blocking)}`);
  if (structure.mains !== 1) problems.push(`${structure.mains} <main> landmarks (want 1)`);
  if (structure.h1s.length !== 1) problems.push(`${structure.h1s.length} visible <h1> (want 1): ${JSON.stringify(structure.h1s)}`);
  if (options.dialog && structure.dialogs === 0) problems.push('no dialog is open');
  if (structure.unnamedDialogs.length > 0) problems.push(`dialogs without a name: ${structure.unnamedDialogs.join(', ')}`);
  return problems;
}

/** Opens a row's screen as its role, does what the row says, and checks it. */
async function openAndCheck(screen: Screen): Promise<void> {
  const page = pages.get(screen.role)!;
  await page.goto(`${server.base}${screen.path(ids)}`);
  if (screen.open) {
    await page.locator('main').first().waitFor();
    await screen.open(page);
  }
  await page.locator(screen.ready).first().waitFor({ timeout: 30_000 });
  const problems = await checkScreen(page, screen.name, { dialog: screen.dialog });
  expect(problems, `screen ${screen.name} (${screen.path(ids)}):\n${problems.join('\n')}`).toEqual([]);
}

const rows = (screens: Screen[]) => screens.map((screen) => [screen.name, screen] as const);

describe('every screen on a phone', () => {
  it.each(rows(SCREENS))('%s: no serious or critical axe violation, one main, one h1', async (_name, screen) => {
    await openAndCheck(screen);
  });

  it('a manager adds a site: the domain’s errors show on the form, then the site is listed with its kind', async () => {
    const page = pages.get('admin')!;
    await page.goto(`${server.base}/sites`);
    await page.getByTestId('site-create').click();
    const form = page.getByTestId('site-form');
    await form.waitFor();
    await page.getByTestId('site-save').click();
    // checkSite's messages, on their fields; the name field has the focus.
    await expect.poll(() => form.innerText()).toContain('请填写地点名称');
    expect(await form.innerText()).toContain('请选择地点类型');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-field]')?.getAttribute('data-field'))).toBe('name');
    expect(await checkScreen(page, 'sites-edit-errors', { dialog: true })).toEqual([]);

    await page.locator('[data-testid="site-name"] input').fill('大孟庄法庭');
    await page.getByTestId('site-kind-DISPATCHED_TRIBUNAL').click();
    await page.locator('[data-testid="site-address"] textarea').fill('武清区大孟庄镇');
    await page.getByTestId('site-save').click();
    await page.getByTestId('sites-notice').waitFor();
    expect(await page.getByTestId('sites-notice').innerText()).toBe('已新建“大孟庄法庭”');
    await form.waitFor({ state: 'hidden' });
    expect((await page.getByTestId('site').innerText()).replace(/\s+/g, ' ')).toBe('大孟庄法庭 武清区大孟庄镇 派出法庭');
    expect(await checkScreen(page, 'sites-list')).toEqual([]);
  });

  it.each(rows(SCREENS_WITH_A_SITE))('%s (with a site): no serious or critical axe violation, one main, one h1', async (_name, screen) => {
    await openAndCheck(screen);
  });
});
