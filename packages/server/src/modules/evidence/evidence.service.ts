import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import {
  applyTallyChange,
  deriveActual,
  deriveFromTally,
  tallyChange,
  tallyInspections,
  tallyKindOf,
  type InspectionEvidence,
  type InspectionKind as TallyKind,
  type InspectionTally,
  type SatisfactionCounts,
  type SatisfactionMethod,
  type TallyChange,
} from '@jixiao/domain';
import { ActualSource } from '../actual/actual.entity.js';
import { refreshScorecards } from '../read-model/scorecards.js';
import { appendAuditEvents, type AuditEventInput } from '../audit/audit-chain.js';
import { wanFromFen } from '../common/money.js';
import {
  boolean,
  insertStatements,
  instant,
  nullable,
  number,
  placeholders,
  queryRows,
  queryRowsAfter,
  runStatements,
  text,
  type Statement,
} from '../common/sql.js';
import { IndicatorSource, targetOf, type TargetColumns } from '../indicator/indicator.entity.js';
import type { Inspection } from '../inspection/inspection.entity.js';
import { InspectionKind, ReviewStatus } from '../inspection/inspection.entity.js';
import { Survey } from '../survey/survey.entity.js';

/** What a derived actual was computed from, stored as JSON in Actual.derivedFrom. */
export interface DerivedFrom {
  source: IndicatorSource;
  /**
   * Inspection ids (COMPLETION_DATE: the latest one; counts and rates derived before tallies
   * existed: all of them), a survey id, or "spending".
   */
  ids: string[];
  /**
   * Counts and rates derived from a tally name no ids — the list would grow with every record and be
   * rewritten with each: their evidence is what the tally counts, read when it is shown (see
   * evidenceInspectionIds): the project's inspections of `kind` that are not rejected, the passed
   * ones only when `passedOnly`.
   */
  tally?: { kind: TallyKind; passedOnly: boolean };
}

/**
 * What changed in a write, for updateDerivedData: an inspection (new: no `before`; reviewed: both),
 * a survey's answers (the indicator it feeds), spending, or an indicator's settings (its source).
 */
export type EvidenceChange =
  | { kind: 'inspection'; before: InspectionEvidence | null; after: InspectionEvidence }
  | { kind: 'survey'; indicatorId: string }
  | { kind: 'spending' }
  | { kind: 'indicator'; indicatorId: string };

/** An inspection as the domain's tally and deriveActual read it. */
export function inspectionEvidence(
  inspection: Pick<Inspection, 'id' | 'kind' | 'site' | 'itemName' | 'passed' | 'reviewStatus' | 'capturedAt'>,
): InspectionEvidence {
  return {
    id: inspection.id,
    kind: inspection.kind,
    siteId: inspection.site?.id ?? null,
    itemName: inspection.itemName,
    passed: inspection.passed,
    rejected: inspection.reviewStatus === ReviewStatus.REJECTED,
    capturedAt: inspection.capturedAt.toISOString(),
  };
}

interface EvidenceIndicator extends TargetColumns {
  id: string;
  name: string;
  source: IndicatorSource;
  /** Its current actual (the newest), read with it; null when it has none. */
  current: { value: string | null; derivedFrom: string | null; recordedAt: Date } | null;
}

const INDICATOR_COLUMNS = {
  id: text,
  name: text,
  source: text<IndicatorSource>,
  target_raw: text,
  target_kind: text<TargetColumns['targetKind']>,
  comparator: nullable(text<NonNullable<TargetColumns['comparator']>>),
  target_value: nullable(text),
  unit: nullable(text),
  zero_below: nullable(number),
  target_max: nullable(text),
  target_start: nullable(text),
  target_note: nullable(text),
  tolerance: boolean,
  a_id: nullable(text),
  a_value: nullable(text),
  a_derived_from: nullable(text),
  a_recorded_at: nullable(instant),
};

/**
 * The project's indicators fed by evidence, or only those with the given ids, each with its current
 * actual; read after `before` (the tally's writes) in the same round trip.
 */
