import type { SqlEntityManager } from '@mikro-orm/knex';
import { scoreProject, type Comparator, type IndicatorScore, type ProjectScore, type TargetKind, type Tier } from '@jixiao/domain';
import { wanFromFen } from '../modules/common/money.js';
import { selectRows, type Row } from '../modules/common/rows.js';
import type { ActualSource } from '../modules/actual/actual.entity.js';
import { targetOf, type IndicatorSource, type TargetColumns } from '../modules/indicator/indicator.entity.js';

/**
 * The read side of projects for GraphQL: plain rows, not ORM entities. Reading a dashboard makes
 * thousands of values; building entities for them costs several times the SQL itself (see
 * test/bench/api.bench.ts).
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
  /** Each indicator's actuals, oldest first (the last is current). */
  actuals: Map<string, ActualRow[]>;
  /** Spending so far, 万元. */
  spent: number;
  /** Budget total, 万元. */
  budget: number;
  score: ProjectScore;
  byIndicator: Map<string, IndicatorScore>;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
// SQLite keeps datetimes as epoch milliseconds; PostgreSQL returns Date objects, or timestamp text
// through a raw query.
const date = (value: unknown): Date => (value instanceof Date ? value : new Date(typeof value === 'string' && !/^\d+$/.test(value) ? value : Number(value)));

/**
 * Loads and scores many projects with four queries, whatever their number; three if their budgets
 * (万元) are all in `knownBudgets` (read with the page that lists them).
 */
export async function loadProjectData(em: SqlEntityManager, projectIds: readonly string[], knownBudgets?: ReadonlyMap<string, number>): Promise<ProjectData[]> {
  const ids = [...projectIds];
  const unknown = knownBudgets ? ids.filter((id) => !knownBudgets.has(id)) : ids;
  const [projects, indicators, actuals, spending] = await Promise.all([
    unknown.length === 0
      ? ([] as Row[])
      : selectRows(em, `select id, budget_total_fen from project where id in (${placeholders(unknown.length)})`, unknown),
    selectRows(
      em,
      `select id, project_id, position, level1, level2, name, description, target_raw, target_kind, comparator, target_value, unit,
              zero_below, target_max, target_start, target_note, tolerance, weight, not_applicable, source, deviation_note
         from indicator where project_id in (${placeholders(ids.length)}) order by project_id, position`,
      ids,
    ),
    selectRows(
      em,
      `select a.id, a.indicator_id, a.value, a.tier, a.ratio, a.note, a.recorded_at, a.derived_from, a.source, u.username, u.display_name
         from actual a join indicator i on i.id = a.indicator_id left join app_user u on u.id = a.recorded_by_id
        where i.project_id in (${placeholders(ids.length)}) order by a.recorded_at, a.id`,
      ids,
    ),
    selectRows(em, `select project_id, sum(amount_fen) as total from spending where project_id in (${placeholders(ids.length)}) group by project_id`, ids),
  ]);

  const budgets = new Map(projects.map((p) => [String(p.id), wanFromFen(Number(p.budget_total_fen))]));
  const spent = new Map(spending.map((s) => [String(s.project_id), wanFromFen(Number(s.total))]));
  const byProject = new Map<string, IndicatorRow[]>(ids.map((id) => [id, []]));
  for (const r of indicators) {
    byProject.get(String(r.project_id))?.push({
      id: String(r.id),
      projectId: String(r.project_id),
      position: Number(r.position),
      level1: String(r.level1),
      level2: String(r.level2),
      name: String(r.name),
      description: String(r.description),
      targetRaw: String(r.target_raw),
      targetKind: r.target_kind as TargetKind,
      comparator: (r.comparator ?? null) as Comparator | null,
      targetValue: (r.target_value ?? null) as string | null,
      unit: (r.unit ?? null) as string | null,
      zeroBelow: num(r.zero_below),
      targetMax: (r.target_max ?? null) as string | null,
      targetStart: (r.target_start ?? null) as string | null,
      targetNote: (r.target_note ?? null) as string | null,
      tolerance: Boolean(r.tolerance),
      weight: num(r.weight),
      notApplicable: Boolean(r.not_applicable),
      source: r.source as IndicatorSource,
      deviationNote: (r.deviation_note ?? null) as string | null,
    });
  }
  const byIndicator = new Map<string, ActualRow[]>();
  for (const r of actuals) {
    const indicatorId = String(r.indicator_id);
    const list = byIndicator.get(indicatorId) ?? [];
    list.push({
      id: String(r.id),
      indicatorId,
      value: (r.value ?? null) as string | null,
      tier: (r.tier ?? null) as Tier | null,
      ratio: num(r.ratio),
      note: (r.note ?? null) as string | null,
      recordedAt: date(r.recorded_at),
      recordedBy: (r.username ?? null) as string | null,
      recordedByName: (r.display_name ?? r.username ?? null) as string | null,
      derivedFrom: (r.derived_from ?? null) as string | null,
      source: r.source as ActualSource,
    });
    byIndicator.set(indicatorId, list);
  }

  return ids.map((id) => {
    const rows = byProject.get(id)!;
    const budget = knownBudgets?.get(id) ?? budgets.get(id) ?? 0;
    const projectSpent = spent.get(id) ?? 0;
    const score = scoreProject({
      budget,
      spent: projectSpent,
      indicators: rows.map((row) => {
        const current = byIndicator.get(row.id)?.at(-1);
        return {
          level1: row.level1,
          target: targetOf(row),
          weight: row.weight,
          notApplicable: row.notApplicable,
          actual: current ? { value: current.value, tier: current.tier, ratio: current.ratio } : null,
        };
      }),
    });
    return {
      indicators: rows,
      actuals: new Map(rows.map((row) => [row.id, byIndicator.get(row.id) ?? []])),
      spent: projectSpent,
      budget,
      score,
      byIndicator: new Map(rows.map((row, i) => [row.id, score.indicators[i]])),
    };
  });
}
