import { normalizeCell } from '../text/normalize.js';
import type { InspectionKind } from './sources.js';

/**
 * An inspection as the tally sees it: the fields that decide whether and how it counts. The same
 * shape as InspectionEvidence (derive-actual.ts), which extends it.
 */
export interface TalliedInspection {
  id: string;
  kind: InspectionKind;
  siteId: string | null;
  itemName: string;
  passed: boolean;
  rejected: boolean;
  /** When it was captured, ISO 8601 with offset. */
  capturedAt: string;
}

/** The latest counted passed inspection: the one a COMPLETION_DATE reads. */
export interface LatestInspection {
  /** Epoch milliseconds. */
  capturedAt: number;
  id: string;
}

/**
 * What a project's inspections of one kind add up to — everything REPAIR_COUNT, EQUIPMENT_COUNT,
 * PASS_RATE and COMPLETION_DATE derive from. Rejected inspections are not in it.
 */
export interface InspectionTally {
  /** Inspections that count (not rejected). */
  counted: number;
  /** Of those, the passed ones. */
  passed: number;
  /** Places (see placeOf) with at least one counted passed inspection. */
  places: number;
  latest: LatestInspection | null;
}

export const EMPTY_TALLY: InspectionTally = { counted: 0, passed: 0, places: 0, latest: null };

/**
 * The place an inspection is about: its site when it has one, else its item name with blanks
 * removed and full-width characters folded (normalizeCell), so "城关法庭 屋面" and "城关法庭屋面"
 * are one place.
 *
 * @example placeOf({ siteId: null, itemName: '城关法庭 屋面' }) // 'item:城关法庭屋面'
 */
export function placeOf(inspection: Pick<TalliedInspection, 'siteId' | 'itemName'>): string {
  return inspection.siteId !== null ? `site:${inspection.siteId}` : `item:${normalizeCell(inspection.itemName)}`;
}

/** Whether `a` is later than `b`: by capture time, and on the same instant by id, so that every order of arrival picks the same one. */
export function isLater(a: LatestInspection, b: LatestInspection | null): boolean {
  return b === null || a.capturedAt > b.capturedAt || (a.capturedAt === b.capturedAt && a.id > b.id);
}

/** How one recorded change of an inspection moves its kind's tally. */
export interface TallyChange {
  kind: InspectionKind;
  /** -1, 0 or 1. */
  counted: number;
  /** -1, 0 or 1. */
  passed: number;
  /** The places whose number of counted passed inspections changes, and by how much. */
  places: Array<{ place: string; delta: number }>;
  /** A passed inspection that counts now and did not before: it may be the new latest. */
  added: LatestInspection | null;
  /** A passed inspection that counted before and does not now: if it was the latest, the latest is to be found again. */
  removed: LatestInspection | null;
}

interface Contribution {
  counted: number;
  passed: number;
  place: string | null;
  latest: LatestInspection | null;
}

function contributionOf(inspection: TalliedInspection | null): Contribution {
  if (inspection === null || inspection.rejected) return { counted: 0, passed: 0, place: null, latest: null };
  return {
    counted: 1,
    passed: inspection.passed ? 1 : 0,
    place: inspection.passed ? placeOf(inspection) : null,
    latest: inspection.passed ? { capturedAt: Date.parse(inspection.capturedAt), id: inspection.id } : null,
  };
}

const sameLatest = (a: LatestInspection | null, b: LatestInspection | null) => a?.id === b?.id && a?.capturedAt === b?.capturedAt;

/**
 * How an inspection changing from `before` to `after` moves its kind's tally: a new record has no
 * `before`, a rejection turns `rejected` on, taking the rejection back turns it off. Null when
 * nothing that counts changed.
 *
 * @example tallyChange(null, { id: 'r1', kind: 'REPAIR', siteId: 's1', itemName: '屋面', passed: true, rejected: false, capturedAt })
 * // { kind: 'REPAIR', counted: 1, passed: 1, places: [{ place: 'site:s1', delta: 1 }], added: { capturedAt: …, id: 'r1' }, removed: null }
 */
