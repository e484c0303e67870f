import { chinaDate } from '../calendar/china-time.js';
import { satisfactionRate, type SatisfactionCounts, type SatisfactionMethod } from '../survey/satisfaction.js';
import type { ParsedTarget } from '../target/parse-target.js';
import { convertUnit } from '../target/units.js';
import { inspectionKindOf, type IndicatorSource, type InspectionKind } from './sources.js';
import { tallyInspections, type InspectionTally, type TalliedInspection } from './tally.js';

/** An inspection as evidence: what it is, where, whether it passed, whether a manager rejected it. */
export type InspectionEvidence = TalliedInspection;

export interface Evidence {
  inspections: readonly InspectionEvidence[];
  /** Answers to the indicator's survey, counted per level. */
  survey?: { id: string; counts: SatisfactionCounts; method?: SatisfactionMethod } | null;
  /** The project's spending so far (万元). */
  spent?: number;
}

export interface DerivedActual {
  /** The actual as a person would write it, e.g. "6个", "85.71%", "2023-09-20". */
  value: string;
  /** What it was derived from: inspection ids, a survey id, or "spending". */
  from: string[];
}

function percent(value: number): string {
  return `${Math.round(value * 100) / 100}%`;
}

/**
 * Derives an indicator's actual from evidence, or null when there is none yet (no inspection of
 * the kind, no survey answer, no spending). Rejected inspections never count; pending ones do until
 * a manager rejects them. REPAIR_COUNT counts places, not records: a site (or, without one, an item
 * name) counts once when it has a passed acceptance, so reworking the same place — failed, then
 * passed, or accepted twice — does not count twice.
 *
 * @example deriveActual('REPAIR_COUNT', { name: '维修法庭和办公室数量', target }, { inspections }) // { value: '6个', from: [...] }
 */
export function deriveActual(source: IndicatorSource, indicator: { name: string; target: ParsedTarget }, evidence: Evidence): DerivedActual | null {
  const kind = tallyKindOf(source, indicator);
  if (kind !== null) {
    const counted = evidence.inspections.filter((i) => i.kind === kind && !i.rejected);
    // The value comes from the tally, as the server's incremental tallies give it: one rule for both.
    const { tally } = tallyInspections(counted, kind);
    const value = deriveFromTally(source, indicator, tally);
    if (value === null) return null;
    if (source === 'PASS_RATE') return { value, from: counted.map((i) => i.id) };
    if (source === 'COMPLETION_DATE') return { value, from: tally.latest ? [tally.latest.id] : [] };
    return { value, from: counted.filter((i) => i.passed).map((i) => i.id) };
  }
  switch (source) {
    case 'SURVEY': {
      if (!evidence.survey) return null;
      const rate = satisfactionRate(evidence.survey.counts, evidence.survey.method);
      return rate === null ? null : { value: percent(rate), from: [evidence.survey.id] };
    }
    case 'SPENDING': {
      if (!evidence.spent) return null;
      const unit = indicator.target.unit ?? '万元';
      const amount = convertUnit(evidence.spent ?? 0, '万元', unit);
      return { value: `${Number(amount.toFixed(6))}${unit}`, from: ['spending'] };
    }
    default:
      return null;
  }
}

/**
 * Which kind's inspection tally an indicator's actual is derived from, or null for a source that
 * is not fed by inspections.
 *
 * @example tallyKindOf('PASS_RATE', { name: '设备验收合格率' }) // 'EQUIPMENT'
 */
export function tallyKindOf(source: IndicatorSource, indicator: { name: string }): InspectionKind | null {
  switch (source) {
    case 'REPAIR_COUNT':
      return 'REPAIR';
    case 'EQUIPMENT_COUNT':
      return 'EQUIPMENT';
    case 'PASS_RATE':
    case 'COMPLETION_DATE':
      return inspectionKindOf(indicator);
    default:
      return null;
  }
}

/**
 * The actual of an indicator fed by inspections (see tallyKindOf), from the tally of its kind, or
 * null when there is no evidence yet: no inspection that counts, or (COMPLETION_DATE) none passed.
 * Repairs count places (rework counts once); equipment counts accepted records.
 *
 * @example deriveFromTally('REPAIR_COUNT', { name: '维修法庭和办公室数量', target }, { counted: 7, passed: 6, places: 5, latest }) // '5个'
 */
export function deriveFromTally(source: IndicatorSource, indicator: { name: string; target: ParsedTarget }, tally: InspectionTally): string | null {
  // No inspection at all is no evidence: a value entered by hand stays until some arrives.
  if (tally.counted === 0) return null;
  switch (source) {
    case 'REPAIR_COUNT':
      return `${tally.places}${indicator.target.unit ?? '个'}`;
    case 'EQUIPMENT_COUNT':
      return `${tally.passed}${indicator.target.unit ?? '个'}`;
    case 'PASS_RATE':
      return percent((tally.passed / tally.counted) * 100);
    case 'COMPLETION_DATE':
      return tally.latest === null ? null : chinaDate(tally.latest.capturedAt);
    default:
      return null;
  }
}
