import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspViolations, INSPECTOR_PASSWORD, jixiao, launchChromium, phoneContext, ProductServer, screenshot, trustingHome } from './support.js';

/**
 * A phone in the office over https, as docs/https.md sets it up: `jixiao tls init --host
 * jixiao.office.test`, `jixiao serve --tls-cert … --tls-key …`, the CA installed on the phone (here:
 * trusted in Chromium's NSS database, not --ignore-certificate-errors, which a service worker does
 * not accept), the made-up office name resolved to this machine. The app is a secure context: the
 * service worker installs, and the app opens with the server stopped.
 */
const HOST = 'jixiao.office.test';

let server: ProductServer;
let home: string;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
let violations: string[];
const responses: Response[] = [];

beforeAll(async () => {
  server = await ProductServer.create({
    scheme: 'https',
    hostname: HOST,
    serveArgs: (dir) => {
      jixiao('tls', 'init', '--host', HOST, '--data-dir', dir);
      return ['--tls-cert', join(dir, 'tls', 'server.crt'), '--tls-key', join(dir, 'tls', 'server.key')];
    },
  });
  home = trustingHome(join(server.dir, 'tls', 'ca.crt'));
  browser = await launchChromium({ mapToLocalhost: [HOST], home });
  phone = await phoneContext(browser);
  page = await phone.newPage();
  violations = cspViolations(page);
  page.on('response', (response) => responses.push(response));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('the app over https at an office address', () => {
  it('opens as a secure context over HTTP/2, with the app shell compressed and cached as immutable', async () => {
    await page.goto(`${server.base}/`);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-submit').waitFor();
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol)).toBe('h2');
    const main = responses.find((response) => /\/assets\/index-[\w-]+\.js$/.test(response.url()));
    expect(main, 'the main script').toBeDefined();
    const headers = await main!.allHeaders();
    expect(headers['content-encoding']).toBe('br');
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const document = await responses.find((response) => response.url() === `${server.base}/`)!.allHeaders();
    expect(document['cache-control']).toBe('no-cache');
    expect(document['strict-transport-security']).toBe('max-age=15552000');
    await screenshot(page, 'https-01-login');

    // Where a phone learns to trust the CA: a page of its own, not the app.
    const setup = await phone.newPage();
    const setupViolations = cspViolations(setup);
    await setup.goto(`${server.base}/setup`);
    expect(await setup.locator('h1').textContent()).toBe('在手机上安装证书');
    expect(await setup.locator('a[href="/ca.crt"]').textContent()).toBe('下载 CA 证书（ca.crt）');
    expect(await setup.locator(`a[href="${server.base}/"]`).count()).toBe(1);
    await screenshot(setup, 'https-setup');
    await setup.close();
    expect(setupViolations).toEqual([]);
  });

  it('logs the inspector in, and the service worker installs and controls the page', async () => {
    await page.locator('[data-testid="username"] input, input[data-testid="username"]').first().fill('inspector');
    await page.locator('[data-testid="password"] input, input[data-testid="password"]').first().fill(INSPECTOR_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('project-card').first().waitFor({ timeout: 30_000 });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.getByTestId('project-card').first().waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server.base}/sw.js`);
    await screenshot(page, 'https-02-home');
  });

  it('opens from the service worker with the server stopped', async () => {
    await server.stop();
    await page.reload();
    await page.getByTestId('project-card').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('project-card').count()).toBe(5);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    await screenshot(page, 'https-03-offline');
    // Neither the login page nor the home page broke a rule of the server's Content-Security-Policy.
    expect(violations).toEqual([]);
  });
});
