import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_INSPECTIONS, SEED_PROJECTS } from '../graphql/documents.js';
import {
  ADMIN_PASSWORD,
  cameraPhoto,
  INSPECTOR_PASSWORD,
  launchChromium,
  logInAs,
  phoneContext,
  ProductServer,
  screenshot,
  syncUntilOutboxEmpty,
} from './support.js';

/**
 * Issue 13: the phones people really use. Field workers open the link inside WeChat, 企业微信 or
 * DingTalk. Android WeChat (XWeb, Chromium) runs service workers; iOS in-app browsers (WKWebView)
 * have none, and none of them can install the app. The app says how to open the link in the
 * phone's browser, and without a service worker capture still works while the page is open.
 */
const WECHAT_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
/** Another app's WKWebView on iPhone (here Weibo's): no "Safari/" in the agent. */
const IOS_WEBVIEW =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Weibo (iPhone14,2__weibo__13.11.1__iphone__os17.1)';
const REPAIR_PROJECT = '派出法庭安全隐患维修项目';

let server: ProductServer;
let browser: Browser;
let adminToken: string;

beforeAll(async () => {
  server = await ProductServer.create();
  adminToken = await server.login('admin', ADMIN_PASSWORD);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

/** As iOS's WKWebView: no navigator.serviceWorker at all. */
async function withoutServiceWorkerApi(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
  });
}

async function signature(page: Page): Promise<void> {
  await page.getByTestId('signature-canvas').scrollIntoViewIfNeeded();
  const pad = (await page.getByTestId('signature-canvas').boundingBox())!;
  await page.mouse.move(pad.x + 20, pad.y + pad.height / 2);
  await page.mouse.down();
  for (let x = 30; x < pad.width - 20; x += 15) await page.mouse.move(pad.x + x, pad.y + pad.height / 2 + Math.sin(x / 18) * 16);
  await page.mouse.up();
}

describe('in-app browsers', () => {
  it('tells an Android WeChat user to open the link in the browser; WeChat runs the service worker, so nothing about offline reloads', async () => {
    const context = await phoneContext(browser, { userAgent: WECHAT_ANDROID });
    const page = await context.newPage();
    try {
      await page.goto(`${server.base}/login`);
      const guidance = page.getByTestId('in-app-guidance');
      await guidance.waitFor();
      expect(await guidance.innerText()).toContain('当前在微信内打开');
      expect(await guidance.innerText()).toContain('请点右上角 ⋯ → 在浏览器打开');
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      expect(await page.getByTestId('no-offline-reload').count()).toBe(0);
      await screenshot(page, 'inapp-01-wechat-android');
      // The banner can be closed; it never covers the form.
      await page.getByTestId('in-app-close').click();
      await page.getByTestId('in-app-banner').waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });

  it("tells an iOS app's web view user to open Safari and add the app to the home screen, and that it cannot reopen offline", async () => {
    const context = await phoneContext(browser, { userAgent: IOS_WEBVIEW });
    await withoutServiceWorkerApi(context);
    const page = await context.newPage();
    try {
      await page.goto(`${server.base}/login`);
      await page.getByTestId('in-app-guidance').waitFor();
      expect(await page.getByTestId('in-app-guidance').innerText()).toContain('请点右上角 ⋯ → 在 Safari 中打开，再点分享 → 添加到主屏幕');
      expect(await page.getByTestId('no-offline-reload').innerText()).toContain('页面开着时照常录入，记录保存在本手机，联网后发送');
      await screenshot(page, 'inapp-02-ios-webview');
    } finally {
      await context.close();
    }
  });

  it('with service workers blocked, records an acceptance while the server is away and syncs it once it is back', async () => {
    const context = await phoneContext(browser, { serviceWorkers: 'block' });
    const page = await context.newPage();
    let stopped = false;
    try {
      await logInAs(page, server.base, 'inspector', INSPECTOR_PASSWORD);
      await page.getByTestId('no-offline-reload').waitFor();
      expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
      await screenshot(page, 'inapp-03-no-service-worker-home');

      await page.getByTestId('project-card').filter({ hasText: REPAIR_PROJECT }).click();
      await page.getByTestId('start-repair').click();
      await page.getByTestId('inspection-form').waitFor();
      const photo = await cameraPhoto(context, '围墙', '#8a2d6e');

      // The page stays open; the server is gone.
      await server.stop();
      stopped = true;
      await page
        .locator('[data-testid="item-name"] input, [data-testid="item-name"] textarea, input[data-testid="item-name"]')
        .first()
        .fill('城关法庭围墙修缮');
      await page.getByTestId('camera-input').setInputFiles({ name: 'IMG_0201.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByTestId('photo').first().waitFor();
      await page.getByPlaceholder('检查项，如：屋面防水').first().fill('围墙无裂缝');
      await signature(page);
      for (const pass of await page.getByTestId('pass').all()) await pass.click();
      await page.getByTestId('submit').click();
      await page.getByTestId('submitted').waitFor();
      expect(await page.getByTestId('submitted').innerText()).toContain('等待同步');
      await screenshot(page, 'inapp-04-no-service-worker-saved');
      // Kept in IndexedDB, not in the page's memory only.
      const kept = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('jixiao');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const count = open.result.transaction('outbox').objectStore('outbox').count();
              count.onsuccess = () => resolve(count.result);
              count.onerror = () => reject(count.error);
            };
          }),
      );
      expect(kept).toBe(1);

      await server.start();
      stopped = false;
      await syncUntilOutboxEmpty(page, server.base);
      const projects = await server.gql(SEED_PROJECTS, {}, adminToken);
      const repair = projects.projects.nodes.find((p) => p.name === REPAIR_PROJECT)!;
      const inspections = await server.gql(PROJECT_INSPECTIONS, { projectId: repair.id }, adminToken);
      expect(inspections.inspections).toHaveLength(1);
      expect(inspections.inspections[0]).toMatchObject({ itemName: '城关法庭围墙修缮', photos: [{ uploaded: true }], signature: { uploaded: true } });
    } finally {
      await context.close();
      if (stopped) await server.start();
    }
  });
});
