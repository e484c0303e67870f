export { normalizeCell, parseDecimal, round2 } from './normalize.js';