async function evidenceIndicators(
  em: EntityManager,
  projectId: string,
  ids: readonly string[] | null,
  before: readonly Statement[] = [],
): Promise<EvidenceIndicator[]> {
  const rows = await queryRowsAfter(
    em,
    before,
    `select i.id, i.name, i.source, i.target_raw, i.target_kind, i.comparator, i.target_value, i.unit, i.zero_below, i.target_max, i.target_start,
            i.target_note, i.tolerance, a.id as a_id, a.value as a_value, a.derived_from as a_derived_from, a.recorded_at as a_recorded_at
       from indicator i
       left join actual a on a.id = (select b.id from actual b where b.indicator_id = i.id order by b.recorded_at desc, b.id desc limit 1)
      where i.project_id = ? and i.source <> 'MANUAL'${ids ? ` and i.id in (${placeholders(ids.length)})` : ''} order by i.position`,
    [projectId, ...(ids ?? [])],
    INDICATOR_COLUMNS,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    source: row.source,
    targetRaw: row.target_raw,
    targetKind: row.target_kind,
    comparator: row.comparator,
    targetValue: row.target_value,
    unit: row.unit,
    zeroBelow: row.zero_below,
    targetMax: row.target_max,
    targetStart: row.target_start,
    targetNote: row.target_note,
    tolerance: row.tolerance,
    current: row.a_id === null ? null : { value: row.a_value, derivedFrom: row.a_derived_from, recordedAt: row.a_recorded_at! },
  }));
}

// ---------------------------------------------------------------------------------------------
// Tallies (inspection_tally, inspection_place_tally): the stored form of the domain's InspectionTally
// ---------------------------------------------------------------------------------------------

const TALLY_COLUMNS = { counted: number, passed: number, places: number, latest_at: nullable(number), latest_id: nullable(text) };

/** The stored tally, read after `before` (the project's lock) in the same round trip. */
async function readTally(em: EntityManager, projectId: string, kind: TallyKind, before: readonly Statement[] = []): Promise<InspectionTally | null> {
  const [row] = await queryRowsAfter(
    em,
    before,
    'select counted, passed, places, latest_at, latest_id from inspection_tally where project_id = ? and kind = ?',
    [projectId, kind],
    TALLY_COLUMNS,
  );
  if (!row) return null;
  return {
    counted: row.counted,
    passed: row.passed,
    places: row.places,
    latest: row.latest_at !== null && row.latest_id !== null ? { capturedAt: row.latest_at, id: row.latest_id } : null,
  };
}

/** The statement storing a tally. */
function tallyWrite(projectId: string, kind: TallyKind, tally: InspectionTally): Statement {
  return [
    `insert into inspection_tally (project_id, kind, counted, passed, places, latest_at, latest_id) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (project_id, kind) do update set counted = excluded.counted, passed = excluded.passed, places = excluded.places,
       latest_at = excluded.latest_at, latest_id = excluded.latest_id`,
    [projectId, kind, tally.counted, tally.passed, tally.places, tally.latest?.capturedAt ?? null, tally.latest?.id ?? null],
  ];
}

/** The statements storing places' counts (a place that no longer counts is deleted). */
function placeWrites(projectId: string, kind: TallyKind, places: ReadonlyArray<{ place: string; passed: number }>): Statement[] {
  return places.map(
    ({ place, passed }): Statement =>
      passed === 0
        ? ['delete from inspection_place_tally where project_id = ? and kind = ? and place = ?', [projectId, kind, place]]
        : [
            `insert into inspection_place_tally (project_id, kind, place, passed) values (?, ?, ?, ?)
         on conflict (project_id, kind, place) do update set passed = excluded.passed`,
            [projectId, kind, place, passed],
          ],
  );
}

const INSPECTION_COLUMNS = {
  id: text,
  kind: text<TallyKind>,
  site_id: nullable(text),
  item_name: text,
  passed: boolean,
  review_status: text<ReviewStatus>,
  captured_at: instant,
};

/** Every inspection of a project (of one kind), as evidence: for building a tally from scratch. */
async function projectInspections(em: EntityManager, projectId: string, kind: TallyKind | null): Promise<InspectionEvidence[]> {
  const rows = await queryRows(
    em,
    `select id, kind, site_id, item_name, passed, review_status, captured_at from inspection where project_id = ?${kind ? ' and kind = ?' : ''}`,
    kind ? [projectId, kind] : [projectId],
    INSPECTION_COLUMNS,
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    siteId: row.site_id,
    itemName: row.item_name,
    passed: row.passed,
    rejected: row.review_status === ReviewStatus.REJECTED,
    capturedAt: row.captured_at.toISOString(),
  }));
}

/** Builds a kind's tally from the inspections as they are now, replacing what was stored. */
async function rebuildTally(em: EntityManager, projectId: string, kind: TallyKind): Promise<InspectionTally> {
  const { tally, placeCounts } = tallyInspections(await projectInspections(em, projectId, kind), kind);
  await runStatements(em, [
    ['delete from inspection_place_tally where project_id = ? and kind = ?', [projectId, kind]],
    ...placeWrites(
      projectId,
      kind,
      [...placeCounts].map(([place, passed]) => ({ place, passed })),
    ),
    tallyWrite(projectId, kind, tally),
  ]);
  return tally;
}

