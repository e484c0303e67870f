import { parseTarget } from '../target/parse-target.js';
import { level1Code } from '../scoring/levels.js';
import { normalizeCell, parseDecimal } from '../text/normalize.js';
import type { ImportedIndicator, ImportedProject, ImportMessage, ImportOptions, ImportResult } from './import-model.js';

/**
 * The reading of 绩效目标表 shared by every source form. A source (the text form, a workbook)
 * only has to cut its content into tables of cells in reading order, the way a word processor
 * lists a table: a merged area once, and an empty cell where a vertically merged cell continues
 * into the next row. Everything else — which cell means what, amounts, goals, indicator rows,
 * targets, years — is read here, once.
 */

/** Where a cell is: a line of the text, or a cell of a worksheet (its row doubling as `line`). */
export interface CellPlace {
  line: number;
  /** Workbooks only: the cell's address, e.g. "B7". */
  ref?: string;
}

export interface SourceCell {
  text: string;
  at: CellPlace;
}

export interface TableSource {
  number: number;
  title: string;
  /** How messages name the table: "表3", or "工作表“3.科技法庭试点提升项目”". */
  label: string;
  /** Workbooks only: the worksheet the table is on. */
  sheet?: string;
  cells: SourceCell[];
  /** Just past the table, for "the table ends here" errors. */
  end: CellPlace;
}

/** A message about one place: "表3第10行：…" for text, "工作表“…”单元格 B7：…" for workbooks. */
export function messageAt(table: number | null, label: string, sheet: string | undefined, at: CellPlace, text: string): ImportMessage {
  const place = at.ref === undefined ? `第${at.line}行` : `单元格 ${at.ref}`;
  const message: ImportMessage = { table, line: at.line, message: `${label}${place}：${text}` };
  if (sheet !== undefined) Object.assign(message, { sheet, cell: at.ref });
  return message;
}

/** A warning about one place; its text does not repeat the place (the fields carry it). */
function warningAt(table: TableSource, at: CellPlace, text: string): ImportMessage {
  const warning: ImportMessage = { table: table.number, line: at.line, message: text };
  if (table.sheet !== undefined) Object.assign(warning, { sheet: table.sheet, cell: at.ref });
  return warning;
}

/** An error in one table, with the place it is about. */
class TableError extends Error {
  constructor(
    readonly at: CellPlace,
    message: string,
  ) {
    super(message);
  }
}

const INDICATOR_HEADER = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值'];
const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/;

/** Reads a table's cells in order, with errors that say what was expected where. */
class CellReader {
  private index = 0;

  constructor(private readonly table: TableSource) {}

  get done(): boolean {
    return this.index >= this.table.cells.length;
  }

  peek(): SourceCell | undefined {
    return this.table.cells[this.index];
  }

  next(expected: string): SourceCell {
    const cell = this.table.cells[this.index];
    if (!cell) throw new TableError(this.table.end, `表格不完整，缺少${expected}（表格在此结束）`);
    this.index += 1;
    return cell;
  }

  label(expected: string, matches: (text: string) => boolean = (t) => t === expected): SourceCell {
    const cell = this.next(`“${expected}”`);
    if (!matches(normalizeCell(cell.text))) {
      throw new TableError(cell.at, `应为“${expected}”，实际是“${oneLine(cell.text)}”`);
    }
    return cell;
  }

  /** Cells up to (not including) the one whose normalised text is `label`. */
  until(label: string): SourceCell[] {
    const taken: SourceCell[] = [];
    while (!this.done && normalizeCell(this.peek()!.text) !== label) taken.push(this.next(label));
    if (this.done) throw new TableError(this.table.end, `表格不完整，缺少“${label}”（表格在此结束）`);
    return taken;
  }

  rest(): SourceCell[] {
    const taken = this.table.cells.slice(this.index);
    this.index = this.table.cells.length;
    return taken;
  }
}

/** A cell's text on one line, cut to 30 characters, for messages. */
export function oneLine(text: string): string {
  const flat = text.replace(/\n/g, ' ');
  return flat.length > 30 ? `${flat.slice(0, 30)}…` : flat;
}

function money(cell: SourceCell, label: string, toWanYuan: number, blankIsZero: boolean): number {
  const text = cell.text.trim();
  if (text === '' && blankIsZero) return 0;
  const value = parseDecimal(text);
  if (value === null) throw new TableError(cell.at, `${label}应为数字（万元），实际是“${oneLine(text)}”`);
  if (value < 0) throw new TableError(cell.at, `${label}不能为负数，实际是“${text}”`);
  // Stored to the cent: 万元 with 6 decimals.
  return Number((value * toWanYuan).toFixed(6));
}

