import { InvalidInputError } from '../errors.js';

/** The 5-point scale (docs/domain.md), best first. */
export const SATISFACTION_LEVELS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/**
 * How a survey turns answers into a rate: the default counts 非常满意 + 满意; a survey may count
 * 基本满意 as satisfied too, or use a weighted index (100 / 80 / 60 / 40 / 0 points).
 */
export type SatisfactionMethod = 'TOP_TWO' | 'TOP_THREE' | 'WEIGHTED';

const WEIGHTS: Readonly<Record<SatisfactionLevel, number>> = { 非常满意: 1, 满意: 0.8, 基本满意: 0.6, 不满意: 0.4, 非常不满意: 0 };

/** Counts per level, e.g. { 非常满意: 12, 满意: 6, 基本满意: 2 }. Missing levels count 0. */
export type SatisfactionCounts = Partial<Record<SatisfactionLevel, number>>;

/**
 * The satisfaction rate in percent (two decimals), or null with no valid response.
 *
 * @example satisfactionRate({ 非常满意: 12, 满意: 6, 基本满意: 2 }) // 90
 */
export function satisfactionRate(counts: SatisfactionCounts, method: SatisfactionMethod = 'TOP_TWO'): number | null {
  for (const [level, n] of Object.entries(counts)) {
    if (!SATISFACTION_LEVELS.includes(level as SatisfactionLevel)) throw new InvalidInputError('answers', `“${level}”不是满意度选项`);
    if (!Number.isInteger(n) || (n as number) < 0) throw new InvalidInputError('answers', `“${level}”的人数应为非负整数`);
  }
  const count = (level: SatisfactionLevel): number => counts[level] ?? 0;
  const valid = SATISFACTION_LEVELS.reduce((sum, level) => sum + count(level), 0);
  if (valid === 0) return null;
  let satisfied: number;
  if (method === 'WEIGHTED') satisfied = SATISFACTION_LEVELS.reduce((sum, level) => sum + count(level) * WEIGHTS[level], 0);
  else satisfied = count('非常满意') + count('满意') + (method === 'TOP_THREE' ? count('基本满意') : 0);
  return Math.round((satisfied / valid) * 10000) / 100;
}
