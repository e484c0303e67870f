/**
 * @jixiao/domain — the rules of budget performance management, pure and shared by the server and
 * the PWA: target parsing, scoring and roll-ups, import of 绩效目标表 text, survey answers,
 * acceptance records, sites, photo capture info (EXIF), evidence → actuals, China-time dates and fiscal years, roles and permissions.
 */
export * from './errors.js';
export * from './text/index.js';
export * from './target/index.js';
export * from './scoring/index.js';
export * from './import/index.js';
export * from './survey/index.js';
export * from './evidence/index.js';
export * from './inspection/index.js';
export * from './site/index.js';
export * from './photo/index.js';
export * from './calendar/index.js';
export * from './access/index.js';
