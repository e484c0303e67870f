/**
 * API benchmark (section `api` of issue 14): a province-scale dataset in a fresh SQLite file, the
 * real GraphQL app under autocannon, and two hand-written floors answering the same dashboard:
 *
 * - floor 1: plain Fastify + hand-written SQL from the base tables + the domain's scoreProject
 *   (what the dashboard cost before the stored scorecards; the issue's "floor");
 * - floor 2: plain Fastify + hand-written SQL reading the stored scorecards (the new limit).
 *
 * Figures with targets: the GraphQL dashboard at 20 connections against floor 1 (req/s ≥, p99 ≤)
 * and floor 2 (req/s ≥ half of it), and the province roll-up (organizationSummary of 4,000
 * projects) ≤ 100 ms. Every response under load is compared with the one checked before the load,
 * and GraphQL, both floors and a computation from scratch must agree: a wrong answer is a failure.
 * autocannon runs in a child process so that it does not share the servers' event loop.
 *
 *   npx -y pnpm@12.4.2 bench -- --only api [--quick] [--write]
 *   npx -y pnpm@12.4.2 bench:api [--quick] [--write]     (this section alone)
 *
 * --quick: 20 units instead of 200 and 2-second loads, for checking the script. Environment:
 * BENCH_DURATION (seconds per load, default 10), BENCH_CONNECTIONS (default 20), BENCH_KEEP_DB=1
 * (keep the generated SQLite file), BENCH_CPU_PROF=<dir> (write a CPU profile of this process —
 * the servers — while the GraphQL dashboard is under load).
 */
// First: the server runs as in production (see production-env.ts).
import './production-env.js';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMain, runStandalone, type BenchOptions, type Figure, type Section } from './report.js';
import { parseTargetTables, round2, scoreProject, type ParsedTarget, type Tier } from '../../packages/domain/dist/index.js';
import { buildApp } from '../../packages/server/dist/app.js';
import { DEFAULT_CONFIG, type AppConfig } from '../../packages/server/dist/config.js';
import { createDb, type Db } from '../../packages/server/dist/db.js';
import { Actual } from '../../packages/server/dist/modules/actual/actual.entity.js';
import { createUser } from '../../packages/server/dist/modules/auth/auth.service.js';
import { verifyToken } from '../../packages/server/dist/modules/auth/token.js';
import { Indicator } from '../../packages/server/dist/modules/indicator/indicator.entity.js';
import { Organization } from '../../packages/server/dist/modules/organization/organization.entity.js';
import { Project } from '../../packages/server/dist/modules/project/project.entity.js';
import { rebuildScorecards } from '../../packages/server/dist/modules/read-model/scorecards.js';
import { Spending } from '../../packages/server/dist/modules/spending/spending.entity.js';
import { User, UserRole } from '../../packages/server/dist/modules/user/user.entity.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SEED_FILE = join(ROOT, 'test/fixtures/wuqing-court-2023-targets.txt');

const PROJECTS_PER_ORG = 20;
const INDICATORS_PER_PROJECT = 10;
const YEAR = 2023;
const ROOT_CODE = '1000';
const orgCode = (n: number): string => `1000${String(n + 1).padStart(3, '0')}`;
const MANAGER_ORG = orgCode(11);
const SUMMARY_ORG = orgCode(17);
const PASSWORD = 'bench-password-123';
const SECRET = 'bench-secret-0123456789abcdef';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
/** Sequential requests of the province roll-up: its figure is their median. */
const ROLLUP_REQUESTS = 15;

/** Today's figures (issue 14), for the references. */
const TODAY = { dashboardRps: 59, dashboardP99: 1440, floorRps: 119, floorP99: 388, rollupMs: 1200 };

/** The sizes and durations of a run: the full one, or --quick for checking the script. */
interface Plan {
  orgs: number;
  duration: number;
  warmup: number;
}
function planOf(options: BenchOptions): Plan {
  return options.quick
    ? { orgs: 20, duration: Number(process.env.BENCH_DURATION ?? 2), warmup: 1 }
    : { orgs: 200, duration: Number(process.env.BENCH_DURATION ?? 10), warmup: 3 };
}

// Only the server package depends on these; resolve them from there.
const serverRequire = createRequire(join(ROOT, 'packages/server/package.json'));
const betterSqliteRequire = createRequire(realpathSync(join(ROOT, 'packages/server/node_modules/@mikro-orm/better-sqlite/package.json')));
const rootRequire = createRequire(import.meta.url);

/** Wrong answers and failed requests of the current run. */
let failures: string[] = [];
function fail(message: string): void {
  failures.push(message);
  console.error(`ERROR: ${message}`);
}

