import type { EntityManager } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import {
  addRollUpSums,
  emptyRollUpSums,
  rollUpFromSums,
  rollUpProjects,
  rollUpSumsOf,
  type Grade,
  type IndicatorScore,
  type ProjectScore,
  type RollUp,
  type RollUpSums,
  type Tier,
} from '@jixiao/domain';
import { fenFromWan, wanFromFen } from '../common/money.js';
import {
  boolean,
  insertStatements,
  instant,
  nullable,
  number,
  placeholders,
  queryRows,
  queryRowsAfter,
  runStatement,
  runStatements,
  text,
  type RowOf,
  type Statement,
} from '../common/sql.js';
import type { ActualSource } from '../actual/actual.entity.js';
import { indicatorRowOf, INDICATOR_COLUMNS, loadProjectData, type ActualRow, type IndicatorRow, type ProjectData } from './project-data.js';

/**
 * Stored scorecards (docs/domain.md, "Stored scorecards"): the domain's scores of each project kept
 * in three tables, so that the dashboard and the roll-ups read rows instead of scoring every actual
 * again on every request.
 *
 * - project_scorecard: a project's 总分, grade, 执行率, missing, budget and spending;
 * - indicator_scorecard: each indicator's weight, completion rate, 得分, met, and its current actual;
 * - organization_scorecard: the roll-up sums (RollUpSums) of an organization's own projects of a
 *   year, updated by adding each refreshed project's change (new sums minus old), never re-summed.
 *
 * Every write that can move a score calls refreshScorecards(tx, projectIds) inside its transaction.
 * The domain stays the one place that scores: the stored values are scoreProject's output.
 */

/** Projects refreshed per batch: a few statements each, within every database's parameter limit. */
const CHUNK = 200;

function isPostgres(em: EntityManager): boolean {
  return em.getPlatform() instanceof PostgreSqlPlatform;
}

/**
 * Recomputes the scorecards of these projects from their records with the domain's scoreProject,
 * stores them, and adds each project's change to its organization's roll-up sums. Call it inside
 * the transaction of every write that can move a score (actuals recorded or derived, targets
 * imported, weights, sources or applicability changed, spending recorded, evidence accepted,
 * rejected or voided); without a transaction it opens one. A project that no longer exists loses
 * its scorecard and leaves the sums. `before` (writes of the caller's, such as new actuals) run first,
 * in the same round trip as the refresh's first read.
 *
 * @example await em.transactional(async (tx) => { tx.create(Actual, { … }); await tx.flush(); await refreshScorecards(tx, [projectId]); });
 */
export async function refreshScorecards(em: EntityManager, projectIds: readonly string[], before: readonly Statement[] = []): Promise<void> {
  const ids = [...new Set(projectIds)].sort();
  if (ids.length === 0) return runStatements(em, before);
  const run = async (tx: EntityManager) => {
    for (let at = 0; at < ids.length; at += CHUNK) await refreshChunk(tx, ids.slice(at, at + CHUNK), at === 0 ? before : []);
  };
  if (em.isInTransaction()) await run(em);
  else await em.transactional(run);
}

interface StoredProjectRow {
  project_id: string;
  organization_id: string;
  year: number;
  budget_fen: number;
  spent_fen: number;
  score: number;
  grade: Grade;
  missing: number;
}

const STORED_PROJECT_COLUMNS = {
  project_id: text,
  organization_id: text,
  year: number,
  budget_fen: number,
  spent_fen: number,
  score: number,
  grade: text<Grade>,
  missing: number,
};

/** What a stored or fresh project scorecard adds to its organization's sums. */
function sumsOf(row: { budget_fen: number; spent_fen: number; score: number; grade: Grade; missing: number }): RollUpSums {
  return rollUpSumsOf({ budget: wanFromFen(row.budget_fen), spent: wanFromFen(row.spent_fen), score: row.score, grade: row.grade, missing: row.missing });
}

