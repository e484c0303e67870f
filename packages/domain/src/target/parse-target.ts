import { normalizeCell } from '../text/normalize.js';
import { excelSerialDate, parseDateSpan } from './parse-date.js';
import { KNOWN_UNITS } from './units.js';

export type Comparator = '>=' | '>' | '<=' | '<' | '=' | 'between';
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
  /** Null for qualitative targets; always "<=" for deadlines; "between" for a range (`value`–`max`). */
  comparator: Comparator | null;
  /** A number (quantitative; the low end of a range), an inclusive ISO date (deadline) or null (qualitative). */
  value: number | string | null;
  /** The unit as written (百分比 as "%"), or inferred with a warning. */
  unit: string | null;
  rule: ScoringRule | null;
  /** The high end of a range ("90%-95%"). */
  max?: number | null;
  /** A deadline given as a period ("2023.07-2024.01"): the first day of the period. */
  start?: string | null;
  /** Text kept apart from the value: a trailing note ("计划标准") or the sentence a number was read from. */
  note?: string | null;
  /** "±3%以内": the value bounds the deviation from the plan, not the quantity itself. */
  tolerance?: boolean;
}

export interface TargetContext {
  /** 一级指标 as written, e.g. "成本指标" (newer tables put cost at the first level). */
  level1?: string;
  /** 二级指标 as written, e.g. "成本指标": decides the default comparator. */
  level2?: string;
  /** 三级指标, e.g. "维修质量达标率": rate and satisfaction indicators default to "%". */
  name?: string;
  /** The table's fiscal year: dates written without a year ("11月底之前") take it. */
  year?: number;
}

export interface TargetParse {
  target: ParsedTarget;
  /** What the parser had to guess, in Chinese, for the person who imports the table. */
  warnings: string[];
}

const SYMBOL_COMPARATORS: ReadonlyArray<[string, Exclude<Comparator, 'between'>]> = [
  ['>=', '>='],
  ['=>', '>='],
  ['≥', '>='],
  ['⩾', '>='],
  ['<=', '<='],
  ['=<', '<='],
  ['≤', '<='],
  ['⩽', '<='],
  ['>', '>'],
  ['<', '<'],
  ['==', '='],
  ['=', '='],
];

type PlainComparator = Exclude<Comparator, 'between'>;

const WORD_COMPARATORS: ReadonlyArray<[string, PlainComparator]> = (
  [
    ['大于或等于', '>='],
    ['小于或等于', '<='],
    ['大于等于', '>='],
    ['小于等于', '<='],
    ['不低于', '>='],
    ['不少于', '>='],
    ['不小于', '>='],
    ['达到', '>='],
    ['至少', '>='],
    ['不高于', '<='],
    ['不超过', '<='],
    ['不多于', '<='],
    ['不大于', '<='],
    ['至多', '<='],
    ['控制在', '<='],
    ['大于', '>'],
    ['高于', '>'],
    ['超过', '>'],
    ['多于', '>'],
    ['小于', '<'],
    ['低于', '<'],
    ['少于', '<'],
    ['等于', '='],
  ] satisfies Array<[string, PlainComparator]>
).sort((a, b) => b[0].length - a[0].length);

const SUFFIX_COMPARATORS: ReadonlyArray<[string, PlainComparator]> = [
  ['(含)以上', '>='],
  ['及以上', '>='],
  ['以上', '>='],
  ['(含)以下', '<='],
  ['及以下', '<='],
  ['以下', '<='],
  ['以内', '<='],
  ['之内', '<='],
  ['内', '<='],
];

/** Look-alikes of comparators that NFKC leaves alone: ≧ ≦, the box-drawing ═, the angle quotes ‹ ›. */
const LOOK_ALIKES: Readonly<Record<string, string>> = { '≧': '≥', '≦': '≤', '═': '=', '‹': '<', '›': '>', '〉': '>', '〈': '<' };

