import { normalizeCell } from '../text/normalize.js';
import { parseDateExpression } from './parse-date.js';
import { KNOWN_UNITS } from './units.js';

export type Comparator = '>=' | '>' | '<=' | '<' | '=';
export type TargetKind = 'quantitative' | 'deadline' | 'qualitative';

/** A scoring rule written into the target cell. */
export interface ScoringRule {
  /** A completion rate below this fraction scores 0 ("目标值完成率小于60%不得分" → 0.6). */
  zeroBelow: number;
}

export interface ParsedTarget {
  /** The cell exactly as written. */
  raw: string;
  kind: TargetKind;
  /** Null for qualitative targets; always "<=" for deadlines. */
  comparator: Comparator | null;
  /** A number (quantitative), an inclusive ISO date (deadline) or null (qualitative). */
  value: number | string | null;
  /** The unit as written, or inferred ("%") with a warning. */
  unit: string | null;
  rule: ScoringRule | null;
}

export interface TargetContext {
  /** 二级指标 as written, e.g. "成本指标": decides the default comparator. */
  level2?: string;
  /** 三级指标, e.g. "维修质量达标率": rate and satisfaction indicators default to "%". */
  name?: string;
}

export interface TargetParse {
  target: ParsedTarget;
  /** What the parser had to guess, in Chinese, for the person who imports the table. */
  warnings: string[];
}

const SYMBOL_COMPARATORS: ReadonlyArray<[string, Comparator]> = [
  ['>=', '>='], ['=>', '>='], ['≥', '>='], ['≧', '>='], ['⩾', '>='],
  ['<=', '<='], ['=<', '<='], ['≤', '<='], ['≦', '<='], ['⩽', '<='],
  ['>', '>'], ['<', '<'], ['==', '='], ['=', '='],
];

const WORD_COMPARATORS: ReadonlyArray<[string, Comparator]> = (
  [
    ['大于或等于', '>='], ['小于或等于', '<='], ['大于等于', '>='], ['小于等于', '<='],
    ['不低于', '>='], ['不少于', '>='], ['不小于', '>='], ['达到', '>='], ['至少', '>='],
    ['不高于', '<='], ['不超过', '<='], ['不多于', '<='], ['不大于', '<='], ['至多', '<='], ['控制在', '<='],
    ['大于', '>'], ['高于', '>'], ['超过', '>'], ['多于', '>'],
    ['小于', '<'], ['低于', '<'], ['少于', '<'],
    ['等于', '='],
  ] satisfies Array<[string, Comparator]>
).sort((a, b) => b[0].length - a[0].length);

const SUFFIX_COMPARATORS: ReadonlyArray<[string, Comparator]> = [
  ['(含)以上', '>='], ['及以上', '>='], ['以上', '>='],
  ['(含)以下', '<='], ['及以下', '<='], ['以下', '<='], ['以内', '<='], ['之内', '<='], ['内', '<='],
];