async function refreshChunk(tx: EntityManager, ids: string[], before: readonly Statement[]): Promise<void> {
  const pg = isPostgres(tx);
  const inIds = placeholders(ids.length);
  // PostgreSQL: two writers refreshing one project would each read the records without the
  // other's and store a stale card, and each add its change to the sums from the same old card.
  // The row lock makes the second wait for the first to commit, then read both (read committed).
  // It does not conflict with the key-share locks that inserting an actual or a spending row
  // takes on the project. SQLite has a single writer already.
  const lock: Statement[] = pg ? [[`select id from project where id in (${inIds}) order by id for no key update`, ids]] : [];
  const [projects, old] = await Promise.all([
    // The caller's writes first, then the lock, then the read: one round trip on PostgreSQL.
    queryRowsAfter(tx, [...before, ...lock], `select id, organization_id, year, budget_total_fen from project where id in (${inIds})`, ids, {
      id: text,
      organization_id: text,
      year: number,
      budget_total_fen: number,
    }),
    queryRows(
      tx,
      `select project_id, organization_id, year, budget_fen, spent_fen, score, grade, missing from project_scorecard where project_id in (${inIds})`,
      ids,
      STORED_PROJECT_COLUMNS,
    ),
  ]);
  const existing = projects.map((p) => p.id);
  const data = existing.length === 0 ? [] : await loadProjectData(tx, existing, new Map(projects.map((p) => [p.id, wanFromFen(p.budget_total_fen)])));

  const fresh: StoredProjectRow[] = [];
  const projectRows: Array<Record<string, unknown>> = [];
  const indicatorRows: Array<Record<string, unknown>> = [];
  projects.forEach((project, i) => {
    const { score, indicators, current: currentOf, byIndicator, spent } = data[i];
    const row: StoredProjectRow = {
      project_id: project.id,
      organization_id: project.organization_id,
      year: project.year,
      budget_fen: project.budget_total_fen,
      spent_fen: fenFromWan(spent),
      score: score.score,
      grade: score.grade,
      missing: score.missing,
    };
    fresh.push(row);
    projectRows.push({
      ...row,
      execution_rate: score.executionRate,
      execution_score: score.executionScore,
      complete: score.complete,
    });
    for (const indicator of indicators) {
      const scored = byIndicator.get(indicator.id)!;
      const current = currentOf.get(indicator.id) ?? null;
      indicatorRows.push({
        indicator_id: indicator.id,
        project_id: project.id,
        weight: scored.weight,
        completion_rate: scored.completionRate,
        score: scored.score,
        met: scored.met,
        deviation_note_required: scored.deviationNoteRequired,
        missing: scored.missing,
        actual_id: current?.id ?? null,
      });
    }
  });

  // The change of each organization's sums: the fresh cards in, the stored ones out.
  const deltas = new Map<string, { organizationId: string; year: number; sums: RollUpSums }>();
  const apply = (row: StoredProjectRow, sign: 1 | -1) => {
    const key = `${row.organization_id}|${row.year}`;
    const delta = deltas.get(key) ?? { organizationId: row.organization_id, year: row.year, sums: emptyRollUpSums() };
    delta.sums = addRollUpSums(delta.sums, sumsOf(row), sign);
    deltas.set(key, delta);
  };
  for (const row of old) apply(row, -1);
  for (const row of fresh) apply(row, 1);

  // The card's rows replaced and the sums moved, in one round trip on PostgreSQL.
  const writes: Statement[] = [
    [`delete from indicator_scorecard where project_id in (${inIds})`, ids],
    [`delete from project_scorecard where project_id in (${inIds})`, ids],
    ...insertStatements(tx, 'project_scorecard', projectRows),
    ...insertStatements(tx, 'indicator_scorecard', indicatorRows),
  ];
  // In key order, so that two transactions touching the same organizations cannot deadlock.
  for (const { organizationId, year, sums } of [...deltas.values()].sort((a, b) => (a.organizationId + a.year < b.organizationId + b.year ? -1 : 1))) {
    if (isZero(sums)) continue;
    writes.push([
      `insert into organization_scorecard (organization_id, year, ${SUM_COLUMNS.join(', ')}) values (?, ?, ${placeholders(SUM_COLUMNS.length)})
       on conflict (organization_id, year) do update set ${SUM_COLUMNS.map((c) => `${c} = organization_scorecard.${c} + excluded.${c}`).join(', ')}`,
      [organizationId, year, ...sumValues(sums)],
    ]);
    if (sums.projectCount < 0) {
      writes.push(['delete from organization_scorecard where organization_id = ? and year = ? and project_count = 0', [organizationId, year]]);
    }
  }
  await runStatements(tx, writes);
}

