export { ACCEPTANCE_LIMITS, checkAcceptance, type AcceptanceField, type AcceptanceProblem, type AcceptanceRecord, type AcceptanceRule } from './acceptance.js';