/** The stored tally of a kind; built from the inspections the first time it is needed (a new database, an old backup restored). */
async function tallyOf(em: EntityManager, projectId: string, kind: TallyKind): Promise<InspectionTally> {
  return (await readTally(em, projectId, kind)) ?? rebuildTally(em, projectId, kind);
}

/**
 * Moves a kind's stored tally by one change (the inspection's row is already written). Reads only
 * the tally, the changed places' counts and — when the latest inspection stopped counting — the
 * new latest (one indexed query); never the project's other records.
 */
async function applyToTally(
  em: EntityManager,
  projectId: string,
  change: TallyChange,
  before: readonly Statement[],
): Promise<{ tally: InspectionTally; writes: Statement[] }> {
  const names = change.places.map(({ place }) => place);
  // Both reads at once (after the lock): on PostgreSQL the second is sent as soon as the first is answered.
  const [stored, placeRows] = await Promise.all([
    readTally(em, projectId, change.kind, before),
    names.length === 0
      ? []
      : queryRows(
          em,
          `select place, passed from inspection_place_tally where project_id = ? and kind = ? and place in (${placeholders(names.length)})`,
          [projectId, change.kind, ...names],
          { place: text, passed: number },
        ),
  ]);
  // Built from the rows as they are now, which already hold this change.
  if (stored === null) return { tally: await rebuildTally(em, projectId, change.kind), writes: [] };
  const placeCounts = new Map<string, number>(placeRows.map((row) => [row.place, row.passed]));
  const applied = applyTallyChange(stored, change, placeCounts);
  let tally = applied.tally;
  if (applied.latestLost) {
    const [latest] = await queryRows(
      em,
      `select id, captured_at from inspection where project_id = ? and kind = ? and passed = ? and review_status <> 'REJECTED' order by captured_at desc, id desc limit 1`,
      [projectId, change.kind, em.getPlatform() instanceof PostgreSqlPlatform ? true : 1],
      { id: text, captured_at: instant },
    );
    tally = { ...tally, latest: latest ? { capturedAt: latest.captured_at.getTime(), id: latest.id } : null };
  }
  // Not run here: they go with the next read (updateDerivedData).
  return { tally, writes: [...placeWrites(projectId, change.kind, applied.places), tallyWrite(projectId, change.kind, tally)] };
}

// ---------------------------------------------------------------------------------------------
// Deriving actuals
// ---------------------------------------------------------------------------------------------

async function surveyEvidence(em: EntityManager, indicatorId: string): Promise<{ id: string; counts: SatisfactionCounts; method: SatisfactionMethod } | null> {
  const surveys = await em.find(Survey, { indicator: indicatorId }, { orderBy: { createdAt: 'desc' } });
  if (surveys.length === 0) return null;
  const rows = await queryRows(
    em,
    `select satisfaction, count(*) as n from survey_response where survey_id in (${placeholders(surveys.length)}) and satisfaction is not null and voided_at is null group by satisfaction`,
    surveys.map((survey) => survey.id),
    { satisfaction: text, n: number },
  );
  const counts: SatisfactionCounts = Object.fromEntries(rows.map((row) => [row.satisfaction, row.n]));
  return { id: surveys[0].id, counts, method: surveys[0].method };
}

async function projectSpent(em: EntityManager, projectId: string): Promise<number> {
  const [row] = await queryRows(em, 'select sum(amount_fen) as total from spending where project_id = ?', [projectId], { total: nullable(number) });
  return wanFromFen(row?.total ?? 0);
}

/** A derived value and what it came from. */
interface Derived {
  value: string | null;
  from: DerivedFrom;
}

/** An indicator's actual from its kind's tally, by the domain's rule; what it came from names the tally, not every record. */
function derivedFromTally(indicator: EvidenceIndicator, kind: TallyKind, tally: InspectionTally): Derived {
  const value = deriveFromTally(indicator.source, { name: indicator.name, target: targetOf(indicator) }, tally);
  if (indicator.source === IndicatorSource.COMPLETION_DATE)
    return { value, from: { source: indicator.source, ids: value !== null && tally.latest ? [tally.latest.id] : [] } };
  return { value, from: { source: indicator.source, ids: [], tally: { kind, passedOnly: indicator.source !== IndicatorSource.PASS_RATE } } };
}

