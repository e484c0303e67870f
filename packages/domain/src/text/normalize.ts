/**
 * Brings a cell written by hand into the form the grammars read: full-width digits, letters and
 * symbols become ASCII (NFKC), and every kind of white space is removed.
 *
 * @example normalizeCell('≥ ９５ ％') // '≥95%'
 */
export function normalizeCell(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, '');
}

/** Parses a decimal number written with optional thousands separators ("27,000", "418.00"). */
export function parseDecimal(text: string): number | null {
  const cleaned = text.normalize('NFKC').replace(/[\s,]/g, '');
  if (!/^[-+]?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** Rounds to two decimals the way scores and money are shown (half away from zero). */
export function round2(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 100 + 1e-9)) / 100;
}

/**
 * Rounds a rate to four decimals (95.69 %), half away from zero like `round2`.
 *
 * @example round4(400 / 418) // 0.9569
 */
export function round4(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 10_000 + 1e-9)) / 10_000;
}