export function tallyChange(before: TalliedInspection | null, after: TalliedInspection | null): TallyChange | null {
  const kind = (after ?? before)?.kind;
  if (kind === undefined) return null;
  if (before && after && before.kind !== after.kind) throw new Error('an inspection does not change its kind');
  const was = contributionOf(before);
  const is = contributionOf(after);
  const deltas = new Map<string, number>();
  if (was.place !== null) deltas.set(was.place, -1);
  if (is.place !== null) deltas.set(is.place, (deltas.get(is.place) ?? 0) + 1);
  const places = [...deltas].filter(([, delta]) => delta !== 0).map(([place, delta]) => ({ place, delta }));
  const moved = !sameLatest(was.latest, is.latest);
  const change: TallyChange = {
    kind,
    counted: is.counted - was.counted,
    passed: is.passed - was.passed,
    places,
    added: moved ? is.latest : null,
    removed: moved ? was.latest : null,
  };
  return change.counted === 0 && change.passed === 0 && places.length === 0 && change.added === null && change.removed === null ? null : change;
}

/** A tally after a change, and what else it needs. */
export interface AppliedTally {
  tally: InspectionTally;
  /** The changed places' new counts (0: the place no longer counts). */
  places: Array<{ place: string; passed: number }>;
  /**
   * The latest inspection stopped counting: `tally.latest` is null until the caller finds the new
   * latest among what still counts (one indexed query) and sets it.
   */
  latestLost: boolean;
}

/**
 * Applies a change to a tally — the incremental form of tallyInspections: applying the changes of
 * any sequence of submissions, rejections and their reversal gives what tallyInspections gives for
 * the records as they end up. `placeCounts` holds the current counts of the places the change names
 * (a place not in it has none).
 *
 * @example applyTallyChange(EMPTY_TALLY, change, new Map()) // { tally: { counted: 1, passed: 1, places: 1, latest }, places: [{ place: 'site:s1', passed: 1 }], latestLost: false }
 */
export function applyTallyChange(tally: InspectionTally, change: TallyChange, placeCounts: ReadonlyMap<string, number>): AppliedTally {
  let places = tally.places;
  const changed = change.places.map(({ place, delta }) => {
    const before = placeCounts.get(place) ?? 0;
    const after = before + delta;
    if (after < 0) throw new Error(`the tally of place ${place} would go below zero`);
    if (before === 0 && after > 0) places += 1;
    if (before > 0 && after === 0) places -= 1;
    return { place, passed: after };
  });
  let latest = tally.latest;
  let latestLost = false;
  if (change.removed !== null && latest !== null && latest.id === change.removed.id) {
    latest = null;
    latestLost = true;
  }
  if (change.added !== null && !latestLost && isLater(change.added, latest)) latest = change.added;
  const next = { counted: tally.counted + change.counted, passed: tally.passed + change.passed, places, latest };
  if (next.counted < 0 || next.passed < 0 || next.passed > next.counted) throw new Error('the tally would count less than nothing');
  return { tally: next, places: changed, latestLost };
}

/**
 * The tally of a kind's inspections from scratch, and each place's count of counted passed
 * inspections: what the stored tally must equal.
 *
 * @example tallyInspections(inspections, 'REPAIR') // { tally: { counted: 4, passed: 3, places: 3, latest }, placeCounts: Map { 'site:s1' => 1, … } }
 */
export function tallyInspections(
  inspections: readonly TalliedInspection[],
  kind: InspectionKind,
): { tally: InspectionTally; placeCounts: Map<string, number> } {
  const placeCounts = new Map<string, number>();
  let counted = 0;
  let passed = 0;
  let latest: LatestInspection | null = null;
  for (const inspection of inspections) {
    if (inspection.kind !== kind || inspection.rejected) continue;
    counted += 1;
    if (!inspection.passed) continue;
    passed += 1;
    const place = placeOf(inspection);
    placeCounts.set(place, (placeCounts.get(place) ?? 0) + 1);
    const candidate = { capturedAt: Date.parse(inspection.capturedAt), id: inspection.id };
    if (isLater(candidate, latest)) latest = candidate;
  }
  return { tally: { counted, passed, places: placeCounts.size, latest }, placeCounts };
}
