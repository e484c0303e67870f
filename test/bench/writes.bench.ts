/**
 * Writes under load (issue 14): 50 clients, each logged in as its own inspector, submit acceptances
 * (submitInspection, a new clientId each) to a real server process for 60 s (--quick: 10 s), on
 * SQLite and — when JIXIAO_TEST_PG_URL names a PostgreSQL server — on a fresh PostgreSQL database.
 *
 *   npx -y pnpm@12.4.2 bench -- --only writes [--quick] [--write]
 *
 * Meanwhile `jixiao import` stores a target table into the same database (a failure if it fails), and
 * a probe submits evidence to a project of its own and reads its 维修法庭和办公室数量 back through
 * GraphQL until the new count shows (evidence → visible). At the end every record on the server is
 * counted against what the clients were told succeeded, and every project's stored tally is held
 * against a count from scratch (a mismatch is a failure).
 *
 * Environment: BENCH_WRITERS (default 50), BENCH_SECONDS (overrides the duration),
 * BENCH_CPU_PROF=<dir> (the server runs with --cpu-prof and writes its profile there on exit; read
 * it with `python3 test/bench/cpuprofile-summary.py <dir>/*.cpuprofile`),
 * BENCH_DIALECTS=sqlite,postgresql.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tallyInspections, type InspectionEvidence } from '../../packages/domain/dist/index.js';
import { dataPaths } from '../../packages/server/dist/config.js';
import { createTemporaryDatabase } from '../../packages/server/dist/db-admin.js';
import { createDb, type Dialect } from '../../packages/server/dist/db.js';
import { createUser } from '../../packages/server/dist/modules/auth/auth.service.js';
import { boolean, instant, nullable, number, queryRows, text } from '../../packages/server/dist/modules/common/sql.js';
import { Organization } from '../../packages/server/dist/modules/organization/organization.entity.js';
import { Site, SiteKind } from '../../packages/server/dist/modules/site/site.entity.js';
import { importTargetTables } from '../../packages/server/dist/modules/target-import/target-import.service.js';
import { UserRole } from '../../packages/server/dist/modules/user/user.entity.js';
import { jixiao, png, ROOT, sha256, startServer, stopServers, uploadSignature } from '../cli/support.js';
import { isMain, runStandalone, type BenchOptions, type Figure, type Section } from './report.js';

const SEED_TEXT = readFileSync(join(ROOT, 'test/fixtures/wuqing-court-2023-targets.txt'), 'utf8');
const PASSWORD = 'bench-password-123';
const WRITERS = Number(process.env.BENCH_WRITERS ?? 50);
const SITES = 10;
/** The project the evidence → visible probe writes to alone (its 维修法庭和办公室数量 is REPAIR_COUNT). */
const PROBE_PROJECT = '派出法庭安全隐患维修项目';
const PROBE_INDICATOR = '维修法庭和办公室数量';
/** A submission whose request fails outright (connection, 5xx) is sent again with the same clientId, as the phone's outbox does. */
const ATTEMPTS = 3;

const SUBMIT = 'mutation($input: SubmitInspectionInput!) { submitInspection(input: $input) { id } }';
const PROJECT_ACTUALS = 'query($id: ID!) { project(id: $id) { evaluation { score } indicators { name actual { value } } } }';

interface GraphqlBody<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function gql<T>(base: string, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphqlBody<T>> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status >= 500) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as GraphqlBody<T>;
}

async function login(base: string, username: string): Promise<string> {
  const result = await gql<{ login: { token: string } }>(base, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
    u: username,
    p: PASSWORD,
  });
  if (!result.data?.login) throw new Error(`login ${username}: ${JSON.stringify(result.errors)}`);
  return result.data.login.token;
}

