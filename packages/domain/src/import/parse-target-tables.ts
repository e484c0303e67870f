import { parseTarget, type ParsedTarget } from '../target/parse-target.js';
import { level1Code } from '../scoring/levels.js';
import { normalizeCell, parseDecimal } from '../text/normalize.js';

export interface ImportedIndicator {
  /** 一级指标 as written, e.g. "产出指标". */
  level1: string;
  /** 二级指标 as written, e.g. "数量指标". */
  level2: string;
  /** 三级指标. */
  name: string;
  /** 绩效指标描述. */
  description: string;
  target: ParsedTarget;
  /** Line of the indicator's first cell in the source text (1-based). */
  line: number;
}

export interface ImportedProject {
  /** The number in the table's header line ("4.派出法庭…" → 4). */
  tableNumber: number;
  title: string;
  orgCode: string;
  orgName: string;
  name: string;
  year: number;
  /** 万元, exact to the cent. `other` is 0 when the cell is blank. */
  budget: { total: number; fiscal: number; other: number };
  purpose: string;
  goals: string[];
  indicators: ImportedIndicator[];
}

export interface ImportMessage {
  /** Table number, or null for a message about the whole document. */
  table: number | null;
  line: number | null;
  message: string;
}

export interface ImportResult {
  projects: ImportedProject[];
  warnings: ImportMessage[];
  /** One entry per table that failed; the other tables are still in `projects`. */
  errors: ImportMessage[];
}

export interface ImportOptions {
  /** Fiscal year for tables that state none, when no other table of the document does. */
  year?: number;
}

interface Cell {
  text: string;
  line: number;
}

interface TableSource {
  number: number;
  title: string;
  line: number;
  cells: Cell[];
  /** Line just past the table, for "the table ends here" errors. */
  endLine: number;
}

/** An error in one table, with the line it is about. */
class TableError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const HEADER = /^(?:(\d+)\s*[.．、]\s*)?(\S.*绩效目标表)$/;
const BOOKMARK = /\[bookmark:[^\]]*\]/g;
const INDICATOR_HEADER = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值'];
const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/;

function splitTables(text: string): TableSource[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const tables: TableSource[] = [];
  let current: TableSource | null = null;
  let lastCell: Cell | null = null;
  lines.forEach((rawLine, index) => {
    const lineNo = index + 1;
    const cell = /^ *\t(.*)$/.exec(rawLine);
    if (cell) {
      if (current === null) return; // cells before the first table header: not part of any table
      lastCell = { text: cell[1].trim(), line: lineNo };
      current.cells.push(lastCell);
      return;
    }
    const content = rawLine.replace(BOOKMARK, '').trim();
    if (content === '') return;
    const header = HEADER.exec(content);
    if (header) {
      if (current) current.endLine = lineNo;
      current = { number: header[1] ? Number(header[1]) : tables.length + 1, title: header[2], line: lineNo, cells: [], endLine: lineNo + 1 };
      tables.push(current);
      lastCell = null;
      return;
    }
    // A line without a tab continues the cell above it.
    if (lastCell) lastCell.text = lastCell.text === '' ? content : `${lastCell.text}\n${content}`;
  });
  if (current) (current as TableSource).endLine = lines.length + 1;
  return tables;
}

/** Reads a table's cells in order, with errors that say what was expected where. */
class CellReader {
  private index = 0;

  constructor(private readonly table: TableSource) {}

  get done(): boolean {
    return this.index >= this.table.cells.length;
  }

  peek(): Cell | undefined {
    return this.table.cells[this.index];
  }

  next(expected: string): Cell {
    const cell = this.table.cells[this.index];
    if (!cell) throw new TableError(this.table.endLine, `表格不完整，缺少${expected}（表格在此结束）`);
    this.index += 1;
    return cell;
  }

  label(expected: string, matches: (text: string) => boolean = (t) => t === expected): Cell {
    const cell = this.next(`“${expected}”`);
    if (!matches(normalizeCell(cell.text))) {
      throw new TableError(cell.line, `应为“${expected}”，实际是“${oneLine(cell.text)}”`);
    }
    return cell;
  }

  /** Cells up to (not including) the one whose normalised text is `label`. */
  until(label: string): Cell[] {
    const taken: Cell[] = [];
    while (!this.done && normalizeCell(this.peek()!.text) !== label) taken.push(this.next(label));
    if (this.done) throw new TableError(this.table.endLine, `表格不完整，缺少“${label}”（表格在此结束）`);
    return taken;
  }

  rest(): Cell[] {
    const taken = this.table.cells.slice(this.index);
    this.index = this.table.cells.length;
    return taken;
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\n/g, ' ');
  return flat.length > 30 ? `${flat.slice(0, 30)}…` : flat;
}

