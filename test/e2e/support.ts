import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { gqlData } from '../graphql/client.js';
import { blockingViolations, settle } from './axe.js';
import { CREATE_SURVEY, LOGIN, SEED_PROJECTS, UPDATE_PROJECT_SETTINGS } from '../graphql/documents.js';
import type { TypedDocumentString } from '../graphql/generated/graphql.js';
import { rgbPng } from '../../packages/server/src/test/png.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'test', 'e2e', 'screenshots');
export const ADMIN_PASSWORD = 'e2e-admin-password';
export const INSPECTOR_PASSWORD = 'e2e-inspector-password';

/**
 * A free TCP port on 127.0.0.1, so the server can be stopped and started again on the same one.
 * Taken below Linux's ephemeral range (32768–60999): while the server is stopped, no outgoing
 * connection of another process can be given its port, so the restart cannot find it taken.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface ProductServerOptions {
  /** How the browser reaches the server (default http://127.0.0.1); a made-up name needs --host-resolver-rules. */
  scheme?: 'http' | 'https';
  hostname?: string;
  /** More `jixiao serve` options, made from the server's temporary directory (e.g. certificates from `jixiao tls init` there). */
  serveArgs?: (dir: string) => string[];
  /** Another database than the data folder's SQLite file, e.g. a fresh PostgreSQL database's URL. */
  database?: string;
}

/** Runs the jixiao CLI from the repository root; throws with its stderr when it fails. */
export function jixiao(...args: string[]): string {
  const result = spawnSync(process.execPath, ['scripts/jixiao.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`jixiao ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/**
 * The real product (`jixiao serve --demo`) on a temporary database: the seed's projects, an `admin`
 * and an `inspector`. stop() and start() cut and restore the network as a phone in a basement sees it.
 */
export class ProductServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'jixiao-e2e-'));
  private child: ChildProcess | null = null;
  private serveArgs: string[] = [];

  private constructor(
    readonly port: number,
    private readonly options: ProductServerOptions,
  ) {}

  static async create(options: ProductServerOptions = {}): Promise<ProductServer> {
    const server = new ProductServer(await freePort(), options);
    server.serveArgs = options.serveArgs?.(server.dir) ?? [];
    await server.start();
    const user = spawnSync(
      process.execPath,
      [
        'scripts/jixiao.mjs',
        'user',
        'add',
        'inspector',
        '--role',
        'INSPECTOR',
        '--org',
        '218101',
        '--password',
        INSPECTOR_PASSWORD,
        '--db',
        server.db,
        '--data-dir',
        server.dir,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (user.status !== 0) throw new Error(`user add failed: ${user.stderr}`);
    return server;
  }

  /** The database: the data folder's SQLite file unless another was given; photos stay in `dir`. */
  get db(): string {
    return this.options.database ?? join(this.dir, 'jixiao.sqlite');
  }

  /** The server's process id (it runs in the child itself), e.g. to read its memory from /proc. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The app's origin as the browser sees it. gql() and login() from Node work on http only. */
  get base(): string {
    return `${this.options.scheme ?? 'http'}://${this.options.hostname ?? '127.0.0.1'}:${this.port}`;
  }

  /** The same server under another host name (one the browser maps to 127.0.0.1, see launchChromium). */
  baseAt(host: string): string {
    return `http://${host}:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [
        // For profiling a benchmark's server, e.g. JIXIAO_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
        ...(process.env.JIXIAO_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        'scripts/jixiao.mjs',
        'serve',
        '--demo',
        '--port',
        String(this.port),
        '--data-dir',
        this.dir,
        '--db',
        this.db,
        ...this.serveArgs,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, JIXIAO_ADMIN_PASSWORD: ADMIN_PASSWORD, JIXIAO_SECRET: 'e2e-secret', NODE_ENV: 'production' },
      },
    );
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Jixiao 已启动')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  /** Kills the server outright (SIGKILL: no shutdown, requests in flight cut) and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * A GraphQL call as a manager would make it, for checking what the server holds: a typed
   * document (`graphql(…)` from test/graphql/generated), its variables and the answer's data.
   */
  gql<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, token?: string): Promise<TResult> {
    return gqlData(this.base, document, variables, token);
  }

  async login(username: string, password: string): Promise<string> {
    const data = await this.gql(LOGIN, { username, password });
    return data.login.token;
  }

  /**
   * Uploads the accepting person's signature — a PNG of pen strokes on white, as the phone's
   * signature pad makes — through PUT /uploads as `token`'s user, and returns its SHA-256 for an
   * acceptance's `signature` (projects require one unless a manager turns it off).
   */
  async uploadSignature(token: string): Promise<string> {
    const signature = rgbPng(300, 100, (x) => (x % 40 < 3 ? [20, 20, 20] : [255, 255, 255]));
    const sha256 = createHash('sha256').update(signature).digest('hex');
    const response = await fetch(`${this.base}/uploads/${sha256}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: new Uint8Array(signature),
    });
    if (response.status !== 200 && response.status !== 201) throw new Error(`signature upload ${response.status}: ${await response.text()}`);
    return sha256;
  }

  /** Sets whether a project's acceptances need a signature, as a manager does (updateProjectSettings). */
  async requireSignature(projectId: string, required: boolean, token: string): Promise<void> {
    await this.gql(UPDATE_PROJECT_SETTINGS, { input: { projectId, requireSignature: required } }, token);
  }
}

export interface ChromiumOptions {
  /**
   * Host names the browser resolves to 127.0.0.1, as an office's DNS would: a page at
   * http://<name>:port is then not a secure context, unlike http://127.0.0.1.
   */
  mapToLocalhost?: string[];
  /** More switches. */
  args?: string[];
  /** The HOME it runs with, where it reads the certificates the user trusts (see trustingHome). */
  home?: string;
}

