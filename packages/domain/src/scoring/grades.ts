/** 评价等级, best first. */
export const GRADES = ['优', '良', '中', '差'] as const;
export type Grade = (typeof GRADES)[number];

/** A grade's identifier in code and in the API (GradeCounts fields, i18n keys). */
export type GradeKey = 'excellent' | 'good' | 'fair' | 'poor';
export const GRADE_KEYS: Readonly<Record<Grade, GradeKey>> = { 优: 'excellent', 良: 'good', 中: 'fair', 差: 'poor' };

/**
 * The lowest 总分 of each grade above 差, best first (docs/domain.md "Scoring a project"): 优 ≥ 90,
 * 良 ≥ 80, 中 ≥ 60, 差 below. Charts draw these lines; `gradeFor` reads them.
 */
export const GRADE_THRESHOLDS: ReadonlyArray<{ readonly grade: Exclude<Grade, '差'>; readonly min: number }> = [
  { grade: '优', min: 90 },
  { grade: '良', min: 80 },
  { grade: '中', min: 60 },
];

/**
 * The grade of a 总分.
 *
 * @example gradeFor(89.99) // '良'
 */
export function gradeFor(score: number): Grade {
  return GRADE_THRESHOLDS.find((threshold) => score >= threshold.min)?.grade ?? '差';
}
