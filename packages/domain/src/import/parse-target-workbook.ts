import type { ImportMessage, ImportOptions, ImportResult } from './import-model.js';
import { parseTableHeader } from './parse-target-tables.js';
import { messageAt, oneLine, readTables, type SourceCell, type TableSource } from './table-reader.js';

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

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
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

/**
 * The A1-style address of a row and column.
 *
 * @example cellRef(7, 2) // 'B7'
 */
export function cellRef(row: number, col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

function parseArea(range: string): Area | null {
  const [from, to = from] = range.split(':');
  const a = parseCellRef(from);
  const b = parseCellRef(to);
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/**
 * A worksheet's cells in reading order, as a word processor lists a table: every column of the
 * sheet's used width in each row that has any text, a merged area once at its top-left cell, and
 * an empty cell where a vertically merged area continues into a further row (as the blank
 * 一级指标 cells of the text form). Rows without any text are left out.
 */
function readingOrder(sheet: GridSheet): Array<SourceCell & { row: number }> {
  const texts = new Map<string, string>();
  let left = Infinity;
  let right = 0;
  const rows = new Set<number>();
  for (const cell of sheet.cells) {
    const at = parseCellRef(cell.ref);
    const text = cell.text.replace(/\r\n?/g, '\n').trim();
    if (!at || text === '') continue;
    texts.set(`${at.row}:${at.col}`, text);
    rows.add(at.row);
    left = Math.min(left, at.col);
    right = Math.max(right, at.col);
  }
  const areas = sheet.merges.flatMap((range) => parseArea(range) ?? []);
  for (const area of areas) {
    if (!texts.has(`${area.top}:${area.left}`)) continue;
    left = Math.min(left, area.left);
    right = Math.max(right, area.right);
  }
  const areaAt = (row: number, col: number) => areas.find((a) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right);

  const cells: Array<SourceCell & { row: number }> = [];
  for (const row of [...rows].sort((a, b) => a - b)) {
    for (let col = left; col <= right; col += 1) {
      const area = areaAt(row, col);
      if (area && col !== area.left) continue;
      const text = area && row !== area.top ? '' : (texts.get(`${row}:${col}`) ?? '');
      cells.push({ text, at: { line: row, ref: cellRef(row, col) }, row });
    }
  }
  return cells;
}

/** Cuts one worksheet into tables: each starts at a row holding nothing but a table's header. */
function sheetTables(sheet: GridSheet, firstNumber: number, errors: ImportMessage[]): TableSource[] {
  const label = `工作表“${sheet.name}”`;
  const cells = readingOrder(sheet);
  if (cells.length === 0) {
    errors.push(messageAt(null, label, sheet.name, { line: 1, ref: 'A1' }, '工作表是空的，应为一张绩效目标表（第一行为“N.项目名称绩效目标表”）'));
    return [];
  }
  const filled = new Map<number, SourceCell[]>();
  for (const cell of cells) if (cell.text !== '') filled.set(cell.row, [...(filled.get(cell.row) ?? []), cell]);

  const tables: TableSource[] = [];
  let current: TableSource | null = null;
  for (const cell of cells) {
    const inRow = filled.get(cell.row) ?? [];
    const header = inRow.length === 1 && inRow[0] === cell ? parseTableHeader(cell.text.replace(/\s*\n\s*/g, '')) : null;
    if (header) {
      if (current) current.end = cell.at;
      const number = header.number ?? firstNumber + tables.length;
      current = { number, title: header.title, label, sheet: sheet.name, cells: [], end: { line: cell.row + 1, ref: cellRef(cell.row + 1, 1) } };
      tables.push(current);
      continue;
    }
    if (current === null) {
      const first = cells.find((c) => c.text !== '')!;
      errors.push(messageAt(null, label, sheet.name, first.at, `应为表名（如“1.某某项目绩效目标表”，独占一行），实际是“${oneLine(first.text)}”`));
      return [];
    }
    current.cells.push({ text: cell.text, at: cell.at });
    current.end = { line: cell.row + 1, ref: cellRef(cell.row + 1, 1) };
  }
  return tables;
}

/**
 * Parses a workbook of 绩效目标表 (what finance offices exchange as XLSX) into the same model as
 * the text form: each worksheet holds one table (or several, one under another) in the published
 * layout — the header row "N.项目名称绩效目标表", unit code and name, 项目名称, 预算数 / 财政资金 /
 * 其他资金, 资金用途, 绩效目标, then the indicator rows. Errors name the worksheet and the cell
 * ("工作表“3.科技法庭…”单元格 C4：预算数应为数字（万元），实际是“…”"); a table that fails does not
 * stop the others.
 *
 * @example parseTargetWorkbook(await readWorkbookGrid(bytes)).projects.length // 5
 */
export function parseTargetWorkbook(grid: WorkbookGrid, options: ImportOptions = {}): ImportResult {
  const errors: ImportMessage[] = [];
  const tables: TableSource[] = [];
  for (const sheet of grid.sheets) tables.push(...sheetTables(sheet, tables.length + 1, errors));
  if (grid.sheets.length === 0) {
    errors.push({ table: null, line: null, message: '工作簿中没有工作表，应有绩效目标表' });
  }
  const result = readTables(tables, options);
  return { ...result, errors: [...errors, ...result.errors] };
}