const NUMBER = /^[-+]?\d+(?:,\d{3})*(?:\.\d+)?/;
/** Where the unit ends and an explanation or a scoring rule begins. */
const TAIL_START = /[,;。:(]|目标值|完成率|得满分|不得分|指标得分/;
const ZERO_BELOW = /完成率(?:小于|低于|不足|不到|<)(\d+(?:\.\d+)?)%(?:的|时)?(?:不得分|得0分|计0分|为0分)/;
const UNIT_AS_WRITTEN = /^[\p{Script=Han}A-Za-z·²³]{1,4}$/u;
/** Words that mean "percent" written out as the unit. */
const PERCENT_WORDS = new Set(['百分比', '百分之', '百分率']);

/**
 * Brings a target cell into the form the grammar reads: NFKC (full-width digits and symbols), the
 * comparator look-alikes, and no white space.
 *
 * @example normalizeTargetText('═ 100 %') // '=100%'
 */
export function normalizeTargetText(raw: string): string {
  return normalizeCell(raw).replace(/[≧≦═‹›〈〉]/g, (c) => LOOK_ALIKES[c]);
}

/** Splits a leading comparator (symbol or word) off normalised text. */
export function takeComparator(text: string): [PlainComparator | null, string] {
  for (const [symbol, comparator] of SYMBOL_COMPARATORS) {
    if (text.startsWith(symbol)) return [comparator, text.slice(symbol.length)];
  }
  for (const [word, comparator] of WORD_COMPARATORS) {
    if (text.startsWith(word)) return [comparator, text.slice(word.length)];
  }
  return [null, text];
}

export interface Quantity {
  comparator: PlainComparator | null;
  value: number;
  unit: string | null;
  /** Text after the unit: an explanation or a scoring rule. */
  tail: string;
  warnings: string[];
}

/** A unit token: a known unit, or a short word as written (百分比 → %). */
function unitToken(text: string): string | null {
  if (PERCENT_WORDS.has(text)) return '%';
  if (KNOWN_UNITS.includes(text) || text === '%' || text === '‰') return text;
  // A word after a known unit ("次宣传") is not a unit; a short unit of its own ("辆", "M") is.
  if (UNIT_AS_WRITTEN.test(text) && !KNOWN_UNITS.some((unit) => text.startsWith(unit))) return text;
  return null;
}

/** Reads a whole unit: one token, or a compound "元/亩", "万元/人", "人/次" kept whole. */
function readUnit(text: string): string | null {
  const parts = text.split('/');
  if (parts.length > 2 || parts.some((part) => part === '')) return null;
  const tokens = parts.map(unitToken);
  if (tokens.some((token) => token === null)) return null;
  return tokens.join('/');
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

  let suffix: PlainComparator | null = null;
  for (const [word, comparator] of SUFFIX_COMPARATORS) {
    if (unitPart.endsWith(word)) {
      suffix = comparator;
      unitPart = unitPart.slice(0, -word.length);
      break;
    }
  }

  let unit: string | null = null;
  if (unitPart !== '') {
    unit = readUnit(unitPart);
    if (unit === null) {
      const known = KNOWN_UNITS.find((u) => unitPart.startsWith(u));
      if (known === undefined || /\d/.test(unitPart)) return null;
      unit = known;
      warnings.push(`单位“${known}”后的文字“${unitPart.slice(known.length)}”已忽略`);
    }
  }

  if (prefix && suffix && prefix !== suffix) {
    warnings.push(`比较符“${prefix}”与“${suffix}”矛盾，按前者处理`);
  }
  return { comparator: prefix ?? suffix, value, unit, tail, warnings };
}

/** Rates of something to avoid: a target for them is a ceiling. */
const AVOIDED_RATE =
  /(?:差错|投诉|争议|误差|事故|返修|发案|失误|错误|违规|违纪|不合格|超支|逾期|损失|流失|空置|漏检|退回|复发|死亡|上访|信访|发病|返贫|偏差|超标|闲置|失败)率/;
const RATE_LIKE = /率|满意|知晓/;

function isRateLike(context: TargetContext): boolean {
  return RATE_LIKE.test(context.name ?? '') || /满意/.test(context.level2 ?? '');
}

function isCostLevel(context: TargetContext): boolean {
  return /成本/.test(context.level2 ?? '') || /成本/.test(context.level1 ?? '');
}

function isTimeLevel(context: TargetContext): boolean {
  return /时效/.test(context.level2 ?? '');
}

/** The comparator a target without one gets (docs/domain.md "Target values"), and why. */
function defaultComparator(context: TargetContext): [PlainComparator, string] {
  if (isRateLike(context)) {
    return AVOIDED_RATE.test(context.name ?? '') ? ['<=', '按应避免的比率（上限）'] : ['>=', '按比率或满意度指标（下限）'];
  }
  if (isCostLevel(context)) return ['<=', '按成本指标'];
  return ['=', '默认'];
}

/** A unit written only in the indicator's name: "造林面积（亩）", "任务完成时限(月)". */
function unitInName(name: string | undefined): string | null {
  const match = /\(([^()]{1,6})\)$/.exec(normalizeCell(name ?? ''));
  if (!match) return null;
  const unit = readUnit(match[1]);
  if (unit === null) return null;
  const known = unit.split('/').every((part) => KNOWN_UNITS.includes(part) || part === '%');
  return known ? unit : null;
}

const TRAILING_NOTE = /^(.+?)\(([^()]+)\)$/;
const TOLERANCE = /^(?:±|\+-|\+\/-)(\d+(?:\.\d+)?)(%|‰|[\p{Script=Han}A-Za-z]{1,4}?)?(?:以内|之内|内)?$/u;
const RANGE = /^(\d+(?:,\d{3})*(?:\.\d+)?)([^\d\-~～—–至到]{0,4})(?:-|~|～|—|–|至|到)(\d+(?:,\d{3})*(?:\.\d+)?)([^\d]{0,4})$/;
/** A number inside a sentence ("至少全年完成2次宣传"), not a year ("2023年") nor a list number ("1."). */
const NUMBER_IN_SENTENCE = /(\d+(?:,\d{3})*(?:\.\d+)?)(?!\d|年|\.\d|[.、])/;

const qualitativeTarget = (raw: string): ParsedTarget => ({ raw, kind: 'qualitative', comparator: null, value: null, unit: null, rule: null });

/**
 * Parses a 指标值 cell into a target, following docs/domain.md "Target values". Never throws: text
 * that is neither a quantity nor a date is a qualitative target kept verbatim. Every guess (a
 * comparator, a unit, a year from the table, a serial read as a date, a number read from a
 * sentence) is reported in `warnings`.
 *
 * @example parseTarget('≥95%').target // { kind: 'quantitative', comparator: '>=', value: 95, unit: '%', … }
 * @example parseTarget('17万元', { level2: '成本指标' }).target.comparator // '<='
 */
export function parseTarget(raw: string, context: TargetContext = {}): TargetParse {
  const normalized = normalizeTargetText(raw);
  const shown = raw.trim().length > 20 ? `${raw.trim().slice(0, 20)}…` : raw.trim();
  const warnings: string[] = [];
  if (normalized === '') return { target: qualitativeTarget(raw), warnings };

  // A trailing note ("2019年12月(计划标准)") is kept apart, as after a number.
  let text = normalized;
  let note: string | null = null;
  const trailing = TRAILING_NOTE.exec(normalized);
  if (trailing && !/^含$/.test(trailing[2]) && !/\d/.test(trailing[2])) {
    text = trailing[1];
    note = trailing[2];
  }
  const withNote = (target: ParsedTarget): ParsedTarget => (note === null ? target : { ...target, note });

  const span = parseDateSpan(text, context.year);
  if (span !== null) {
    if (!span.yearWritten) warnings.push(`指标值“${shown}”未写年度，按表的年度 ${context.year} 年读为 ${span.end}`);
    const isPeriod = span.start !== span.end && /-|~|～|—|–|至|到/.test(text.replace(/^\d{4}-\d{1,2}-\d{1,2}$/, ''));
    const target: ParsedTarget = { raw, kind: 'deadline', comparator: '<=', value: span.end, unit: null, rule: null };
    return { target: withNote(isPeriod ? { ...target, start: span.start } : target), warnings };
  }

  const tolerance = TOLERANCE.exec(text);
  if (tolerance) {
    const unit = tolerance[2] ? readUnit(tolerance[2]) : null;
    const target: ParsedTarget = { raw, kind: 'quantitative', comparator: '<=', value: Number(tolerance[1]), unit, rule: null, tolerance: true };
    return { target: withNote(target), warnings };
  }

  const [rangeComparator, rangeText] = takeComparator(text);
  const range = rangeComparator === null ? RANGE.exec(rangeText) : null;
  if (range) {
    const low = Number(range[1].replace(/,/g, ''));
    const high = Number(range[3].replace(/,/g, ''));
    const unit = readUnit(range[4] || range[2]) ?? null;
    if (low <= high && (range[2] === '' || range[4] === '' || range[2] === range[4]) && (range[4] === '' || unit !== null)) {
      const target: ParsedTarget = { raw, kind: 'quantitative', comparator: 'between', value: low, max: high, unit, rule: null };
      return { target: withNote(finishUnit(target, context, shown, warnings)), warnings };
    }
  }

  // An Excel date serial in a 时效 cell ("44561", "44,561") is that date.
  if (isTimeLevel(context) && /^\d{1,3}(?:,?\d{3})$/.test(text)) {
    const date = excelSerialDate(Number(text.replace(/,/g, '')));
    if (date !== null) {
      warnings.push(`指标值“${shown}”按 Excel 日期序号读为 ${date}`);
      return { target: withNote({ raw, kind: 'deadline', comparator: '<=', value: date, unit: null, rule: null }), warnings };
    }
  }

  let quantity = parseQuantity(text);
  let sentence = false;
  if (quantity === null) {
    quantity = quantityInSentence(text);
    if (quantity === null) return { target: qualitativeTarget(raw), warnings: [] };
    sentence = true;
    note = normalized;
    warnings.push(`指标值“${shown}”是一句话，从中读出数值 ${quantity.value}${quantity.unit ?? ''}`);
  }

  warnings.push(...quantity.warnings);
  let comparator: Comparator | null = quantity.comparator;
  if (comparator === null) {
    const [guess, why] = defaultComparator(context);
    comparator = guess;
    warnings.push(`指标值“${shown}”未写比较符，${why}推定为“${comparator}”`);
  }
  let rule: ScoringRule | null = null;
  if (quantity.tail !== '' && !sentence) {
    const zeroBelow = ZERO_BELOW.exec(quantity.tail);
    if (zeroBelow) rule = { zeroBelow: Number(zeroBelow[1]) / 100 };
    else warnings.push(`指标值中的说明“${quantity.tail}”不是可识别的评分规则，未采用`);
  }
  const target: ParsedTarget = { raw, kind: 'quantitative', comparator, value: quantity.value, unit: quantity.unit, rule };
  return { target: withNote(finishUnit(target, context, shown, warnings)), warnings };
}

/** Fills in a unit not written in the cell: from the name, else "%" for rates (0.97 → 97 %). */
function finishUnit(target: ParsedTarget, context: TargetContext, shown: string, warnings: string[]): ParsedTarget {
  if (target.unit !== null) {
    if (target.unit === '万' && isCostLevel(context)) {
      warnings.push(`指标值“${shown}”的单位“万”按成本指标读为“万元”`);
      return { ...target, unit: '万元' };
    }
    return target;
  }
  const fromName = unitInName(context.name);
  if (fromName !== null) {
    warnings.push(`指标值“${shown}”未写单位，按指标名称取“${fromName}”`);
    return { ...target, unit: fromName };
  }
  if (!isRateLike(context)) return target;
  const value = target.value as number;
  const high = target.max ?? value;
  if (high <= 1 && !(value === 0 && high === 0)) {
    warnings.push(`指标值“${shown}”未写单位，按比率读为小数：${value} → ${round4(value * 100)}%`);
    return { ...target, value: round4(value * 100), ...(target.max != null ? { max: round4(target.max * 100) } : {}), unit: '%' };
  }
  warnings.push(`指标值“${shown}”未写单位，按比率或满意度指标推定为“%”`);
  return { ...target, unit: '%' };
}

function round4(value: number): number {
  return Number(value.toFixed(4));
}

/** The first number of a sentence with the known unit after it, and a comparator word before it. */
function quantityInSentence(text: string): Quantity | null {
  const [lead, afterLead] = takeComparator(text);
  const number = NUMBER_IN_SENTENCE.exec(afterLead);
  if (!number || number.index === undefined) return null;
  const before = afterLead.slice(0, number.index);
  let comparator = lead;
  if (comparator === null) {
    for (const [word, found] of WORD_COMPARATORS) {
      if (before.endsWith(word)) {
        comparator = found;
        break;
      }
    }
  }
  const after = afterLead.slice(number.index + number[0].length);
  const unit = after.startsWith('%') ? '%' : (KNOWN_UNITS.find((u) => after.startsWith(u)) ?? null);
  const rest = unit === null ? after : after.slice(unit.length);
  if (comparator === null) {
    for (const [word, found] of SUFFIX_COMPARATORS) {
      if (rest.startsWith(word) && word !== '内') {
        comparator = found;
        break;
      }
    }
  }
  return { comparator, value: Number(number[1].replace(/,/g, '')), unit, tail: '', warnings: [] };
}
