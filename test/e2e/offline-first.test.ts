import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_INSPECTIONS } from '../graphql/documents.js';
import {
  ADMIN_PASSWORD,
  cameraPhoto,
  createRepairSurvey,
  INSPECTOR_PASSWORD,
  launchChromium,
  logInAs,
  phoneContext,
  ProductServer,
  REPAIR_PROJECT,
  screenshot,
  syncUntilOutboxEmpty,
} from './support.js';

/**
 * Issue 13: offline from the first minute. A field worker installs the app in the office (logs in
 * once, on a fresh phone), waits for 可离线使用, and walks out: with no network and no reload every
 * screen an inspector reaches must open, and an acceptance recorded there arrives after sync.
 * The network is cut both ways: the browser is set offline and the server is stopped (the service
 * worker's own fetches do not see setOffline).
 */
let server: ProductServer;
let browser: Browser;
let adminToken: string;
let repairProjectId: string;

beforeAll(async () => {
  server = await ProductServer.create();
  adminToken = await server.login('admin', ADMIN_PASSWORD);
  ({ projectId: repairProjectId } = await createRepairSurvey(server, adminToken));
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

let serverStopped = false;

async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await server.stop();
  serverStopped = true;
}

/** Back online; after a failure too (then the context may be closed already). */
async function goOnline(context?: BrowserContext): Promise<void> {
  if (serverStopped) await server.start();
  serverStopped = false;
  await context?.setOffline(false);
}

/** Taps a tab of the bottom bar: a client-side navigation, no reload. */
async function tab(page: Page, name: '首页' | '待同步' | '我的'): Promise<void> {
  await page.getByTestId('tabbar').getByText(name, { exact: true }).click();
}

/** Fills a repair acceptance as field-journeys does: name, a photo, a checklist line, a signature, 合格. */
async function fillRepairAcceptance(page: Page, context: BrowserContext, itemName: string): Promise<void> {
  const photo = await cameraPhoto(context, '门窗', '#2d8a4e');
  await page.locator('[data-testid="item-name"] input, [data-testid="item-name"] textarea, input[data-testid="item-name"]').first().fill(itemName);
  await page.getByTestId('camera-input').setInputFiles({ name: 'IMG_0101.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByTestId('photo').first().waitFor();
  await page.getByPlaceholder('检查项，如：屋面防水').first().fill('门窗开关顺畅');
  await page.getByTestId('signature-canvas').scrollIntoViewIfNeeded();
  const pad = await page.getByTestId('signature-canvas').boundingBox();
  expect(pad).not.toBeNull();
  await page.mouse.move(pad!.x + 20, pad!.y + pad!.height / 2);
  await page.mouse.down();
  for (let x = 30; x < pad!.width - 20; x += 15) await page.mouse.move(pad!.x + x, pad!.y + pad!.height / 2 + Math.cos(x / 25) * 18);
  await page.mouse.up();
  // Every 合格: the checklist line's and the overall result's.
  for (const pass of await page.getByTestId('pass').all()) await pass.click();
}

describe('offline from the first minute', () => {
  it('logs in once on a fresh phone, says 可离线使用, then opens every screen and records an acceptance with no network and no reload', async () => {
    const context = await phoneContext(browser);
    // Every toast the app shows, kept: a toast lasts seconds, the test may look later.
    await context.addInitScript(() => {
      const seen: string[] = ((window as { toasts?: string[] }).toasts = []);
      new MutationObserver(() => {
        for (const toast of document.querySelectorAll('.van-toast__text')) {
          const text = toast.textContent?.trim() ?? '';
          if (text && !seen.includes(text)) seen.push(text);
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    try {
      await logInAs(page, server.base, 'inspector', INSPECTOR_PASSWORD);
      // Said once, wherever the user is (the login screen, often), when the first install completes.
      await page.waitForFunction(() => (window as { toasts?: string[] }).toasts?.includes('可离线使用：断网后也能打开和录入'), undefined, { timeout: 60_000 });
      await tab(page, '我的');
      await page.locator('[data-testid="offline-state"][data-state="ready"]').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('offline-state').innerText()).toContain('可离线使用');
      // No reload happened: this is still the page the login loaded, and the first worker controls it.
      expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await screenshot(page, 'offline-01-ready');

      await goOffline(context);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);

      await tab(page, '首页');
      await page.getByTestId('project-card').first().waitFor();
      await screenshot(page, 'offline-02-home');

      await page.getByTestId('project-card').filter({ hasText: REPAIR_PROJECT }).click();
      await page.getByTestId('start-repair').waitFor();
      await screenshot(page, 'offline-03-project');

      await page.getByTestId('start-equipment').click();
      await page.getByTestId('inspection-form').waitFor();
      await screenshot(page, 'offline-04-equipment');
      await page.goBack();
      await page.getByTestId('start-repair').waitFor();
      await page.goBack();
      await page.getByTestId('project-card').first().waitFor();

      await tab(page, '待同步');
      await page.getByTestId('storage').waitFor();
      await screenshot(page, 'offline-05-outbox');

      await tab(page, '首页');
      await page.getByTestId('survey-link').first().click();
      await page.getByTestId('choice').first().waitFor();
      await screenshot(page, 'offline-06-kiosk');
      await page.goBack();
      await page.getByTestId('project-card').first().waitFor();

      // The repair acceptance, recorded offline.
      await page.getByTestId('project-card').filter({ hasText: REPAIR_PROJECT }).click();
      await page.getByTestId('start-repair').click();
      await page.getByTestId('inspection-form').waitFor();
      await fillRepairAcceptance(page, context, '大孟庄法庭门窗更换');
      await screenshot(page, 'offline-07-repair-form');
      await page.getByTestId('submit').click();
      await page.getByTestId('submitted').waitFor();
      expect(await page.getByTestId('submitted').innerText()).toContain('等待同步');
      await screenshot(page, 'offline-08-repair-saved');
      await page.goBack();
      await page.getByTestId('start-repair').waitFor();
      await page.goBack();
      await page.getByTestId('project-card').first().waitFor();

      await tab(page, '待同步');
      await page.getByTestId('outbox-record').first().waitFor();
      expect(await page.getByTestId('outbox-record').count()).toBe(1);
      await tab(page, '我的');
      await page.getByTestId('logout').waitFor();
      await screenshot(page, 'offline-09-me');
      // Still the first page load: every screen came from the service worker's precache.
      expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
      expect(failed.filter((url) => /\/assets\//.test(url))).toEqual([]);

      await goOnline(context);
      await syncUntilOutboxEmpty(page, server.base);
      const inspections = await server.gql(PROJECT_INSPECTIONS, { projectId: repairProjectId }, adminToken);
      expect(inspections.inspections).toHaveLength(1);
      expect(inspections.inspections[0]).toMatchObject({
        itemName: '大孟庄法庭门窗更换',
        photos: [{ uploaded: true }],
        signature: { uploaded: true },
      });
    } finally {
      await context.close();
      await goOnline();
    }
  });

  it('says the page is not on the phone yet, instead of doing nothing, when a screen was never downloaded', async () => {
    // No service worker (blocked, as some browsers and policies do): nothing is precached.
    const context = await phoneContext(browser, { serviceWorkers: 'block' });
    const page = await context.newPage();
    try {
      await logInAs(page, server.base, 'inspector', INSPECTOR_PASSWORD);
      await goOffline(context);
      await tab(page, '待同步');
      const toast = page.locator('.van-toast').filter({ hasText: '此页面尚未下载到本机，请联网后再打开' });
      await toast.waitFor({ timeout: 15_000 });
      // The home screen stays, usable.
      expect(new URL(page.url()).pathname).toBe('/');
      await screenshot(page, 'offline-10-page-unavailable');
    } finally {
      await context.close();
      await goOnline();
    }
  });
});
