export { suggestSources, inspectionKindOf, INDICATOR_SOURCES, type IndicatorSource, type InspectionKind, type IndicatorForSource } from './sources.js';
export { deriveActual, type DerivedActual, type Evidence, type InspectionEvidence } from './derive-actual.js';