/** Derives one indicator's actual: inspection sources from their kind's tally (built if missing), the others from their evidence. */
async function deriveIndicator(
  em: EntityManager,
  projectId: string,
  indicator: EvidenceIndicator,
  tallies: Map<TallyKind, InspectionTally>,
): Promise<Derived | null> {
  const kind = tallyKindOf(indicator.source, indicator);
  if (kind !== null) {
    let tally = tallies.get(kind);
    if (!tally) tallies.set(kind, (tally = await tallyOf(em, projectId, kind)));
    return derivedFromTally(indicator, kind, tally);
  }
  const target = { name: indicator.name, target: targetOf(indicator) };
  if (indicator.source === IndicatorSource.SURVEY) {
    const derived = deriveActual(indicator.source, target, { inspections: [], survey: await surveyEvidence(em, indicator.id) });
    return { value: derived?.value ?? null, from: { source: indicator.source, ids: derived?.from ?? [] } };
  }
  if (indicator.source === IndicatorSource.SPENDING) {
    const derived = deriveActual(indicator.source, target, { inspections: [], spent: await projectSpent(em, projectId) });
    return { value: derived?.value ?? null, from: { source: indicator.source, ids: derived?.from ?? [] } };
  }
  return null;
}

/**
 * A new actual — keeping the history — when the derived value differs from the indicator's current
 * one: the statement inserting it (to run before anything reads the actuals again) and the audit
 * entry to append for it; null when nothing changed.
 */
function recordDerived(
  em: EntityManager,
  indicator: EvidenceIndicator,
  derived: Derived | null,
  actor: string | null,
): { insert: Statement; entry: AuditEventInput } | null {
  const { current } = indicator;
  const value = derived?.value ?? null;
  // A derived value that did not change, or no evidence where nothing was ever derived: nothing to record.
  if (current && (current.value ?? null) === value && current.derivedFrom !== null) return null;
  if (value === null && (!current || current.derivedFrom === null)) return null;
  const from: DerivedFrom = derived?.from ?? { source: IndicatorSource.MANUAL, ids: [] };
  // The newest actual is the current one: never recorded at the same millisecond as the one before,
  // which two quick submissions would otherwise leave to the ids to order.
  const now = Date.now();
  const recordedAt = new Date(current && current.recordedAt.getTime() >= now ? current.recordedAt.getTime() + 1 : now);
  // A plain insert: nothing for the unit of work to track (and to look at on every later flush).
  const id = randomUUID();
  const [insert] = insertStatements(em, 'actual', [
    {
      id,
      indicator_id: indicator.id,
      value,
      tier: null,
      ratio: null,
      source: ActualSource.EVIDENCE,
      derived_from: JSON.stringify(from),
      note: value === null ? '证据已不足，实际值清空' : null,
      recorded_at: recordedAt,
      recorded_by_id: null,
      client_id: null,
    },
  ]);
  return { insert, entry: { actor, action: 'derive', entity: 'Actual', entityId: id, after: { indicatorId: indicator.id, value, from } } };
}

/** Which indicators of a project a change can move. */
function affects(change: EvidenceChange, indicator: EvidenceIndicator): boolean {
  switch (change.kind) {
    case 'inspection':
      return tallyKindOf(indicator.source, indicator) === change.after.kind;
    case 'survey':
      return indicator.source === IndicatorSource.SURVEY && indicator.id === change.indicatorId;
    case 'spending':
      return indicator.source === IndicatorSource.SPENDING;
    case 'indicator':
      return indicator.id === change.indicatorId;
  }
}

/** Serialises writers of one project's derived data on PostgreSQL (SQLite has one writer: BEGIN IMMEDIATE); held until commit. */
export async function lockProjectEvidence(em: EntityManager, projectId: string): Promise<void> {
  await runStatements(em, projectLock(em, projectId));
}

/** lockProjectEvidence's statement, to send with the first read it guards: none on SQLite. */
function projectLock(em: EntityManager, projectId: string): Statement[] {
  // Two transactions updating one project's tally would each read it without the other's change;
  // the lock (released at commit) makes the second wait and see both.
  return em.getPlatform() instanceof PostgreSqlPlatform ? [['select pg_advisory_xact_lock(hashtext(?))', [`evidence:${projectId}`]]] : [];
}

