import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_SURVEY, SEED_PROJECTS, SURVEY_RESULTS } from '../graphql/documents.js';
import {
  ADMIN_PASSWORD,
  createRepairSurvey,
  INSPECTOR_PASSWORD,
  launchChromium,
  logInAs,
  phoneContext,
  ProductServer,
  REPAIR_PROJECT,
  screenshot,
} from './support.js';

/**
 * Issue 13: surveys that count once. The public link on a respondent's own phone at 375×812: one
 * answer per device (a reload is refused before answering again), refusals in plain Chinese, an
 * answer given offline kept and sent by the service worker's Background Sync or at the next visit;
 * and the kiosk's title and count laid out apart, its status true.
 */
let server: ProductServer;
let browser: Browser;
let adminToken: string;
let survey: { id: string; publicToken: string };
let serverStopped = false;

beforeAll(async () => {
  server = await ProductServer.create();
  adminToken = await server.login('admin', ADMIN_PASSWORD);
  ({ survey } = await createRepairSurvey(server, adminToken));
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function responses(id = survey.id): Promise<number> {
  return (await server.gql(SURVEY_RESULTS, { id }, adminToken)).surveyResults.responseCount;
}

async function answer(page: Page, level: string): Promise<void> {
  await page
    .getByTestId('choice')
    .filter({ hasText: new RegExp(`^\\s*${level}\\s*$`) })
    .click();
  await page.getByTestId('submit').click();
}

/** Text a person reads on the page: never a field path such as input.code. */
async function withoutFieldNames(page: Page): Promise<void> {
  expect(await page.locator('#app').innerText()).not.toMatch(/input\.|deviceToken|BAD_USER_INPUT|CONFLICT/);
}

describe('a survey that counts once per phone', () => {
  let respondent: BrowserContext;
  afterAll(async () => respondent?.close());

  it('answers once; after a reload the same phone is told it has answered, before answering again', async () => {
    respondent = await phoneContext(browser);
    const page = await respondent.newPage();
    await page.goto(`${server.base}/s/${survey.publicToken}`);
    await page.getByTestId('choice').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'survey-01-public');
    await answer(page, '满意');
    await page.getByTestId('public-done').waitFor();
    expect(await page.getByTestId('public-done-detail').innerText()).toBe('您的答卷已提交');
    await screenshot(page, 'survey-02-thanks');

    await page.reload();
    await page.getByTestId('public-repeat').waitFor();
    expect(await page.getByTestId('public-repeat').innerText()).toMatch(/您已提交过本问卷\s*每台手机只能提交一份答卷，感谢您的参与/);
    expect(await page.getByTestId('choice').count()).toBe(0);
    await withoutFieldNames(page);
    await screenshot(page, 'survey-03-repeat');
    expect(await responses()).toBe(1);
  });

  it('says a wrong survey code in plain Chinese and keeps asking for it', async () => {
    const projects = await server.gql(SEED_PROJECTS, {}, adminToken);
    const repair = projects.projects.nodes.find((p) => p.name === REPAIR_PROJECT)!;
    const coded = await server.gql(
      CREATE_SURVEY,
      {
        input: {
          indicatorId: repair.indicators.find((i) => i.name === '干警满意度')!.id,
          title: '派出法庭维修满意度调查（问卷码）',
          audience: 'OFFICERS',
          questions: [{ kind: 'SATISFACTION', text: '您对派出法庭维修工作的总体评价' }],
          opensAt: new Date(Date.now() - 86_400_000).toISOString(),
          closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          requireCode: true,
          codeCount: 3,
        },
      },
      adminToken,
    );
    const context = await phoneContext(browser);
    const page = await context.newPage();
    try {
      await page.goto(`${server.base}/s/${coded.createSurvey.publicToken}`);
      await page.locator('[data-testid="code"] input').fill('WRONG234');
      await page.getByTestId('code-next').click();
      await answer(page, '非常满意');
      const alert = page.locator('.public__code [role="alert"]');
      await alert.waitFor();
      expect(await alert.innerText()).toBe('问卷码不正确，请核对后重新输入');
      expect(await page.locator('[data-testid="code"] input').isVisible()).toBe(true);
      await withoutFieldNames(page);
      await screenshot(page, 'survey-04-wrong-code');
      expect(await responses(coded.createSurvey.id)).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('keeps an answer given offline, says it is sent by itself, and the service worker sends it once the server is back', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    try {
      await page.goto(`${server.base}/s/${survey.publicToken}`);
      await page.getByTestId('choice').first().waitFor({ timeout: 30_000 });
      // The worker took the page over when it installed (clientsClaim): it sees the answer's request.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

      await server.stop();
      serverStopped = true;
      await answer(page, '非常满意');
      await page.getByTestId('public-done').waitFor();
      // Chromium has Background Sync: the worker keeps the request and sends it with the page closed.
      expect(await page.getByTestId('public-done-detail').innerText()).toBe('已保存在本机，联网后会自动发送（可以关闭页面）');
      await screenshot(page, 'survey-05-offline-saved');

      // The page is closed; the network comes back; the browser fires the worker's sync event (as it
      // does when it sees connectivity return; here through DevTools, not after Chromium's minutes).
      const holder = await context.newPage();
      const cdp = await context.newCDPSession(holder);
      const registrations: Array<{ registrationId: string; scopeURL: string; isDeleted?: boolean }> = [];
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => registrations.push(...updated));
      await cdp.send('ServiceWorker.enable');
      await page.close();
      await server.start();
      serverStopped = false;
      const registration = registrations.find((r) => r.scopeURL === `${server.base}/` && !r.isDeleted);
      expect(registration).toBeDefined();
      await cdp.send('ServiceWorker.dispatchSyncEvent', {
        origin: server.base,
        registrationId: registration!.registrationId,
        tag: 'workbox-background-sync:survey-responses',
        lastChance: false,
      });
      await expect.poll(() => responses(), { timeout: 30_000 }).toBe(2);

      // The next visit: the page's own copy goes too, and the server takes its clientId once.
      const again = await context.newPage();
      await again.goto(`${server.base}/s/${survey.publicToken}`);
      await again.getByTestId('public-done').waitFor({ timeout: 30_000 });
      await expect.poll(() => again.getByTestId('public-done-detail').innerText(), { timeout: 60_000 }).toBe('您的答卷已提交');
      expect(await responses()).toBe(2);
      await again.reload();
      await again.getByTestId('public-repeat').waitFor();
      await screenshot(again, 'survey-06-offline-sent-then-repeat');
    } finally {
      await context.close();
      if (serverStopped) await server.start();
      serverStopped = false;
    }
  });

  it('keeps an answer given offline for the next visit where the service worker cannot send it', async () => {
    const context = await phoneContext(browser, { serviceWorkers: 'block' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.base}/s/${survey.publicToken}`);
      await page.getByTestId('choice').first().waitFor({ timeout: 30_000 });
      await server.stop();
      serverStopped = true;
      await answer(page, '满意');
      await page.getByTestId('public-done').waitFor();
      expect(await page.getByTestId('public-done-detail').innerText()).toBe('已保存在本机，下次打开本页时发送');
      await screenshot(page, 'survey-07-offline-next-visit');
      await page.close();

      await server.start();
      serverStopped = false;
      const again = await context.newPage();
      await again.goto(`${server.base}/s/${survey.publicToken}`);
      await expect.poll(() => again.getByTestId('public-done-detail').innerText(), { timeout: 60_000 }).toBe('您的答卷已提交');
      expect(await responses()).toBe(3);
    } finally {
      await context.close();
      if (serverStopped) await server.start();
      serverStopped = false;
    }
  });
});

describe('the kiosk on the collector’s phone', () => {
  it('keeps the title and 本次已收 N 份 apart at 375 px, and says 已发送 once the server has the answer', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    try {
      await logInAs(page, server.base, 'inspector', INSPECTOR_PASSWORD);
      await page.getByTestId('survey-link').first().click();
      await page.getByTestId('choice').first().waitFor();
      await answer(page, '满意');
      await page.getByTestId('thanks').waitFor();
      await expect.poll(() => page.getByTestId('thanks-status').innerText(), { timeout: 30_000 }).toBe('答卷已发送到服务器');
      expect(await page.getByTestId('kiosk-status').innerText()).toBe('本次已收 1 份 · 均已发送');
      const title = (await page.locator('.van-nav-bar__title').boundingBox())!;
      const count = (await page.getByTestId('collected').boundingBox())!;
      const overlap =
        title.x < count.x + count.width && count.x < title.x + title.width && title.y < count.y + count.height && count.y < title.y + title.height;
      expect(overlap, `title ${JSON.stringify(title)} count ${JSON.stringify(count)}`).toBe(false);
      await screenshot(page, 'survey-08-kiosk');
      expect(await responses()).toBe(4);
    } finally {
      await context.close();
    }
  });
});
