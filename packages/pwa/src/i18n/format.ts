/** Number and date formats for the screens; the locale is the app's (zh-CN or en). */

/** 0.8333 → "83.33%"; null → "—". */
export function formatRate(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return '—';
  return `${Math.round(rate * 10000) / 100}%`;
}

/** 8.333 → "8.33"; whole numbers without decimals. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const factor = 10 ** digits;
  return String(Math.round(value * factor) / factor);
}

/** Epoch ms or ISO text → "2024-03-01 14:05" in the device's time zone. */
export function formatDateTime(value: number | string | null | undefined): string {
  if (value == null) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "14:05" today, else the full date and time. */
export function formatWhen(value: number, now: number): string {
  const full = formatDateTime(value);
  return full.slice(0, 10) === formatDateTime(now).slice(0, 10) ? full.slice(11) : full;
}

/** Today in the device's time zone, "2024-03-01" (for date inputs). */
export function localDate(now: number): string {
  return formatDateTime(now).slice(0, 10);
}

/** 1536 → "1.5 KB"; 12_345_678 → "11.8 MB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