async function uploadPhoto(base: string, token: string, n: number): Promise<string> {
  const bytes = png(n);
  const hash = sha256(bytes);
  const put = await fetch(`${base}/uploads/${hash}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
    body: new Uint8Array(bytes),
  });
  if (put.status !== 201 && put.status !== 200) throw new Error(`photo upload ${put.status}: ${await put.text()}`);
  return hash;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The database a run writes to: a SQLite file in the data folder, or a new PostgreSQL database. */
async function openTarget(dialect: Dialect, dataDir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') return { url: dataPaths(dataDir).database, drop: async () => {} };
  const admin = process.env.JIXIAO_TEST_PG_URL;
  if (!admin) throw new Error('JIXIAO_TEST_PG_URL is not set');
  const temporary = await createTemporaryDatabase(admin, 'jixiao_bench_');
  return { url: temporary.url, drop: () => temporary.drop() };
}

interface Seeded {
  projects: Array<{ id: string; name: string }>;
  sites: string[];
}

/** The seed's five projects of 218101, sites, one inspector per writer, a probe inspector and a manager who reads. */
async function seed(url: string, dataDir: string): Promise<Seeded> {
  const db = await createDb({ url, dataDir });
  try {
    const em = db.em.fork();
    const imported = await importTargetTables(em.fork(), SEED_TEXT, {}, { cli: true });
    if (imported.errors.length > 0) throw new Error(`seed import: ${JSON.stringify(imported.errors)}`);
    const court = await em.findOneOrFail(Organization, { code: '218101' });
    const sites = Array.from({ length: SITES }, (_, i) =>
      em.create(Site, { organization: court, name: `第${i + 1}派出法庭`, kind: SiteKind.DISPATCHED_TRIBUNAL }),
    );
    await em.flush();
    const users: Array<[string, UserRole]> = [
      ...Array.from({ length: WRITERS }, (_, i): [string, UserRole] => [`inspector-${i}`, UserRole.INSPECTOR]),
      ['probe', UserRole.INSPECTOR],
      ['reader', UserRole.MANAGER],
    ];
    for (const [username, role] of users) await createUser(db.em.fork(), { username, password: PASSWORD, role, orgCode: '218101' }, 'bench');
    const projects = await db.em.fork().find('Project', {}, { fields: ['id', 'name'] as never });
    return { projects: (projects as Array<{ id: string; name: string }>).map(({ id, name }) => ({ id, name })), sites: sites.map((site) => site.id) };
  } finally {
    await db.close();
  }
}

interface Load {
  latencies: number[];
  succeeded: Set<string>;
  errors: string[];
  retries: number;
}

interface Client {
  token: string;
  signature: string;
  photo: string;
}

/** Logs in and uploads the photo and signature a client's acceptances name. */
async function prepareClient(base: string, username: string, n: number): Promise<Client> {
  const token = await login(base, username);
  return { token, signature: await uploadSignature(base, token), photo: await uploadPhoto(base, token, n) };
}

/** One writer: submits acceptances one after another until `until`, to the load projects in turn. */
async function writer(
  base: string,
  n: number,
  { token, signature, photo }: Client,
  projects: readonly string[],
  sites: readonly string[],
  until: number,
  load: Load,
): Promise<void> {
  for (let k = 0; performance.now() < until; k++) {
    const clientId = randomUUID();
    const passed = k % 10 !== 9;
    const input = {
      clientId,
      projectId: projects[(n + k) % projects.length],
      kind: k % 4 === 3 ? 'EQUIPMENT' : 'REPAIR',
      // Half at a site, half at an item: rework of the same place and new places both happen.
      siteId: k % 2 === 0 ? sites[(n * 7 + k) % sites.length] : null,
      itemName: `检查点 ${n}-${k % 25}`,
      serialNumber: k % 4 === 3 ? `SN-${n}-${k}` : null,
      passed,
      note: passed ? null : '仍需返工',
      photos: [photo],
      signature,
      capturedAt: new Date().toISOString(),
    };
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await gql<{ submitInspection: { id: string } }>(base, SUBMIT, { input }, token);
        if (result.errors || !result.data?.submitInspection) load.errors.push(`writer ${n}: ${JSON.stringify(result.errors)}`);
        else load.succeeded.add(clientId);
        break;
      } catch (error) {
        if (attempt >= ATTEMPTS) {
          load.errors.push(`writer ${n}: ${error instanceof Error ? error.message : String(error)}`);
          break;
        }
        load.retries += 1;
      }
    }
    load.latencies.push(performance.now() - started);
  }
}

/** The probe: new evidence for its own project, then reads until the new count shows; returns each submit → visible latency. */
async function probe(
  base: string,
  { token, signature, photo }: Client,
  reader: string,
  projectId: string,
  until: number,
  failures: string[],
): Promise<{ latencies: number[]; clientIds: string[] }> {
  const latencies: number[] = [];
  const clientIds: string[] = [];
  for (let k = 1; performance.now() < until; k++) {
    const clientId = randomUUID();
    const started = performance.now();
    const result = await gql<{ submitInspection: { id: string } }>(
      base,
      SUBMIT,
      {
        input: {
          clientId,
          projectId,
          kind: 'REPAIR',
          itemName: `探针维修点 ${k}`,
          passed: true,
          photos: [photo],
          signature,
          capturedAt: new Date().toISOString(),
        },
      },
      token,
    );
    if (result.errors) {
      failures.push(`probe submit: ${JSON.stringify(result.errors)}`);
      return { latencies, clientIds };
    }
    clientIds.push(clientId);
    // Every probe record is a new place: the count is exactly k.
    for (;;) {
      const view = await gql<{ project: { indicators: Array<{ name: string; actual: { value: string } | null }> } }>(
        base,
        PROJECT_ACTUALS,
        { id: projectId },
        reader,
      );
      const value = view.data?.project.indicators.find((i) => i.name === PROBE_INDICATOR)?.actual?.value ?? null;
      if (value === `${k}个`) break;
      if (performance.now() - started > 10_000) {
        failures.push(`probe: ${PROBE_INDICATOR} shows ${value} 10 s after the ${k}th acceptance`);
        return { latencies, clientIds };
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { latencies, clientIds };
}

/** Checks the end state in the database itself: every acknowledged record stored, nothing more, and every tally as a count from scratch gives it. */
async function verify(url: string, dataDir: string, acknowledged: ReadonlySet<string>, failures: string[]): Promise<{ stored: number }> {
  const db = await createDb({ url, dataDir, mustExist: true });
  try {
    const em = db.em.fork();
    const rows = await queryRows(em, 'select id, project_id, kind, site_id, item_name, passed, review_status, captured_at, client_id from inspection', [], {
      id: text,
      project_id: text,
      kind: text<'REPAIR' | 'EQUIPMENT'>,
      site_id: nullable(text),
      item_name: text,
      passed: boolean,
      review_status: text,
      captured_at: instant,
      client_id: text,
    });
    const stored = new Set(rows.map((row) => row.client_id));
    const missing = [...acknowledged].filter((id) => !stored.has(id));
    if (missing.length > 0) failures.push(`${missing.length} acknowledged records are not on the server (e.g. ${missing[0]})`);
    if (rows.length !== acknowledged.size) failures.push(`the server holds ${rows.length} inspections; the clients were told ${acknowledged.size} succeeded`);
    const byProject = new Map<string, InspectionEvidence[]>();
    for (const row of rows) {
      const list = byProject.get(row.project_id) ?? [];
      list.push({
        id: row.id,
        kind: row.kind,
        siteId: row.site_id,
        itemName: row.item_name,
        passed: row.passed,
        rejected: row.review_status === 'REJECTED',
        capturedAt: row.captured_at.toISOString(),
      });
      byProject.set(row.project_id, list);
    }
    const tallies = await queryRows(em, 'select project_id, kind, counted, passed, places, latest_id from inspection_tally', [], {
      project_id: text,
      kind: text,
      counted: number,
      passed: number,
      places: number,
      latest_id: nullable(text),
    });
    for (const [projectId, inspections] of byProject) {
      for (const kind of ['REPAIR', 'EQUIPMENT'] as const) {
        const { tally } = tallyInspections(inspections, kind);
        if (tally.counted === 0) continue;
        const row = tallies.find((t) => t.project_id === projectId && t.kind === kind);
        const got = row ? { counted: row.counted, passed: row.passed, places: row.places, latest: row.latest_id ?? 'null' } : null;
        const want = { counted: tally.counted, passed: tally.passed, places: tally.places, latest: tally.latest?.id ?? 'null' };
        if (JSON.stringify(got) !== JSON.stringify(want))
          failures.push(`tally of project ${projectId} ${kind} is ${JSON.stringify(got)}, a count from scratch gives ${JSON.stringify(want)}`);
      }
    }
    return { stored: rows.length };
  } finally {
    await db.close();
  }
}

async function runDialect(dialect: Dialect, seconds: number, failures: string[]): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const dataDir = mkdtempSync(join(tmpdir(), `jixiao-bench-writes-${dialect}-`));
  const target = await openTarget(dialect, dataDir);
  try {
    const seeded = await seed(target.url, dataDir);
    const probeProject = seeded.projects.find((p) => p.name === PROBE_PROJECT)!;
    const loadProjects = seeded.projects.filter((p) => p !== probeProject).map((p) => p.id);
    const profileDir = process.env.BENCH_CPU_PROF;
    const base = await startServer(
      ['--data-dir', dataDir, ...(dialect === 'postgresql' ? ['--db', target.url] : [])],
      {},
      profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    );

    // Another unit's target table, imported by the CLI while the server is under load.
    const table = join(dataDir, 'other-unit-targets.txt');
    writeFileSync(table, SEED_TEXT.slice(SEED_TEXT.indexOf('[bookmark: _Toc_4_4_0000000008]')).replace('218101天津市武清区人民法院', '999999其他法院'));

    const load: Load = { latencies: [], succeeded: new Set(), errors: [], retries: 0 };
    const probeFailures: string[] = [];
    // Logins and uploads first, so that the timed window holds only submissions.
    // One at a time: the server takes a few photos at once and answers the rest SERVER_BUSY.
    const clients: Client[] = [];
    for (let n = 0; n < WRITERS; n++) clients.push(await prepareClient(base, `inspector-${n}`, 1000 + n));
    const probeClient = await prepareClient(base, 'probe', 7);
    const reader = await login(base, 'reader');
    const started = performance.now();
    const until = started + seconds * 1000;
    const writers = clients.map((client, n) => writer(base, n, client, loadProjects, seeded.sites, until, load));
    const probing = probe(base, probeClient, reader, probeProject.id, until, probeFailures);
    const importing = (async () => {
      await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 3));
      const at = performance.now();
      const result = await jixiao('import', table, '--data-dir', dataDir, ...(dialect === 'postgresql' ? ['--db', target.url] : []), '--parent', '218101');
      return { ...result, seconds: (performance.now() - at) / 1000 };
    })();
    await Promise.all(writers);
    const elapsed = (performance.now() - started) / 1000;
    const probed = await probing;
    const imported = await importing;
    await stopServers();

    if (imported.code !== 0)
      failures.push(`${dialect}: jixiao import during the load failed (${imported.code}): ${imported.err.trim() || imported.out.trim()}`);
    failures.push(...probeFailures.map((f) => `${dialect}: ${f}`));
    if (load.errors.length > 0) failures.push(`${dialect}: ${load.errors.length} submissions failed, e.g. ${load.errors[0]}`);
    const acknowledged = new Set([...load.succeeded, ...probed.clientIds]);
    const verifyFailures: string[] = [];
    const { stored } = await verify(target.url, dataDir, acknowledged, verifyFailures);
    failures.push(...verifyFailures.map((f) => `${dialect}: ${f}`));

    const sorted = [...load.latencies].sort((a, b) => a - b);
    const visible = [...probed.latencies].sort((a, b) => a - b);
    const db = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const figures: Figure[] = [
      {
        label: `${db}: writes/s at ${WRITERS} writers`,
        value: load.succeeded.size / elapsed,
        unit: 'writes/s',
        reference: 'today 16.4 writes/s',
        target: { op: '>=', value: 160 },
      },
      { label: `${db}: submit p50`, value: percentile(sorted, 50), unit: 'ms', reference: 'today 1,700 ms' },
      { label: `${db}: submit p99`, value: percentile(sorted, 99), unit: 'ms', reference: 'today 46,000 ms', target: { op: '<=', value: 1000 } },
      { label: `${db}: submit max`, value: sorted.at(-1) ?? Number.NaN, unit: 'ms', reference: 'today 63,500 ms' },
      {
        label: `${db}: jixiao import during the load`,
        value: imported.seconds,
        unit: 's',
        reference: imported.code === 0 ? 'succeeded (today: "database is locked" 3 of 3)' : `FAILED (${imported.code})`,
      },
      {
        label: `${db}: evidence → visible p99`,
        value: percentile(visible, 99),
        unit: 'ms',
        reference: `${visible.length} probes, p50 ${Math.round(percentile(visible, 50))} ms`,
        target: { op: '<=', value: 1000 },
      },
    ];
    return {
      figures,
      details: {
        dialect,
        seconds: elapsed,
        submissions: load.latencies.length,
        acknowledged: acknowledged.size,
        stored,
        retries: load.retries,
        errors: load.errors.length,
        import: imported,
      },
    };
  } finally {
    await stopServers();
    await target.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(options: BenchOptions): Promise<Section> {
  const seconds = Number(process.env.BENCH_SECONDS ?? (options.quick ? 10 : 60));
  const wanted = (process.env.BENCH_DIALECTS ?? 'sqlite,postgresql').split(',') as Dialect[];
  const dialects = wanted.filter((dialect) => dialect === 'sqlite' || (dialect === 'postgresql' && Boolean(process.env.JIXIAO_TEST_PG_URL)));
  const failures: string[] = [];
  const figures: Figure[] = [];
  const details: Record<string, unknown>[] = [];
  for (const dialect of dialects) {
    console.log(`writes: ${dialect}, ${WRITERS} writers, ${seconds} s …`);
    const result = await runDialect(dialect, seconds, failures);
    figures.push(...result.figures);
    details.push(result.details);
  }
  if (wanted.includes('postgresql') && !dialects.includes('postgresql')) console.log('writes: PostgreSQL skipped (JIXIAO_TEST_PG_URL is not set)');
  return { name: 'writes', setup: { writers: WRITERS, seconds, dialects, projects: 4, probeProject: PROBE_PROJECT, sites: SITES }, figures, failures, details };
}

if (isMain(import.meta.url)) runStandalone(run);
