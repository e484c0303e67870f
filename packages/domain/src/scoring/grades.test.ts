import { describe, expect, it } from 'vitest';
import { GRADE_KEYS, GRADE_THRESHOLDS, gradeFor } from './grades.js';

describe('gradeFor', () => {
  it.each<[number, string]>([
    [100, '优'],
    [90, '优'],
    [89.99, '良'],
    [80, '良'],
    [79.99, '中'],
    [60, '中'],
    [59.99, '差'],
    [0, '差'],
  ])('%s → %s', (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });

  it('reads the thresholds charts draw: each line is the lowest score of its grade', () => {
    for (const { grade, min } of GRADE_THRESHOLDS) {
      expect(gradeFor(min)).toBe(grade);
      expect(gradeFor(min - 0.01)).not.toBe(grade);
    }
    expect(GRADE_THRESHOLDS.map(({ min }) => min)).toEqual([90, 80, 60]);
  });

  it('names every grade for the API', () => {
    expect(GRADE_KEYS).toEqual({ 优: 'excellent', 良: 'good', 中: 'fair', 差: 'poor' });
  });
});