/**
 * Splits a 绩效目标 cell into goals and strips numbering such as "1.1." or "2.2、".
 *
 * @example cleanGoals('1.1.完成维修\n2、保障安全') // ['完成维修', '保障安全']
 */
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
    throw new TableError(orgCell.at, `应为单位编码和名称（如“218101天津市武清区人民法院”），实际是“${oneLine(orgCell.text)}”`);
  }

  let toWanYuan = 1;
  const unitCell = read.peek();
  if (unitCell && /^单位[:：]/.test(normalizeCell(unitCell.text))) {
    read.next('单位');
    const unit = normalizeCell(unitCell.text).replace(/^单位[:：]/, '');
    if (unit === '元') toWanYuan = 1e-4;
    else if (unit !== '万元') throw new TableError(unitCell.at, `金额单位应为“万元”或“元”，实际是“${unit}”`);
  }

  read.label('项目名称');
  const nameCell = read.next('项目名称的内容');
  const name = nameCell.text.replace(/\n/g, '').trim();
  if (name === '') throw new TableError(nameCell.at, '项目名称不能为空');

  if (read.peek() && normalizeCell(read.peek()!.text) === '预算规模及资金用途') read.next('预算规模及资金用途');
  read.label('预算数');
  const total = money(read.next('预算数的金额'), '预算数', toWanYuan, false);
  read.label('其中：财政资金', (t) => /^(其中[:：])?财政资金$/.test(t));
  const fiscal = money(read.next('财政资金的金额'), '财政资金', toWanYuan, true);
  read.label('其他资金');
  const other = money(read.next('其他资金的金额'), '其他资金', toWanYuan, true);
  if (Math.abs(fiscal + other - total) > 0.005) {
    warnings.push(warningAt(table, orgCell.at, `财政资金 ${fiscal} 与其他资金 ${other} 之和不等于预算数 ${total}`));
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

  const rows = readIndicators(read.rest());
  if (rows.length === 0) throw new TableError(table.end, '表格不完整，没有绩效指标行（表格在此结束）');
  for (const { indicator, at } of rows) {
    const parsed = parseTarget(indicator.target.raw, { level2: indicator.level2, name: indicator.name });
    indicator.target = parsed.target;
    for (const message of parsed.warnings) warnings.push(warningAt(table, at, `${indicator.name}：${message}`));
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
    indicators: rows.map((row) => row.indicator),
  };
}

function isLevelLabel(text: string): boolean {
  return /指标$/.test(normalizeCell(text));
}

/** A row starts at an empty or 一级指标 cell followed by a 二级指标 cell. */
function startsRow(cells: SourceCell[], i: number): boolean {
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
function splitRows(cells: SourceCell[]): SourceCell[][] {
  const starts = new Set(cells.flatMap((_, i) => (startsRow(cells, i) ? [i] : [])));
  if (cells.length > 0 && !starts.has(0)) {
    throw new TableError(cells[0].at, `应为指标行（一级指标、二级指标、三级指标、绩效指标描述、指标值），实际是“${oneLine(cells[0].text)}”`);
  }
  const rows: SourceCell[][] = [];
  for (let at = 0; at < cells.length; ) {
    let end = at + 5;
    if (end !== cells.length && !starts.has(end)) {
      end = at + 1;
      while (end < cells.length && !starts.has(end)) end += 1;
    }
    const row = cells.slice(at, end);
    if (row.length !== 5) {
      const place = row.length < 5 ? row[0].at : row[5].at;
      throw new TableError(place, `指标行应有5个单元格（一级指标、二级指标、三级指标、绩效指标描述、指标值），实际有${row.length}个`);
    }
    rows.push(row);
    at = end;
  }
  return rows;
}

function readIndicators(cells: SourceCell[]): Array<{ indicator: ImportedIndicator; at: CellPlace }> {
  const indicators: Array<{ indicator: ImportedIndicator; at: CellPlace }> = [];
  let level1 = '';
  for (const row of splitRows(cells)) {
    const [l1, l2, name, description, target] = row.map((cell) => cell.text.replace(/\n/g, '').trim());
    if (l1 !== '') level1 = l1;
    if (level1 === '') throw new TableError(row[0].at, '第一个指标行缺少一级指标');
    if (level1Code(level1) === null) {
      throw new TableError(row[0].at, `一级指标“${level1}”无法识别，应为产出指标、效益指标、满意度指标或成本指标`);
    }
    if (name === '') throw new TableError(row[2].at, '三级指标不能为空');
    if (target === '') throw new TableError(row[4].at, `指标“${name}”的指标值不能为空`);
    indicators.push({
      indicator: {
        level1,
        level2: l2,
        name,
        description,
        target: { raw: target, kind: 'qualitative', comparator: null, value: null, unit: null, rule: null },
        line: row[0].at.line,
      },
      at: row[0].at,
    });
  }
  return indicators;
}

/**
 * Reads each table on its own: one that fails is reported in `errors` with its place, and the
 * others are still returned. A table that states no year takes the one year the other tables of
 * the document state, else `options.year`.
 */
export function readTables(tables: readonly TableSource[], options: ImportOptions): ImportResult {
  const warnings: ImportMessage[] = [];
  const errors: ImportMessage[] = [];
  const drafts: Array<{ table: TableSource; draft: TableDraft }> = [];
  for (const table of tables) {
    const tableWarnings: ImportMessage[] = [];
    try {
      drafts.push({ table, draft: readTable(table, tableWarnings) });
      warnings.push(...tableWarnings);
    } catch (error) {
      if (!(error instanceof TableError)) throw error;
      errors.push(messageAt(table.number, table.label, table.sheet, error.at, error.message));
    }
  }

  const stated = new Set(drafts.flatMap(({ draft }) => (draft.statedYear === null ? [] : [draft.statedYear])));
  const documentYear = stated.size === 1 ? [...stated][0] : null;
  const projects: ImportedProject[] = [];
  for (const { table, draft: { statedYear, ...draft } } of drafts) {
    const year = statedYear ?? documentYear ?? options.year ?? null;
    const about = table.sheet === undefined ? {} : { sheet: table.sheet };
    if (year === null) {
      const why = stated.size > 1 ? `本文件其他表的年度不一致（${[...stated].join('、')}）` : '表名和项目名称都未写年度';
      errors.push({ table: draft.tableNumber, line: null, ...about, message: `${table.label}：无法确定年度，${why}，请指定年度（命令行 --year 或 GraphQL 的 year 参数）` });
      continue;
    }
    if (statedYear === null) {
      const source = documentYear !== null ? '本文件其他表' : '--year';
      warnings.push({ table: draft.tableNumber, line: null, ...about, message: `${table.label}未写年度，按${source}取 ${year} 年` });
    }
    projects.push({ ...draft, year });
  }
  return { projects, warnings, errors };
}