const SUM_COLUMNS = [
  'project_count',
  'budget_fen',
  'spent_fen',
  'score_hundredths',
  'excellent',
  'good',
  'fair',
  'poor',
  'incomplete_projects',
  'missing',
] as const;

function sumValues(sums: RollUpSums): number[] {
  const { excellent, good, fair, poor } = sums.grades;
  return [sums.projectCount, sums.budgetFen, sums.spentFen, sums.scoreHundredths, excellent, good, fair, poor, sums.incompleteProjects, sums.missing];
}

function isZero(sums: RollUpSums): boolean {
  return sumValues(sums).every((value) => value === 0);
}

/**
 * Throws every stored scorecard away and computes all of them again from the records, in one
 * transaction (`jixiao rebuild-scorecards`). Returns how many projects and indicators were scored.
 */
export async function rebuildScorecards(em: EntityManager): Promise<{ projects: number; indicators: number }> {
  return em.transactional(async (tx) => {
    // PostgreSQL: wait for writers that are refreshing a project now; later ones wait for this.
    if (isPostgres(tx)) await queryRows(tx, 'select id from project order by id for no key update', [], { id: text });
    await runStatement(tx, 'delete from indicator_scorecard');
    await runStatement(tx, 'delete from project_scorecard');
    await runStatement(tx, 'delete from organization_scorecard');
    const ids = (await queryRows(tx, 'select id from project order by id', [], { id: text })).map((row) => row.id);
    await refreshScorecards(tx, ids);
    const [counted] = await queryRows(tx, 'select count(*) as n from indicator_scorecard', [], { n: number });
    return { projects: ids.length, indicators: counted.n };
  });
}

/**
 * Builds the scorecards a database does not have yet — all of them in a database made before they
 * existed, none in an up-to-date one (one query) — so that readers can count on them. Run when a
 * database is opened. Returns how many projects were scored.
 */
