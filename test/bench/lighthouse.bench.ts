/**
 * First load on a phone (issue 14): Lighthouse 12.2.3, mobile form factor, default simulated
 * throttling (slow 4G, 4× CPU), against the real product served in production mode on 127.0.0.1 —
 * the app at `/` and a real public survey link `/s/<token>` — each run 3 times (1 with --quick),
 * the median run reported.
 *
 *   npx -y pnpm@12.4.2 bench -- --only lighthouse        (builds first)
 *   npx tsx test/bench/lighthouse.bench.ts [--quick]      (assumes a build: packages/pwa/dist, packages/server/dist)
 *
 * Figures: the performance score of each page (target ≥ 90), first contentful paint and time to
 * interactive (for information), the survey page's JavaScript as sent (the transfer size of every
 * script in Lighthouse's network log; target ≤ 60 KB), and what each service worker precaches: the
 * app's (sw.js) and the survey link's (survey-sw.js), read from the built workers and the files
 * they name. Failures: a run Lighthouse could not finish, a page that did not answer 200 or a survey
 * page that did not fetch its survey, a survey worker that precaches the app.
 * Environment: CHROME_PATH (default /usr/bin/chromium); BENCH_LIGHTHOUSE_KEEP=<dir> keeps every run's
 * Lighthouse JSON report there (app-<n>.json, survey-<n>.json; open one in the Lighthouse viewer or
 * read its audits) to see which metrics cost points and which scripts ran; by default they are deleted.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, createRepairSurvey, ProductServer, ROOT } from '../e2e/support.js';
import { isMain, runStandalone, type BenchOptions, type Figure, type Section } from './report.js';

const LIGHTHOUSE_CLI = createRequire(import.meta.url).resolve('lighthouse/cli/index.js');
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu';
const PWA_DIST = join(ROOT, 'packages', 'pwa', 'dist');
const TODAY = 'today 53–73';
/** Where to keep the reports (see the header), or nowhere. */
const KEEP_DIR = process.env.BENCH_LIGHTHOUSE_KEEP;

interface NetworkRequest {
  url: string;
  resourceType?: string;
  statusCode: number;
  transferSize: number;
  resourceSize: number;
}

interface LighthouseResult {
  runtimeError?: { code: string; message: string };
  runWarnings: string[];
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number; details?: { items?: unknown[] } }>;
}

interface Run {
  score: number;
  fcpMs: number;
  ttiMs: number;
  lcpMs: number;
  tbtMs: number;
  scriptBytes: number;
  requests: NetworkRequest[];
}

/** One Lighthouse run as a child process (its own Chromium), read back from its JSON report. */
async function lighthouse(url: string, dir: string, name: string): Promise<Run> {
  const output = join(dir, `${name}.json`);
  const args = [
    LIGHTHOUSE_CLI,
    url,
    '--form-factor=mobile',
    '--only-categories=performance',
    `--chrome-flags=${CHROME_FLAGS}`,
    '--output=json',
    `--output-path=${output}`,
    '--quiet',
  ];
  const stderr: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH }, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    child.once('exit', resolve);
  });
  if (code !== 0 || !existsSync(output)) throw new Error(`lighthouse ${url} exited ${code}: ${stderr.join('').slice(-2000)}`);
  if (KEEP_DIR) {
    mkdirSync(KEEP_DIR, { recursive: true });
    copyFileSync(output, join(KEEP_DIR, `${name}.json`));
  }
  const report = JSON.parse(readFileSync(output, 'utf8')) as LighthouseResult;
  if (report.runtimeError) throw new Error(`lighthouse ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`);
  const score = report.categories.performance.score;
  if (score === null) throw new Error(`lighthouse ${url}: no performance score (${report.runWarnings.join('; ')})`);
  const value = (audit: string) => report.audits[audit]?.numericValue ?? Number.NaN;
  const requests = (report.audits['network-requests']?.details?.items ?? []) as NetworkRequest[];
  return {
    score: Math.round(score * 100),
    fcpMs: value('first-contentful-paint'),
    ttiMs: value('interactive'),
    lcpMs: value('largest-contentful-paint'),
    tbtMs: value('total-blocking-time'),
    scriptBytes: requests.filter((request) => request.resourceType === 'Script').reduce((sum, request) => sum + request.transferSize, 0),
    requests,
  };
}

/** The run with the median performance score (the middle one of an odd count). */
function median(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.score - b.score)[Math.floor(runs.length / 2)];
}