/** Deterministic PRNG (mulberry32), so every run benchmarks the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Dataset
// ---------------------------------------------------------------------------------------------

interface DatasetInfo {
  organizations: number;
  projects: number;
  indicators: number;
  actuals: number;
  spendings: number;
  users: number;
  seconds: number;
}

const TIER_LABEL: Record<Tier, string> = { ACHIEVED: '达成', PARTIAL: '部分达成', NOT_ACHIEVED: '未达成' };

/** An actual value the domain accepts for this target: near the target, sometimes missing it. */
function actualFor(target: ParsedTarget, rand: () => number): { value: string | null; tier: Tier | null; ratio: number | null } {
  if (target.kind === 'qualitative') {
    const r = rand();
    const tier: Tier = r < 0.6 ? 'ACHIEVED' : r < 0.9 ? 'PARTIAL' : 'NOT_ACHIEVED';
    const [min, max] = tier === 'ACHIEVED' ? [0.8, 1] : tier === 'PARTIAL' ? [0.6, 0.8] : [0, 0.6];
    return { value: TIER_LABEL[tier], tier, ratio: Math.round((min + rand() * (max - min)) * 100) / 100 };
  }
  if (target.kind === 'deadline') {
    const due = Date.parse(`${target.value as string}T00:00:00Z`);
    const day = new Date(due - Math.round((rand() * 80 - 20) * 86_400_000)); // up to 20 days late
    return { value: day.toISOString().slice(0, 10), tier: null, ratio: null };
  }
  const goal = target.value as number;
  const factor =
    target.comparator === '='
      ? rand() < 0.6
        ? 1
        : 0.8 + rand() * 0.3
      : target.comparator === '<=' || target.comparator === '<'
        ? 0.7 + rand() * 0.5
        : 0.6 + rand() * 0.8;
  const decimals = target.unit === '%' || target.unit === '万元' ? 1 : 0;
  const value = Number((goal * factor).toFixed(decimals));
  return { value: `${value}${target.unit ?? ''}`, tier: null, ratio: null };
}

