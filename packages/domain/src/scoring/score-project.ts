import { InvalidInputError } from '../errors.js';
import type { ActualInput } from '../target/parse-actual.js';
import type { ParsedTarget } from '../target/parse-target.js';
import { round2, round4 } from '../text/normalize.js';
import { gradeFor, type Grade } from './grades.js';
import { level1Code, LEVEL1_LABELS, type Level1 } from './levels.js';
import { evaluateIndicator, toIndicatorScore, type IndicatorScore } from './score-indicator.js';

/** The pools that share the indicator points. 成本指标 as a first level shares the 产出 pool. */
export type WeightPool = 'OUTPUT' | 'BENEFIT' | 'SATISFACTION';

export interface ScoringScheme {
  levelWeights: Readonly<Record<WeightPool, number>>;
  /** Points for 预算执行率. */
  executionWeight: number;
}

export const DEFAULT_SCHEME: ScoringScheme = {
  levelWeights: { OUTPUT: 50, BENEFIT: 30, SATISFACTION: 10 },
  executionWeight: 10,
};

export interface ProjectIndicator {
  /** 一级指标 as written, e.g. "产出指标". */
  level1: string;
  target: ParsedTarget;
  actual: ActualInput | null;
  /** A weight set by a manager; null or absent means "split the level equally". */
  weight?: number | null;
  notApplicable?: boolean;
}

export interface ProjectToScore {
  indicators: readonly ProjectIndicator[];
  /** Budget total (万元). */
  budget: number;
  /** Spending so far (万元). */
  spent: number;
  scheme?: ScoringScheme;
}

export interface ProjectScore {
  indicators: IndicatorScore[];
  /** spent / budget, uncapped; null when the budget is 0. */
  executionRate: number | null;
  executionScore: number;
  /** 总分 out of 100: the sum of the indicators' rounded 得分 and the execution score. */
  score: number;
  grade: Grade;
  /** Applicable indicators without an actual (they count 0). */
  missing: number;
  complete: boolean;
}

function poolOf(level1: string): WeightPool {
  const code: Level1 | null = level1Code(level1);
  if (code === null) {
    throw new InvalidInputError('level1', `一级指标“${level1}”无法识别，应为产出指标、效益指标、满意度指标或成本指标`);
  }
  return code === 'COST' ? 'OUTPUT' : code;
}

/**
 * The weight of each indicator: the level's points split equally, or the manager's weights (which
 * must add up to the level's points). Not-applicable indicators get 0 and the rest of their level
 * is rescaled; a level with no applicable indicator hands its points to the others.
 *
 * @example assignWeights([{ level1: '产出指标' }, { level1: '产出指标' }, { level1: '效益指标' }]) // [25, 25, 30] scaled to 90
 */
export function assignWeights(
  indicators: ReadonlyArray<Pick<ProjectIndicator, 'level1' | 'weight' | 'notApplicable'>>,
  scheme: ScoringScheme = DEFAULT_SCHEME,
): number[] {
  const pools = indicators.map((indicator) => poolOf(indicator.level1));
  const applicable = (i: number): boolean => !indicators[i].notApplicable;
  const presentPools = (Object.keys(scheme.levelWeights) as WeightPool[]).filter((pool) => pools.some((p, i) => p === pool && applicable(i)));
  const allPoints = Object.values(scheme.levelWeights).reduce((a, b) => a + b, 0);
  const presentPoints = presentPools.reduce((sum, pool) => sum + scheme.levelWeights[pool], 0);
  const rescale = presentPoints === 0 ? 0 : allPoints / presentPoints;

  const weights = indicators.map(() => 0);
  for (const pool of presentPools) {
    const members = pools.flatMap((p, i) => (p === pool ? [i] : []));
    const points = scheme.levelWeights[pool] * rescale;
    const custom = members.filter((i) => indicators[i].weight != null);
    const active = members.filter(applicable);
    if (custom.length === 0) {
      for (const i of active) weights[i] = points / active.length;
      continue;
    }
    const label = LEVEL1_LABELS[pool];
    if (custom.length !== members.length) {
      throw new InvalidInputError('weights', `${label}的分值须全部设定或全部不设定`);
    }
    if (custom.some((i) => (indicators[i].weight as number) < 0)) {
      throw new InvalidInputError('weights', `${label}的分值不能为负数`);
    }
    const total = members.reduce((sum, i) => sum + (indicators[i].weight as number), 0);
    if (Math.abs(total - scheme.levelWeights[pool]) > 1e-6) {
      throw new InvalidInputError('weights', `${label}的分值合计应为 ${scheme.levelWeights[pool]}，实际为 ${round2(total)}`);
    }
    const activeTotal = active.reduce((sum, i) => sum + (indicators[i].weight as number), 0);
    for (const i of active) weights[i] = activeTotal === 0 ? 0 : ((indicators[i].weight as number) * points) / activeTotal;
  }
  return weights;
}

/**
 * Scores a whole project: every indicator with its weight, budget execution, the total out of 100
 * and its grade. Each 得分 is rounded to two decimals first, and 总分 is the sum of those rounded
 * 得分 plus the rounded execution score, so the printed column adds up to the printed total.
 *
 * @example scoreProject({ indicators, budget: 30, spent: 28.5 }).grade // '优'
 */
export function scoreProject({ indicators, budget, spent, scheme = DEFAULT_SCHEME }: ProjectToScore): ProjectScore {
  if (!Number.isFinite(spent) || spent < 0) throw new InvalidInputError('spent', '支出金额不能为负数');
  const weights = assignWeights(indicators, scheme);
  let missing = 0;
  const scored = indicators.map((indicator, i): IndicatorScore => {
    if (indicator.notApplicable) {
      return { weight: 0, completionRate: null, score: null, met: null, deviationNoteRequired: false, missing: false };
    }
    const outcome = evaluateIndicator(indicator.target, indicator.actual);
    if (outcome === null) missing += 1;
    return toIndicatorScore(weights[i], outcome);
  });
  const executionRate = budget > 0 ? spent / budget : null;
  const executionScore = round2(executionRate === null ? 0 : Math.min(executionRate, 1) * scheme.executionWeight);
  // round2 again only to drop the float noise of adding two-decimal numbers.
  const score = round2(scored.reduce((sum, indicator) => sum + (indicator.score ?? 0), 0) + executionScore);
  return {
    indicators: scored,
    executionRate: executionRate === null ? null : round4(executionRate),
    executionScore,
    score,
    grade: gradeFor(score),
    missing,
    complete: missing === 0,
  };
}
