import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_INDICATORS, PROJECT_INSPECTIONS, SEED_PROJECTS } from '../graphql/documents.js';
import { ADMIN_PASSWORD, cameraPhoto, INSPECTOR_PASSWORD, launchChromium, phoneContext, ProductServer, screenshot, syncUntilOutboxEmpty } from './support.js';

/**
 * The app as the README's phone section first reaches it: plain http at an office address. The
 * browser treats http://127.0.0.1 as secure, so the other journeys cannot see this; here a made-up
 * office host name resolves to 127.0.0.1 and the page is not a secure context: no service worker,
 * no crypto.subtle, no crypto.randomUUID. The app must still record and sync, and say why it
 * cannot work offline.
 */
const OFFICE_HOST = 'jixiao-office.test';
const REPAIR_PROJECT = '派出法庭安全隐患维修项目';

let server: ProductServer;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
let adminToken: string;
let repairProjectId: string;
let office: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await ProductServer.create();
  office = server.baseAt(OFFICE_HOST);
  adminToken = await server.login('admin', ADMIN_PASSWORD);
  const projects = await server.gql(SEED_PROJECTS, {}, adminToken);
  repairProjectId = projects.projects.nodes.find((p) => p.name === REPAIR_PROJECT)!.id;
  // This journey is about the insecure origin, not the signature pad (field-journeys signs).
  await server.requireSignature(repairProjectId, false, adminToken);
  browser = await launchChromium({ mapToLocalhost: [OFFICE_HOST] });
  phone = await phoneContext(browser);
  page = await phone.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('the app at a plain-http office address', () => {
  it('is not a secure context there, and says so on the login screen with a link to /setup', async () => {
    await page.goto(`${office}/login`);
    expect(
      await page.evaluate(() => ({
        secure: window.isSecureContext,
        subtle: 'subtle' in crypto,
        randomUUID: 'randomUUID' in crypto,
        serviceWorker: 'serviceWorker' in navigator,
      })),
    ).toEqual({
      secure: false,
      subtle: false,
      randomUUID: false,
      serviceWorker: false,
    });
    const banner = page.getByTestId('insecure-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('当前为不安全连接（http），无法离线使用和安装；请改用 https 地址');
    expect(await page.getByTestId('insecure-setup-link').getAttribute('href')).toBe('/setup');
    await screenshot(page, 'insecure-01-login');

    await page.locator('[data-testid="username"] input, input[data-testid="username"]').first().fill('inspector');
    await page.locator('[data-testid="password"] input, input[data-testid="password"]').first().fill(INSPECTOR_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('project-card').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('insecure-banner').waitFor();
  });

  it('records a repair acceptance with a photo and syncs it once', async () => {
    await page.getByTestId('project-card').filter({ hasText: REPAIR_PROJECT }).click();
    await page.getByTestId('start-repair').click();
    await page.getByTestId('inspection-form').waitFor();
    await page.getByTestId('insecure-banner').waitFor();

    await page.locator('[data-testid="item-name"] input, [data-testid="item-name"] textarea, input[data-testid="item-name"]').first().fill('城关法庭门窗更换');
    const photo = await cameraPhoto(phone, '门窗 1', '#2f8f5b');
    await page.getByTestId('camera-input').setInputFiles({ name: 'IMG_0101.jpg', mimeType: 'image/jpeg', buffer: photo });
    // The photo was shrunk and named by SHA-256 without crypto.subtle (the pure-JS fallback).
    await page.getByTestId('photo').first().waitFor();
    await page.getByPlaceholder('检查项，如：屋面防水').first().fill('门窗开关顺畅');
    // Each checklist line is answered (none starts 合格), then the overall result.
    await page.getByTestId('checklist-line').first().getByTestId('pass').click();
    await page.getByTestId('pass').last().click();

    // The banner takes its room at the top and covers none of the form's buttons, at 375 px.
    const covered = await page.evaluate(() => {
      const banner = document.querySelector('[data-testid="insecure-banner"]')!.getBoundingClientRect();
      return [...document.querySelectorAll('[data-testid="inspection-form"] .van-button, [data-testid="submit"]')]
        .map((el) => el.getBoundingClientRect())
        .filter((box) => box.width > 0 && box.top < banner.bottom && box.bottom > banner.top).length;
    });
    expect(covered).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'insecure-02-repair-form');

    await page.getByTestId('submit').click();
    await page.getByTestId('submitted').waitFor();
    await syncUntilOutboxEmpty(page, office);
    await screenshot(page, 'insecure-03-outbox-synced');

    const inspections = await server.gql(PROJECT_INSPECTIONS, { projectId: repairProjectId }, adminToken);
    expect(inspections.inspections).toHaveLength(1);
    const [inspection] = inspections.inspections;
    expect(inspection).toMatchObject({ itemName: '城关法庭门窗更换', photos: [{ uploaded: true }] });
    // A v4 UUID made from crypto.getRandomValues, and the photo's true SHA-256 as its name.
    expect(inspection.clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(inspection.photos[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const indicators = await server.gql(PROJECT_INDICATORS, { id: repairProjectId }, adminToken);
    expect(indicators.project.indicators.find((i) => i.name === '维修法庭和办公室数量')?.actual).toEqual({ value: '1个' });
    expect(pageErrors).toEqual([]);
  });
});
