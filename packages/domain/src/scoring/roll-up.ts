import { round2, round4 } from '../text/normalize.js';
import { GRADE_KEYS, type Grade, type GradeKey } from './grades.js';

/** What the roll-up needs of one scored project (scoreProject, plus its money). */
export interface ProjectToRollUp {
  /** Budget total (万元). */
  budget: number;
  /** Spending so far (万元). */
  spent: number;
  /** 总分 as scoreProject gives it (two decimals). */
  score: number;
  grade: Grade;
  /** Applicable indicators without an actual. */
  missing: number;
}

/** An organization's projects of one year, summed up (项目支出绩效自评汇总). */
export interface RollUp {
  projectCount: number;
  /** 预算合计 (万元), exact to the 分. */
  budget: number;
  /** 执行合计 (万元), exact to the 分. */
  spent: number;
  /** 执行合计 ÷ 预算合计, four decimals; null without a budget. */
  executionRate: number | null;
  /** The plain mean of the projects' 总分, two decimals; null without projects. */
  averageScore: number | null;
  /** Projects per grade. */
  grades: Record<GradeKey, number>;
  /** Projects with at least one indicator still missing its actual. */
  incompleteProjects: number;
  /** Indicators without an actual, over all projects. */
  missing: number;
}

/** 1 万元 = 1,000,000 分: money is added in whole 分, so sums carry no float noise. */
const FEN_PER_WAN = 1_000_000;

/**
 * A roll-up before its averages and rates: whole numbers only (分, hundredths of a point, counts),
 * so that sums can be stored, added and subtracted exactly — the stored per-organization sums of the
 * server's scorecards are these, kept up to date by adding each project's change.
 */
export interface RollUpSums {
  projectCount: number;
  /** 预算合计 in 分. */
  budgetFen: number;
  /** 执行合计 in 分. */
  spentFen: number;
  /** The projects' 总分 added up, in hundredths of a point. */
  scoreHundredths: number;
  grades: Record<GradeKey, number>;
  incompleteProjects: number;
  missing: number;
}

/** Sums of no project at all. */
export function emptyRollUpSums(): RollUpSums {
  return {
    projectCount: 0,
    budgetFen: 0,
    spentFen: 0,
    scoreHundredths: 0,
    grades: { excellent: 0, good: 0, fair: 0, poor: 0 },
    incompleteProjects: 0,
    missing: 0,
  };
}

/**
 * What one project adds to a roll-up's sums.
 *
 * @example rollUpSumsOf({ budget: 30, spent: 28.5, score: 90.44, grade: '优', missing: 0 }).scoreHundredths // 9044
 */
export function rollUpSumsOf(project: ProjectToRollUp): RollUpSums {
  const sums = emptyRollUpSums();
  sums.projectCount = 1;
  sums.budgetFen = Math.round(project.budget * FEN_PER_WAN);
  sums.spentFen = Math.round(project.spent * FEN_PER_WAN);
  // 总分 have two decimals: added in hundredths, exactly.
  sums.scoreHundredths = Math.round(project.score * 100);
  sums.grades[GRADE_KEYS[project.grade]] = 1;
  sums.incompleteProjects = project.missing > 0 ? 1 : 0;
  sums.missing = project.missing;
  return sums;
}

/**
 * `a + sign × b`, field by field: sign 1 adds a project's sums, −1 takes them away (a project's
 * change is its new sums minus its old ones).
 *
 * @example addRollUpSums(rollUpSumsOf(a), rollUpSumsOf(b)).projectCount // 2
 */
export function addRollUpSums(a: RollUpSums, b: RollUpSums, sign: 1 | -1 = 1): RollUpSums {
  const grades = { ...a.grades };
  for (const key of Object.keys(grades) as GradeKey[]) grades[key] += sign * b.grades[key];
  return {
    projectCount: a.projectCount + sign * b.projectCount,
    budgetFen: a.budgetFen + sign * b.budgetFen,
    spentFen: a.spentFen + sign * b.spentFen,
    scoreHundredths: a.scoreHundredths + sign * b.scoreHundredths,
    grades,
    incompleteProjects: a.incompleteProjects + sign * b.incompleteProjects,
    missing: a.missing + sign * b.missing,
  };
}

/**
 * The roll-up of summed projects: 执行率 from the money sums (not an average of the projects'
 * rates), rounded to four decimals; the average of the projects' 总分 rounded to two decimals, half
 * away from zero.
 *
 * @example rollUpFromSums(rollUpSumsOf({ budget: 30, spent: 28.5, score: 90.44, grade: '优', missing: 0 })).executionRate // 0.95
 */
export function rollUpFromSums(sums: RollUpSums): RollUp {
  const budget = sums.budgetFen / FEN_PER_WAN;
  const spent = sums.spentFen / FEN_PER_WAN;
  return {
    projectCount: sums.projectCount,
    budget,
    spent,
    executionRate: budget > 0 ? round4(spent / budget) : null,
    averageScore: sums.projectCount > 0 ? round2(sums.scoreHundredths / 100 / sums.projectCount) : null,
    grades: { ...sums.grades },
    incompleteProjects: sums.incompleteProjects,
    missing: sums.missing,
  };
}

/**
 * Sums up an organization's projects the one way GraphQL, the XLSX 汇总 sheet and the printed
 * summary all show it: budget and spending added to the 分; 执行率 from those sums (not an average
 * of the projects' rates), rounded to four decimals; the average of the projects' 总分 (each
 * already the sum of its rounded 得分) rounded to two decimals, half away from zero; projects
 * counted per grade. The same as rollUpFromSums of the projects' rollUpSumsOf added up.
 *
 * @example rollUpProjects([{ budget: 30, spent: 28.5, score: 90.44, grade: '优', missing: 0 }]).executionRate // 0.95
 */
export function rollUpProjects(projects: readonly ProjectToRollUp[]): RollUp {
  let sums = emptyRollUpSums();
  for (const project of projects) sums = addRollUpSums(sums, rollUpSumsOf(project));
  return rollUpFromSums(sums);
}