/**
 * The one place where a write's transaction updates the data derived from it (docs/domain.md
 * "Evidence becomes actuals"): the project's inspection tally moves by the change, and the
 * indicators the change can affect — only those — are re-derived from the tally (or, for surveys
 * and spending, from their sums), recording a new actual where the value changed. Call it inside
 * the transaction that stored the change, after the change's row is written. The project's stored
 * scorecard is refreshed with them (refreshScorecards); then `audit` (the write's own audit entry)
 * is appended, then one entry per derived actual — last, so that PostgreSQL's audit lock is held
 * only for the end of the transaction.
 *
 * @example await updateDerivedData(tx, project.id, { kind: 'inspection', before: null, after: inspectionEvidence(inspection) }, { actor, audit });
 */
export async function updateDerivedData(
  em: EntityManager,
  projectId: string,
  change: EvidenceChange,
  options: { actor: string | null; audit?: AuditEventInput },
): Promise<number> {
  const tallies = new Map<TallyKind, InspectionTally>();
  const moved = change.kind === 'inspection' ? tallyChange(change.before, change.after) : null;
  // Statements sent with the next read instead of on their own (a write on PostgreSQL is bound by its round trips).
  let pending: Statement[] = [];
  // The lock goes with the tally's read when there is one, the tally's writes with the read of the indicators.
  if (moved) {
    const applied = await applyToTally(em, projectId, moved, projectLock(em, projectId));
    tallies.set(moved.kind, applied.tally);
    pending = applied.writes;
  } else await lockProjectEvidence(em, projectId);
  const ids = change.kind === 'survey' || change.kind === 'indicator' ? [change.indicatorId] : null;
  const entries: AuditEventInput[] = [];
  // An inspection that changed nothing the tally counts (a pending record accepted) moves no actual.
  if (change.kind !== 'inspection' || tallies.size > 0) {
    const indicators = await evidenceIndicators(em, projectId, ids, pending);
    pending = [];
    for (const indicator of indicators) {
      if (!affects(change, indicator)) continue;
      const recorded = recordDerived(em, indicator, await deriveIndicator(em, projectId, indicator, tallies), options.actor);
      if (!recorded) continue;
      pending.push(recorded.insert);
      entries.push(recorded.entry);
    }
  }
  // The project's stored scorecard moves with its actuals (the new ones inserted first, in the same
  // round trip), before the audit entries: on PostgreSQL the audit lock, taken by the first entry,
  // is then held only for the append and the commit.
  await refreshScorecards(em, [projectId], pending);
  await appendAuditEvents(em, options.audit ? [options.audit, ...entries] : entries);
  return entries.length;
}

/**
 * Rebuilds a project's tallies from its inspections and re-derives every evidence-fed indicator
 * from scratch, recording a new actual wherever the value differs: what updateDerivedData must
 * always agree with (a test replays random changes and compares), and the repair for data written
 * around it.
 */
export async function recomputeDerivedActuals(em: EntityManager, projectId: string, actor: string | null): Promise<number> {
  await lockProjectEvidence(em, projectId);
  const tallies = new Map<TallyKind, InspectionTally>();
  for (const kind of Object.values(InspectionKind)) tallies.set(kind, await rebuildTally(em, projectId, kind));
  const entries: AuditEventInput[] = [];
  const inserts: Statement[] = [];
  for (const indicator of await evidenceIndicators(em, projectId, null)) {
    const recorded = recordDerived(em, indicator, await deriveIndicator(em, projectId, indicator, tallies), actor);
    if (!recorded) continue;
    inserts.push(recorded.insert);
    entries.push(recorded.entry);
  }
  await runStatements(em, inserts);
  await appendAuditEvents(em, entries);
  return entries.length;
}

/** Every project's tallies rebuilt from the inspections (`jixiao evidence rebuild`, and tests). */
export async function rebuildAllTallies(em: EntityManager): Promise<number> {
  const projects = await queryRows(em, 'select id from project', [], { id: text });
  for (const { id } of projects) {
    await lockProjectEvidence(em, id);
    for (const kind of Object.values(InspectionKind)) await rebuildTally(em, id, kind);
  }
  return projects.length;
}

/**
 * The ids of the inspections a derived actual stands on, oldest first: those it names, or — for a
 * count or rate derived from a tally — those the tally counts now.
 */
export async function evidenceInspectionIds(em: EntityManager, projectId: string, from: DerivedFrom): Promise<string[]> {
  if (!from.tally) return from.ids;
  const passed = from.tally.passedOnly ? ` and passed = ${em.getPlatform() instanceof PostgreSqlPlatform ? 'true' : '1'}` : '';
  const rows = await queryRows(
    em,
    `select id from inspection where project_id = ? and kind = ? and review_status <> 'REJECTED'${passed} order by captured_at, id`,
    [projectId, from.tally.kind],
    { id: text },
  );
  return rows.map((row) => row.id);
}
