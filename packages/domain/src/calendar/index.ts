export { CHINA_UTC_OFFSET_MINUTES, chinaDate, chinaDateTime } from './china-time.js';
export { FISCAL_YEARS, isFiscalYear } from './fiscal-year.js';
