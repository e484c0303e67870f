import { chinaDate } from '../calendar/china-time.js';
import { satisfactionRate, type SatisfactionCounts, type SatisfactionMethod } from '../survey/satisfaction.js';
import type { ParsedTarget } from '../target/parse-target.js';
import { normalizeCell } from '../text/normalize.js';
import { convertUnit } from '../target/units.js';
import { inspectionKindOf, type IndicatorSource, type InspectionKind } from './sources.js';

/** An inspection as evidence: what it is, where, whether it passed, whether a manager rejected it. */
export interface InspectionEvidence {
  id: string;
  kind: InspectionKind;
  /** The site (派出法庭, 科技法庭, office) it was recorded at, if one was chosen. */
  siteId: string | null;
  /** 验收对象 as written. */
  itemName: string;
  passed: boolean;
  rejected: boolean;
  /** When it was captured, ISO 8601 with offset. */
  capturedAt: string;
}

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

/**
 * The place an inspection is about: its site when it has one, else its item name with blanks
 * removed and full-width characters folded (normalizeCell), so "城关法庭 屋面" and "城关法庭屋面"
 * are one place.
 */
function placeOf(inspection: InspectionEvidence): string {
  return inspection.siteId !== null ? `site:${inspection.siteId}` : `item:${normalizeCell(inspection.itemName)}`;
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
  const counted = (kind: InspectionKind) => evidence.inspections.filter((i) => i.kind === kind && !i.rejected);
  switch (source) {
    case 'REPAIR_COUNT':
    case 'EQUIPMENT_COUNT': {
      const all = counted(source === 'REPAIR_COUNT' ? 'REPAIR' : 'EQUIPMENT');
      // No inspection at all is no evidence: a value entered by hand stays until some arrives.
      if (all.length === 0) return null;
      const passed = all.filter((i) => i.passed);
      // Repairs count places (rework counts once); equipment counts accepted records.
      const count = source === 'REPAIR_COUNT' ? new Set(passed.map(placeOf)).size : passed.length;
      return { value: `${count}${indicator.target.unit ?? '个'}`, from: passed.map((i) => i.id) };
    }
    case 'PASS_RATE': {
      const all = counted(inspectionKindOf(indicator));
      if (all.length === 0) return null;
      const passed = all.filter((i) => i.passed).length;
      return { value: percent((passed / all.length) * 100), from: all.map((i) => i.id) };
    }
    case 'COMPLETION_DATE': {
      const passed = counted(inspectionKindOf(indicator)).filter((i) => i.passed);
      if (passed.length === 0) return null;
      const last = passed.reduce((a, b) => (Date.parse(b.capturedAt) > Date.parse(a.capturedAt) ? b : a));
      return { value: chinaDate(last.capturedAt), from: [last.id] };
    }
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
    case 'MANUAL':
      return null;
  }
}
