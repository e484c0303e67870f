import { isFiscalYear } from '../calendar/fiscal-year.js';
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

/** What a date expression allows: its last day, the first day it names, and whether it wrote a year. */
export interface DateSpan {
  /** The last day allowed (inclusive ISO date). */
  end: string;
  /** The first day the expression names (the start of a period, or the day/month itself). */
  start: string;
  /** False when the year was taken from the table ("11月底之前"). */
  yearWritten: boolean;
}

/** One date ("2023年10月前", "11月底", "2023.07"), with the year of the table for year-less ones. */
function parsePoint(text: string, defaultYear: number | undefined): DateSpan | null {
  const iso = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:日)?(之前|以前|前)?$/.exec(text);
  if (iso) {
    const [, y, m, d, before] = iso;
    const year = Number(y);
    const month = Number(m);
    if (d !== undefined) {
      const day = isoDate(year, month, Number(d));
      return day === null ? null : { end: day, start: day, yearWritten: true };
    }
    const end = before === undefined ? endOfMonth(year, month) : endOfMonth(year, month - 1);
    const start = isoDate(year, month, 1);
    return end === null || start === null ? null : { end, start, yearWritten: true };
  }

  const chinese = /^(\d{4})年(?:度)?(.*)$/.exec(text);
  let year: number;
  let rest: string;
  let yearWritten = true;
  if (chinese) {
    year = Number(chinese[1]);
    rest = chinese[2];
  } else {
    // A date with no year ("11月底之前", "6月30日前", "年底前") takes the table's.
    if (defaultYear === undefined || !/^(?:\d{1,2}月|年|本年|全年)/.test(text)) return null;
    year = defaultYear;
    rest = text.replace(/^(?:本年度?|全年)/, '');
    yearWritten = false;
  }
  if (!isFiscalYear(year)) return null;
  const span = (end: string | null, start: string | null): DateSpan | null => (end === null || start === null ? null : { end, start, yearWritten });

  if (rest === '' || /^(?:年)?(?:内|底|末)(?:之前|以前|前)?$/.test(rest)) return span(isoDate(year, 12, 31), isoDate(year, 1, 1));
  if (/^(?:之前|以前|前)$/.test(rest)) return span(isoDate(year - 1, 12, 31), isoDate(year, 1, 1));
  if (new RegExp(`^上半年${END}${BEFORE}$`).test(rest)) return span(isoDate(year, 6, 30), isoDate(year, 1, 1));
  if (new RegExp(`^下半年${END}${BEFORE}$`).test(rest)) return span(isoDate(year, 12, 31), isoDate(year, 7, 1));

  const quarter = new RegExp(`^第?([一二三四1-4])季度${END}${BEFORE}$`).exec(rest);
  if (quarter) {
    const q = CHINESE_QUARTERS[quarter[1]];
    const beforeStart = quarter[3] !== undefined && quarter[2] === undefined;
    return span(endOfMonth(year, (beforeStart ? q - 1 : q) * 3), isoDate(year, q * 3 - 2, 1));
  }

  const month = new RegExp(`^(\\d{1,2})月份?${END}${BEFORE}$`).exec(rest);
  if (month) {
    const m = Number(month[1]);
    if (m < 1 || m > 12) return null;
    const beforeStart = month[3] !== undefined && month[2] === undefined;
    return span(endOfMonth(year, beforeStart ? m - 1 : m), isoDate(year, m, 1));
  }

  const day = new RegExp(`^(\\d{1,2})月(\\d{1,2})[日号]${BEFORE}$`).exec(rest);
  if (day) {
    const date = isoDate(year, Number(day[1]), Number(day[2]));
    return span(date, date);
  }
  return null;
}

const PERIOD = /^(.+?)(?:-|~|～|—|–|至|到)(.+)$/;

/**
 * Parses a date or a period into the span it allows, or null when the text is not a date. A
 * period ("2023.07-2024.01", "2023年7月至12月", "1-12月") is due at its end and keeps its start; a
 * date with no year takes `defaultYear` (and says so in `yearWritten`).
 *
 * @example parseDateSpan('2023.07-2024.01') // { end: '2024-01-31', start: '2023-07-01', yearWritten: true }
 */
export function parseDateSpan(normalized: string, defaultYear?: number): DateSpan | null {
  const text = normalized
    .replace(PREFIX, '')
    .replace(DONE_SUFFIX, '')
    .replace(/(?:之前|以前|前)?(?:完成|完工)$/, '');
  if (text === '') return null;
  const point = parsePoint(text, defaultYear);
  if (point) return point;

  const period = PERIOD.exec(text);
  if (!period) return null;
  const [, from, to] = period;
  // The year of one end serves the other ("2023年7月至12月", "11月-2024年1月"); a month range
  // with no year ("1-12月") is one of the table's year.
  const bareMonth = /^\d{1,2}$/.test(from) && /^\d{1,2}月/.test(to);
  const first = parsePoint(bareMonth ? `${from}月` : from, defaultYear);
  const yearOfFirst = /^(\d{4})/.exec(first?.start ?? '');
  const last =
    parsePoint(to, yearOfFirst ? Number(yearOfFirst[1]) : defaultYear) ??
    (/^\d{1,2}$/.test(to) && first ? parsePoint(`${first.start.slice(0, 4)}.${to}`, undefined) : null);
  if (first === null || last === null || last.end < first.start) return null;
  return { end: last.end, start: first.start, yearWritten: first.yearWritten || last.yearWritten };
}

/**
 * Parses a date expression into the last day it allows (inclusive), or null when the text is not
 * a date. "Before month M" ends on the last day of M-1; "end of M" and "M" end on the last day of M;
 * a day given with 前 is included.
 *
 * @example parseDateExpression('2023年10月前') // '2023-09-30'
 */
export function parseDateExpression(normalized: string, defaultYear?: number): string | null {
  return parseDateSpan(normalized, defaultYear)?.end ?? null;
}

/** Excel's day 0 (1899-12-30, which absorbs Lotus' 1900 leap-year bug for every serial after 60). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * The date of an Excel date serial (44561 → 2021-12-31), for serials from 1950 to 2100; null
 * for any other number.
 *
 * @example excelSerialDate(44561) // '2021-12-31'
 */
export function excelSerialDate(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 18264 || serial > 73415) return null;
  return new Date(EXCEL_EPOCH + serial * 86_400_000).toISOString().slice(0, 10);
}
