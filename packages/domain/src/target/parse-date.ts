/**
 * Date grammar shared by deadline targets ("2023年10月前") and completion dates given as actual
 * values ("2023年9月20日", "2023-09-20"). Input must already be normalised (normalizeCell).
 */

const PREFIX = /^(?:<=|≤|不晚于|截止到|截至到|截止至|截止|截至|预计于|预计在|预计|计划于|于|在)/;
const DONE_SUFFIX = /(?:全部完成|实施完毕|完成|完工|办结|结束|验收)$/;
const BEFORE = '(之前|以前|前)?';
const END = '(底|末)?';

const CHINESE_QUARTERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** Returns the ISO date (YYYY-MM-DD) of the given day, or null when the day does not exist. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function endOfMonth(year: number, month: number): string | null {
  if (month === 0) return isoDate(year - 1, 12, 31);
  if (month < 1 || month > 12) return null;
  return isoDate(year, month, daysInMonth(year, month));
}

/**
 * Parses a date expression into the last day it allows (inclusive), or null when the text is not
 * a date. "Before month M" ends on the last day of M-1; "end of M" and "M" end on the last day of M;
 * a day given with 前 is included.
 *
 * @example parseDateExpression('2023年10月前') // '2023-09-30'
 */
export function parseDateExpression(normalized: string): string | null {
  const text = normalized.replace(PREFIX, '').replace(DONE_SUFFIX, '');

  const iso = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:日)?(之前|以前|前)?$/.exec(text);
  if (iso) {
    const [, y, m, d] = iso;
    return d === undefined ? endOfMonth(Number(y), Number(m)) : isoDate(Number(y), Number(m), Number(d));
  }

  const chinese = /^(\d{4})年(?:度)?(.*)$/.exec(text);
  if (!chinese) return null;
  const year = Number(chinese[1]);
  if (year < 1900 || year > 2199) return null;
  const rest = chinese[2];

  if (rest === '' || /^(?:年)?(?:内|底|末)(?:之前|以前|前)?$/.test(rest)) return isoDate(year, 12, 31);
  if (/^(?:之前|以前|前)$/.test(rest)) return isoDate(year - 1, 12, 31);
  if (new RegExp(`^上半年${END}${BEFORE}$`).test(rest)) return isoDate(year, 6, 30);
  if (new RegExp(`^下半年${END}${BEFORE}$`).test(rest)) return isoDate(year, 12, 31);

  const quarter = new RegExp(`^第?([一二三四1-4])季度${END}${BEFORE}$`).exec(rest);
  if (quarter) {
    const q = CHINESE_QUARTERS[quarter[1]];
    const beforeStart = quarter[3] !== undefined && quarter[2] === undefined;
    return endOfMonth(year, (beforeStart ? q - 1 : q) * 3);
  }

  const month = new RegExp(`^(\\d{1,2})月份?${END}${BEFORE}$`).exec(rest);
  if (month) {
    const m = Number(month[1]);
    if (m < 1 || m > 12) return null;
    const beforeStart = month[3] !== undefined && month[2] === undefined;
    return endOfMonth(year, beforeStart ? m - 1 : m);
  }

  const day = new RegExp(`^(\\d{1,2})月(\\d{1,2})[日号]${BEFORE}$`).exec(rest);
  if (day) return isoDate(year, Number(day[1]), Number(day[2]));

  return null;
}
