export {
  parseTarget,
  parseQuantity,
  takeComparator,
  type Comparator,
  type ParsedTarget,
  type Quantity,
  type ScoringRule,
  type TargetContext,
  type TargetKind,
  type TargetParse,
} from './parse-target.js';
export { parseDateExpression, isoDate } from './parse-date.js';
export { parseActual, TIERS, type ActualInput, type ActualValue, type Tier } from './parse-actual.js';
export { convertUnit, KNOWN_UNITS } from './units.js';
export { normalizeTargetText } from './parse-target.js';
export { parseDateSpan, excelSerialDate, type DateSpan } from './parse-date.js';
export { targetFromFields, describeTargetScoring, type TargetFields } from './edit-target.js';
