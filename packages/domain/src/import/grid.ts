/**
 * The one model every source of 绩效目标表 becomes before it is read: rows of cells. A Word
 * document, a workbook, a web page and pasted text differ only in how they are cut into rows; the
 * reader (read-tables.ts) then finds every field by its label.
 */

/** Where a cell is: its line (text) or row (worksheet, Word table), and its A1-style address. */
export interface CellPlace {
  /** Line of the text, or row of the worksheet / document (1-based). */
  line: number;
  /** A1-style address: "B7" (the column is the cell's place in its row for text). */
  ref?: string;
}

export interface GridCell {
  text: string;
  at: CellPlace;
  /**
   * The cell continues a merged area (its text is the area's): one that started to its left
   * (a horizontal span, Word's gridSpan) or only above it (a vertical one, Word's vMerge).
   */
  merged?: 'left' | 'above';
}

export interface GridRow {
  cells: GridCell[];
}

/**
 * How the columns of a source can be trusted:
 * - `grid`: real columns (Word, Excel, HTML): merged areas are repeated as `merged` cells, so a
 *   cell's index is its column;
 * - `loose`: rows are real but a cell merged from above is missing (text copied from a page or a
 *   table, tab- or "|"-separated), so the reader aligns a short row by what its cells say;
 * - `stream`: one cell per row (the seed's text form: a cell per line), rows found by the reader.
 */
export type GridShape = 'grid' | 'loose' | 'stream';

export interface SourceGrid {
  /** How messages name this part of the source: "", or "工作表“3.科技法庭…”". */
  label: string;
  /** Workbooks only: the worksheet's name. */
  sheet?: string;
  shape: GridShape;
  rows: GridRow[];
}

/** A1-style address of a row and column (1-based). */
export function cellRef(row: number, col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

const BOOKMARK = /\[bookmark:[^\]]*\]/g;

/** A cell of text at a line and column. */
function textCell(text: string, line: number, col: number): GridCell {
  return { text: text.replace(BOOKMARK, '').trim(), at: { line, ref: cellRef(line, col) } };
}

/**
 * The seed's text form: a cell per line, each starting with a tab; a line without a tab is a
 * title, or continues the cell above it.
 */
function streamRows(lines: readonly string[]): GridRow[] {
  const rows: GridRow[] = [];
  let last: GridCell | null = null;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const cell = /^ *\t(.*)$/.exec(raw);
    if (cell) {
      last = textCell(cell[1], line, 1);
      rows.push({ cells: [last] });
      return;
    }
    const content = raw.replace(BOOKMARK, '').trim();
    if (content === '') return;
    if (last === null || looksLikeTitle(content)) {
      rows.push({ cells: [textCell(content, line, 1)] });
      last = null;
      return;
    }
    last.text = last.text === '' ? content : `${last.text}\n${content}`;
  });
  return rows;
}

/** Titles are rows of their own in every layout (the reader decides what they mean). */
function looksLikeTitle(text: string): boolean {
  return /(?:绩效目标表|目标申报表|目标批复表|绩效目标和指标|绩效目标设定公示|自评表)\s*(?:[(（][^)）]*[)）])?$/.test(text);
}

