import { createHash, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINTABLE_REPORT, RECORD_ACTUAL, RECORD_SPENDING, SEED_PROJECTS, SUBMIT_INSPECTION } from '../graphql/documents.js';
import { graphql } from '../graphql/generated/index.js';
import type { RecordActualInput } from '../graphql/generated/graphql.js';
import { ADMIN_PASSWORD, launchChromium, ProductServer, screenshot } from './support.js';

/*
 * A manager prints the 自评报告: the real product, a few actuals and a repair acceptance with a
 * photo, the printableReport link opened in Chromium, printed to PDF as "save as PDF" does.
 */

const REPAIR = '派出法庭安全隐患维修项目';
/** A4 landscape minus the page's 12 mm side margins, in CSS pixels (96 dpi). */
const PRINTABLE_WIDTH_PX = ((297 - 2 * 12) / 25.4) * 96;
/** A4 landscape minus the 14 mm + 13 mm top and bottom margins. */
const PRINTABLE_HEIGHT_PX = ((210 - 14 - 13) / 25.4) * 96;

let server: ProductServer;
let browser: Browser;
let token: string;
let projectId: string;

/** Pages of a PDF: its page objects, not the /Pages tree nodes. */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

/** A photo as a phone takes it: a JPEG, drawn by the browser's canvas. */
async function photoJpeg(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 800;
    canvas.height = 600;
    const context = canvas.getContext('2d')!;
    const gradient = context.createLinearGradient(0, 0, 800, 600);
    gradient.addColorStop(0, '#8fb3d9');
    gradient.addColorStop(1, '#3b5b7a');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 800, 600);
    context.fillStyle = '#c0504d';
    context.fillRect(200, 250, 400, 200);
    context.fillStyle = '#ffffff';
    context.font = 'bold 48px sans-serif';
    context.fillText('屋面防水 验收', 230, 200);
    return canvas.toDataURL('image/jpeg', 0.9);
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

async function link(of: { projectId: string } | { orgCode: string; year: number }): Promise<{ url: string; filename: string }> {
  return (await server.gql(PRINTABLE_REPORT, of, token)).printableReport;
}

