import { parseActual, type ActualInput } from '../target/parse-actual.js';
import type { ParsedTarget } from '../target/parse-target.js';
import { round2 } from '../text/normalize.js';

/** Actual ≥ 130% of the target (or a missed one) asks for 偏差原因分析及改进措施. */
export const DEVIATION_THRESHOLD = 1.3;

export interface IndicatorScore {
  weight: number;
  /**
   * How far the target is reached, uncapped: actual/target (positive), target/actual (reverse),
   * min/max (equal), 1 or 0 for deadlines, the chosen ratio for qualitative targets; null when no
   * actual is recorded.
   */
  completionRate: number | null;
  /** Points earned out of `weight`, two decimals; null when no actual is recorded. */
  score: number | null;
  met: boolean | null;
  /** The target was missed or exceeded by 30% or more: a deviation note is expected. */
  deviationNoteRequired: boolean;
  missing: boolean;
}

export interface IndicatorToScore {
  target: ParsedTarget;
  weight: number;
  actual: ActualInput | null;
}

interface Outcome {
  rate: number;
  met: boolean;
  /** Fraction of the weight earned, before the zeroBelow rule and the cap. */
  fraction: number;
  deviation: boolean;
}

function isMissing(actual: ActualInput | null): boolean {
  return actual === null || ((actual.value == null || actual.value.trim() === '') && actual.tier == null);
}

function quantitativeOutcome(target: ParsedTarget, actual: number): Outcome {
  const goal = target.value as number;
  switch (target.comparator) {
    case '>=':
    case '>': {
      const met = target.comparator === '>=' ? actual >= goal : actual > goal;
      const rate = goal === 0 ? (actual >= 0 ? 1 : 0) : actual / goal;
      return { rate, met, fraction: met ? 1 : rate, deviation: !met || rate >= DEVIATION_THRESHOLD };
    }
    case '<=':
    case '<': {
      const met = target.comparator === '<=' ? actual <= goal : actual < goal;
      const rate = actual === 0 ? 1 : goal / actual;
      return { rate, met, fraction: met ? 1 : rate, deviation: !met || rate >= DEVIATION_THRESHOLD };
    }
    case 'between': {
      // Met inside the range; below it as a floor, above it as a ceiling.
      const high = target.max ?? goal;
      const met = actual >= goal && actual <= high;
      const rate = met ? 1 : actual < goal ? (goal === 0 ? 0 : actual / goal) : actual === 0 ? 1 : high / actual;
      return { rate, met, fraction: met ? 1 : rate, deviation: !met };
    }
    default: {
      const high = Math.max(actual, goal);
      const rate = high === 0 ? 1 : Math.min(actual, goal) / high;
      const over = goal === 0 ? 1 : actual / goal;
      return { rate, met: actual === goal, fraction: rate, deviation: actual !== goal && (rate < 1 || over >= DEVIATION_THRESHOLD) };
    }
  }
}

/**
 * Scores one indicator against its weight following docs/domain.md "Scoring a project": positive, reverse and
 * equal targets, deadlines, qualitative tiers, `rule.zeroBelow`, the cap at full weight, and a
 * missing actual (no score). Throws InvalidInputError when the actual cannot be read.
 *
 * @example scoreIndicator({ target: parseTarget('≥6个').target, weight: 10, actual: { value: '5个' } }).score // 8.33
 */
export function scoreIndicator({ target, weight, actual }: IndicatorToScore): IndicatorScore {
  return toIndicatorScore(weight, evaluateIndicator(target, actual));
}

/** Turns an outcome into the points of an indicator of the given weight. */
export function toIndicatorScore(weight: number, outcome: IndicatorOutcome | null): IndicatorScore {
  if (outcome === null) {
    return { weight, completionRate: null, score: null, met: null, deviationNoteRequired: false, missing: true };
  }
  return {
    weight,
    completionRate: Number(outcome.rate.toFixed(4)),
    score: round2(weight * outcome.earned),
    met: outcome.met,
    deviationNoteRequired: outcome.deviation,
    missing: false,
  };
}

export interface IndicatorOutcome {
  rate: number;
  met: boolean;
  /** Fraction of the weight earned, after the zeroBelow rule and the cap (0 … 1). */
  earned: number;
  deviation: boolean;
}

/** The unrounded outcome of an indicator, or null when no actual is recorded. */
export function evaluateIndicator(target: ParsedTarget, actual: ActualInput | null): IndicatorOutcome | null {
  if (isMissing(actual)) return null;
  const value = parseActual(actual as ActualInput, target);
  let outcome: Outcome;
  switch (value.kind) {
    case 'tier':
      outcome = { rate: value.ratio, met: value.tier === 'ACHIEVED', fraction: value.ratio, deviation: value.tier !== 'ACHIEVED' };
      break;
    case 'date': {
      const met = value.date <= (target.value as string);
      outcome = { rate: met ? 1 : 0, met, fraction: met ? 1 : (value.override ?? 0), deviation: !met };
      break;
    }
    case 'quantity':
      outcome = quantitativeOutcome(target, value.value);
      break;
  }
  let earned = Math.min(Math.max(outcome.fraction, 0), 1);
  if (target.rule && outcome.rate < target.rule.zeroBelow) earned = 0;
  return { rate: outcome.rate, met: outcome.met, earned, deviation: outcome.deviation };
}
