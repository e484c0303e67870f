export { normalizeCell, parseDecimal, round2, round4 } from './normalize.js';
