import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exifJpeg } from '../../packages/pwa/src/testing/exif-jpeg.js';
import { gql } from '../graphql/client.js';
import { blockingViolations } from './axe.js';
import { SEED_PROJECTS, SUBMIT_INSPECTION } from '../graphql/documents.js';
import { graphql } from '../graphql/generated/index.js';
import {
  ADMIN_PASSWORD,
  cameraPhoto,
  INSPECTOR_PASSWORD,
  launchChromium,
  logInAs,
  phoneContext,
  ProductServer,
  REPAIR_PROJECT,
  SCREENSHOTS,
  syncUntilOutboxEmpty,
} from './support.js';

/**
 * The acceptance form of issue 13 as a field worker meets it on a 375 × 812 phone, against the
 * real product: 提交 goes to the first problem and says it; a record that contradicts itself is
 * refused on the phone and by the API; a site is added with no network, the acceptance recorded
 * at it, and both arrive; 清空重填 asks first.
 */
const SITES_AND_INSPECTIONS = graphql(`
  query AcceptanceSitesAndInspections($projectId: ID!) {
    sites {
      id
      name
      kind
      address
    }
    inspections(projectId: $projectId) {
      itemName
      passed
      site {
        id
        name
      }
      checklist {
        label
        passed
      }
      photos {
        uploaded
        capturedAt
        latitude
        longitude
      }
      signature {
        uploaded
      }
    }
  }
`);

const CREATE_SITE_AS_MANAGER = graphql(`
  mutation AcceptanceCreateSite($input: CreateSiteInput!) {
    createSite(input: $input) {
      id
    }
  }
`);

let server: ProductServer;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
let adminToken: string;
let projectId: string;

const field = (testId: string) => page.locator(`[data-testid="${testId}"] input, [data-testid="${testId}"] textarea`).first();

/** What the phone's screen shows now (not the whole page): where the form scrolled to matters here. */
async function shot(name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A dialog or sheet still sliding in is not what the person sees a moment later.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))));
  await page.screenshot({ path: join(SCREENSHOTS, `acceptance-${name}.png`), fullPage });
  // Like every journey's screenshot(): no serious or critical axe-core violation on what the person sees.
  expect(await blockingViolations(page), `axe-core on acceptance-${name}`).toBe('');
}

/** Whether the element is wholly inside the phone's screen. */
function inViewport(selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    const box = document.querySelector(s)!.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  }, selector);
}

async function sign(): Promise<void> {
  await page.getByTestId('signature-canvas').scrollIntoViewIfNeeded();
  const pad = (await page.getByTestId('signature-canvas').boundingBox())!;
  await page.mouse.move(pad.x + 20, pad.y + pad.height / 2);
  await page.mouse.down();
  for (let x = 30; x < pad.width - 20; x += 15) await page.mouse.move(pad.x + x, pad.y + pad.height / 2 + Math.sin(x / 20) * 20);
  await page.mouse.up();
}

