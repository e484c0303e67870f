import { InvalidInputError } from '../errors.js';
import { normalizeCell } from '../text/normalize.js';
import { parseDateExpression } from './parse-date.js';
import { takeComparator, parseQuantity, type ParsedTarget } from './parse-target.js';
import { convertUnit } from './units.js';

/** The evaluator's judgement of a qualitative target (docs/domain.md "Scoring a project"). */
export type Tier = 'ACHIEVED' | 'PARTIAL' | 'NOT_ACHIEVED';

/** Fraction of the weight each tier allows, and the ratio used when none is given. */
export const TIERS: Readonly<Record<Tier, { label: string; min: number; max: number; default: number }>> = {
  ACHIEVED: { label: '达成', min: 0.8, max: 1, default: 1 },
  PARTIAL: { label: '部分达成', min: 0.6, max: 0.8, default: 0.7 },
  NOT_ACHIEVED: { label: '未达成', min: 0, max: 0.6, default: 0 },
};

/** An actual value as a person records it. */
export interface ActualInput {
  /** As written: "5个", "96%", "28.5万元", "2023-09-20", "2023年9月20日". */
  value?: string | null;
  /** For qualitative targets (and to override a missed deadline). */
  tier?: Tier | null;
  /** Fraction of the weight inside the tier, e.g. 0.9 for ACHIEVED. */
  ratio?: number | null;
}

export type ActualValue =
  | { kind: 'quantity'; value: number; unit: string | null }
  | { kind: 'date'; date: string; override: number | null }
  | { kind: 'tier'; tier: Tier; ratio: number };

function tierRatio(input: ActualInput, tier: Tier): number {
  const bounds = TIERS[tier];
  const ratio = input.ratio ?? bounds.default;
  if (!Number.isFinite(ratio) || ratio < bounds.min || ratio > bounds.max) {
    throw new InvalidInputError('ratio', `“${bounds.label}”的得分比例应在 ${bounds.min} 到 ${bounds.max} 之间，实际为 ${input.ratio}`);
  }
  return ratio;
}

/**
 * Reads an actual value against its target with the target grammar, converting units where the
 * conversion is certain. Throws InvalidInputError naming the field when the value cannot be used.
 *
 * @example parseActual({ value: '28.5万元' }, parseTarget('≤30万元').target) // { kind: 'quantity', value: 28.5, unit: '万元' }
 */
export function parseActual(input: ActualInput, target: ParsedTarget): ActualValue {
  if (input.ratio != null && input.tier == null) {
    throw new InvalidInputError('tier', '给出得分比例时须同时选择达成等级');
  }
  if (target.kind === 'qualitative') {
    if (input.tier == null) {
      throw new InvalidInputError('tier', '定性指标须选择达成等级：达成、部分达成或未达成');
    }
    return { kind: 'tier', tier: input.tier, ratio: tierRatio(input, input.tier) };
  }

  const raw = (input.value ?? '').trim();
  if (raw === '') throw new InvalidInputError('value', '请填写实际完成值');
  const text = normalizeCell(raw);

  if (target.kind === 'deadline') {
    const date = parseDateExpression(text);
    if (date === null) {
      throw new InvalidInputError('value', `“${raw}”不是有效日期，请写成“2023-09-20”或“2023年9月20日”`);
    }
    return { kind: 'date', date, override: input.tier == null ? null : tierRatio(input, input.tier) };
  }

  if (takeComparator(text)[0] !== null) {
    throw new InvalidInputError('value', `实际完成值“${raw}”不应带比较符，请只写数值和单位`);
  }
  const quantity = parseQuantity(text);
  // Anything the grammar would have to guess ("6个左右") is refused: an actual is a plain value.
  if (quantity === null || quantity.tail !== '' || quantity.comparator !== null || quantity.warnings.length > 0) {
    throw new InvalidInputError('value', `“${raw}”不是有效数值，请写成如“5个”“96%”“28.5万元”`);
  }
  const targetUnit = target.unit;
  if (quantity.unit === null || targetUnit === null) {
    return { kind: 'quantity', value: quantity.value, unit: targetUnit ?? quantity.unit };
  }
  return { kind: 'quantity', value: convertUnit(quantity.value, quantity.unit, targetUnit), unit: targetUnit };
}
