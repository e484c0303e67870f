export { level1Code, level2Code, LEVEL1_LABELS, type Level1, type Level2 } from './levels.js';
export {
  scoreIndicator,
  evaluateIndicator,
  toIndicatorScore,
  DEVIATION_THRESHOLD,
  type IndicatorScore,
  type IndicatorOutcome,
  type IndicatorToScore,
} from './score-indicator.js';
export {
  scoreProject,
  assignWeights,
  DEFAULT_SCHEME,
  type ProjectIndicator,
  type ProjectScore,
  type ProjectToScore,
  type ScoringScheme,
  type WeightPool,
} from './score-project.js';
export { GRADES, GRADE_KEYS, GRADE_THRESHOLDS, gradeFor, type Grade, type GradeKey } from './grades.js';
export { rollUpProjects, rollUpSumsOf, addRollUpSums, rollUpFromSums, emptyRollUpSums, type ProjectToRollUp, type RollUp, type RollUpSums } from './roll-up.js';