/** A worker's precache list: the files of its `url:"…"` entries, and their total size on disk. */
function precache(worker: string): { files: string[]; bytes: number } {
  const source = readFileSync(join(PWA_DIST, worker), 'utf8');
  const files = [...source.matchAll(/\{url:"([^"]+)",revision:/g)].map((match) => match[1]);
  const bytes = files.reduce((sum, file) => sum + statSync(join(PWA_DIST, file)).size, 0);
  return { files, bytes };
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export async function run(options: BenchOptions): Promise<Section> {
  if (!existsSync(join(PWA_DIST, 'survey.html'))) throw new Error('no packages/pwa/dist/survey.html: build first (pnpm bench builds)');
  const runs = options.quick ? 1 : 3;
  const failures: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-lighthouse-'));
  const server = await ProductServer.create();
  try {
    const adminToken = await server.login('admin', ADMIN_PASSWORD);
    const { survey } = await createRepairSurvey(server, adminToken);
    const pages = { app: `${server.base}/`, survey: `${server.base}/s/${survey.publicToken}` };
    const results: Record<keyof typeof pages, Run[]> = { app: [], survey: [] };
    for (const [name, url] of Object.entries(pages) as Array<[keyof typeof pages, string]>) {
      for (let n = 0; n < runs; n++) {
        try {
          const result = await lighthouse(url, dir, `${name}-${n + 1}`);
          const document = result.requests.find((request) => request.resourceType === 'Document');
          if (document?.statusCode !== 200) failures.push(`${url}: the page answered ${document?.statusCode ?? 'nothing'}`);
          if (name === 'survey' && !result.requests.some((request) => /\/graphql\?op=PublicSurvey\b/.test(request.url) && request.statusCode === 200))
            failures.push(`${url}: the survey page did not fetch its survey (no PublicSurvey request answered 200)`);
          results[name].push(result);
          console.log(
            `${name} run ${n + 1}: score ${result.score}, FCP ${Math.round(result.fcpMs)} ms, LCP ${Math.round(result.lcpMs)} ms, TBT ${Math.round(result.tbtMs)} ms, JS ${kb(result.scriptBytes)} KB`,
          );
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }

    const app = precache('sw.js');
    const surveyWorker = precache('survey-sw.js');
    if (surveyWorker.files.includes('index.html')) failures.push('survey-sw.js precaches index.html: the survey link’s worker must keep the survey only');
    if (!surveyWorker.files.includes('survey.html')) failures.push('survey-sw.js does not precache survey.html');

    const figures: Figure[] = [];
    for (const [name, label] of [
      ['app', '`/`'],
      ['survey', 'survey page `/s/<token>`'],
    ] as const) {
      if (results[name].length === 0) continue;
      const middle = median(results[name]);
      figures.push(
        {
          label: `Lighthouse performance, ${label} (median of ${results[name].length})`,
          value: middle.score,
          unit: 'score',
          reference: TODAY,
          target: { op: '>=', value: 90 },
        },
        { label: `first contentful paint, ${label}`, value: Math.round(middle.fcpMs), unit: 'ms', reference: 'today 3,700 ms' },
        { label: `time to interactive, ${label}`, value: Math.round(middle.ttiMs), unit: 'ms', reference: 'today 4,200–4,900 ms' },
      );
    }
    if (results.survey.length > 0)
      figures.push({
        label: 'survey page JavaScript, compressed as sent',
        value: kb(median(results.survey).scriptBytes),
        unit: 'KB',
        reference: 'today 171 KB gzipped JS+CSS for every page',
        target: { op: '<=', value: 60 },
      });
    figures.push(
      { label: 'service worker precache, app (sw.js)', value: kb(app.bytes), unit: 'KB', reference: 'today 1.22 MB, ECharts included, for everyone' },
      { label: 'service worker precache, survey link (survey-sw.js)', value: kb(surveyWorker.bytes), unit: 'KB', reference: 'today the whole app (1.22 MB)' },
    );
    return {
      name: 'lighthouse',
      setup: { lighthouse: '12.2.3', formFactor: 'mobile', throttling: 'simulated (default)', runsPerPage: runs, chrome: CHROME_PATH },
      figures,
      failures,
      details: Object.fromEntries(
        Object.entries(results).map(([name, list]) => [
          name,
          list.map(({ score, fcpMs, ttiMs, lcpMs, tbtMs, scriptBytes }) => ({ score, fcpMs, ttiMs, lcpMs, tbtMs, scriptBytes })),
        ]),
      ),
    };
  } finally {
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) runStandalone(run);
