import type { EntityManager } from '@mikro-orm/core';
import { scoreProject, type Comparator, type IndicatorScore, type ProjectScore, type TargetKind, type Tier } from '@jixiao/domain';
import { wanFromFen } from '../common/money.js';
import { boolean, instant, nullable, number, placeholders, queryRows, text, type RowOf } from '../common/sql.js';
import type { ActualSource } from '../actual/actual.entity.js';
import { targetOf, type IndicatorSource, type TargetColumns } from '../indicator/indicator.entity.js';

/**
 * The read side of projects, for the API, the organization summary and the reports alike: plain
 * rows, not ORM entities, scored once by the domain. Reading a dashboard makes thousands of values;
 * building entities for them costs several times the SQL itself (see test/bench/api.bench.ts).
 */
export interface IndicatorRow extends TargetColumns {
  id: string;
  projectId: string;
  position: number;
  level1: string;
  level2: string;
  name: string;
  description: string;
  weight: number | null;
  notApplicable: boolean;
  source: IndicatorSource;
  deviationNote: string | null;
}

export interface ActualRow {
  id: string;
  indicatorId: string;
  value: string | null;
  tier: Tier | null;
  ratio: number | null;
  note: string | null;
  recordedAt: Date;
  recordedBy: string | null;
  /** The recorder's 真实姓名, else their username. */
  recordedByName: string | null;
  derivedFrom: string | null;
  source: ActualSource;
}

/** Everything a project view needs, scored once by the domain. */
export interface ProjectData {
  indicators: IndicatorRow[];
  /** Each indicator's current actual (its latest); an indicator without one has no entry. */
  current: Map<string, ActualRow>;
  /** Spending so far, 万元. */
  spent: number;
  /** Budget total, 万元. */
  budget: number;
  score: ProjectScore;
  byIndicator: Map<string, IndicatorScore>;
}

/** The indicator columns every project view reads, decoded. */
export const INDICATOR_COLUMNS = {
  id: text,
  project_id: text,
  position: number,
  level1: text,
  level2: text,
  name: text,
  description: text,
  target_raw: text,
  target_kind: text<TargetKind>,
  comparator: nullable(text<Comparator>),
  target_value: nullable(text),
  unit: nullable(text),
  zero_below: nullable(number),
  target_max: nullable(text),
  target_start: nullable(text),
  target_note: nullable(text),
  tolerance: boolean,
  weight: nullable(number),
  not_applicable: boolean,
  source: text<IndicatorSource>,
  deviation_note: nullable(text),
};

/** The actual columns every view reads, with the recorder's names, decoded. */
export const ACTUAL_COLUMNS = {
  id: text,
  indicator_id: text,
  value: nullable(text),
  tier: nullable(text<Tier>),
  ratio: nullable(number),
  note: nullable(text),
  recorded_at: instant,
  derived_from: nullable(text),
  source: text<ActualSource>,
  username: nullable(text),
  display_name: nullable(text),
};

/** The select list of ACTUAL_COLUMNS: the actual under `actual`, its recorder (left-joined) under `user`. */
export function actualSelect(actual: string, user: string): string {
  return Object.keys(ACTUAL_COLUMNS)
    .map((column) => (column === 'username' || column === 'display_name' ? `${user}.${column}` : `${actual}.${column}`))
    .join(', ');
}

/** An actual row as the views use it. */
export function actualRowOf(r: RowOf<typeof ACTUAL_COLUMNS>): ActualRow {
  return {
    id: r.id,
    indicatorId: r.indicator_id,
    value: r.value,
    tier: r.tier,
    ratio: r.ratio,
    note: r.note,
    recordedAt: r.recorded_at,
    recordedBy: r.username,
    recordedByName: r.display_name ?? r.username,
    derivedFrom: r.derived_from,
    source: r.source,
  };
}

/** Each indicator's actuals, oldest first (the last is current): one statement. */
export async function loadActualHistory(em: EntityManager, indicatorIds: readonly string[]): Promise<ActualRow[][]> {
  const ids = [...indicatorIds];
  if (ids.length === 0) return [];
  const rows = await queryRows(
    em,
    `select ${actualSelect('a', 'u')} from actual a left join app_user u on u.id = a.recorded_by_id
      where a.indicator_id in (${placeholders(ids.length)}) order by a.recorded_at, a.id`,
    ids,
    ACTUAL_COLUMNS,
  );
  const byIndicator = new Map<string, ActualRow[]>(ids.map((id) => [id, []]));
  for (const r of rows) byIndicator.get(r.indicator_id)?.push(actualRowOf(r));
  return ids.map((id) => byIndicator.get(id)!);
}

