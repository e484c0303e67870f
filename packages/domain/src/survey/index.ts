export {
  satisfactionRate,
  SATISFACTION_LEVELS,
  type SatisfactionCounts,
  type SatisfactionLevel,
  type SatisfactionMethod,
} from './satisfaction.js';