/** Opens a report link as the manager's browser does, failing on any console error (a CSP violation, say). */
async function openReport(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const response = await page.goto(`${server.base}${url}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
  return { page, errors };
}

/** In print layout at the printable width of A4 landscape: the widest table, and the page's own width. */
async function printLayout(page: Page): Promise<{ tables: number[]; overflowing: string[]; scrollWidth: number }> {
  await page.setViewportSize({ width: Math.floor(PRINTABLE_WIDTH_PX), height: Math.floor(PRINTABLE_HEIGHT_PX) });
  await page.emulateMedia({ media: 'print' });
  return page.evaluate(() => {
    const tables = [...document.querySelectorAll('table')];
    return {
      tables: tables.map((table) => table.getBoundingClientRect().width),
      // A cell whose content is wider than the cell (a long number, an unbreakable word).
      overflowing: [...document.querySelectorAll('td, th, figure, .inspection')]
        .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
        .map((cell) => cell.textContent ?? ''),
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
}

describe('printing the self-evaluation report (打印版自评报告)', () => {
  beforeAll(async () => {
    server = await ProductServer.create();
    browser = await launchChromium();
    token = await server.login('admin', ADMIN_PASSWORD);
    const projects = await server.gql(SEED_PROJECTS, {}, token);
    const repair = projects.projects.nodes.find((project) => project.name === REPAIR)!;
    projectId = repair.id;
    const indicator = (name: string) => repair.indicators.find((i) => i.name === name)!.id;

    // A few actuals by hand, spending, and a deviation note.
    const actuals: RecordActualInput[] = [
      { indicatorId: indicator('维修质量达标率'), value: '90%' },
      { indicatorId: indicator('保证办公用房质量'), tier: 'ACHIEVED', ratio: 0.9 },
      { indicatorId: indicator('保障法院办案和业务装备经费保障'), tier: 'PARTIAL' },
      { indicatorId: indicator('干警满意度'), value: '92%' },
    ];
    for (const input of actuals) await server.gql(RECORD_ACTUAL, { input }, token);
    await server.gql(RECORD_SPENDING, { input: { projectId, amount: 28.5, date: '2023-09-30', note: '工程款' } }, token);
    await server.gql(
      graphql(`
        mutation TestSetDeviationNote($id: ID!, $note: String) {
          setDeviationNote(indicatorId: $id, note: $note) {
            id
          }
        }
      `),
      { id: indicator('维修质量达标率'), note: '一处屋面返工，已于10月复验合格' },
      token,
    );

    // A repair acceptance with a photo: 维修法庭和办公室数量 and 工程完工时间节点 derive from it.
    const drawing = await browser.newPage();
    const photo = await photoJpeg(drawing);
    await drawing.close();
    const sha256 = createHash('sha256').update(photo).digest('hex');
    const upload = await fetch(`${server.base}/uploads/${sha256}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(photo),
    });
    expect([200, 201]).toContain(upload.status);
    await server.gql(
      SUBMIT_INSPECTION,
      {
        input: {
          clientId: randomUUID(),
          projectId,
          kind: 'REPAIR',
          itemName: '大孟庄法庭屋面防水',
          checklist: [
            { label: '屋面无渗漏', passed: true },
            { label: '排水通畅', passed: true },
          ],
          passed: true,
          photos: [sha256],
          signature: await server.uploadSignature(token),
          location: { lat: 39.38, lng: 117.04, accuracy: 12 },
          capturedAt: '2023-09-20T10:00:00+08:00',
        },
      },
      token,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it("opens one project's report in the browser, prints it on A4 landscape and keeps every table inside the page", async () => {
    const report = await link({ projectId });
    expect(report.filename).toBe(`2023年度项目支出绩效自评报告-${REPAIR}.html`);
    const { page, errors } = await openReport(report.url);

    // On screen: the table, the appendix with the photo, and a 打印 button.
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe(report.filename.replace(/\.html$/, ''));
    expect(await page.locator('h1').first().textContent()).toBe('项目支出绩效自评表');
    const rows = page.locator('tr.indicator');
    expect(await rows.count()).toBe(7);
    // 维修法庭和办公室数量: one accepted repair, derived from the acceptance.
    expect((await rows.nth(0).locator('td').allTextContents()).at(-4)).toBe('1个');
    expect(await page.locator('tr.score-total td').nth(1).textContent()).toMatch(/^\d+\.\d\d$/);
    const thumbnail = page.locator('.inspection img').first();
    expect(await thumbnail.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    expect(await thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.locator('.inspection').first().textContent()).toContain('大孟庄法庭屋面防水');
    const printButton = page.getByRole('button', { name: '打印' });
    expect(await printButton.isVisible()).toBe(true);
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await printButton.click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await screenshot(page, 'report');

    // In print: no button, every table and photo within the printable width, nothing overflowing.
    const layout = await printLayout(page);
    expect(await printButton.isVisible()).toBe(false);
    expect(layout.tables.length).toBeGreaterThanOrEqual(4);
    for (const width of layout.tables) expect(width).toBeLessThanOrEqual(PRINTABLE_WIDTH_PX);
    expect(layout.scrollWidth).toBeLessThanOrEqual(Math.floor(PRINTABLE_WIDTH_PX));
    expect(layout.overflowing).toEqual([]);

    // Save as PDF: the page's own A4 landscape size; the table on one page, the appendix after it.
    const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'))!;
    expect(Math.round(Number(box[1]))).toBe(842);
    expect(Math.round(Number(box[2]))).toBe(595);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("prints an organization's report: a summary page, then every project from a new page", async () => {
    const report = await link({ orgCode: '218101', year: 2023 });
    const { page, errors } = await openReport(report.url);
    expect(await page.locator('section.project').count()).toBe(5);
    expect(await page.locator('tr.summary-row').count()).toBe(5);
    await screenshot(page, 'report-organization');

    const layout = await printLayout(page);
    for (const width of layout.tables) expect(width).toBeLessThanOrEqual(PRINTABLE_WIDTH_PX);
    expect(layout.overflowing).toEqual([]);
    // Every project starts a page: in print, each section breaks before itself.
    const breaks = await page.locator('section.project').evaluateAll((sections) => sections.map((section) => getComputedStyle(section).breakBefore));
    expect(breaks).toEqual(Array(5).fill('page'));

    // The summary, then each project's table and its appendix: at least 1 + 5 pages, and not a sprawl.
    const pages = pdfPages(await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true }));
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(pages).toBeLessThanOrEqual(16);
    expect(errors).toEqual([]);
    await page.close();
  });
});
