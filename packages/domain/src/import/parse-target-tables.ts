import type { ImportOptions, ImportResult } from './import-model.js';
import { readTables, type SourceCell, type TableSource } from './table-reader.js';

export type { ImportedIndicator, ImportedProject, ImportMessage, ImportOptions, ImportResult } from './import-model.js';
export { cleanGoals } from './table-reader.js';

const HEADER = /^(?:(\d+)\s*[.．、]\s*)?(\S.*绩效目标表)$/;
const BOOKMARK = /\[bookmark:[^\]]*\]/g;

/**
 * Cuts the text form into tables: a header line per table, then cells that each start with a
 * tab; a line without a tab continues the cell above it.
 */
function splitTables(text: string): TableSource[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const tables: TableSource[] = [];
  let current: TableSource | null = null;
  let lastCell: SourceCell | null = null;
  lines.forEach((rawLine, index) => {
    const lineNo = index + 1;
    const cell = /^ *\t(.*)$/.exec(rawLine);
    if (cell) {
      if (current === null) return; // cells before the first table header: not part of any table
      lastCell = { text: cell[1].trim(), at: { line: lineNo } };
      current.cells.push(lastCell);
      return;
    }
    const content = rawLine.replace(BOOKMARK, '').trim();
    if (content === '') return;
    const header = HEADER.exec(content);
    if (header) {
      if (current) current.end = { line: lineNo };
      const number = header[1] ? Number(header[1]) : tables.length + 1;
      current = { number, title: header[2], label: `表${number}`, cells: [], end: { line: lineNo + 1 } };
      tables.push(current);
      lastCell = null;
      return;
    }
    // A line without a tab continues the cell above it.
    if (lastCell) lastCell.text = lastCell.text === '' ? content : `${lastCell.text}\n${content}`;
  });
  if (current) (current as TableSource).end = { line: lines.length + 1 };
  return tables;
}

/**
 * Parses the text form of one document of 绩效目标表 (see the seed): a header line per table, then
 * cells that each start with a tab. Each table is read on its own: one that fails is reported in
 * `errors` with its number and line ("表3第10行：…"), and the others are still returned.
 *
 * @example parseTargetTables(seedText).projects.length // 5
 */
export function parseTargetTables(text: string, options: ImportOptions = {}): ImportResult {
  const tables = splitTables(text);
  if (tables.length === 0) {
    return { projects: [], warnings: [], errors: [{ table: null, line: null, message: '没有找到绩效目标表：应有以“N.项目名称绩效目标表”开头的表头行' }] };
  }
  return readTables(tables, options);
}

/** The header line of a table ("3.科技法庭…绩效目标表"): its number (null when unnumbered) and title. */
export function parseTableHeader(text: string): { number: number | null; title: string } | null {
  const header = HEADER.exec(text.replace(BOOKMARK, '').trim());
  return header ? { number: header[1] ? Number(header[1]) : null, title: header[2] } : null;
}