export async function ensureScorecards(em: EntityManager): Promise<number> {
  const missing = await queryRows(
    em,
    `select p.id from project p left join project_scorecard s on s.project_id = p.id where s.project_id is null
     union
     select i.project_id as id from indicator i left join indicator_scorecard s on s.indicator_id = i.id where s.indicator_id is null`,
    [],
    { id: text },
  );
  if (missing.length === 0) return 0;
  await em.transactional((tx) =>
    refreshScorecards(
      tx,
      missing.map((row) => row.id),
    ),
  );
  return missing.length;
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/** A project's stored scorecard: its money and scoreProject's totals. */
export interface ProjectCard {
  projectId: string;
  /** 万元 */
  budget: number;
  /** 万元 */
  spent: number;
  score: Omit<ProjectScore, 'indicators'>;
}

/** An indicator with its stored score and current actual (the newest record). */
export interface IndicatorCard {
  row: IndicatorRow;
  score: IndicatorScore;
  current: ActualRow | null;
}

const PROJECT_CARD_COLUMNS = {
  project_id: text,
  budget_fen: number,
  spent_fen: number,
  execution_rate: nullable(number),
  execution_score: number,
  score: number,
  grade: text<Grade>,
  missing: number,
  complete: boolean,
};

function cardOf(data: ProjectData, projectId: string): ProjectCard {
  const { indicators: _indicators, ...score } = data.score;
  return { projectId, budget: data.budget, spent: data.spent, score };
}

/**
 * The stored scorecards of these projects, in their order. A project without one (never expected:
 * every writer refreshes, and opening a database builds what is missing) is scored from its records.
 */
export async function loadProjectCards(em: EntityManager, projectIds: readonly string[]): Promise<ProjectCard[]> {
  const ids = [...projectIds];
  if (ids.length === 0) return [];
  const rows = await queryRows(
    em,
    `select project_id, budget_fen, spent_fen, execution_rate, execution_score, score, grade, missing, complete
       from project_scorecard where project_id in (${placeholders(ids.length)})`,
    ids,
    PROJECT_CARD_COLUMNS,
  );
  const byId = new Map<string, ProjectCard>();
  for (const row of rows) {
    byId.set(row.project_id, {
      projectId: row.project_id,
      budget: wanFromFen(row.budget_fen),
      spent: wanFromFen(row.spent_fen),
      score: {
        executionRate: row.execution_rate,
        executionScore: row.execution_score,
        score: row.score,
        grade: row.grade,
        missing: row.missing,
        complete: row.complete,
      },
    });
  }
  const unscored = ids.filter((id) => !byId.has(id));
  if (unscored.length > 0) (await loadProjectData(em, unscored)).forEach((data, i) => byId.set(unscored[i], cardOf(data, unscored[i])));
  return ids.map((id) => byId.get(id)!);
}

const INDICATOR_CARD_COLUMNS = {
  ...INDICATOR_COLUMNS,
  s_indicator_id: nullable(text),
  s_weight: nullable(number),
  s_completion_rate: nullable(number),
  s_score: nullable(number),
  s_met: nullable(boolean),
  s_deviation_note_required: nullable(boolean),
  s_missing: nullable(boolean),
  a_id: nullable(text),
  a_value: nullable(text),
  a_tier: nullable(text<Tier>),
  a_ratio: nullable(number),
  a_note: nullable(text),
  a_recorded_at: nullable(instant),
  a_derived_from: nullable(text),
  a_source: nullable(text<ActualSource>),
  a_username: nullable(text),
  a_display_name: nullable(text),
};

/** Where each column of INDICATOR_CARD_COLUMNS comes from: the indicator, its scorecard (s), its current actual (a) and who recorded it (u). */
const INDICATOR_CARD_SQL: Record<keyof typeof INDICATOR_CARD_COLUMNS, string> = {
  ...(Object.fromEntries(Object.keys(INDICATOR_COLUMNS).map((column) => [column, `i.${column}`])) as Record<keyof typeof INDICATOR_COLUMNS, string>),
  s_indicator_id: 's.indicator_id',
  s_weight: 's.weight',
  s_completion_rate: 's.completion_rate',
  s_score: 's.score',
  s_met: 's.met',
  s_deviation_note_required: 's.deviation_note_required',
  s_missing: 's.missing',
  a_id: 'a.id',
  a_value: 'a.value',
  a_tier: 'a.tier',
  a_ratio: 'a.ratio',
  a_note: 'a.note',
  a_recorded_at: 'a.recorded_at',
  a_derived_from: 'a.derived_from',
  a_source: 'a.source',
  a_username: 'u.username',
  a_display_name: 'u.display_name',
};

/** A column of an indicator card (see INDICATOR_CARD_COLUMNS). */
export type IndicatorCardColumn = keyof typeof INDICATOR_CARD_COLUMNS;

/** Read whatever else is asked for: which indicator and project, and whether it has a stored score. */
const KEY_COLUMNS: readonly IndicatorCardColumn[] = ['id', 'project_id', 's_indicator_id'];

/** Every column: what loadIndicatorCards reads when not told otherwise. */
export const ALL_INDICATOR_CARD_COLUMNS: readonly IndicatorCardColumn[] = Object.keys(INDICATOR_CARD_COLUMNS) as IndicatorCardColumn[];

interface CardStatement {
  sql: (count: number) => string;
  columns: Partial<typeof INDICATOR_CARD_COLUMNS>;
}
/** Statements by the columns they read: a few selections in practice, at most this many kept (a client chooses the selection). */
const cardStatements = new Map<string, CardStatement>();
const MAX_CARD_STATEMENTS = 64;

/** The statement reading these columns (the key columns always), joining only the tables they come from. */
function cardStatement(wanted: readonly IndicatorCardColumn[]): CardStatement {
  const asked = new Set([...KEY_COLUMNS, ...wanted]);
  // Whether there is a current actual at all is told by its id.
  if ([...asked].some((name) => name.startsWith('a_'))) asked.add('a_id');
  const names = [...asked].sort();
  const key = names.join(',');
  let found = cardStatements.get(key);
  if (!found) {
    const select = names.map((name) => (INDICATOR_CARD_SQL[name] === `i.${name}` ? `i.${name}` : `${INDICATOR_CARD_SQL[name]} as ${name}`)).join(', ');
    const actual = names.some((name) => name.startsWith('a_'));
    const user = names.includes('a_username') || names.includes('a_display_name');
    const joins = [
      'left join indicator_scorecard s on s.indicator_id = i.id',
      ...(actual ? ['left join actual a on a.id = s.actual_id'] : []),
      ...(user ? ['left join app_user u on u.id = a.recorded_by_id'] : []),
    ].join(' ');
    const columns = Object.fromEntries(names.map((name) => [name, INDICATOR_CARD_COLUMNS[name]])) as Partial<typeof INDICATOR_CARD_COLUMNS>;
    found = {
      sql: (count) => `select ${select} from indicator i ${joins} where i.project_id in (${placeholders(count)}) order by i.project_id, i.position`,
      columns,
    };
    if (cardStatements.size >= MAX_CARD_STATEMENTS) cardStatements.clear();
    cardStatements.set(key, found);
  }
  return found;
}

/**
 * Each project's indicators in table order, with their stored scores and current actuals: one
 * statement (indicator, its scorecard, the actual it scored and who recorded it, joined by key).
 * A project with an indicator that has no stored score is scored from its records.
 *
 * `columns` (all of them by default) are those the caller will read: a card's other values are
 * left undefined, and tables none of them come from are not joined. The GraphQL `indicators` field
 * reads what its selection needs (a dashboard: a third of the columns, no recorder). A project
 * scored from its records has every value.
 */
export async function loadIndicatorCards(
  em: EntityManager,
  projectIds: readonly string[],
  columns: readonly IndicatorCardColumn[] = ALL_INDICATOR_CARD_COLUMNS,
): Promise<IndicatorCard[][]> {
  const ids = [...projectIds];
  if (ids.length === 0) return [];
  const statement = cardStatement(columns);
  // Only the columns asked for are there; the others read as undefined.
  const rows = (await queryRows(em, statement.sql(ids.length), ids, statement.columns)) as Array<RowOf<typeof INDICATOR_CARD_COLUMNS>>;
  const byProject = new Map<string, IndicatorCard[]>(ids.map((id) => [id, []]));
  const unscored = new Set<string>();
  for (const r of rows) {
    if (r.s_indicator_id === null) {
      unscored.add(r.project_id);
      continue;
    }
    byProject.get(r.project_id)!.push({
      row: indicatorRowOf(r),
      score: {
        weight: r.s_weight!,
        completionRate: r.s_completion_rate,
        score: r.s_score,
        met: r.s_met,
        deviationNoteRequired: r.s_deviation_note_required!,
        missing: r.s_missing!,
      },
      current:
        r.a_id == null
          ? null
          : {
              id: r.a_id,
              indicatorId: r.id,
              value: r.a_value,
              tier: r.a_tier,
              ratio: r.a_ratio,
              note: r.a_note,
              recordedAt: r.a_recorded_at!,
              recordedBy: r.a_username,
              recordedByName: r.a_display_name ?? r.a_username,
              derivedFrom: r.a_derived_from,
              source: r.a_source!,
            },
    });
  }
  if (unscored.size > 0) {
    const list = [...unscored];
    (await loadProjectData(em, list)).forEach((data, i) => byProject.set(list[i], indicatorCardsOf(data)));
  }
  return ids.map((id) => byProject.get(id)!);
}

/** The indicator cards of a project scored from its records. */
export function indicatorCardsOf(data: ProjectData): IndicatorCard[] {
  return data.indicators.map((row) => ({ row, score: data.byIndicator.get(row.id)!, current: data.current.get(row.id) ?? null }));
}

/**
 * The stored roll-up of these organizations' projects of a year (their own, not their units':
 * pass every organization of the subtree), from the per-organization sums.
 */
export async function rollUpOrganizations(em: EntityManager, organizationIds: readonly string[], year: number): Promise<RollUp> {
  let sums = emptyRollUpSums();
  // PostgreSQL takes at most 65,535 parameters a statement, SQLite 32,766.
  for (let at = 0; at < organizationIds.length; at += 10_000) {
    const chunk = organizationIds.slice(at, at + 10_000);
    const [row] = await queryRows(
      em,
      `select ${SUM_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ')} from organization_scorecard where year = ? and organization_id in (${placeholders(chunk.length)})`,
      [year, ...chunk],
      Object.fromEntries(SUM_COLUMNS.map((c) => [c, (value: unknown) => (value === null || value === undefined ? 0 : Number(value))])) as Record<
        (typeof SUM_COLUMNS)[number],
        (value: unknown) => number
      >,
    );
    sums = addRollUpSums(sums, {
      projectCount: row.project_count,
      budgetFen: row.budget_fen,
      spentFen: row.spent_fen,
      scoreHundredths: row.score_hundredths,
      grades: { excellent: row.excellent, good: row.good, fair: row.fair, poor: row.poor },
      incompleteProjects: row.incomplete_projects,
      missing: row.missing,
    });
  }
  return rollUpFromSums(sums);
}

// ---------------------------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------------------------

/**
 * Where the stored scorecards differ from a computation from scratch (each project scored from its
 * records, each organization's projects rolled up by rollUpProjects): one line per difference,
 * none when they agree. For tests and `jixiao rebuild-scorecards --check`.
 */
export async function scorecardDifferences(em: EntityManager): Promise<string[]> {
  const differences: string[] = [];
  const projects = await queryRows(em, 'select id, organization_id, year from project order by id', [], { id: text, organization_id: text, year: number });
  const stored = new Map<string, ProjectCard>();
  const storedIndicators = new Map<string, IndicatorCard[]>();
  const fresh: Array<{ project: (typeof projects)[number]; data: ProjectData }> = [];
  for (let at = 0; at < projects.length; at += CHUNK) {
    const chunk = projects.slice(at, at + CHUNK);
    const ids = chunk.map((p) => p.id);
    const [cards, indicatorCards, data] = await Promise.all([storedProjectCards(em, ids), storedIndicatorCards(em, ids), loadProjectData(em, ids)]);
    for (const card of cards) stored.set(card.projectId, card);
    indicatorCards.forEach((list, i) => storedIndicators.set(ids[i], list));
    chunk.forEach((project, i) => fresh.push({ project, data: data[i] }));
  }
  const [{ n: orphans }] = await queryRows(
    em,
    'select count(*) as n from project_scorecard s left join project p on p.id = s.project_id where p.id is null',
    [],
    { n: number },
  );
  if (orphans > 0) differences.push(`${orphans} stored project scorecard(s) of no project`);

  const groups = new Map<string, { organizationId: string; year: number; projects: ProjectData[] }>();
  for (const { project, data } of fresh) {
    const expected = cardOf(data, project.id);
    const card = stored.get(project.id);
    if (!card) differences.push(`project ${project.id}: no stored scorecard`);
    else {
      const diff = firstDifference(card, expected);
      if (diff) differences.push(`project ${project.id}: ${diff}`);
    }
    const expectedIndicators = indicatorCardsOf(data).map(({ row, score, current }) => ({ id: row.id, score, actualId: current?.id ?? null }));
    const storedList = (storedIndicators.get(project.id) ?? []).map(({ row, score, current }) => ({ id: row.id, score, actualId: current?.id ?? null }));
    const diff = firstDifference(storedList, expectedIndicators);
    if (diff) differences.push(`project ${project.id} indicators: ${diff}`);
    const key = `${project.organization_id}|${project.year}`;
    const group = groups.get(key) ?? { organizationId: project.organization_id, year: project.year, projects: [] };
    group.projects.push(data);
    groups.set(key, group);
  }

  const sums = await queryRows(em, `select organization_id, year, ${SUM_COLUMNS.join(', ')} from organization_scorecard`, [], {
    organization_id: text,
    year: number,
    ...(Object.fromEntries(SUM_COLUMNS.map((c) => [c, number])) as Record<(typeof SUM_COLUMNS)[number], (value: unknown) => number>),
  });
  const storedSums = new Map(sums.map((row) => [`${row.organization_id}|${row.year}`, row]));
  for (const [key, group] of groups) {
    const expected = rollUpProjects(
      group.projects.map(({ budget, spent, score }) => ({ budget, spent, score: score.score, grade: score.grade, missing: score.missing })),
    );
    const row = storedSums.get(key);
    storedSums.delete(key);
    if (!row) {
      differences.push(`organization ${group.organizationId} ${group.year}: no stored roll-up sums`);
      continue;
    }
    const actual = rollUpFromSums({
      projectCount: row.project_count,
      budgetFen: row.budget_fen,
      spentFen: row.spent_fen,
      scoreHundredths: row.score_hundredths,
      grades: { excellent: row.excellent, good: row.good, fair: row.fair, poor: row.poor },
      incompleteProjects: row.incomplete_projects,
      missing: row.missing,
    });
    const diff = firstDifference(actual, expected);
    if (diff) differences.push(`organization ${group.organizationId} ${group.year}: ${diff}`);
  }
  for (const key of storedSums.keys()) differences.push(`organization ${key.replace('|', ' ')}: stored roll-up sums of no project`);
  return differences;
}

/** The stored project cards only (no fallback), for the check. */
async function storedProjectCards(em: EntityManager, ids: readonly string[]): Promise<ProjectCard[]> {
  const present = await queryRows(em, `select project_id from project_scorecard where project_id in (${placeholders(ids.length)})`, ids, {
    project_id: text,
  });
  const have = present.map((row) => row.project_id);
  return have.length === 0 ? [] : loadProjectCards(em, have);
}

/** The stored indicator cards only: an indicator without a stored score is left out, for the check to see. */
async function storedIndicatorCards(em: EntityManager, ids: readonly string[]): Promise<IndicatorCard[][]> {
  const present = await queryRows(
    em,
    `select distinct i.project_id from indicator i left join indicator_scorecard s on s.indicator_id = i.id
      where i.project_id in (${placeholders(ids.length)}) and s.indicator_id is null`,
    ids,
    { project_id: text },
  );
  const unscored = new Set(present.map((row) => row.project_id));
  const scored = ids.filter((id) => !unscored.has(id));
  const cards = scored.length === 0 ? [] : await loadIndicatorCards(em, scored);
  const byId = new Map(scored.map((id, i) => [id, cards[i]]));
  return ids.map((id) => byId.get(id) ?? []);
}

/** The first path where two values differ, or null. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (a === b) return null;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime() ? null : `${path}: ${a.toISOString()} ≠ ${b.toISOString()}`;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return `${path || 'value'}: stored ${JSON.stringify(a)}, computed ${JSON.stringify(b)}`;
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return `${path || 'list'}: stored ${a.length} items, computed ${b.length}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const diff = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    if (diff) return diff;
  }
  return null;
}
