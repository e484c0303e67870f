import type ExcelJS from 'exceljs';

/**
 * The look shared by the workbooks Jixiao writes: Chinese fonts, thin borders, number formats,
 * column widths and row heights that fit the content, A4 landscape printing.
 */

/** GB2312, so that Excel picks the Chinese face of the font even on a non-Chinese system. */
const GB2312 = 134;

export const FONTS = {
  title: { name: '黑体', size: 16, bold: true, charset: GB2312 },
  subtitle: { name: '宋体', size: 11, charset: GB2312 },
  heading: { name: '宋体', size: 11, bold: true, charset: GB2312 },
  body: { name: '宋体', size: 11, charset: GB2312 },
} satisfies Record<string, Partial<ExcelJS.Font>>;

/** Number formats: 万元 with 2 decimals, rates as percentages, scores with 2 decimals. */
export const FORMATS = {
  money: '#,##0.00',
  rate: '0.00%',
  points: '0.00',
} as const;

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Merged areas made through put(), per sheet (ExcelJS keeps its own list private). */
const mergedAreas = new WeakMap<ExcelJS.Worksheet, Area[]>();

export type Align = 'left' | 'center' | 'right';

export interface CellStyle {
  font?: Partial<ExcelJS.Font>;
  align?: Align;
  numFmt?: string;
  border?: boolean;
}

/** Writes a value with its style into a cell, or into a merged area given as "B3:I3". */
export function put(sheet: ExcelJS.Worksheet, range: string, value: ExcelJS.CellValue, style: CellStyle = {}): ExcelJS.Cell {
  const [first, last] = range.split(':');
  if (last !== undefined) {
    sheet.mergeCells(range);
    const a = sheet.getCell(first);
    const b = sheet.getCell(last);
    const areas = mergedAreas.get(sheet) ?? [];
    areas.push({ top: Number(a.row), left: Number(a.col), bottom: Number(b.row), right: Number(b.col) });
    mergedAreas.set(sheet, areas);
  }
  const cell = sheet.getCell(first);
  cell.value = value;
  const { font = FONTS.body, align = 'center', numFmt, border = true } = style;
  // Every cell of a merged area carries the border, or the printed frame has gaps.
  for (const target of cellsOf(sheet, range)) {
    target.font = font;
    // Text against a side keeps a little space from the border, as typed forms do.
    target.alignment = { horizontal: align, vertical: 'middle', wrapText: true, ...(align === 'center' ? {} : { indent: 1 }) };
    if (numFmt) target.numFmt = numFmt;
    if (border) target.border = BORDER;
  }
  return cell;
}

function cellsOf(sheet: ExcelJS.Worksheet, range: string): ExcelJS.Cell[] {
  const [first, last = first] = range.split(':');
  const a = sheet.getCell(first);
  const b = sheet.getCell(last);
  const cells: ExcelJS.Cell[] = [];
  for (let row = Number(a.row); row <= Number(b.row); row += 1) {
    for (let col = Number(a.col); col <= Number(b.col); col += 1) cells.push(sheet.getCell(row, col));
  }
  return cells;
}

/** Width of text in Excel's column units: a Chinese character takes two, other characters one. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(char) ? 2 : 1;
  return width;
}

export interface ColumnFit {
  min: number;
  max: number;
}

/**
 * Sets each column as wide as its widest single-column cell needs, between `min` and `max`; longer
 * text wraps. Cells merged across columns do not widen a column (their row grows instead).
 */
export function fitColumns(sheet: ExcelJS.Worksheet, fits: readonly ColumnFit[], fromRow = 1): void {
  const widths = fits.map((fit) => fit.min);
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber < fromRow) return;
    row.eachCell((cell, col) => {
      if (cell.isMerged || col > fits.length) return;
      const need = Math.max(0, ...displayText(cell).split('\n').map(textWidth)) + 3;
      widths[col - 1] = Math.max(widths[col - 1], Math.min(need, fits[col - 1].max));
    });
  });
  // ExcelJS does not write a width of exactly 9 (it takes it for the default, which Excel shows as 8.43).
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width === 9 ? 9.5 : width));
}

/**
 * Sets each row high enough for its wrapped text (Excel does not grow rows for merged cells by
 * itself). `lineHeight` is in points for the body font.
 */
export function fitRowHeights(sheet: ExcelJS.Worksheet, lineHeight = 15, fromRow = 1): void {
  const widthOf = (col: number) => sheet.getColumn(col).width ?? 9;
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber < fromRow) return;
    let lines = 1;
    let size = 11;
    row.eachCell((cell) => {
      if (cell.isMerged && cell.master !== cell) return;
      const { left, right, top, bottom } = areaOf(sheet, cell);
      let width = 0;
      for (let col = left; col <= right; col += 1) width += widthOf(col);
      const rowsSpanned = bottom - top + 1;
      const needed = displayText(cell)
        .split('\n')
        .reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line) / Math.max(width - 1.5, 1))), 0);
      // A merged area's lines are shared among the rows it spans.
      lines = Math.max(lines, Math.ceil(needed / rowsSpanned));
      size = Math.max(size, cell.font?.size ?? 11);
    });
    row.height = Math.max(lines * lineHeight * (size / 11) + 6, 20);
  });
}

function areaOf(sheet: ExcelJS.Worksheet, cell: ExcelJS.Cell): Area {
  const range = (mergedAreas.get(sheet) ?? []).find((r) => r.top === Number(cell.row) && r.left === Number(cell.col));
  return range ?? { left: Number(cell.col), right: Number(cell.col), top: Number(cell.row), bottom: Number(cell.row) };
}

/** What a cell shows, near enough for measuring (numbers with their decimals). */
function displayText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return cell.numFmt?.includes('%') ? `${(value * 100).toFixed(2)}%` : value.toFixed(2);
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  return String(cell.text ?? '');
}

/** A4 landscape, one page wide, centred, with page numbers in the footer. */
export function printOnA4Landscape(sheet: ExcelJS.Worksheet): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    // 0: as many pages high as needed.
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: '&C第 &P 页，共 &N 页' };
}

/**
 * A worksheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook
 * (case-insensitively).
 */
export function sheetName(workbook: ExcelJS.Workbook, wanted: string): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/^'+|'+$/g, '')
      .trim() || '工作表';
  const taken = new Set(workbook.worksheets.map((sheet) => sheet.name.toLowerCase()));
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? '' : `(${n})`;
    const chars = [...base];
    const room = 31 - suffix.length;
    const name = `${chars.length > room ? `${chars.slice(0, room - 1).join('')}…` : base}${suffix}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** A file name safe on every system, keeping Chinese. */
export function safeFilename(name: string): string {
  return [...name]
    .map((char) => (char.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(char) ? '_' : char))
    .join('')
    .slice(0, 150);
}

/** Runs of equal consecutive values: [a, a, b] → { a: 0–1 }, { b: 2–2 }. */
export function runs(values: readonly string[]): Array<{ value: string; start: number; end: number }> {
  const result: Array<{ value: string; start: number; end: number }> = [];
  values.forEach((value, i) => {
    const last = result.at(-1);
    if (last && last.value === value) last.end = i;
    else result.push({ value, start: i, end: i });
  });
  return result;
}