/** A camera photo with the EXIF block a phone writes (capture time, GPS) spliced in after SOI. */
function withExif(jpeg: Buffer): Buffer {
  const exif = exifJpeg({ dateTimeOriginal: '2024:05:20 09:15:00', latitude: [39, 22, 30], longitude: [117, 2, 15] });
  const app1 = exif.subarray(2, 4 + ((exif[4] << 8) | exif[5]));
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

async function openRepairForm(): Promise<void> {
  await page.goto(`${server.base}/projects/${projectId}/inspect/repair`);
  await page.getByTestId('inspection-form').waitFor();
}

beforeAll(async () => {
  server = await ProductServer.create();
  adminToken = await server.login('admin', ADMIN_PASSWORD);
  const projects = await server.gql(SEED_PROJECTS, {}, adminToken);
  projectId = projects.projects.nodes.find((p) => p.name === REPAIR_PROJECT)!.id;
  browser = await launchChromium();
  phone = await phoneContext(browser);
  page = await phone.newPage();
  await logInAs(page, server.base, 'inspector', INSPECTOR_PASSWORD);
  // From here the service worker serves the app with no network.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.getByTestId('project-card').first().waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('the acceptance form on a phone', () => {
  it('goes to 验收对象 when it is missing on 提交, and says so in a toast', async () => {
    await openRepairForm();
    // 提交 is at the bottom: the item's field is far above the screen when it is tapped.
    await page.getByTestId('submit').scrollIntoViewIfNeeded();
    expect(await inViewport('[data-field="itemName"]')).toBe(false);
    await page.getByTestId('submit').click();

    await page.locator('.van-toast').filter({ hasText: '请填写验收对象' }).waitFor();
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-field="itemName"]')!.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(await page.evaluate(() => document.activeElement?.closest('[data-field]')?.getAttribute('data-field'))).toBe('itemName');
    expect(await page.locator('[data-field="itemName"]').innerText()).toContain('请填写验收对象');
    await shot('01-first-error');
  });

  it('refuses 合格 with a failed checklist line on the phone', async () => {
    await openRepairForm();
    await field('item-name').fill('大孟庄法庭院墙');
    expect(await page.getByTestId('checklist-line').first().getByTestId('unanswered').innerText()).toBe('未选择');
    await page.getByPlaceholder('检查项，如：屋面防水').first().fill('排水');
    await page.getByTestId('checklist-line').first().getByTestId('fail').click();
    await page.getByTestId('camera-input').setInputFiles({ name: 'IMG_0100.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(phone, '院墙', '#557799') });
    await page.getByTestId('photo').first().waitFor();
    await sign();
    await page.locator('.pass-fail--large [data-testid="pass"]').click();
    await page.getByTestId('submit').click();

    await page.locator('.van-toast').filter({ hasText: '「排水」不合格，总体结论不能为合格' }).waitFor();
    expect(await page.getByTestId('error-passed').innerText()).toBe('「排水」不合格，总体结论不能为合格');
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-field="passed"]')!.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    await shot('02-contradiction');
    // Nothing was queued: the form is still open.
    expect(await page.getByTestId('submitted').count()).toBe(0);
  });

  it('refuses the same contradiction through GraphQL', async () => {
    const token = await server.login('inspector', INSPECTOR_PASSWORD);
    const photo = await cameraPhoto(phone, '院墙', '#775599');
    const sha256 = createHash('sha256').update(photo).digest('hex');
    const upload = await fetch(`${server.base}/uploads/${sha256}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(photo),
    });
    expect([200, 201]).toContain(upload.status);
    const answer = await gql(
      server.base,
      SUBMIT_INSPECTION,
      {
        input: {
          clientId: crypto.randomUUID(),
          projectId,
          kind: 'REPAIR',
          itemName: '大孟庄法庭院墙',
          checklist: [{ label: '排水', passed: false }],
          passed: true,
          photos: [sha256],
          signature: await server.uploadSignature(token),
          capturedAt: new Date().toISOString(),
        },
      },
      token,
    );
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0]).toMatchObject({
      message: expect.stringContaining('不合格，总体结论不能为合格'),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.passed' },
    });
    const stored = await server.gql(SITES_AND_INSPECTIONS, { projectId }, adminToken);
    expect(stored.inspections).toEqual([]);
  });

  it('asks before 清空重填 wipes the form', async () => {
    // The form of the contradiction is still in the draft.
    await openRepairForm();
    expect(await field('item-name').inputValue()).toBe('大孟庄法庭院墙');
    await page.getByTestId('discard').click();
    const dialog = page.locator('.van-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('清空重填？');
    expect(await dialog.innerText()).toContain('验收对象、验收清单和 1 张照片');
    await shot('03-clear-confirm');
    await dialog.locator('.van-dialog__cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await field('item-name').inputValue()).toBe('大孟庄法庭院墙');
    expect(await page.getByTestId('photo').count()).toBe(1);

    await page.getByTestId('discard').click();
    await dialog.locator('.van-dialog__confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await field('item-name').inputValue()).toBe('');
    expect(await page.getByTestId('photo').count()).toBe(0);
  });

  it('adds a site offline, records a signed repair at it, and both reach the server in order', async () => {
    await openRepairForm();
    const photo = withExif(await cameraPhoto(phone, '屋面', '#336699'));
    // No signal from here on: the page and the server both see it.
    await phone.setOffline(true);
    await server.stop();

    await page.getByTestId('site').click();
    await page.getByTestId('no-sites').waitFor();
    expect(await page.getByTestId('no-sites').innerText()).toContain('点「新增地点」添加本次验收的法庭或办公室');
    await shot('04-no-sites');
    await page.getByTestId('add-site').click();
    const form = page.getByTestId('site-form');
    await form.getByTestId('site-name').locator('input').fill('大孟庄法庭');
    await form.getByRole('radio', { name: '派出法庭' }).click();
    await form.getByTestId('site-address').locator('input').fill('武清区大孟庄镇');
    await shot('05-add-site');
    await form.getByTestId('save-site').click();
    await form.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('site').innerText()).toContain('大孟庄法庭');

    await field('item-name').fill('大孟庄法庭屋面防水');
    await page.getByPlaceholder('检查项，如：屋面防水').first().fill('屋面无渗漏');
    await page.getByTestId('checklist-line').first().getByTestId('pass').click();
    await page.getByTestId('camera-input').setInputFiles({ name: 'IMG_0101.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('photo').first().waitFor();
    await sign();
    await page.locator('.pass-fail--large [data-testid="pass"]').click();
    await shot('06-filled', true);
    await page.getByTestId('submit').click();
    await page.getByTestId('submitted').waitFor();

    await page.goto(`${server.base}/outbox`);
    await page.getByTestId('outbox-record').nth(1).waitFor();
    const titles = await page.getByTestId('outbox-record').allInnerTexts();
    expect(titles[0]).toContain('新增地点 · 大孟庄法庭');
    expect(titles[1]).toContain('维修验收 · 大孟庄法庭 · 大孟庄法庭屋面防水');
    await shot('07-outbox-offline');

    await server.start();
    await phone.setOffline(false);
    await syncUntilOutboxEmpty(page, server.base);

    const stored = await server.gql(SITES_AND_INSPECTIONS, { projectId }, adminToken);
    expect(stored.sites).toEqual([{ id: expect.any(String), name: '大孟庄法庭', kind: 'DISPATCHED_TRIBUNAL', address: '武清区大孟庄镇' }]);
    expect(stored.inspections).toHaveLength(1);
    expect(stored.inspections[0]).toMatchObject({
      itemName: '大孟庄法庭屋面防水',
      passed: true,
      site: { id: stored.sites[0].id, name: '大孟庄法庭' },
      checklist: [{ label: '屋面无渗漏', passed: true }],
      signature: { uploaded: true },
      // From the original's EXIF, read on the phone before it was compressed.
      photos: [{ uploaded: true, capturedAt: '2024-05-20T01:15:00.000Z', latitude: 39.375, longitude: 117.0375 }],
    });
  });

  it('counts places, not records: 20 acceptances at one site and 3 at three others show 维修法庭和办公室数量 4个', async () => {
    const token = await server.login('inspector', INSPECTOR_PASSWORD);
    const { sites } = await server.gql(SITES_AND_INSPECTIONS, { projectId }, adminToken);
    const others: string[] = [];
    for (const name of ['城关法庭', '黄庄法庭', '机关办公楼']) {
      const created = await server.gql(
        CREATE_SITE_AS_MANAGER,
        { input: { orgCode: '218101', name, kind: name.endsWith('法庭') ? 'DISPATCHED_TRIBUNAL' : 'OFFICE' } },
        adminToken,
      );
      others.push(created.createSite.id);
    }
    const photo = await cameraPhoto(phone, '返工', '#557799');
    const sha256 = createHash('sha256').update(photo).digest('hex');
    await fetch(`${server.base}/uploads/${sha256}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(photo),
    });
    const signature = await server.uploadSignature(token);
    const submit = (siteId: string, itemName: string) =>
      server.gql(
        SUBMIT_INSPECTION,
        {
          input: {
            clientId: crypto.randomUUID(),
            projectId,
            kind: 'REPAIR',
            siteId,
            itemName,
            passed: true,
            photos: [sha256],
            signature,
            capturedAt: new Date().toISOString(),
          },
        },
        token,
      );
    // 19 more at 大孟庄法庭 (20 with the one recorded offline above), items varied: still one place.
    for (let i = 0; i < 19; i++) await submit(sites[0].id, i % 2 === 0 ? '大孟庄法庭屋面防水' : `大孟庄法庭门窗 ${i}`);
    for (const siteId of others) await submit(siteId, '屋面防水');

    await page.goto(`${server.base}/projects/${projectId}`);
    const row = page.getByTestId('indicator').filter({ hasText: '维修法庭和办公室数量' });
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('4个');
    await shot('08-four-places');
  });
});
