/**
 * The fiscal years (预算年度) Jixiao accepts: four-digit calendar years. A year outside is a typo
 * ("23", "20233"), not a budget.
 */
export const FISCAL_YEARS = { min: 1900, max: 2199 } as const;

/**
 * Whether a value is a fiscal year: an integer from 1900 to 2199.
 *
 * @example isFiscalYear(2023) // true
 */
export function isFiscalYear(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= FISCAL_YEARS.min && value <= FISCAL_YEARS.max;
}