async function generateDataset(db: Db, ORGS: number): Promise<DatasetInfo> {
  const started = performance.now();
  const seed = parseTargetTables(readFileSync(SEED_FILE, 'utf8'), {});
  if (seed.errors.length > 0 || seed.projects.length === 0) throw new Error(`seed did not parse: ${JSON.stringify(seed.errors)}`);
  const templates = seed.projects.flatMap((project) => project.indicators);
  const rand = prng(20230101);
  const now = new Date(Date.UTC(2023, 11, 31));
  const counts = { organizations: 0, projects: 0, indicators: 0, actuals: 0, spendings: 0, users: 0 };
  const rootId = randomUUID();

  await db.em.fork().transactional(async (tx) => {
    // Chunks keep each INSERT well under SQLite's bound-parameter limit.
    const insert = async <T extends object>(entity: new () => T, rows: Array<Record<string, unknown>>): Promise<void> => {
      for (let i = 0; i < rows.length; i += 500) await tx.insertMany(entity, rows.slice(i, i + 500) as never[]);
    };
    const orgs = [{ id: rootId, code: ROOT_CODE, name: '省级主管部门（基准测试）', parent: null, createdAt: now }];
    for (let n = 0; n < ORGS; n++) orgs.push({ id: randomUUID(), code: orgCode(n), name: `第${n + 1}预算单位`, parent: rootId as never, createdAt: now });
    await insert(Organization, orgs);
    counts.organizations = orgs.length;

    // One data-entry clerk per unit records the actuals (never logs in: the hash is unusable).
    const clerks = orgs.slice(1).map((org) => ({
      id: randomUUID(),
      username: `clerk-${org.code}`,
      passwordHash: '!',
      role: UserRole.INSPECTOR,
      organization: org.id,
      tokenVersion: 0,
      createdAt: now,
    }));
    await insert(User, clerks);
    counts.users += clerks.length;

    let projectIndex = 0;
    for (let n = 0; n < ORGS; n++) {
      const org = orgs[n + 1];
      const clerk = clerks[n];
      const projects: Array<Record<string, unknown>> = [];
      const indicators: Array<Record<string, unknown>> = [];
      const actuals: Array<Record<string, unknown>> = [];
      const spendings: Array<Record<string, unknown>> = [];
      for (let j = 0; j < PROJECTS_PER_ORG; j++, projectIndex++) {
        const base = seed.projects[projectIndex % seed.projects.length];
        const totalFen = Math.round(10 + rand() * 490) * 10_000 * 100; // 10–500 万元, whole 百元
        const otherFen = rand() < 0.2 ? Math.round(totalFen * 0.1) : 0;
        const projectId = randomUUID();
        projects.push({
          id: projectId,
          organization: org.id,
          year: YEAR,
          name: `${base.name}（${j + 1}）`,
          tableNumber: j + 1,
          title: base.title,
          purpose: base.purpose,
          goals: base.goals,
          budgetTotalFen: totalFen,
          budgetFiscalFen: totalFen - otherFen,
          budgetOtherFen: otherFen,
          createdAt: now,
          updatedAt: now,
        });
        for (let k = 0; k < INDICATORS_PER_PROJECT; k++) {
          const template = templates[(projectIndex * INDICATORS_PER_PROJECT + k) % templates.length];
          const target = template.target;
          const indicatorId = randomUUID();
          indicators.push({
            id: indicatorId,
            project: projectId,
            position: k,
            level1: template.level1,
            level2: template.level2,
            name: template.name,
            description: template.description,
            targetRaw: target.raw,
            targetKind: target.kind,
            comparator: target.comparator,
            targetValue: target.value === null ? null : String(target.value),
            unit: target.unit,
            zeroBelow: target.rule?.zeroBelow ?? null,
            weight: null,
            notApplicable: false,
            source: 'MANUAL',
            deviationNote: null,
            updatedAt: now,
          });
          if (rand() < 0.12) continue; // no actual yet
          const history = rand() < 0.25 ? 2 + Math.floor(rand() * 2) : 1;
          let at = Date.UTC(2023, 2, 1) + Math.floor(rand() * 120) * 86_400_000;
          for (let h = 0; h < history; h++) {
            at += (5 + Math.floor(rand() * 40)) * 86_400_000 + Math.floor(rand() * 36_000_000);
            actuals.push({
              id: randomUUID(),
              indicator: indicatorId,
              ...actualFor(target, rand),
              note: h < history - 1 ? '阶段性数据' : null,
              recordedAt: new Date(at),
              recordedBy: clerk.id,
              derivedFrom: null,
              clientId: null,
            });
          }
        }
        const spendingRows = 1 + Math.floor(rand() * 4);
        const share = (0.4 + rand() * 0.65) / spendingRows;
        for (let s = 0; s < spendingRows; s++) {
          spendings.push({
            id: randomUUID(),
            project: projectId,
            amountFen: Math.round(totalFen * share * (0.8 + rand() * 0.4)),
            date: `${YEAR}-${String(3 + s * 3).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
            note: null,
            recordedAt: new Date(Date.UTC(YEAR, 2 + s * 3, 28)),
            recordedBy: clerk.id,
            clientId: null,
          });
        }
      }
      await insert(Project, projects);
      await insert(Indicator, indicators);
      await insert(Actual, actuals);
      await insert(Spending, spendings);
      counts.projects += projects.length;
      counts.indicators += indicators.length;
      counts.actuals += actuals.length;
      counts.spendings += spendings.length;
    }
  });

  // The two people who log in, made the way the app makes users (argon2, audit entry).
  await createUser(db.em.fork(), { username: 'bench-manager', password: PASSWORD, role: UserRole.MANAGER, orgCode: MANAGER_ORG }, 'bench');
  await createUser(db.em.fork(), { username: 'bench-admin', password: PASSWORD, role: UserRole.ADMIN, orgCode: ROOT_CODE }, 'bench');
  counts.users += 2;
  await db.em.fork().getConnection().execute('analyze');
  return { ...counts, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// 2. The floor: plain Fastify + hand-written SQL + scoreProject
// ---------------------------------------------------------------------------------------------

interface SqliteStatement {
  all(...params: unknown[]): Array<Record<string, unknown>>;
  get(...params: unknown[]): Record<string, unknown> | undefined;
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  pragma(sql: string): unknown;
  close(): void;
}

interface IndicatorRow {
  id: string;
  project_id: string;
  level1: string;
  name: string;
  target_raw: string;
  target_kind: ParsedTarget['kind'];
  comparator: ParsedTarget['comparator'];
  target_value: string | null;
  unit: string | null;
  zero_below: number | null;
  weight: number | null;
  not_applicable: number;
}
interface ActualRow {
  indicator_id: string;
  value: string | null;
  tier: Tier | null;
  ratio: number | null;
  recorded_at: number | string;
}

const PROJECTS_IN_SCOPE = `
  with recursive scope(id) as (select ? union select o.id from organization o join scope s on o.parent_id = s.id)
  select p.id, p.name, p.budget_total_fen from project p join organization o on o.id = p.organization_id
  where p.organization_id in (select id from scope) and p.year = ?
  order by o.code asc, p.table_number asc, p.name asc, p.id asc`;

/** The dashboard and the organization summary, answered with a handful of SQL statements. */
export class Floor {
  private readonly db: SqliteDatabase;
  private readonly byCount = new Map<string, SqliteStatement>();
  private readonly user: SqliteStatement;
  private readonly page: SqliteStatement;
  private readonly all: SqliteStatement;
  private readonly count: SqliteStatement;
  private readonly orgByCode: SqliteStatement;

  constructor(file: string) {
    const Database = betterSqliteRequire('better-sqlite3') as new (file: string, options?: { readonly?: boolean }) => SqliteDatabase;
    this.db = new Database(file, { readonly: true });
    this.user = this.db.prepare('select id, organization_id, token_version from app_user where id = ?');
    this.page = this.db.prepare(`${PROJECTS_IN_SCOPE} limit ? offset ?`);
    this.all = this.db.prepare(PROJECTS_IN_SCOPE);
    this.count = this.db.prepare(`
      with recursive scope(id) as (select ? union select o.id from organization o join scope s on o.parent_id = s.id)
      select count(*) as n from project p where p.organization_id in (select id from scope) and p.year = ?`);
    this.orgByCode = this.db.prepare('select id from organization where code = ?');
  }

  private statement(kind: 'indicators' | 'actuals' | 'spent', n: number): SqliteStatement {
    const key = `${kind}:${n}`;
    let statement = this.byCount.get(key);
    if (!statement) {
      const marks = Array.from({ length: n }, () => '?').join(', ');
      const sql = {
        indicators: `select id, project_id, level1, name, target_raw, target_kind, comparator, target_value, unit, zero_below, weight, not_applicable
          from indicator where project_id in (${marks}) order by project_id, position`,
        // The newest actual of each indicator (same order as the app: recorded_at, then id).
        actuals: `select indicator_id, value, tier, ratio, recorded_at from (
            select a.indicator_id, a.value, a.tier, a.ratio, a.recorded_at,
              row_number() over (partition by a.indicator_id order by a.recorded_at desc, a.id desc) as rn
            from actual a join indicator i on i.id = a.indicator_id where i.project_id in (${marks})
          ) where rn = 1`,
        spent: `select project_id, sum(amount_fen) as total from spending where project_id in (${marks}) group by project_id`,
      }[kind];
      statement = this.db.prepare(sql);
      this.byCount.set(key, statement);
    }
    return statement;
  }

  /** The signed-in user's organization id, or null (same token rules as the app). */
  authenticate(authorization: string | undefined): string | null {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const claims = match ? verifyToken(SECRET, match[1]) : null;
    if (!claims) return null;
    const user = this.user.get(claims.sub);
    return user && user.token_version === claims.ver ? (user.organization_id as string) : null;
  }

  /** Projects (with indicators, current actuals, spending and scores) of a scope, in the app's order. */
  projects(scopeRootId: string, year: number, page: { limit: number; offset: number } | null) {
    const projects = (page ? this.page.all(scopeRootId, year, page.limit, page.offset) : this.all.all(scopeRootId, year)) as Array<{
      id: string;
      name: string;
      budget_total_fen: number;
    }>;
    const ids = projects.map((p) => p.id);
    const indicatorsOf = new Map<string, IndicatorRow[]>(ids.map((id) => [id, []]));
    const actualOf = new Map<string, ActualRow>();
    const spentOf = new Map<string, number>();
    // SQLite binds at most 32766 parameters per statement.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const row of this.statement('indicators', chunk.length).all(...chunk) as unknown as IndicatorRow[]) indicatorsOf.get(row.project_id)!.push(row);
      for (const row of this.statement('actuals', chunk.length).all(...chunk) as unknown as ActualRow[]) actualOf.set(row.indicator_id, row);
      for (const row of this.statement('spent', chunk.length).all(...chunk)) spentOf.set(row.project_id as string, Number(row.total));
    }
    return projects.map((project) => {
      const indicators = indicatorsOf.get(project.id)!;
      const budget = Number(project.budget_total_fen) / 1_000_000;
      const spent = (spentOf.get(project.id) ?? 0) / 1_000_000;
      const targets = indicators.map(
        (row): ParsedTarget => ({
          raw: row.target_raw,
          kind: row.target_kind,
          comparator: row.comparator,
          value: row.target_kind === 'quantitative' && row.target_value !== null ? Number(row.target_value) : row.target_value,
          unit: row.unit,
          rule: row.zero_below === null ? null : { zeroBelow: row.zero_below },
        }),
      );
      const score = scoreProject({
        budget,
        spent,
        indicators: indicators.map((row, i) => {
          const actual = actualOf.get(row.id);
          return {
            level1: row.level1,
            target: targets[i],
            weight: row.weight,
            notApplicable: row.not_applicable === 1,
            actual: actual ? { value: actual.value, tier: actual.tier, ratio: actual.ratio } : null,
          };
        }),
      });
      return { project, budget, spent, indicators, targets, actualOf, score };
    });
  }

  /** The dashboard's JSON, shaped like the GraphQL response. */
  dashboard(scopeRootId: string, year: number, first: number) {
    const totalCount = Number(this.count.get(scopeRootId, year)!.n);
    const nodes = this.projects(scopeRootId, year, { limit: first, offset: 0 }).map(({ project, budget, spent, indicators, targets, actualOf, score }) => ({
      id: project.id,
      name: project.name,
      budget: { total: budget },
      spent,
      indicators: indicators.map((row, i) => {
        const actual = actualOf.get(row.id);
        const scored = score.indicators[i];
        return {
          id: row.id,
          name: row.name,
          weight: scored.weight,
          target: {
            raw: targets[i].raw,
            kind: targets[i].kind.toUpperCase(),
            value: targets[i].value === null ? null : String(targets[i].value),
            unit: targets[i].unit,
          },
          actual: actual ? { value: actual.value, recordedAt: new Date(actual.recorded_at).toISOString() } : null,
          progress: { completionRate: scored.completionRate, score: scored.score, met: scored.met },
        };
      }),
      evaluation: { score: score.score, grade: score.grade, executionRate: score.executionRate, missing: score.missing },
    }));
    return { data: { projects: { totalCount, nodes } } };
  }

  /** organizationSummary computed by hand, to check the app's answer. */
  summary(code: string, year: number) {
    const org = this.orgByCode.get(code);
    if (!org) throw new Error(`no organization ${code}`);
    const scored = this.projects(org.id as string, year, null);
    const budget = scored.reduce((sum, p) => sum + p.budget, 0);
    const spent = scored.reduce((sum, p) => sum + p.spent, 0);
    const grades = { excellent: 0, good: 0, fair: 0, poor: 0 };
    const key = { 优: 'excellent', 良: 'good', 中: 'fair', 差: 'poor' } as const;
    for (const p of scored) grades[key[p.score.grade]] += 1;
    return {
      projectCount: scored.length,
      budget: round2(budget * 1e4) / 1e4,
      spent: round2(spent * 1e4) / 1e4,
      executionRate: budget > 0 ? Number((spent / budget).toFixed(4)) : null,
      averageScore: scored.length > 0 ? round2(scored.reduce((sum, p) => sum + p.score.score, 0) / scored.length) : null,
      grades,
    };
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Floor 2: the dashboard from the stored scorecards, with hand-written SQL (the page with its
 * project scorecards, their indicators with their scores and current actuals), no scoring at all.
 */
export class StoredFloor {
  private readonly db: SqliteDatabase;
  private readonly byCount = new Map<number, SqliteStatement>();
  private readonly user: SqliteStatement;
  private readonly page: SqliteStatement;
  private readonly count: SqliteStatement;

  constructor(file: string) {
    const Database = betterSqliteRequire('better-sqlite3') as new (file: string, options?: { readonly?: boolean }) => SqliteDatabase;
    this.db = new Database(file, { readonly: true });
    this.user = this.db.prepare('select id, organization_id, token_version from app_user where id = ?');
    this.page = this.db.prepare(`
      with recursive scope(id) as (select ? union select o.id from organization o join scope s on o.parent_id = s.id)
      select p.id, p.name, s.budget_fen, s.spent_fen, s.execution_rate, s.score, s.grade, s.missing
        from project p join organization o on o.id = p.organization_id join project_scorecard s on s.project_id = p.id
       where p.organization_id in (select id from scope) and p.year = ?
       order by o.code asc, p.table_number asc, p.name asc, p.id asc limit ? offset ?`);
    this.count = this.db.prepare(`
      with recursive scope(id) as (select ? union select o.id from organization o join scope s on o.parent_id = s.id)
      select count(*) as n from project p where p.organization_id in (select id from scope) and p.year = ?`);
  }

  private indicators(n: number): SqliteStatement {
    let statement = this.byCount.get(n);
    if (!statement) {
      statement = this.db.prepare(`
        select i.id, i.project_id, i.name, i.target_raw, i.target_kind, i.target_value, i.unit,
               s.weight, s.completion_rate, s.score, s.met, a.value, a.recorded_at
          from indicator i join indicator_scorecard s on s.indicator_id = i.id left join actual a on a.id = s.actual_id
         where i.project_id in (${Array.from({ length: n }, () => '?').join(', ')}) order by i.project_id, i.position`);
      this.byCount.set(n, statement);
    }
    return statement;
  }

  /** The signed-in user's organization id, or null (same token rules as the app). */
  authenticate(authorization: string | undefined): string | null {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const claims = match ? verifyToken(SECRET, match[1]) : null;
    if (!claims) return null;
    const user = this.user.get(claims.sub);
    return user && user.token_version === claims.ver ? (user.organization_id as string) : null;
  }

  /** The dashboard's JSON, shaped like the GraphQL response. */
  dashboard(scopeRootId: string, year: number, first: number) {
    const totalCount = Number(this.count.get(scopeRootId, year)!.n);
    const projects = this.page.all(scopeRootId, year, first, 0);
    const ids = projects.map((p) => p.id as string);
    const byProject = new Map<string, Array<Record<string, unknown>>>(ids.map((id) => [id, []]));
    if (ids.length > 0) for (const row of this.indicators(ids.length).all(...ids)) byProject.get(row.project_id as string)!.push(row);
    const nodes = projects.map((p) => ({
      id: p.id,
      name: p.name,
      budget: { total: Number(p.budget_fen) / 1_000_000 },
      spent: Number(p.spent_fen) / 1_000_000,
      indicators: byProject.get(p.id as string)!.map((i) => ({
        id: i.id,
        name: i.name,
        weight: i.weight,
        target: {
          raw: i.target_raw,
          kind: String(i.target_kind).toUpperCase(),
          value: i.target_value === null ? null : i.target_kind === 'quantitative' ? String(Number(i.target_value)) : i.target_value,
          unit: i.unit,
        },
        actual: i.recorded_at === null ? null : { value: i.value, recordedAt: new Date(Number(i.recorded_at)).toISOString() },
        progress: { completionRate: i.completion_rate, score: i.score, met: i.met === null ? null : i.met === 1 },
      })),
      evaluation: { score: p.score, grade: p.grade, executionRate: p.execution_rate, missing: p.missing },
    }));
    return { data: { projects: { totalCount, nodes } } };
  }

  close(): void {
    this.db.close();
  }
}

interface PlainServer {
  post(
    path: string,
    handler: (request: { headers: Record<string, string | undefined> }, reply: { code(status: number): { send(body: unknown): unknown } }) => Promise<unknown>,
  ): void;
  listen(options: { host: string; port: number }): Promise<string>;
  close(): Promise<unknown>;
  server: { address(): unknown };
}

/** A bare Fastify instance (the server package's copy: the repository root does not depend on it). */
async function plainFastify(): Promise<PlainServer> {
  const fastify = (await import(pathToFileURL(serverRequire.resolve('fastify')).href)).default as (options: { logger: boolean }) => PlainServer;
  return fastify({ logger: false });
}

// ---------------------------------------------------------------------------------------------
// 3. Load
// ---------------------------------------------------------------------------------------------

interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Responses whose body differed from the one checked before the load. */
  mismatches: number;
}

/**
 * Runs autocannon in a child process, so the load generator does not share the server's event loop.
 * With `expect`, every response body must equal it — compared on its ASCII characters only (ids,
 * numbers, keys), because autocannon decodes each chunk separately and so mangles Chinese text
 * split across chunks.
 */
async function autocannon(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  duration: number;
  expect?: string;
}): Promise<LoadResult> {
  const entry = pathToFileURL(rootRequire.resolve('autocannon')).href;
  const code = `
    import autocannon from ${JSON.stringify(entry)};
    const { expect, ...options } = JSON.parse(process.env.BENCH_LOAD);
    const ascii = (text) => text.replace(/[^\\x00-\\x7f]/g, '');
    const expected = expect === undefined ? null : ascii(expect);
    const verifyBody = expected === null ? undefined : (body) => ascii(body) === expected;
    const result = await autocannon({ ...options, method: 'POST', verifyBody });
    process.stdout.write(JSON.stringify(result));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...process.env, BENCH_LOAD: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (exitCode !== 0) throw new Error(`autocannon exited with ${exitCode}`);
  const r = JSON.parse(out);
  return {
    connections: options.connections,
    seconds: r.duration,
    requests: r.requests.total,
    rps: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    mismatches: r.mismatches ?? 0,
  };
}

interface Scenario {
  url: string;
  body: string;
  token: string;
  /** The response checked before the load: every response under load must be the same. */
  expect: string | null;
}

async function measure(name: string, { url, body, token, expect }: Scenario, plan: Plan, connections = CONNECTIONS): Promise<LoadResult> {
  process.stdout.write(`  ${name}: warm-up ${plan.warmup} s, then ${plan.duration} s at ${connections} connection${connections > 1 ? 's' : ''} … `);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const common = { url, body, headers, connections, ...(expect === null ? {} : { expect }) };
  await autocannon({ ...common, duration: plan.warmup });
  const result = await autocannon({ ...common, duration: plan.duration });
  console.log(`${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
  if (result.errors + result.timeouts + result.non2xx + result.mismatches > 0) {
    fail(`${name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses, ${result.mismatches} wrong answers`);
  }
  return result;
}

/** Runs `fn` with this process's CPU profiled into `dir` (BENCH_CPU_PROF), else just runs it. */
async function profiled<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${label}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`  CPU profile: ${file}`);
    session.disconnect();
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/** The first path where two JSON values differ, or null. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b ? null : `${path}: ${a} ≠ ${b}`;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return a === b ? null : `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const diff = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (diff) return diff;
  }
  return null;
}

async function post(url: string, body: string, token?: string): Promise<{ status: number; text: string; json: any; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text), ms: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------
// The section
// ---------------------------------------------------------------------------------------------

const DASHBOARD = `{ projects(year: ${YEAR}, first: 20) { totalCount nodes { id name budget { total } spent indicators { id name weight target { raw kind value unit } actual { value recordedAt } progress { completionRate score met } } evaluation { score grade executionRate missing } } } }`;
const summaryQuery = (code: string): string =>
  `{ organizationSummary(orgCode: "${code}", year: ${YEAR}) { projectCount budget spent executionRate averageScore grades { excellent good fair poor } } }`;

const fmt = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: value >= 100 ? 0 : 1 });

/** Serves `dashboard` for the signed-in user on POST /dashboard, on a bare Fastify instance. */
async function floorServer(floor: {
  authenticate(authorization: string | undefined): string | null;
  dashboard(orgId: string, year: number, first: number): unknown;
}): Promise<{ url: string; close: () => Promise<unknown> }> {
  const server = await plainFastify();
  server.post('/dashboard', async (request, reply) => {
    const orgId = floor.authenticate(request.headers.authorization);
    if (!orgId) return reply.code(401).send({ error: 'unauthenticated' });
    return floor.dashboard(orgId, YEAR, 20);
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  return { url: `http://127.0.0.1:${(server.server.address() as { port: number }).port}/dashboard`, close: () => server.close() };
}

export async function run(options: BenchOptions): Promise<Section> {
  failures = [];
  const plan = planOf(options);
  const tmp = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const file = join(tmp, 'bench.sqlite');
  let db: Db | null = null;
  const closers: Array<() => unknown> = [];
  const loadBefore = loadavg().map((x) => Number(x.toFixed(2)));
  try {
    console.log(`API benchmark — node ${process.version}, ${cpus().length} CPUs, load average ${loadBefore.join(' ')}, SQLite at ${file}`);
    db = await createDb({ url: file });
    const dataset = await generateDataset(db, plan.orgs);
    console.log(
      `Dataset: ${dataset.organizations} organizations, ${dataset.projects} projects, ${dataset.indicators} indicators, ` +
        `${dataset.actuals} actuals, ${dataset.spendings} spending rows, ${dataset.users} users — generated in ${dataset.seconds.toFixed(1)} s`,
    );
    // The rows were written straight into the tables, past the writers that keep the scorecards.
    const rebuildStarted = performance.now();
    await rebuildScorecards(db.em.fork());
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    console.log(`Stored scorecards rebuilt (jixiao rebuild-scorecards) in ${rebuildSeconds.toFixed(1)} s`);

    // The real app.
    const config: AppConfig = { ...DEFAULT_CONFIG, secret: SECRET, uploadsDir: join(tmp, 'uploads'), logger: false, production: true };
    const app = await buildApp(db, config);
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => app.server.close());
    const graphqlUrl = `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}/graphql`;
    const login = async (username: string): Promise<string> => {
      const body = JSON.stringify({
        query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        variables: { u: username, p: PASSWORD },
      });
      const { json } = await post(graphqlUrl, body);
      if (!json.data?.login?.token) throw new Error(`login ${username} failed: ${JSON.stringify(json.errors)}`);
      return json.data.login.token as string;
    };
    const managerToken = await login('bench-manager');
    const adminToken = await login('bench-admin');

    // The floors, each on its own Fastify server and its own read-only connection to the same file.
    const floor = new Floor(file);
    closers.push(() => floor.close());
    const storedFloor = new StoredFloor(file);
    closers.push(() => storedFloor.close());
    const floor1 = await floorServer(floor);
    closers.push(floor1.close);
    const floor2 = await floorServer(storedFloor);
    closers.push(floor2.close);

    // Correctness, once, before any load: GraphQL, both floors and the base tables agree.
    const dashboardBody = JSON.stringify({ query: DASHBOARD });
    const gql = await post(graphqlUrl, dashboardBody, managerToken);
    const nodes = gql.json.data?.projects?.nodes;
    if (gql.status !== 200 || gql.json.errors) fail(`dashboard answered ${gql.status}: ${JSON.stringify(gql.json.errors)}`);
    else if (!Array.isArray(nodes) || nodes.length !== 20 || nodes.some((n: { indicators: unknown[] }) => n.indicators.length !== INDICATORS_PER_PROJECT)) {
      fail(
        `dashboard: expected 20 projects with ${INDICATORS_PER_PROJECT} indicators each, got ${JSON.stringify(nodes?.map((n: { indicators: unknown[] }) => n.indicators.length))}`,
      );
    } else if (gql.json.data.projects.totalCount !== PROJECTS_PER_ORG) {
      fail(`dashboard: totalCount ${gql.json.data.projects.totalCount}, expected ${PROJECTS_PER_ORG}`);
    }
    const fl1 = await post(floor1.url, dashboardBody, managerToken);
    const fl2 = await post(floor2.url, dashboardBody, managerToken);
    const diff1 = firstDifference(gql.json, fl1.json);
    if (diff1) fail(`floor 1 (base tables) and GraphQL disagree on the dashboard: ${diff1}`);
    const diff2 = firstDifference(fl2.json, fl1.json);
    if (diff2) fail(`floor 2 (stored scorecards) and floor 1 (base tables) disagree on the dashboard: ${diff2}`);
    if (!diff1 && !diff2 && nodes) {
      const p = nodes[0];
      console.log(
        `Check: GraphQL and both floors return the same dashboard (20 projects × ${INDICATORS_PER_PROJECT} indicators); e.g. “${p.name}”: ` +
          `budget ${p.budget.total} 万元, spent ${p.spent}, score ${p.evaluation.score} (${p.evaluation.grade}), missing ${p.evaluation.missing}`,
      );
    }
    const summaryBody = JSON.stringify({ query: summaryQuery(SUMMARY_ORG) });
    const summary = await post(graphqlUrl, summaryBody, adminToken);
    if (summary.status !== 200 || summary.json.errors)
      fail(`organizationSummary(${SUMMARY_ORG}) answered ${summary.status}: ${JSON.stringify(summary.json.errors)}`);
    else {
      const summaryDiff = firstDifference(summary.json.data.organizationSummary, floor.summary(SUMMARY_ORG, YEAR));
      if (summaryDiff) fail(`organizationSummary(${SUMMARY_ORG}) differs from the one computed from the base tables: ${summaryDiff}`);
    }

    // Load.
    console.log('Load:');
    const dashboard: Scenario = { url: graphqlUrl, body: dashboardBody, token: managerToken, expect: gql.text };
    const d = await profiled('dashboard', () => measure('dashboard (GraphQL, manager)', dashboard, plan));
    const f1 = await measure(
      'floor 1 (hand-written SQL from the base tables + scoreProject)',
      { url: floor1.url, body: dashboardBody, token: managerToken, expect: fl1.text },
      plan,
    );
    const f2 = await measure(
      'floor 2 (hand-written SQL from the stored scorecards)',
      { url: floor2.url, body: dashboardBody, token: managerToken, expect: fl2.text },
      plan,
    );
    // One connection: what a request costs when it does not queue behind the others.
    const service: Plan = { ...plan, duration: Math.min(plan.duration, 5) };
    const d1 = await measure('dashboard (GraphQL), 1 connection', dashboard, service, 1);
    const f21 = await measure('floor 2, 1 connection', { url: floor2.url, body: dashboardBody, token: managerToken, expect: fl2.text }, service, 1);
    const unit = await measure(
      `organizationSummary ${SUMMARY_ORG} (${PROJECTS_PER_ORG} projects)`,
      { url: graphqlUrl, body: summaryBody, token: adminToken, expect: summary.text },
      plan,
    );

    // The whole province, one request at a time, checked against the base tables.
    const rootBody = JSON.stringify({ query: summaryQuery(ROOT_CODE) });
    const rollupMs: number[] = [];
    let rootAnswer: unknown = null;
    for (let i = 0; i < ROLLUP_REQUESTS; i++) {
      const r = await post(graphqlUrl, rootBody, adminToken);
      if (r.status !== 200 || r.json.errors) {
        fail(`organizationSummary(${ROOT_CODE}) answered ${r.status}: ${JSON.stringify(r.json.errors)}`);
        break;
      }
      rollupMs.push(r.ms);
      rootAnswer ??= r.json.data.organizationSummary;
    }
    const floorStarted = performance.now();
    const expectedRoot = floor.summary(ROOT_CODE, YEAR);
    const floorRollupMs = performance.now() - floorStarted;
    if (rootAnswer) {
      const rootDiff = firstDifference(rootAnswer, expectedRoot);
      if (rootDiff) fail(`organizationSummary(${ROOT_CODE}) differs from the one computed from the base tables: ${rootDiff}`);
    }
    const rollup = rollupMs.length > 0 ? median(rollupMs) : Number.NaN;
    console.log(
      `  organizationSummary ${ROOT_CODE} (all ${dataset.projects} projects), ${rollupMs.length} requests one at a time: median ${rollup.toFixed(1)} ms, ` +
        `max ${Math.max(...rollupMs).toFixed(1)} ms; computing it from the base tables takes ${floorRollupMs.toFixed(0)} ms`,
    );

    const projects = `${dataset.projects.toLocaleString('en-US')}-project`;
    const figures: Figure[] = [
      {
        label: `dashboard (GraphQL) at ${CONNECTIONS} connections`,
        value: d.rps,
        unit: 'req/s',
        target: { op: '>=', value: f1.rps },
        reference: `floor 1 ${fmt(f1.rps)} req/s (same run); today ${TODAY.dashboardRps} req/s against floor ${TODAY.floorRps}`,
      },
      {
        label: `dashboard (GraphQL) p99 at ${CONNECTIONS} connections`,
        value: d.p99,
        unit: 'ms',
        target: { op: '<=', value: f1.p99 },
        reference: `floor 1 p99 ${fmt(f1.p99)} ms (same run); today ${TODAY.dashboardP99.toLocaleString('en-US')} ms against floor ${TODAY.floorP99}`,
      },
      {
        label: `dashboard (GraphQL) against floor 2, at ${CONNECTIONS} connections`,
        value: d.rps,
        unit: 'req/s',
        target: { op: '>=', value: f2.rps / 2 },
        reference: `floor 2 ${fmt(f2.rps)} req/s (same run), within 2× of it`,
      },
      {
        label: `organizationSummary of the province (${projects} roll-up), median of ${rollupMs.length}`,
        value: rollup,
        unit: 'ms',
        target: { op: '<=', value: 100 },
        reference: `from the base tables ${fmt(floorRollupMs)} ms (same run); today ${TODAY.rollupMs.toLocaleString('en-US')} ms`,
      },
      {
        label: 'floor 1 (base tables + scoreProject)',
        value: f1.rps,
        unit: 'req/s',
        reference: `p99 ${fmt(f1.p99)} ms; today ${TODAY.floorRps} req/s, p99 ${TODAY.floorP99} ms`,
      },
      { label: 'floor 2 (stored scorecards)', value: f2.rps, unit: 'req/s', reference: `p99 ${fmt(f2.p99)} ms` },
      {
        label: 'dashboard (GraphQL), 1 connection',
        value: d1.rps,
        unit: 'req/s',
        reference: `p50 ${fmt(d1.p50)} ms; floor 2 at 1 connection ${fmt(f21.rps)} req/s, p50 ${fmt(f21.p50)} ms`,
      },
      {
        label: `organizationSummary of a unit (${PROJECTS_PER_ORG} projects) at ${CONNECTIONS} connections`,
        value: unit.rps,
        unit: 'req/s',
        reference: `p99 ${fmt(unit.p99)} ms`,
      },
      { label: `jixiao rebuild-scorecards (${projects})`, value: rebuildSeconds, unit: 's' },
    ];
    return {
      name: 'api',
      setup: {
        database: 'sqlite (WAL)',
        organizations: dataset.organizations,
        projects: dataset.projects,
        indicatorsPerProject: INDICATORS_PER_PROJECT,
        connections: CONNECTIONS,
        durationSeconds: plan.duration,
        warmupSeconds: plan.warmup,
        loadAverage: { before: loadBefore, after: loadavg().map((x) => Number(x.toFixed(2))) },
      },
      figures,
      failures,
      details: {
        dataset,
        loads: { dashboard: d, floor1: f1, floor2: f2, dashboardAt1: d1, floor2At1: f21, unitSummary: unit },
        rollupMs: rollupMs.map((ms) => Number(ms.toFixed(1))),
        floorRollupMs,
        rebuildSeconds,
      },
    };
  } finally {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch((error: unknown) => console.error(error));
    await db?.close();
    if (process.env.BENCH_KEEP_DB) console.log(`Kept ${file} (BENCH_KEEP_DB)`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) runStandalone(run);