/** The seed's repair project, whose 干警满意度 the survey journeys fill. */
export const REPAIR_PROJECT = '派出法庭安全隐患维修项目';

/**
 * As a manager would set it up: a survey of court officers on the repair project's 干警满意度,
 * open from yesterday for 30 days. Returns the project's id and the survey.
 */
export async function createRepairSurvey(
  server: ProductServer,
  adminToken: string,
): Promise<{ projectId: string; survey: { id: string; publicToken: string } }> {
  const projects = await server.gql(SEED_PROJECTS, {}, adminToken);
  const repair = projects.projects.nodes.find((p) => p.name === REPAIR_PROJECT)!;
  const created = await server.gql(
    CREATE_SURVEY,
    {
      input: {
        indicatorId: repair.indicators.find((i) => i.name === '干警满意度')!.id,
        title: '派出法庭维修满意度调查',
        audience: 'OFFICERS',
        questions: [{ kind: 'SATISFACTION', text: '您对派出法庭维修工作的总体评价' }],
        opensAt: new Date(Date.now() - 86_400_000).toISOString(),
        closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    },
    adminToken,
  );
  return { projectId: repair.id, survey: created.createSurvey };
}

/** Debian's Chromium, headless, as this machine allows it (no sandbox as root, no background traffic). */
export function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  const hosts = options.mapToLocalhost ?? [];
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(hosts.length > 0 ? [`--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`] : []),
      ...(options.args ?? []),
    ],
    ...(options.home ? { env: { ...process.env, HOME: options.home } } : {}),
  });
}

/**
 * A HOME whose NSS database ($HOME/.pki/nssdb, where Chromium on Linux keeps the certificates a
 * user installed) trusts `caFile` to identify websites, as a phone does once the CA is installed.
 * Needs certutil (Debian's libnss3-tools).
 */
export function trustingHome(caFile: string): string {
  const home = mkdtempSync(join(tmpdir(), 'jixiao-home-'));
  const nssdb = join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  for (const args of [
    ['-N', '-d', `sql:${nssdb}`, '--empty-password'],
    ['-A', '-d', `sql:${nssdb}`, '-t', 'C,,', '-n', 'jixiao-ca', '-i', caFile],
  ]) {
    const result = spawnSync('certutil', args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`certutil ${args.join(' ')} failed: ${result.error?.message ?? result.stderr} (install libnss3-tools)`);
  }
  return home;
}

/** Content-Security-Policy violations the page reports in its console, collected from now on. */
export function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** A phone: 375 × 812, touch, Chinese. */
export function phoneContext(browser: Browser, options: { serviceWorkers?: 'allow' | 'block'; userAgent?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: options.serviceWorkers ?? 'allow',
    permissions: ['geolocation'],
    geolocation: { latitude: 39.38, longitude: 117.04, accuracy: 15 },
  });
}

/** A JPEG made by the browser itself (a coloured card with a label), as a phone camera would give. */
export async function cameraPhoto(context: BrowserContext, label: string, colour: string): Promise<Buffer> {
  const scratch = await context.newPage();
  await scratch.goto('about:blank');
  const dataUrl = await scratch.evaluate(
    ([text, fill]) => {
      const canvas = document.createElement('canvas');
      canvas.width = 2400;
      canvas.height = 1800;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = fill;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = '#fff';
      ctx.font = '160px sans-serif';
      ctx.fillText(text, 120, 900);
      return canvas.toDataURL('image/jpeg', 0.9);
    },
    [label, colour],
  );
  await scratch.close();
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/**
 * Taps 同步 on the home screen and waits, on the sync bar's own state, until the run it started
 * has ended with nothing left to send; then opens the outbox page and sees it empty. A tap always
 * starts a run at once, even during a back-off or another run (useSync), so nothing here waits for
 * the sync timer.
 */
export async function syncUntilOutboxEmpty(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByTestId('sync-now').click();
  const done = () => {
    const bar = document.querySelector<HTMLElement>('[data-testid="sync-bar"]');
    return bar?.dataset.running === 'false' && document.querySelector('[data-testid="unsynced"]')?.textContent?.trim() === '全部已同步';
  };
  try {
    await page.waitForFunction(done, undefined, { timeout: 60_000 });
  } catch (error) {
    const bar = await page
      .getByTestId('sync-bar')
      .innerText()
      .catch(() => '(no sync bar)');
    throw new Error(`the outbox did not empty after 同步; the sync bar says: ${bar.replace(/\s+/g, ' ')}`, { cause: error });
  }
  // Opened afresh, the outbox shows what the device holds (not this visit's 已发送 list).
  await page.goto(`${base}/outbox`);
  await page.getByTestId('outbox-empty').waitFor();
}

/** Logs in on the login page and waits for the home page's project list. */
export async function logInAs(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('[data-testid="username"] input, input[data-testid="username"]').first().fill(username);
  await page.locator('[data-testid="password"] input, input[data-testid="password"]').first().fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('project-card').first().waitFor({ timeout: 30_000 });
}

/** Saves a screenshot under test/e2e/screenshots/ (not committed) for a person to look at, and fails on a serious or critical axe-core violation on it. */
export async function screenshot(page: Page, name: string, options: { axe?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await settle(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  // Every screen a journey shows a person is also checked by axe-core: no serious or critical violation.
  if (options.axe === false) return;
  const violations = await blockingViolations(page);
  if (violations) throw new Error(`axe-core on ${name}:\n${violations}`);
}
