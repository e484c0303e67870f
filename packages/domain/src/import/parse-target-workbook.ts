import { cellRef, gridFromCells, type MergedArea, type SourceGrid } from './grid.js';
import type { ImportMessage, ImportOptions, ImportResult } from './import-model.js';
import { readTargetTables } from './read-tables.js';

/** One cell of a worksheet as text: numbers as digits ("418", "20.8"), dates as "2023-09-30". */
export interface GridCell {
  /** A1-style address, e.g. "B7". */
  ref: string;
  text: string;
}

/** A worksheet as its cells' texts; blank cells may be left out. */
export interface GridSheet {
  name: string;
  cells: readonly GridCell[];
  /** Merged areas, e.g. ["A1:G1", "A4:A5"]. */
  merges: readonly string[];
}

/** What a reader of XLSX files (outside the domain) hands in: every worksheet, in order. */
export interface WorkbookGrid {
  sheets: readonly GridSheet[];
}

const REF = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/;

/** "B7" → row 7, column 2; null when malformed. */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  const match = REF.exec(ref.trim().toUpperCase());
  if (!match) return null;
  let col = 0;
  for (const letter of match[1]) col = col * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]), col };
}

export { cellRef };

function parseArea(range: string): MergedArea | null {
  const [from, to = from] = range.split(':');
  const a = parseCellRef(from);
  const b = parseCellRef(to);
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** A worksheet as a grid source: its cells at their columns, merged areas repeated. */
export function sheetGrid(sheet: GridSheet): SourceGrid {
  const cells = sheet.cells.flatMap((cell) => {
    const at = parseCellRef(cell.ref);
    return at === null || cell.text.trim() === '' ? [] : [{ row: at.row, col: at.col, text: cell.text }];
  });
  return gridFromCells(
    `工作表“${sheet.name}”`,
    cells,
    sheet.merges.flatMap((range) => parseArea(range) ?? []),
    sheet.name,
  );
}

/**
 * Parses a workbook of 绩效目标表 (what finance offices exchange as XLSX) into the same model as
 * every other source: each worksheet is a grid (merged areas repeated), read by the one
 * label-driven reader. Errors name the worksheet and the cell ("工作表“3.科技法庭…”表3单元格 C4：
 * 预算数应为数字（万元），实际是“…”"); a table that fails does not stop the others.
 *
 * @example parseTargetWorkbook(await readWorkbookGrid(bytes)).projects.length // 5
 */
export function parseTargetWorkbook(grid: WorkbookGrid, options: ImportOptions = {}): ImportResult {
  const errors: ImportMessage[] = [];
  if (grid.sheets.length === 0) errors.push({ table: null, line: null, message: '工作簿中没有工作表，应有绩效目标表' });
  const grids: SourceGrid[] = [];
  for (const sheet of grid.sheets) {
    if (!sheet.cells.some((cell) => cell.text.trim() !== '')) {
      errors.push({ table: null, line: 1, sheet: sheet.name, cell: 'A1', message: `工作表“${sheet.name}”单元格 A1：工作表是空的，应为一张绩效目标表` });
      continue;
    }
    grids.push(sheetGrid(sheet));
  }
  if (grids.length === 0) return { projects: [], warnings: [], errors };
  const result = readTargetTables(grids, options);
  return { ...result, errors: [...errors, ...result.errors] };
}
