import { InvalidInputError } from '../errors.js';
import { normalizeCell } from '../text/normalize.js';
import { isoDate } from './parse-date.js';
import type { Comparator, ParsedTarget, TargetKind } from './parse-target.js';

/** A target as a person corrects it in the import preview: every field may be changed. */
export interface TargetFields {
  raw: string;
  kind: TargetKind;
  comparator?: Comparator | null;
  /** The number (quantitative). */
  value?: number | null;
  /** The high end of a `between` range. */
  max?: number | null;
  unit?: string | null;
  /** Inclusive ISO date (deadline). */
  deadline?: string | null;
  zeroBelow?: number | null;
  note?: string | null;
  tolerance?: boolean | null;
  start?: string | null;
}

const COMPARATORS: readonly Comparator[] = ['>=', '>', '<=', '<', '=', 'between'];

function checkDate(field: string, value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match || isoDate(Number(match[1]), Number(match[2]), Number(match[3])) === null) {
    throw new InvalidInputError(field, `“${value}”不是有效日期，应写成 2023-12-31`);
  }
  return value;
}

/**
 * Builds the target a person set in the preview, refusing fields that do not fit its kind
 * (InvalidInputError naming the field): a quantitative target needs a comparator and a number, a
 * range its high end, a deadline a date; a qualitative one keeps only its text.
 *
 * @example targetFromFields({ raw: '≥98百分比', kind: 'quantitative', comparator: '>=', value: 98, unit: '%' }).unit // '%'
 */
export function targetFromFields(fields: TargetFields): ParsedTarget {
  const raw = fields.raw;
  if (fields.kind === 'qualitative') return { raw, kind: 'qualitative', comparator: null, value: null, unit: null, rule: null };
  const rule = fields.zeroBelow == null ? null : { zeroBelow: fields.zeroBelow };
  if (rule && !(rule.zeroBelow > 0 && rule.zeroBelow < 1))
    throw new InvalidInputError('zeroBelow', `不得分的完成率下限应在 0 到 1 之间，实际为 ${rule.zeroBelow}`);
  const extra = { ...(fields.note ? { note: fields.note } : {}) };
  if (fields.kind === 'deadline') {
    if (!fields.deadline) throw new InvalidInputError('deadline', '时间节点类指标须填写截止日期');
    const start = fields.start ? { start: checkDate('start', fields.start) } : {};
    return { raw, kind: 'deadline', comparator: '<=', value: checkDate('deadline', fields.deadline), unit: null, rule, ...start, ...extra };
  }
  if (fields.kind !== 'quantitative') throw new InvalidInputError('kind', `指标类型应为 quantitative、deadline 或 qualitative，实际为“${String(fields.kind)}”`);
  const comparator = fields.comparator ?? null;
  if (comparator === null || !COMPARATORS.includes(comparator)) throw new InvalidInputError('comparator', `定量指标须选择比较符（${COMPARATORS.join(' ')}）`);
  if (fields.value == null || !Number.isFinite(fields.value)) throw new InvalidInputError('value', '定量指标须填写目标数值');
  const unit = fields.unit == null || normalizeCell(fields.unit) === '' ? null : normalizeCell(fields.unit) === '百分比' ? '%' : fields.unit.trim();
  if (unit !== null && unit.length > 32) throw new InvalidInputError('unit', `单位最多 32 个字符，实际 ${unit.length} 个`);
  const target: ParsedTarget = { raw, kind: 'quantitative', comparator, value: fields.value, unit, rule, ...extra };
  if (comparator === 'between') {
    if (fields.max == null || !Number.isFinite(fields.max) || fields.max < fields.value) throw new InvalidInputError('max', '区间指标须填写不小于下限的上限');
    target.max = fields.max;
  }
  if (fields.tolerance) target.tolerance = true;
  return target;
}

const COMPARATOR_WORDS: Record<Comparator, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=', between: '介于' };

/**
 * How the target will be scored, in a sentence for the person checking an import (docs/domain.md
 * "Scoring"): positive, reverse, equal, range, deadline or qualitative.
 *
 * @example describeTargetScoring(parseTarget('≥95%').target) // '实际值≥95%得满分；未达到时得分 = 实际值 ÷ 95% × 分值'
 */
export function describeTargetScoring(target: ParsedTarget): string {
  const zero = target.rule ? `；完成率低于 ${Math.round(target.rule.zeroBelow * 100)}% 不得分` : '';
  if (target.kind === 'qualitative') return '定性指标：评价人选择达成（80–100%）、部分达成（60–80%）或未达成（0–60%）';
  if (target.kind === 'deadline') return `${target.value} 当日或之前完成得满分，逾期不得分（评价人可酌情给分）${zero}`;
  const unit = target.unit ?? '';
  const goal = `${target.value}${unit}`;
  const of = target.tolerance ? '偏差' : '实际值';
  switch (target.comparator) {
    case '>=':
    case '>':
      return `${of}${COMPARATOR_WORDS[target.comparator]}${goal}得满分；未达到时得分 = ${of} ÷ ${goal} × 分值${zero}`;
    case '<=':
    case '<':
      return `${of}${COMPARATOR_WORDS[target.comparator]}${goal}得满分；超出时得分 = ${goal} ÷ ${of} × 分值${zero}`;
    case 'between':
      return `${of}在 ${target.value}–${target.max}${unit} 之间得满分；低于时按 ${of} ÷ ${target.value}${unit}，高于时按 ${target.max}${unit} ÷ ${of} 计分${zero}`;
    default:
      return `${of}等于 ${goal} 得满分；否则得分 = 较小值 ÷ 较大值 × 分值${zero}`;
  }
}
