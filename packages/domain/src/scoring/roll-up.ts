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

function sumOf(values: readonly number[], unitsPerWhole: number): number {
  return values.reduce((sum, value) => sum + Math.round(value * unitsPerWhole), 0) / unitsPerWhole;
}

/**
 * Sums up an organization's projects the one way GraphQL, the XLSX 汇总 sheet and the printed
 * summary all show it: budget and spending added to the 分; 执行率 from those sums (not an average
 * of the projects' rates), rounded to four decimals; the average of the projects' 总分 (each
 * already the sum of its rounded 得分) rounded to two decimals, half away from zero; projects
 * counted per grade.
 *
 * @example rollUpProjects([{ budget: 30, spent: 28.5, score: 90.44, grade: '优', missing: 0 }]).executionRate // 0.95
 */
export function rollUpProjects(projects: readonly ProjectToRollUp[]): RollUp {
  const budget = sumOf(
    projects.map((project) => project.budget),
    FEN_PER_WAN,
  );
  const spent = sumOf(
    projects.map((project) => project.spent),
    FEN_PER_WAN,
  );
  const grades: Record<GradeKey, number> = { excellent: 0, good: 0, fair: 0, poor: 0 };
  for (const project of projects) grades[GRADE_KEYS[project.grade]] += 1;
  // 总分 have two decimals: added in hundredths, exactly.
  const scores = sumOf(
    projects.map((project) => project.score),
    100,
  );
  return {
    projectCount: projects.length,
    budget,
    spent,
    executionRate: budget > 0 ? round4(spent / budget) : null,
    averageScore: projects.length > 0 ? round2(scores / projects.length) : null,
    grades,
    incompleteProjects: projects.filter((project) => project.missing > 0).length,
    missing: projects.reduce((sum, project) => sum + project.missing, 0),
  };
}
