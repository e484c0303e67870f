export { suggestSources, inspectionKindOf, INDICATOR_SOURCES, type IndicatorSource, type InspectionKind, type IndicatorForSource } from './sources.js';
export { deriveActual, deriveFromTally, tallyKindOf, type DerivedActual, type Evidence, type InspectionEvidence } from './derive-actual.js';
export {
  applyTallyChange,
  EMPTY_TALLY,
  isLater,
  placeOf,
  tallyChange,
  tallyInspections,
  type AppliedTally,
  type InspectionTally,
  type LatestInspection,
  type TalliedInspection,
  type TallyChange,
} from './tally.js';