/** The select list of INDICATOR_COLUMNS, of the indicator table under `alias`. */
export function indicatorSelect(alias: string): string {
  return Object.keys(INDICATOR_COLUMNS)
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

/** An indicator row as the views use it. */
export function indicatorRowOf(r: RowOf<typeof INDICATOR_COLUMNS>): IndicatorRow {
  return {
    id: r.id,
    projectId: r.project_id,
    position: r.position,
    level1: r.level1,
    level2: r.level2,
    name: r.name,
    description: r.description,
    targetRaw: r.target_raw,
    targetKind: r.target_kind,
    comparator: r.comparator,
    targetValue: r.target_value,
    unit: r.unit,
    zeroBelow: r.zero_below,
    targetMax: r.target_max,
    targetStart: r.target_start,
    targetNote: r.target_note,
    tolerance: r.tolerance,
    weight: r.weight,
    notApplicable: r.not_applicable,
    source: r.source,
    deviationNote: r.deviation_note,
  };
}

/**
 * Loads and scores many projects with four queries, whatever their number; three if their budgets
 * (万元) are all in `knownBudgets` (read with the page that lists them).
 */
export async function loadProjectData(em: EntityManager, projectIds: readonly string[], knownBudgets?: ReadonlyMap<string, number>): Promise<ProjectData[]> {
  const ids = [...projectIds];
  const unknown = knownBudgets ? ids.filter((id) => !knownBudgets.has(id)) : ids;
  const inIds = placeholders(ids.length);
  const [projects, indicators, actuals, spending] = await Promise.all([
    unknown.length === 0
      ? []
      : queryRows(em, `select id, budget_total_fen from project where id in (${placeholders(unknown.length)})`, unknown, {
          id: text,
          budget_total_fen: number,
        }),
    queryRows(em, `select ${indicatorSelect('indicator')} from indicator where project_id in (${inIds}) order by project_id, position`, ids, INDICATOR_COLUMNS),
    // Only the current actual of each indicator, one index lookup each (actual(indicator_id,
    // recorded_at)): a project's history grows with every derived change, and every write that
    // refreshes a scorecard reads this.
    queryRows(
      em,
      `select ${actualSelect('a', 'u')}
         from indicator i
         join actual a on a.id = (select b.id from actual b where b.indicator_id = i.id order by b.recorded_at desc, b.id desc limit 1)
         left join app_user u on u.id = a.recorded_by_id
        where i.project_id in (${inIds})`,
      ids,
      ACTUAL_COLUMNS,
    ),
    queryRows(em, `select project_id, sum(amount_fen) as total from spending where project_id in (${inIds}) group by project_id`, ids, {
      project_id: text,
      total: number,
    }),
  ]);

  const budgets = new Map(projects.map((p) => [p.id, wanFromFen(p.budget_total_fen)]));
  const spent = new Map(spending.map((s) => [s.project_id, wanFromFen(s.total)]));
  const byProject = new Map<string, IndicatorRow[]>(ids.map((id) => [id, []]));
  for (const r of indicators) byProject.get(r.project_id)?.push(indicatorRowOf(r));
  const current = new Map(actuals.map((r) => [r.indicator_id, actualRowOf(r)]));

  return ids.map((id) => {
    const rows = byProject.get(id)!;
    const budget = knownBudgets?.get(id) ?? budgets.get(id) ?? 0;
    const projectSpent = spent.get(id) ?? 0;
    const score = scoreProject({
      budget,
      spent: projectSpent,
      indicators: rows.map((row) => {
        const actual = current.get(row.id);
        return {
          level1: row.level1,
          target: targetOf(row),
          weight: row.weight,
          notApplicable: row.notApplicable,
          actual: actual ? { value: actual.value, tier: actual.tier, ratio: actual.ratio } : null,
        };
      }),
    });
    return {
      indicators: rows,
      current: new Map(rows.filter((row) => current.has(row.id)).map((row) => [row.id, current.get(row.id)!])),
      spent: projectSpent,
      budget,
      score,
      byIndicator: new Map(rows.map((row, i) => [row.id, score.indicators[i]])),
    };
  });
}

/** How many projects one loadProjectData reads: a province has thousands. */
const CHUNK = 200;

/**
 * loadProjectData for any number of projects, 200 at a time, letting other requests run between
 * the chunks.
 */
export async function loadProjectDataInChunks(em: EntityManager, projectIds: readonly string[]): Promise<ProjectData[]> {
  const data: ProjectData[] = [];
  for (let at = 0; at < projectIds.length; at += CHUNK) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve));
    data.push(...(await loadProjectData(em, projectIds.slice(at, at + CHUNK))));
  }
  return data;
}
