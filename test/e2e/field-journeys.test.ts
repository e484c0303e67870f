import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_INDICATORS, PROJECT_INSPECTIONS, SURVEY_RESULTS } from '../graphql/documents.js';
import {
  ADMIN_PASSWORD,
  cameraPhoto,
  createRepairSurvey,
  INSPECTOR_PASSWORD,
  launchChromium,
  phoneContext,
  ProductServer,
  REPAIR_PROJECT,
  screenshot,
  syncUntilOutboxEmpty,
} from './support.js';

/**
 * The field journeys of issue 5 in real Chromium against the real server, phone-sized: the network
 * is cut by stopping the server (the service worker's fetches see it too) and restored by starting
 * it again on the same port.
 */
let server: ProductServer;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
let adminToken: string;
let repairProjectId: string;
let survey: { id: string; publicToken: string };

async function indicatorsOf(projectId: string) {
  const data = await server.gql(PROJECT_INDICATORS, { id: projectId }, adminToken);
  return { score: data.project.evaluation.score, byName: Object.fromEntries(data.project.indicators.map((i) => [i.name, i])) };
}

beforeAll(async () => {
  server = await ProductServer.create();
  adminToken = await server.login('admin', ADMIN_PASSWORD);
  ({ projectId: repairProjectId, survey } = await createRepairSurvey(server, adminToken));
  browser = await launchChromium();
  phone = await phoneContext(browser);
  page = await phone.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('field staff on a phone', () => {
  it('logs in, and the app installs its offline shell', async () => {
    await page.goto(`${server.base}/login`);
    await screenshot(page, '01-login');
    await page
      .getByTestId('username')
      .locator('input')
      .or(page.locator('[data-testid="username"] input, input[data-testid="username"]'))
      .first()
      .fill('inspector');
    await page.locator('[data-testid="password"] input, input[data-testid="password"]').first().fill(INSPECTOR_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('project-card').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('project-card').count()).toBe(5);
    // The service worker takes over after it installed; from then on the shell needs no network.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.getByTestId('project-card').first().waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await screenshot(page, '02-home');
  });

  it('records a repair acceptance with two photos and a signature offline, keeps it through a reload, and syncs it once', async () => {
    await page.getByTestId('project-card').filter({ hasText: REPAIR_PROJECT }).click();
    await page.getByTestId('start-repair').waitFor();
    await screenshot(page, '03-project');
    const photos = [await cameraPhoto(phone, '屋面 1', '#3366cc'), await cameraPhoto(phone, '屋面 2', '#cc6633')];
    await page.getByTestId('start-repair').click();
    await page.getByTestId('inspection-form').waitFor();

    // No signal from here on.
    await server.stop();
    await page
      .locator('[data-testid="item-name"] input, [data-testid="item-name"] textarea, input[data-testid="item-name"]')
      .first()
      .fill('大孟庄法庭屋面防水');
    await page.getByTestId('camera-input').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photos[0] });
    await page.getByTestId('photo').nth(0).waitFor();
    await page.getByTestId('camera-input').setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: photos[1] });
    await page.getByTestId('photo').nth(1).waitFor();
    await page.getByPlaceholder('检查项，如：屋面防水').first().fill('屋面无渗漏');
    // Each checklist line is answered: none starts 合格.
    await page.getByTestId('checklist-line').first().getByTestId('pass').click();
    await page.getByTestId('signature-canvas').scrollIntoViewIfNeeded();
    const pad = await page.getByTestId('signature-canvas').boundingBox();
    expect(pad).not.toBeNull();
    await page.mouse.move(pad!.x + 20, pad!.y + pad!.height / 2);
    await page.mouse.down();
    for (let x = 30; x < pad!.width - 20; x += 15) await page.mouse.move(pad!.x + x, pad!.y + pad!.height / 2 + Math.sin(x / 20) * 20);
    await page.mouse.up();
    // The overall result (the checklist lines have their own 合格 buttons).
    await page.locator('.pass-fail--large [data-testid="pass"]').click();
    await screenshot(page, '04-repair-form');
    await page.getByTestId('submit').click();
    await page.getByTestId('submitted').waitFor();
    expect(await page.getByTestId('submitted').innerText()).toContain('等待同步');
    await screenshot(page, '05-repair-saved');

    // Reload with no network: the app opens from the service worker and the record is still queued.
    await page.reload();
    await page.goto(`${server.base}/outbox`);
    await page.getByTestId('outbox-record').first().waitFor();
    expect(await page.getByTestId('outbox-record').count()).toBe(1);
    expect(await page.getByTestId('record-status').first().innerText()).toMatch(/等待中|出错/);
    await screenshot(page, '06-outbox-offline');

    // Back online: sync, and the record leaves the device only once the server has it.
    await server.start();
    await syncUntilOutboxEmpty(page, server.base);

    const inspections = await server.gql(PROJECT_INSPECTIONS, { projectId: repairProjectId }, adminToken);
    expect(inspections.inspections).toHaveLength(1);
    expect(inspections.inspections[0]).toMatchObject({
      itemName: '大孟庄法庭屋面防水',
      photos: [{ uploaded: true }, { uploaded: true }],
      signature: { uploaded: true },
    });
    const { byName } = await indicatorsOf(repairProjectId);
    // One accepted repair of ≥6: 12.5 × 1/6 = 2.08; its pass rate 100% of ≥95%: 12.5.
    expect(byName['维修法庭和办公室数量']).toMatchObject({ actual: { value: '1个' }, progress: { score: 2.08 } });
    expect(byName['维修质量达标率']).toMatchObject({ actual: { value: '100%' }, progress: { score: 12.5 } });
  });

  it('runs the survey kiosk three times offline and syncs the answers', async () => {
    await page.goto(`${server.base}/surveys/${survey.id}/kiosk`);
    await page.getByTestId('choice').first().waitFor({ timeout: 30_000 });
    await server.stop();
    for (const answer of ['非常满意', '满意', '不满意']) {
      await page
        .getByTestId('choice')
        .filter({ hasText: new RegExp(`^\\s*${answer}\\s*$`) })
        .click();
      await page.getByTestId('submit').click();
      await page.getByTestId('thanks').waitFor();
      if (answer === '非常满意') await screenshot(page, '07-kiosk-thanks');
      await page.getByTestId('next-respondent').click();
      await page.getByTestId('choice').first().waitFor();
    }
    await screenshot(page, '08-kiosk-question');
    await page.goto(`${server.base}/outbox`);
    await page.getByTestId('outbox-record').first().waitFor();
    expect(await page.getByTestId('outbox-record').count()).toBe(3);

    await server.start();
    await syncUntilOutboxEmpty(page, server.base);
    const results = await server.gql(SURVEY_RESULTS, { id: survey.id }, adminToken);
    expect(results.surveyResults).toMatchObject({ responseCount: 3, satisfactionRate: 66.67 });
  });

  it('lets a respondent answer through the public link on their own phone', async () => {
    const respondent = await phoneContext(browser);
    const own = await respondent.newPage();
    await own.goto(`${server.base}/s/${survey.publicToken}`);
    await own.getByTestId('choice').first().waitFor({ timeout: 30_000 });
    await screenshot(own, '09-public-survey');
    await own
      .getByTestId('choice')
      .filter({ hasText: /^\s*非常满意\s*$/ })
      .click();
    await own.getByTestId('submit').click();
    await own.getByTestId('public-done').waitFor();
    await screenshot(own, '10-public-done');
    // The same phone again, even with its cookies cleared: one answer per device.
    await respondent.clearCookies();
    await own.reload();
    await own.getByTestId('public-repeat').waitFor();
    expect(await own.getByTestId('public-repeat').textContent()).toContain('您已提交过本问卷');
    expect(await own.evaluate(() => document.cookie)).toMatch(/jx_device=jxdev1\./);
    await respondent.close();
    const results = await server.gql(SURVEY_RESULTS, { id: survey.id }, adminToken);
    expect(results.surveyResults.responseCount).toBe(4);
    const { byName } = await indicatorsOf(repairProjectId);
    // 3 of 4 satisfied = 75% of ≥95%: 0.789 ≥ 0.6, so 10 × 0.789 = 7.89.
    expect(byName['干警满意度']).toMatchObject({ actual: { value: '75%' }, progress: { score: 7.89 } });
  });

  it('shows the outbox, the manager view and the settings at 375 px', async () => {
    await page.goto(`${server.base}/outbox`);
    await page.getByTestId('storage').waitFor();
    await screenshot(page, '11-outbox');
    await page.goto(`${server.base}/me`);
    await page.getByTestId('logout').waitFor();
    await screenshot(page, '12-me');
    // Nothing wider than the phone, and every button, tab and choice at least 44 px tall.
    for (const path of ['/', '/outbox', '/me', `/projects/${repairProjectId}`, `/projects/${repairProjectId}/inspect/repair`, `/surveys/${survey.id}/kiosk`]) {
      await page.goto(`${server.base}${path}`);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      const small = await page.evaluate(() =>
        // A Vant field's whole cell takes the tap, not just its inner <input>.
        [
          ...document.querySelectorAll(
            '.van-button, .van-tabbar-item, [data-testid="choice"], .van-field, input:not(.van-field__control):not([type="file"]), textarea:not(.van-field__control)',
          ),
        ]
          .filter((el) => {
            const box = el.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && box.height < 44;
          })
          .map((el) => `${el.className || el.tagName} "${(el.textContent ?? '').trim().slice(0, 12)}" ${Math.round(el.getBoundingClientRect().height)}px`),
      );
      expect(small, path).toEqual([]);
    }
  });
});
