/**
 * China Standard Time: UTC+8 all year, no daylight saving. Users, offices and the dates printed on
 * forms are in China, whatever zone the server or a browser runs in.
 */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60;

const OFFSET_MS = CHINA_UTC_OFFSET_MINUTES * 60_000;

/** An instant as the wall clock in China reads it, "YYYY-MM-DDTHH:mm:ss.sssZ" shifted by +8 h. */
function chinaClock(instant: string | number | Date): string {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  return new Date(ms + OFFSET_MS).toISOString();
}

/**
 * The calendar day in China of an instant: the day a completion date or a deadline is read in.
 *
 * @example chinaDate('2023-09-29T17:00:00Z') // '2023-09-30'
 */
export function chinaDate(instant: string | number | Date): string {
  return chinaClock(instant).slice(0, 10);
}

/**
 * The date and minute in China of an instant, as reports and the command line print it.
 *
 * @example chinaDateTime(new Date('2023-12-31T16:30:00Z')) // '2024-01-01 00:30'
 */
export function chinaDateTime(instant: string | number | Date): string {
  return chinaClock(instant).slice(0, 16).replace('T', ' ');
}