const NUMBER = /^[-+]?\d+(?:,\d{3})*(?:\.\d+)?/;
/** Where the unit ends and an explanation or a scoring rule begins. */
const TAIL_START = /[,;。:(]|目标值|完成率|得满分|不得分|指标得分/;
const ZERO_BELOW = /完成率(?:小于|低于|不足|不到|<)(\d+(?:\.\d+)?)%(?:的|时)?(?:不得分|得0分|计0分|为0分)/;
const UNIT_AS_WRITTEN = /^[\p{Script=Han}A-Za-z/·²]{1,4}$/u;

/** Splits a leading comparator (symbol or word) off normalised text. */
export function takeComparator(text: string): [Comparator | null, string] {
  for (const [symbol, comparator] of SYMBOL_COMPARATORS) {
    if (text.startsWith(symbol)) return [comparator, text.slice(symbol.length)];
  }
  for (const [word, comparator] of WORD_COMPARATORS) {
    if (text.startsWith(word)) return [comparator, text.slice(word.length)];
  }
  return [null, text];
}

export interface Quantity {
  comparator: Comparator | null;
  value: number;
  unit: string | null;
  /** Text after the unit: an explanation or a scoring rule. */
  tail: string;
  warnings: string[];
}

/**
 * Reads "[comparator] number [unit] [以上|以下|以内] [explanation]" from normalised text, or returns
 * null when the text does not start with a quantity.
 *
 * @example parseQuantity('≥27000件') // { comparator: '>=', value: 27000, unit: '件', tail: '', warnings: [] }
 */
export function parseQuantity(normalized: string): Quantity | null {
  const warnings: string[] = [];
  const [prefix, afterComparator] = takeComparator(normalized);
  const number = NUMBER.exec(afterComparator);
  if (!number) return null;
  const value = Number(number[0].replace(/,/g, ''));
  const rest = afterComparator.slice(number[0].length);
  const tailAt = rest.search(TAIL_START);
  let unitPart = tailAt === -1 ? rest : rest.slice(0, tailAt);
  const tail = tailAt === -1 ? '' : rest.slice(tailAt);

  let suffix: Comparator | null = null;
  for (const [word, comparator] of SUFFIX_COMPARATORS) {
    if (unitPart.endsWith(word)) {
      suffix = comparator;
      unitPart = unitPart.slice(0, -word.length);
      break;
    }
  }

  let unit: string | null = null;
  if (unitPart !== '') {
    const known = KNOWN_UNITS.find((u) => unitPart.startsWith(u));
    if (known === unitPart || (known === undefined && UNIT_AS_WRITTEN.test(unitPart))) {
      unit = unitPart;
    } else if (known !== undefined && !/\d/.test(unitPart)) {
      unit = known;
      warnings.push(`单位“${known}”后的文字“${unitPart.slice(known.length)}”已忽略`);
    } else {
      return null;
    }
  }

  if (prefix && suffix && prefix !== suffix) {
    warnings.push(`比较符“${prefix}”与“${suffix}”矛盾，按前者处理`);
  }
  return { comparator: prefix ?? suffix, value, unit, tail, warnings };
}

function isRateLike(context: TargetContext): boolean {
  return /率|满意度/.test(context.name ?? '') || /满意度/.test(context.level2 ?? '');
}

/**
 * Parses a 指标值 cell into a target, following docs/domain.md "Reading a 指标值". Never throws: text that
 * is neither a quantity nor a date is a qualitative target kept verbatim.
 *
 * @example parseTarget('≥95%').target // { kind: 'quantitative', comparator: '>=', value: 95, unit: '%', … }
 * @example parseTarget('17万元', { level2: '成本指标' }).target.comparator // '<='
 */
export function parseTarget(raw: string, context: TargetContext = {}): TargetParse {
  const text = normalizeCell(raw);
  const shown = raw.trim().length > 20 ? `${raw.trim().slice(0, 20)}…` : raw.trim();

  const deadline = parseDateExpression(text);
  if (deadline !== null) {
    return { target: { raw, kind: 'deadline', comparator: '<=', value: deadline, unit: null, rule: null }, warnings: [] };
  }

  const quantity = parseQuantity(text);
  if (quantity === null) {
    return { target: { raw, kind: 'qualitative', comparator: null, value: null, unit: null, rule: null }, warnings: [] };
  }

  const warnings = [...quantity.warnings];
  let comparator = quantity.comparator;
  if (comparator === null) {
    const isCost = /成本/.test(context.level2 ?? '');
    comparator = isCost ? '<=' : '=';
    warnings.push(`指标值“${shown}”未写比较符，${isCost ? '按成本指标' : '默认'}推定为“${comparator}”`);
  }
  let unit = quantity.unit;
  if (unit === null && isRateLike(context)) {
    unit = '%';
    warnings.push(`指标值“${shown}”未写单位，按比率或满意度指标推定为“%”`);
  }
  let rule: ScoringRule | null = null;
  if (quantity.tail !== '') {
    const zeroBelow = ZERO_BELOW.exec(quantity.tail);
    if (zeroBelow) rule = { zeroBelow: Number(zeroBelow[1]) / 100 };
    else warnings.push(`指标值中的说明“${quantity.tail}”不是可识别的评分规则，未采用`);
  }
  return { target: { raw, kind: 'quantitative', comparator, value: quantity.value, unit, rule }, warnings };
}
