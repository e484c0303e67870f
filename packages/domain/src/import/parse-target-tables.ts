import { textToGrid } from './grid.js';
import type { ImportOptions, ImportResult } from './import-model.js';
import { readTargetTables } from './read-tables.js';

export type { ImportedIndicator, ImportedProject, ImportMessage, ImportOptions, ImportResult, ProjectKind } from './import-model.js';
export { cleanGoals } from './read-tables.js';

/**
 * Parses target tables given as text: the seed's form (a cell per line after a tab), tab-separated
 * rows, or a web page copied with "|" between cells. Each table is read on its own: one that fails
 * is reported in `errors` with its number and place ("表3单元格 A10：…"), and the others are still
 * returned.
 *
 * @example parseTargetTables(seedText).projects.length // 5
 */
export function parseTargetTables(text: string, options: ImportOptions = {}): ImportResult {
  return readTargetTables([textToGrid(text)], options);
}

const HEADER = /^(?:(\d+)\s*[.．、]\s*)?(\S.*(?:绩效目标表|目标申报表|目标批复表|绩效目标和指标|绩效目标设定公示|自评表))\s*(?:[(（][^)）]*[)）])?$/;
const BOOKMARK = /\[bookmark:[^\]]*\]/g;

/** The title line of a table ("3.科技法庭…绩效目标表"): its number (null when unnumbered) and title. */
export function parseTableHeader(text: string): { number: number | null; title: string } | null {
  const header = HEADER.exec(text.replace(BOOKMARK, '').trim());
  return header ? { number: header[1] ? Number(header[1]) : null, title: header[2] } : null;
}