/** Cells of a "|"-separated line; the empty cells between "||" are kept. */
function pipeCells(text: string): string[] {
  const cells = text.split('|').map((cell) => cell.trim());
  if (cells.length > 1 && cells[0] === '' && text.trimStart().startsWith('|')) cells.shift();
  if (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/**
 * A page copied as text with "|" between cells. Either a row per line ("项目名称 | 安全隐患维修 |"),
 * or, as some pages come out, a line of its own ("|") before each row and a cell per line after it.
 */
function pipeRows(lines: readonly string[]): GridRow[] {
  const rows: GridRow[] = [];
  const rowPerBar = lines.some((line) => line.trim() === '|');
  if (!rowPerBar) {
    lines.forEach((raw, index) => {
      const text = raw.replace(BOOKMARK, '').trim();
      if (text === '') return;
      const cells = raw.includes('|') ? pipeCells(text) : [text];
      rows.push({ cells: cells.map((cell, col) => textCell(cell, index + 1, col + 1)) });
    });
    return rows;
  }
  let current: GridRow | null = null;
  lines.forEach((raw, index) => {
    const text = raw.replace(BOOKMARK, '').trim();
    if (text === '') return;
    if (text === '|') {
      current = { cells: [] };
      rows.push(current);
      return;
    }
    if (current === null || !text.includes('|')) {
      // Outside a row: a title or a line of the page.
      rows.push({ cells: [textCell(text, index + 1, 1)] });
      current = null;
      return;
    }
    const row: GridRow = current;
    const parts = text.split('|').map((part) => part.trim());
    // "text |" is one cell; "|||" adds empty cells (a bar closes each).
    parts.pop();
    for (const part of parts) row.cells.push(textCell(part, index + 1, row.cells.length + 1));
  });
  return rows.filter((row) => row.cells.length > 0);
}

/** Tab-separated rows (copied from a spreadsheet or a table): Excel quotes cells holding a line break. */
function tabRows(lines: readonly string[]): GridRow[] {
  const rows: GridRow[] = [];
  for (let index = 0; index < lines.length; index++) {
    let raw = lines[index];
    const line = index + 1;
    // A quoted cell may run over several lines.
    while ((raw.match(/"/g)?.length ?? 0) % 2 === 1 && index + 1 < lines.length) raw += `\n${lines[++index]}`;
    if (raw.trim() === '') continue;
    const cells = raw.split('\t').map((cell) => cell.replace(/^"([\s\S]*)"$/, (_, inner: string) => inner.replace(/""/g, '"')));
    rows.push({ cells: cells.map((cell, col) => textCell(cell, line, col + 1)) });
  }
  return rows;
}

/**
 * Cuts text into rows: the seed's form (a cell per line after a tab), tab-separated rows, or rows
 * with "|" between cells (a web page copied as text).
 *
 * @example textToGrid('项目名称 | 安全隐患维修 |').rows[0].cells.map((c) => c.text) // ['项目名称', '安全隐患维修']
 */
export function textToGrid(text: string): SourceGrid {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const pipes = lines.filter((line) => line.includes('|')).length;
  const innerTabs = lines.filter((line) => /[^\t\s]\t|\t.*\t/.test(line.replace(/^ *\t$/, ''))).length;
  const leadingTabs = lines.filter((line) => /^ *\t/.test(line)).length;
  if (pipes > 0 && pipes >= innerTabs && pipes * 2 >= leadingTabs) return { label: '', shape: 'loose', rows: pipeRows(lines) };
  if (innerTabs > 0 && innerTabs * 2 >= leadingTabs) return { label: '', shape: 'loose', rows: tabRows(lines) };
  if (leadingTabs > 0) return { label: '', shape: 'stream', rows: streamRows(lines) };
  // No tab and no bar: every non-empty line is a cell.
  return {
    label: '',
    shape: 'stream',
    rows: lines.flatMap((raw, index) => (raw.trim() === '' ? [] : [{ cells: [textCell(raw, index + 1, 1)] }])),
  };
}

/** One merged area of a grid source, 1-based and inclusive. */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Builds a `grid` source from cells at (row, column) and merged areas, as a worksheet or an HTML
 * table gives them: every cell of a merged area after its top-left one is a `merged` cell with the
 * area's text. Rows without any text are left out.
 */
export function gridFromCells(
  label: string,
  cells: ReadonlyArray<{ row: number; col: number; text: string }>,
  merges: readonly MergedArea[],
  sheet?: string,
): SourceGrid {
  const texts = new Map<string, string>();
  let width = 0;
  let height = 0;
  for (const cell of cells) {
    texts.set(`${cell.row}:${cell.col}`, cell.text.replace(/\r\n?/g, '\n').trim());
    width = Math.max(width, cell.col);
    height = Math.max(height, cell.row);
  }
  const areaOf = new Map<string, MergedArea>();
  for (const area of merges) {
    for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) areaOf.set(`${r}:${c}`, area);
    width = Math.max(width, area.right);
    height = Math.max(height, area.bottom);
  }
  const rows: GridRow[] = [];
  for (let r = 1; r <= height; r++) {
    const row: GridRow = { cells: [] };
    for (let c = 1; c <= width; c++) {
      const area = areaOf.get(`${r}:${c}`);
      const origin = area ? `${area.top}:${area.left}` : `${r}:${c}`;
      const merged = area === undefined ? undefined : area.left !== c ? 'left' : area.top !== r ? 'above' : undefined;
      row.cells.push({ text: texts.get(origin) ?? '', at: { line: r, ref: cellRef(r, c) }, ...(merged ? { merged } : {}) });
    }
    if (row.cells.some((cell) => cell.text !== '' && !cell.merged)) rows.push(row);
  }
  return { label, ...(sheet === undefined ? {} : { sheet }), shape: 'grid', rows };
}