function money(cell: Cell, label: string, toWanYuan: number, blankIsZero: boolean): number {
  const text = cell.text.trim();
  if (text === '' && blankIsZero) return 0;
  const value = parseDecimal(text);
  if (value === null) throw new TableError(cell.line, `${label}应为数字（万元），实际是“${oneLine(text)}”`);
  if (value < 0) throw new TableError(cell.line, `${label}不能为负数，实际是“${text}”`);
  // Stored to the cent: 万元 with 6 decimals.
  return Number((value * toWanYuan).toFixed(6));
}

/** Splits a 绩效目标 cell into goals and strips numbering such as "1.1." or "2.2、". */
export function cleanGoals(text: string): string[] {
  return text
    .split('\n')
    .map((line) =>
      line
        .trim()
        .replace(/^(?:[(（]\s*\d{1,2}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[.．、](?!\d{2,}))+\s*/, '')
        .trim(),
    )
    .filter((line) => line !== '');
}

interface TableDraft extends Omit<ImportedProject, 'year'> {
  statedYear: number | null;
}

function readTable(table: TableSource, warnings: ImportMessage[]): TableDraft {
  const read = new CellReader(table);
  const orgCell = read.next('单位编码和名称');
  const org = /^(\d{6})\s*(\S.*)$/.exec(orgCell.text.replace(/\n/g, ''));
  if (!org) {
    throw new TableError(orgCell.line, `应为单位编码和名称（如“218101天津市武清区人民法院”），实际是“${oneLine(orgCell.text)}”`);
  }

  let toWanYuan = 1;
  const unitCell = read.peek();
  if (unitCell && /^单位[:：]/.test(normalizeCell(unitCell.text))) {
    read.next('单位');
    const unit = normalizeCell(unitCell.text).replace(/^单位[:：]/, '');
    if (unit === '元') toWanYuan = 1e-4;
    else if (unit !== '万元') throw new TableError(unitCell.line, `金额单位应为“万元”或“元”，实际是“${unit}”`);
  }

  read.label('项目名称');
  const nameCell = read.next('项目名称的内容');
  const name = nameCell.text.replace(/\n/g, '').trim();
  if (name === '') throw new TableError(nameCell.line, '项目名称不能为空');

  if (read.peek() && normalizeCell(read.peek()!.text) === '预算规模及资金用途') read.next('预算规模及资金用途');
  read.label('预算数');
  const total = money(read.next('预算数的金额'), '预算数', toWanYuan, false);
  read.label('其中：财政资金', (t) => /^(其中[:：])?财政资金$/.test(t));
  const fiscal = money(read.next('财政资金的金额'), '财政资金', toWanYuan, true);
  read.label('其他资金');
  const other = money(read.next('其他资金的金额'), '其他资金', toWanYuan, true);
  if (Math.abs(fiscal + other - total) > 0.005) {
    warnings.push({ table: table.number, line: orgCell.line, message: `财政资金 ${fiscal} 与其他资金 ${other} 之和不等于预算数 ${total}` });
  }

  const purpose = read
    .until('绩效目标')
    .map((cell) => cell.text.trim())
    .filter((text) => text !== '' && normalizeCell(text) !== '资金用途')
    .join('\n');
  read.label('绩效目标');
  const goals = cleanGoals(
    read
      .until('一级指标')
      .map((cell) => cell.text)
      .join('\n'),
  );
  for (const label of INDICATOR_HEADER) read.label(label);

  const indicators = readIndicators(read.rest());
  if (indicators.length === 0) throw new TableError(table.endLine, '表格不完整，没有绩效指标行（表格在此结束）');
  for (const indicator of indicators) {
    const parsed = parseTarget(indicator.target.raw, { level2: indicator.level2, name: indicator.name });
    indicator.target = parsed.target;
    for (const message of parsed.warnings) warnings.push({ table: table.number, line: indicator.line, message: `${indicator.name}：${message}` });
  }

  const statedYear = YEAR.exec(table.title) ?? YEAR.exec(name);
  return {
    tableNumber: table.number,
    title: table.title,
    orgCode: org[1],
    orgName: org[2].trim(),
    name,
    statedYear: statedYear ? Number(statedYear[1]) : null,
    budget: { total, fiscal, other },
    purpose,
    goals,
    indicators,
  };
}

function isLevelLabel(text: string): boolean {
  return /指标$/.test(normalizeCell(text));
}

/** A row starts at an empty or 一级指标 cell followed by a 二级指标 cell. */
function startsRow(cells: Cell[], i: number): boolean {
  const first = cells[i];
  const second = cells[i + 1];
  if (!second || !isLevelLabel(second.text)) return false;
  return first.text === '' || isLevelLabel(first.text);
}

/**
 * Splits the indicator cells into rows of five. A row starts at an empty or 一级指标 cell followed
 * by a 二级指标 cell; a start five cells on is preferred, so that an empty 指标值 cell followed by
 * the next row is not mistaken for a row start.
 */
function splitRows(cells: Cell[]): Cell[][] {
  const starts = new Set(cells.flatMap((_, i) => (startsRow(cells, i) ? [i] : [])));
  if (cells.length > 0 && !starts.has(0)) {
    throw new TableError(cells[0].line, `应为指标行（一级指标、二级指标、三级指标、绩效指标描述、指标值），实际是“${oneLine(cells[0].text)}”`);
  }
  const rows: Cell[][] = [];
  for (let at = 0; at < cells.length; ) {
    let end = at + 5;
    if (end !== cells.length && !starts.has(end)) {
      end = at + 1;
      while (end < cells.length && !starts.has(end)) end += 1;
    }
    const row = cells.slice(at, end);
    if (row.length !== 5) {
      const line = row.length < 5 ? row[0].line : row[5].line;
      throw new TableError(line, `指标行应有5个单元格（一级指标、二级指标、三级指标、绩效指标描述、指标值），实际有${row.length}个`);
    }
    rows.push(row);
    at = end;
  }
  return rows;
}

function readIndicators(cells: Cell[]): ImportedIndicator[] {
  const indicators: ImportedIndicator[] = [];
  let level1 = '';
  for (const row of splitRows(cells)) {
    const [l1, l2, name, description, target] = row.map((cell) => cell.text.replace(/\n/g, '').trim());
    if (l1 !== '') level1 = l1;
    if (level1 === '') throw new TableError(row[0].line, '第一个指标行缺少一级指标');
    if (level1Code(level1) === null) {
      throw new TableError(row[0].line, `一级指标“${level1}”无法识别，应为产出指标、效益指标、满意度指标或成本指标`);
    }
    if (name === '') throw new TableError(row[2].line, '三级指标不能为空');
    if (target === '') throw new TableError(row[4].line, `指标“${name}”的指标值不能为空`);
    indicators.push({
      level1,
      level2: l2,
      name,
      description,
      target: { raw: target, kind: 'qualitative', comparator: null, value: null, unit: null, rule: null },
      line: row[0].line,
    });
  }
  return indicators;
}

/**
 * Parses the text form of one document of 绩效目标表 (see the seed): a header line per table, then
 * cells that each start with a tab. Each table is read on its own: one that fails is reported in
 * `errors` with its number and line, and the others are still returned.
 *
 * @example parseTargetTables(seedText).projects.length // 5
 */
export function parseTargetTables(text: string, options: ImportOptions = {}): ImportResult {
  const warnings: ImportMessage[] = [];
  const errors: ImportMessage[] = [];
  const tables = splitTables(text);
  if (tables.length === 0) {
    errors.push({ table: null, line: null, message: '没有找到绩效目标表：应有以“N.项目名称绩效目标表”开头的表头行' });
    return { projects: [], warnings, errors };
  }

  const drafts: TableDraft[] = [];
  for (const table of tables) {
    const tableWarnings: ImportMessage[] = [];
    try {
      drafts.push(readTable(table, tableWarnings));
      warnings.push(...tableWarnings);
    } catch (error) {
      if (!(error instanceof TableError)) throw error;
      errors.push({ table: table.number, line: error.line, message: `表${table.number}第${error.line}行：${error.message}` });
    }
  }

  const stated = new Set(drafts.flatMap((d) => (d.statedYear === null ? [] : [d.statedYear])));
  const documentYear = stated.size === 1 ? [...stated][0] : null;
  const projects: ImportedProject[] = [];
  for (const { statedYear, ...draft } of drafts) {
    const year = statedYear ?? documentYear ?? options.year ?? null;
    if (year === null) {
      const why = stated.size > 1 ? `本文件其他表的年度不一致（${[...stated].join('、')}）` : '表名和项目名称都未写年度';
      errors.push({ table: draft.tableNumber, line: null, message: `表${draft.tableNumber}：无法确定年度，${why}，请指定年度（命令行 --year 或 GraphQL 的 year 参数）` });
      continue;
    }
    if (statedYear === null) {
      const source = documentYear !== null ? '本文件其他表' : '--year';
      warnings.push({ table: draft.tableNumber, line: null, message: `表${draft.tableNumber}未写年度，按${source}取 ${year} 年` });
    }
    projects.push({ ...draft, year });
  }
  return { projects, warnings, errors };
}
