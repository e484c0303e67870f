import { parseTarget } from '../target/parse-target.js';
import { level1Code, level2Code, LEVEL1_LABELS, type Level1 } from '../scoring/levels.js';
import { normalizeCell, parseDecimal } from '../text/normalize.js';
import type { CellPlace, GridCell, GridRow, SourceGrid } from './grid.js';
import type { ImportedIndicator, ImportedProject, ImportMessage, ImportOptions, ImportResult, ProjectKind } from './import-model.js';

/**
 * The one reader of 绩效目标表, for every source (docs/domain.md "Target tables as units publish
 * them"): it finds tables by their titles and unit lines, project fields by their labels, and the
 * indicator grid by its header row, never by position.
 */

/** Titles a table may carry (the end of the line, before a "(2023年)"). */
const TITLE = /^(?:(\d+)\s*[.．、]\s*)?(\S.*?(?:绩效目标表|目标申报表|目标批复表|绩效目标和指标|绩效目标设定公示|自评表))\s*(?:[(（]([^)）]*)[)）])?$/;
const DEPARTMENT_TITLE = /部门(?:[(（]单位[)）])?整体(?:支出)?绩效目标/;
const SELF_EVALUATION_TITLE = /自评表$/;
const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/;

/** The label of a cell: normalised, without a trailing colon, "(万元)" or "(单位:万元)". */
function labelText(text: string): string {
  return normalizeCell(text)
    .replace(/[(（](?:单位[:：])?(?:万元|元)[)）]/g, '')
    .replace(/[:：]$/, '');
}

type FieldKey =
  | 'name'
  | 'department'
  | 'implementer'
  | 'total'
  | 'fiscal'
  | 'carryover'
  | 'other'
  | 'purpose'
  | 'goals'
  | 'periodGoals'
  | 'period'
  | 'leader'
  | 'ignored'
  | 'section';

const FIELD_LABELS: ReadonlyArray<[RegExp, FieldKey]> = [
  [/^(?:项目名称|项目支出名称|项目全称|二级项目名称|部门(?:\(单位\))?名称|单位名称)$/, 'name'],
  [/^(?:主管部门|预算部门|主管部门及代码|主管单位|主管部门\(单位\))$/, 'department'],
  [/^(?:实施单位|项目实施单位|预算单位)$/, 'implementer'],
  [
    /^(?:预算数|年度资金总额|年度本级预算金额|本级预算金额|项目金额|资金情况|预算金额|年度预算数|年度预算金额|资金总额|金额合计|项目总金额|项目资金总额|预算总额|总额|合计)$/,
    'total',
  ],
  [/^(?:其中[:：]?)?(?:财政资金|财政拨款|当年财政拨款|本级财政资金|财政性资金|一般公共预算(?:拨款|资金)?|财政拨款资金)$/, 'fiscal'],
  [/^(?:其中[:：]?)?上年结转(?:资金)?$/, 'carryover'],
  [/^(?:其中[:：]?)?其他资金$/, 'other'],
  [/^(?:资金用途|主要用途|用途|项目概况|项目内容)$/, 'purpose'],
  [
    /^(?:绩效目标|年度绩效目标|本年度绩效目标|年度目标|年度总体目标|总体目标|部门整体绩效目标|整体绩效目标|履职目标|部门履职目标|年度履职目标|当年绩效目标)$/,
    'goals',
  ],
  [/^(?:实施期绩效目标|实施期目标|中长期目标|总体绩效目标)$/, 'periodGoals'],
  [/^(?:实施期|项目实施期|项目支出实施期|项目期限|实施周期|项目周期)$/, 'period'],
  [/^(?:项目负责人|负责人)$/, 'leader'],
  [/(?:上级资金|上级补助|联系电话|联系人|填表人|填报日期|单位负责人(?:签字)?|审核人|批复金额)$/, 'ignored'],
  [/^(?:预算规模及资金用途|预算情况|资金情况及用途|绩效指标|年度绩效指标|本年度绩效指标|项目绩效指标|绩效目标和指标|本年度指标|实施期绩效指标)$/, 'section'],
];

/** Labels written with their value in one cell: "项目负责人:张三", "项目支出实施期2023.07-2024.01". */
const INLINE_FIELDS: ReadonlyArray<[RegExp, FieldKey]> = [
  [/^(?:项目)?(?:支出)?实施期[:：]?(.+)$/, 'period'],
  [/^项目负责人[:：](.+)$/, 'leader'],
  [/^(?:填报|申报|预算)单位[:：](.+?)(?:单位[:：](?:万元|元))?$/, 'department'],
];

/** Rows after the indicators that end a table. */
const TABLE_END = /^(?:财政部门审核意见|主管部门审核意见|审核意见|填表人|备注|说明|单位负责人|联系电话|财政部门意见)/;

function fieldOf(text: string): FieldKey | null {
  const label = labelText(text);
  if (label === '' || label.length > 24) return null;
  return FIELD_LABELS.find(([pattern]) => pattern.test(label))?.[1] ?? null;
}

type Column = 'level1' | 'level2' | 'name' | 'description' | 'value' | 'comparator' | 'unit' | 'actual' | 'weight' | 'score' | 'other';

const HEADER_LABELS: ReadonlyArray<[RegExp, Column]> = [
  [/^一级指标$/, 'level1'],
  [/^二级指标$/, 'level2'],
  [/^(?:三级指标|指标名称|指标内容|具体指标|绩效指标名称|三级指标名称|指标)$/, 'name'],
  [/^(?:绩效指标描述|指标解释|指标说明|指标描述|指标定义|绩效指标说明)$/, 'description'],
  [
    /^(?:指标值|目标值|年度指标值|指标值及单位|年度目标值|预期目标值|全年目标值|计划指标值|目标指标值|年度计划值|预期指标值|绩效目标值|指标目标值|年度指标目标值|预期目标|指标值\(?包含数字及文字描述\)?)$/,
    'value',
  ],
  [/^(?:指标性质|指标方向|计算符号|符号|比较符号|运算符号|指标值符号)$/, 'comparator'],
  [/^(?:计量单位|度量单位|单位|指标单位)$/, 'unit'],
  [/^(?:实际完成值|全年实际值|实际值|完成值|实际完成情况|全年实际完成值|实际完成|全年完成值|实际完成指标值)$/, 'actual'],
  [/^(?:分值|权重|指标分值|权重分值)$/, 'weight'],
  [/^得分$/, 'score'],
];

function columnOf(text: string): Column | null {
  const label = labelText(text).replace(/[(（][A-Za-z]+[)）]$/, '');
  if (label === '') return null;
  return HEADER_LABELS.find(([pattern]) => pattern.test(label))?.[1] ?? null;
}

/** What a table under construction has. */
interface TableDraft {
  number: number;
  title: string;
  /** Text around the title (the document's heading), where a year may be written. */
  heading: string[];
  kind: ProjectKind;
  selfEvaluation: boolean;
  rows: GridRow[];
  /** Index in `rows` of the indicator header, once found. */
  header: number | null;
  /** Past the indicators: a closing row (审核意见, 填表人) was met. */
  closed: boolean;
  grid: SourceGrid;
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

/** A cell's text on one line, cut to 30 characters, for messages. */
export function oneLine(text: string): string {
  const flat = text.replace(/\n/g, ' ');
  return flat.length > 30 ? `${flat.slice(0, 30)}…` : flat;
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
        .replace(/^(?:目标\s*\d{1,2}\s*[:：]|[(（]\s*\d{1,2}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[.．、](?!\d{2,}))+\s*/, '')
        .trim(),
    )
    .filter((line) => line !== '');
}

/** The text of a row's cells, merged continuations left out. */
function ownCells(row: GridRow): GridCell[] {
  return row.cells.filter((cell) => !cell.merged);
}

function filled(row: GridRow): GridCell[] {
  return ownCells(row).filter((cell) => cell.text.trim() !== '');
}

function titleOf(row: GridRow): RegExpExecArray | null {
  const cells = filled(row);
  if (cells.length !== 1) return null;
  return TITLE.exec(cells[0].text.replace(/\s*\n\s*/g, '').trim());
}

/** A unit line: "218101天津市武清区人民法院" (code and name), alone or beside "单位：万元". */
const ORG_WITH_CODE = /^(\d{6,12})\s*([^\d\s].*)$/;
const MONEY_UNIT = /(?<![填报申实施预算])单位[:：]\s*(万元|元)/;

function isUnitLine(row: GridRow): boolean {
  const cells = filled(row);
  return cells.some((cell) => ORG_WITH_CODE.test(cell.text.replace(/\n/g, '')) || MONEY_UNIT.test(normalizeCell(cell.text)));
}

function startsProject(row: GridRow): boolean {
  return isUnitLine(row) || filled(row).some((cell) => fieldOf(cell.text) === 'name');
}

/**
 * Header cells of a row (grid or loose), with their place in the row. Columns nobody reads
 * ("绩效标准", "偏差原因") after the first known label are kept as `other`, so that cells under
 * them do not slide into a known column.
 */
function headerColumns(cells: readonly GridCell[]): Array<{ column: Column; index: number }> {
  const columns: Array<{ column: Column; index: number }> = [];
  cells.forEach((cell, index) => {
    if (cell.merged) return;
    const column = columnOf(cell.text);
    if (column !== null) columns.push({ column, index });
    else if (columns.length > 0 && cell.text.trim() !== '') columns.push({ column: 'other', index });
  });
  return columns;
}

function isHeader(columns: ReadonlyArray<{ column: Column }>): boolean {
  const kinds = new Set(columns.map((c) => c.column));
  return (
    kinds.has('name') && (kinds.has('value') || kinds.has('unit') || kinds.has('actual')) && (kinds.has('level1') || kinds.has('level2') || kinds.size >= 3)
  );
}

/**
 * Cuts a source into tables: a title starts one; so does a unit line or a 项目名称 after a table's
 * indicators (several project tables under one header). Rows before the first table are the
 * document's heading.
 */
function cutTables(grid: SourceGrid, firstNumber: number, heading: string[]): TableDraft[] {
  const tables: TableDraft[] = [];
  let current: TableDraft | null = null;
  let lastTitle: { number: number | null; title: string; kind: ProjectKind; selfEvaluation: boolean } | null = null;
  const open = (number: number | null, title: string, kind: ProjectKind, selfEvaluation: boolean): TableDraft => {
    const previous = tables[tables.length - 1];
    const draft: TableDraft = {
      number: number ?? (previous ? previous.number + 1 : firstNumber),
      title,
      heading: [...heading],
      kind,
      selfEvaluation,
      rows: [],
      header: null,
      closed: false,
      grid,
    };
    tables.push(draft);
    return draft;
  };

  for (const row of grid.rows) {
    const title = titleOf(row);
    if (title) {
      const text = title[2];
      const kind: ProjectKind = DEPARTMENT_TITLE.test(text) ? 'DEPARTMENT' : 'PROJECT';
      lastTitle = { number: title[1] ? Number(title[1]) : null, title: text, kind, selfEvaluation: SELF_EVALUATION_TITLE.test(text) };
      if (title[3]) heading.push(title[3]);
      // Consecutive titles (a page's heading, then the table's own) are one table's.
      if (current && current.rows.some((r) => filled(r).length > 0 && !isHeadingRow(r))) current = null;
      if (current) {
        // The numbered title, else the longer one, names the table.
        if (lastTitle.number !== null || (current.title.length < text.length && !/^\d/.test(current.title))) current.title = text;
        current.kind = kind;
        current.selfEvaluation = lastTitle.selfEvaluation;
        if (lastTitle.number !== null) current.number = lastTitle.number;
      } else {
        current = open(lastTitle.number, text, kind, lastTitle.selfEvaluation);
      }
      continue;
    }
    if (filled(row).length === 0) {
      // In a stream an empty cell is a cell (a blank 其他资金, a merged 一级指标 continuing).
      if (grid.shape === 'stream' && current && !current.closed) current.rows.push(row);
      continue;
    }
    if (current && (current.header !== null || current.closed) && startsProject(row)) {
      // A further project under the same header: numbered on from the last table.
      current = open(null, lastTitle?.title ?? current.title, current.kind, current.selfEvaluation);
    }
    if (current === null) {
      if (startsProject(row)) {
        current = open(null, lastTitle?.title ?? '', lastTitle?.kind ?? 'PROJECT', lastTitle?.selfEvaluation ?? false);
      } else {
        heading.push(...filled(row).map((cell) => cell.text));
        continue;
      }
    }
    if (current.closed) continue;
    if (current.header !== null && filled(row).some((cell, i) => i === 0 && TABLE_END.test(labelText(cell.text)))) {
      current.closed = true;
      continue;
    }
    current.rows.push(row);
    if (current.header === null && grid.shape !== 'stream' && isHeader(headerColumns(row.cells))) current.header = current.rows.length - 1;
    if (current.header === null && grid.shape === 'stream' && streamHeaderEnds(current.rows)) current.header = current.rows.length - 1;
  }
  return tables;
}

/** Rows a page puts before a table's first field: its publisher, a date, "(2023年)". */
function isHeadingRow(row: GridRow): boolean {
  return !startsProject(row) && filled(row).every((cell) => fieldOf(cell.text) === null && columnOf(cell.text) === null);
}

/** In a stream, the header is the run of header labels just read (at least three, with a name and a value). */
function streamHeaderEnds(rows: readonly GridRow[]): boolean {
  const run: Array<{ column: Column }> = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const column = columnOf(rows[i].cells[0]?.text ?? '');
    if (column === null) break;
    run.unshift({ column });
  }
  if (run.length < 3 || !isHeader(run)) return false;
  // Only once the run is complete: the next row is read before deciding, so wait for a non-label.
  return true;
}

const MISSING_VALUE = '“指标值”（或“目标值”“年度指标值”“指标值及单位”）';
const MISSING_NAME = '“三级指标”（或“指标名称”“指标内容”）';

/**
 * A row that is the indicator header but for one column the reader needs (its 指标值 or 三级指标
 * cell emptied or misspelt): the blank cell where that label belongs when there is one, else the
 * row's first cell, and what is missing. Two labels of the header, one of them a level or the name,
 * make a row a header.
 */
function incompleteHeader(table: TableDraft): { at: CellPlace; missing: string } | null {
  const missingOf = (kinds: ReadonlySet<Column>): string | null => {
    const labels = ['level1', 'level2', 'name', 'value', 'description'].filter((c) => kinds.has(c as Column)).length;
    if (labels < 2 || !(kinds.has('level1') || kinds.has('level2') || kinds.has('name'))) return null;
    if (!kinds.has('name')) return MISSING_NAME;
    return kinds.has('value') || kinds.has('unit') || kinds.has('actual') ? null : MISSING_VALUE;
  };
  if (table.grid.shape === 'stream') {
    // A run of header labels, a cell per row.
    for (let i = 0; i < table.rows.length; i++) {
      const run: Column[] = [];
      for (let k = i; k < table.rows.length; k++) {
        const column = columnOf(table.rows[k].cells[0]?.text ?? '');
        if (column === null) break;
        run.push(column);
      }
      const missing = missingOf(new Set(run));
      if (missing) return { at: table.rows[i].cells[0].at, missing };
      i += run.length;
    }
    return null;
  }
  for (const row of table.rows) {
    const columns = headerColumns(row.cells);
    const missing = missingOf(new Set(columns.map((c) => c.column)));
    if (!missing) continue;
    const first = columns[0]?.index ?? 0;
    const blank = ownCells(row).find((cell) => cell.text.trim() === '' && row.cells.indexOf(cell) > first);
    return { at: (blank ?? filled(row)[0] ?? row.cells[0]).at, missing };
  }
  return null;
}

/** Amounts: "20.00", "1,234.5", "250万" (万元), "2,500,000元" in a table of 万元. */
function money(cell: GridCell | undefined, label: string, toWanYuan: number, blankIsZero: boolean): number | null {
  const text = normalizeCell(cell?.text ?? '');
  if (text === '' || text === '-' || text === '/' || text === '—') {
    if (blankIsZero) return 0;
    return null;
  }
  const withUnit = /^(.*?)(万元|万|元)$/.exec(text);
  let factor = toWanYuan;
  let number = text;
  if (withUnit) {
    number = withUnit[1];
    factor = withUnit[2] === '元' ? 1e-4 : 1;
  }
  const value = parseDecimal(number);
  if (value === null) throw new TableError(cell!.at, `${label}应为数字（万元），实际是“${oneLine(cell!.text)}”`);
  if (value < 0) throw new TableError(cell!.at, `${label}不能为负数，实际是“${cell!.text}”`);
  // Stored to the cent: 万元 with 6 decimals.
  return Number((value * factor).toFixed(6));
}

interface Fields {
  orgCode: string | null;
  orgName: string;
  name: string;
  department: string;
  implementer: string;
  total: number | null;
  fiscal: number | null;
  carryover: number | null;
  other: number | null;
  purpose: string[];
  goals: string[];
  periodGoals: string[];
  period: string;
  leader: string;
  /** A first cell no label claims: the unit's name on a unit line without a code. */
  unitLine: string;
  firstAt: CellPlace;
}

/** Reads the project fields by their labels from the cells before the indicator header. */
function readFields(table: TableDraft, rows: readonly GridRow[]): Fields {
  const cells = rows.flatMap(ownCells);
  const fields: Fields = {
    orgCode: null,
    orgName: '',
    name: '',
    department: '',
    implementer: '',
    total: null,
    fiscal: null,
    carryover: null,
    other: null,
    purpose: [],
    goals: [],
    periodGoals: [],
    period: '',
    leader: '',
    unitLine: '',
    firstAt: cells[0]?.at ?? { line: 1 },
  };
  let toWanYuan = 1;
  for (const cell of cells) {
    const unit = MONEY_UNIT.exec(normalizeCell(cell.text));
    if (unit) toWanYuan = unit[1] === '元' ? 1e-4 : 1;
  }
  let budgetSeen = false;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const text = cell.text.trim();
    if (text === '') continue;
    const key = fieldOf(text);
    if (key === null) {
      const org = ORG_WITH_CODE.exec(text.replace(/\n/g, ''));
      if (org && fields.orgCode === null && fields.name === '' && !/^\d+(?:\.\d+)?(?:万元|元|万)?$/.test(normalizeCell(text))) {
        fields.orgCode = org[1];
        fields.orgName = org[2].replace(MONEY_UNIT, '').trim();
        continue;
      }
      if (MONEY_UNIT.test(normalizeCell(text)) && !/[:：]\s*\S+\s+单位/.test(text)) {
        // "单位：万元", or "填报单位：(盖章) 单位：万元": the unit, and perhaps the unit's name.
        const inline = INLINE_FIELDS[2][0].exec(normalizeCell(text));
        if (inline && !/盖章/.test(inline[1]) && fields.department === '') fields.department = inline[1];
        continue;
      }
      const inline = INLINE_FIELDS.find(([pattern]) => pattern.test(normalizeCell(text)));
      if (inline) {
        const value = inline[0].exec(normalizeCell(text))![1];
        if (inline[1] === 'period' && fields.period === '') fields.period = value;
        if (inline[1] === 'leader') fields.leader = value;
        if (inline[1] === 'department' && !/盖章/.test(value) && fields.department === '') fields.department = value;
        continue;
      }
      if (fields.name === '' && fields.orgName === '' && fields.unitLine === '' && i === firstTextIndex(cells)) {
        // A unit line without a code: the unit's name only ("湘潭市环境卫生管理处").
        fields.unitLine = text.replace(/\n/g, '');
        continue;
      }
      // Text that no label claims, after the amounts and before the goals: the purpose (资金用途).
      if (budgetSeen && fields.goals.length === 0) fields.purpose.push(text);
      continue;
    }
    if (key === 'section') continue;
    // The value is the next cell, unless that is a label itself (a label with nothing after it).
    const next = cells[i + 1];
    const nextIsLabel = next !== undefined && next.text.trim() !== '' && (fieldOf(next.text) !== null || columnOf(next.text) !== null);
    const value = next === undefined || nextIsLabel ? undefined : next;
    if (value !== undefined) i += 1;
    const valueText = (value?.text ?? '').trim();
    switch (key) {
      case 'name':
        if (fields.name === '') fields.name = valueText.replace(/\n/g, '');
        break;
      case 'department':
        if (fields.department === '') fields.department = valueText.replace(/\n/g, '');
        break;
      case 'implementer':
        fields.implementer = valueText.replace(/\n/g, '');
        break;
      case 'total':
        budgetSeen = true;
        if (value !== undefined && fields.total === null) fields.total = money(value, '预算数', toWanYuan, false);
        break;
      case 'fiscal':
        budgetSeen = true;
        if (fields.fiscal === null) fields.fiscal = money(value, '财政资金', toWanYuan, true);
        break;
      case 'carryover':
        budgetSeen = true;
        if (fields.carryover === null) fields.carryover = money(value, '上年结转', toWanYuan, true);
        break;
      case 'other':
        budgetSeen = true;
        if (fields.other === null) fields.other = money(value, '其他资金', toWanYuan, true);
        break;
      case 'purpose':
        if (valueText !== '') fields.purpose.push(valueText);
        break;
      case 'goals':
      case 'periodGoals': {
        // Goals may run over several cells (one per goal), up to the next label.
        const taken = valueText === '' ? [] : [valueText];
        while (
          i + 1 < cells.length &&
          cells[i + 1].text.trim() !== '' &&
          fieldOf(cells[i + 1].text) === null &&
          columnOf(cells[i + 1].text) === null &&
          !INLINE_FIELDS.some(([p]) => p.test(normalizeCell(cells[i + 1].text)))
        ) {
          taken.push(cells[++i].text.trim());
        }
        (key === 'goals' ? fields.goals : fields.periodGoals).push(...taken);
        budgetSeen = true;
        break;
      }
      case 'period':
        fields.period = valueText;
        break;
      case 'leader':
        fields.leader = valueText;
        break;
      case 'ignored':
        break;
    }
  }
  void table;
  return fields;
}

function firstTextIndex(cells: readonly GridCell[]): number {
  return cells.findIndex((cell) => cell.text.trim() !== '');
}

/** An indicator row before its target is parsed. */
interface RowDraft {
  cells: Partial<Record<Column, GridCell>>;
  at: CellPlace;
}

/** The header's columns in a stream, then its rows: cells taken a header's width at a time. */
function streamIndicatorRows(table: TableDraft, headerRow: number): { columns: Column[]; rows: RowDraft[] } {
  const columns: Column[] = [];
  let start = headerRow;
  while (start >= 0 && columnOf(table.rows[start].cells[0]?.text ?? '') !== null) start -= 1;
  for (let i = start + 1; i <= headerRow; i++) columns.push(columnOf(table.rows[i].cells[0].text)!);
  const cells = table.rows.slice(headerRow + 1).map((row) => row.cells[0]);
  const width = columns.length;
  const levelColumns = columns.filter((c) => c === 'level1' || c === 'level2').length;
  // A row starts at its level cells: empty or 一级/二级 labels (the text form keeps an empty
  // cell where a merged level cell continues).
  const startsAt = (i: number): boolean => {
    for (let k = 0; k < levelColumns; k++) {
      const cell = cells[i + k];
      if (!cell || !(cell.text === '' || isLevelLabel(cell.text))) return false;
    }
    return (
      levelColumns === 0 ||
      cells[i + levelColumns - 1]?.text !== '' ||
      cells[i]?.text !== '' ||
      levelColumns === 1 ||
      isLevelLabel(cells[i + 1]?.text ?? '') ||
      cells[i + 1]?.text === ''
    );
  };
  const rows: RowDraft[] = [];
  for (let at = 0; at < cells.length; ) {
    if (cells.slice(at).every((cell) => cell.text === '')) break;
    if (!startsAt(at) && levelColumns > 0) {
      throw new TableError(cells[at].at, `应为指标行（${columns.map(columnName).join('、')}），实际是“${oneLine(cells[at].text)}”`);
    }
    let end = at + width;
    if (end < cells.length && !startsAt(end)) {
      end = at + 1;
      while (end < cells.length && !startsAt(end)) end += 1;
    }
    const slice = cells.slice(at, end);
    if (slice.length !== width && !(end >= cells.length && slice.length < width && slice.slice(levelColumns).every((c) => c.text === ''))) {
      const place = slice.length < width ? slice[0].at : slice[width].at;
      throw new TableError(place, `指标行应有${width}个单元格（${columns.map(columnName).join('、')}），实际有${slice.length}个`);
    }
    const draft: RowDraft = { cells: {}, at: slice[0].at };
    columns.forEach((column, k) => {
      if (slice[k] && draft.cells[column] === undefined) draft.cells[column] = slice[k];
    });
    rows.push(draft);
    at = end;
  }
  return { columns, rows };
}

const COLUMN_NAMES: Record<Column, string> = {
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标',
  description: '绩效指标描述',
  value: '指标值',
  comparator: '指标性质',
  unit: '计量单位',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
  other: '其他',
};

function columnName(column: Column): string {
  return COLUMN_NAMES[column];
}

const LEVEL2_LABEL = /(?:数量|质量|时效|成本|效益|满意度?|可持续影响)(?:指标)?$/;

function isLevelLabel(text: string): boolean {
  const t = normalizeCell(text);
  return t !== '' && t.length <= 20 && (/指标$/.test(t) || LEVEL2_LABEL.test(t));
}

function isLevel1Label(text: string): boolean {
  const t = normalizeCell(text);
  return /^(?:产出|效益|满意度|成本)指标$/.test(t);
}

/** Rows of a grid or loose source, each cell under the header column it belongs to. */
function gridIndicatorRows(table: TableDraft, headerRow: number): { columns: Column[]; rows: RowDraft[] } {
  const header = headerColumns(table.rows[headerRow].cells);
  const columns = header.map((h) => h.column);
  const rows: RowDraft[] = [];
  for (const row of table.rows.slice(headerRow + 1)) {
    if (filled(row).length === 0) continue;
    const draft: RowDraft = { cells: {}, at: (filled(row)[0] ?? row.cells[0]).at };
    if (table.grid.shape === 'grid') {
      for (const { column, index } of header) {
        const cell = row.cells[index];
        // A cell covered by a merged area from its left belongs to the column the area started in.
        if (cell && cell.merged !== 'left') draft.cells[column] ??= cell;
      }
    } else {
      alignLoose(row, header, draft);
    }
    rows.push(draft);
  }
  return { columns, rows };
}

/**
 * A loose row (text copied from a page) lacks the cells merged from above: it is aligned by what
 * its first cell is — a 一级指标, a 二级指标, or else the indicator's name.
 */
function alignLoose(row: GridRow, header: ReadonlyArray<{ column: Column; index: number }>, draft: RowDraft): void {
  const cells = [...row.cells];
  while (cells.length > 0 && cells[cells.length - 1].text === '') cells.pop();
  // Leading cells that only label the block ("本年度绩效指标") are not part of the row.
  while (cells.length > 0 && fieldOf(cells[0].text) === 'section') cells.shift();
  let from = 0;
  if (cells.length < header.length) {
    const at = (column: Column): number => header.findIndex((h) => h.column === column);
    // Where the row may start: at its 一级, its 二级 or its name; the first start under which
    // level columns get level labels and the name column does not.
    const fits = (start: number): boolean =>
      start >= 0 &&
      start + cells.length <= header.length &&
      cells.every((cell, k) => {
        const column = header[start + k].column;
        if (column === 'level1' || column === 'level2') return cell.text === '' || isLevelLabel(cell.text);
        if (column === 'name') return !isLevelLabel(cell.text);
        return true;
      });
    const starts = [isLevel1Label(cells[0]?.text ?? '') ? at('level1') : -1, at('level2'), at('name')];
    from = starts.find(fits) ?? Math.max(0, header.length - cells.length);
  }
  cells.forEach((cell, k) => {
    const column = header[from + k]?.column;
    if (column !== undefined) draft.cells[column] ??= cell;
  });
}

const LEVEL1_OF_LEVEL2: Record<string, Level1> = {
  QUANTITY: 'OUTPUT',
  QUALITY: 'OUTPUT',
  TIMELINESS: 'OUTPUT',
  COST: 'OUTPUT',
  ECONOMIC: 'BENEFIT',
  SOCIAL: 'BENEFIT',
  ECOLOGICAL: 'BENEFIT',
  SUSTAINABILITY: 'BENEFIT',
  SERVICE_SATISFACTION: 'SATISFACTION',
};

/** The 一级指标 a 二级指标 belongs to ("质量指标" → 产出指标), or null. */
function level1For(level2: string): Level1 | null {
  // A 二级 cell holding a first-level name ("实施效果指标 / 产出指标") names it directly.
  if (/^(?:产出|效益|满意度)指标$/.test(normalizeCell(level2))) return level1Code(level2);
  const code = level2Code(level2);
  return code === null ? null : LEVEL1_OF_LEVEL2[code];
}

/** Where a message about a place in a table goes: table, row (line) and cell. */
function messageFor(table: TableDraft, at: CellPlace, message: string): ImportMessage {
  const place: ImportMessage = { table: table.number, line: at.line, message };
  if (at.ref !== undefined) place.cell = at.ref;
  if (table.grid.sheet !== undefined) place.sheet = table.grid.sheet;
  return place;
}

/** "第23行" in the seed's text form, "第23行第2格" in rows of text, "单元格 B7" in a grid. */
function placeName(grid: SourceGrid, at: CellPlace): string {
  if (grid.shape === 'grid' || at.ref === undefined) return at.ref === undefined ? `第${at.line}行` : `单元格 ${at.ref}`;
  if (grid.shape === 'stream') return `第${at.line}行`;
  const col = /^([A-Z]+)/.exec(at.ref)?.[1] ?? 'A';
  return `第${at.line}行第${[...col].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0)}格`;
}

function tableLabel(table: TableDraft): string {
  return table.grid.label !== '' ? table.grid.label : `表${table.number}`;
}

/** The project draft of one table, before its year is settled. */
interface Draft extends Omit<ImportedProject, 'year'> {
  statedYear: number | null;
}

function cellText(cell: GridCell | undefined): string {
  return (cell?.text ?? '').replace(/\n/g, '').trim();
}

/** The target cell as the split columns write it: "≥", "95", "%" → "≥ 95 %"; 定性 marks a qualitative one. */
function composeTarget(row: RowDraft): { raw: string; qualitative: boolean } {
  const value = cellText(row.cells.value);
  const comparatorText = cellText(row.cells.comparator);
  const unit = cellText(row.cells.unit);
  const qualitative = /^定性/.test(comparatorText);
  let comparator = qualitative || /^定量|正向|反向|^\/$/.test(comparatorText) ? '' : comparatorText;
  if (/反向/.test(comparatorText) && comparator === '') comparator = '';
  const parts = [comparator, value];
  if (unit !== '' && unit !== '/' && !normalizeCell(value).endsWith(normalizeCell(unit)) && !qualitative) parts.push(unit);
  return { raw: parts.filter((p) => p !== '').join(' '), qualitative };
}

function readTable(table: TableDraft, options: ImportOptions, warnings: ImportMessage[]): Draft {
  if (table.header === null) {
    const incomplete = incompleteHeader(table);
    if (incomplete) throw new TableError(incomplete.at, `指标表头缺少${incomplete.missing}列，无法读出指标`);
    const at = table.rows[0]?.cells[0]?.at ?? { line: 1 };
    throw new TableError(at, '没有找到指标表头：应有一行“一级指标、二级指标、三级指标、指标值”（或“指标名称”“目标值”）');
  }
  const fieldRows = table.grid.shape === 'stream' ? table.rows.slice(0, streamHeaderStart(table)) : table.rows.slice(0, table.header);
  const fields = readFields(table, fieldRows);
  const warn = (at: CellPlace, message: string): void => {
    warnings.push(messageFor(table, at, message));
  };

  let orgCode = fields.orgCode;
  let orgName = fields.orgName || fields.department || fields.unitLine || fields.implementer;
  // "主管部门及代码 | 218101 天津市…", or a department table's "部门名称 | 218101…".
  for (const candidate of [fields.department, table.kind === 'DEPARTMENT' ? fields.name : '']) {
    const coded = ORG_WITH_CODE.exec(candidate);
    if (orgCode === null && coded) {
      orgCode = coded[1];
      orgName = coded[2].trim();
    }
  }
  if (table.kind === 'DEPARTMENT' && orgName === fields.name && orgCode !== null) fields.name = orgName;
  if (orgCode === null) {
    if (options.orgCode) {
      orgCode = options.orgCode;
      warn(fields.firstAt, `单位行未写单位编码${orgName ? `（“${orgName}”）` : ''}，按指定的单位 ${orgCode} 导入`);
    } else {
      warn(fields.firstAt, `单位行未写单位编码${orgName ? `（“${orgName}”）` : ''}，请选择单位（命令行 --org，GraphQL 的 orgCode）`);
    }
  } else if (options.orgCode && options.orgCode !== orgCode) {
    warn(fields.firstAt, `表中的单位编码 ${orgCode} 与指定的 ${options.orgCode} 不同，按表中的编码导入`);
  }
  if (orgName === '') orgName = fields.department;

  let name = fields.name;
  if (table.kind === 'DEPARTMENT') {
    // The department's whole budget is one project of that kind per year.
    if (orgName === '') orgName = ORG_WITH_CODE.exec(fields.name)?.[2].trim() ?? fields.name;
    name = '部门整体支出';
  }
  if (name === '') throw new TableError(fields.firstAt, '没有找到项目名称（“项目名称”或“项目支出名称”）');

  let total = fields.total;
  if (total === null) {
    const parts = [fields.fiscal, fields.carryover, fields.other].filter((v): v is number => v !== null);
    if (parts.length > 0 && (fields.fiscal ?? 0) > 0) {
      total = Number(parts.reduce((a, b) => a + b, 0).toFixed(6));
      warn(fields.firstAt, `未写预算数，按各项资金之和取 ${total} 万元`);
    } else if (table.kind === 'DEPARTMENT') {
      total = 0;
      warn(fields.firstAt, '部门整体支出表未写预算数，按 0 导入');
    } else {
      throw new TableError(fields.firstAt, '没有找到预算数（“预算数”“年度资金总额”“年度本级预算金额”“项目金额”或“资金情况”）');
    }
  }
  const carryover = fields.carryover ?? 0;
  const other = fields.other ?? 0;
  let fiscal = fields.fiscal;
  if (fiscal === null) {
    fiscal = Number(Math.max(total - other - carryover, 0).toFixed(6));
    warn(fields.firstAt, `未写财政资金，按预算数减其他资金取 ${fiscal} 万元`);
  }
  const sum = fiscal + other + carryover;
  if (Math.abs(sum - total) > 0.005 && Math.abs(fiscal + other - total) > 0.005) {
    warn(fields.firstAt, `财政资金 ${fiscal}${carryover ? `、上年结转 ${carryover}` : ''} 与其他资金 ${other} 之和不等于预算数 ${total}`);
  }

  const statedYear = [table.title, name, ...table.heading, fields.period].map((t) => YEAR.exec(t)).find((m) => m !== null);
  const year = statedYear ? Number(statedYear[1]) : (options.year ?? undefined);

  const { columns, rows } = table.grid.shape === 'stream' ? streamIndicatorRows(table, table.header) : gridIndicatorRows(table, table.header);
  if (!columns.includes('level1') && !columns.includes('level2')) {
    // Without level columns nothing says where an indicator belongs; allowed, each row is 产出.
  }
  const indicators: ImportedIndicator[] = [];
  let level1 = '';
  let level2 = '';
  for (const row of rows) {
    const l1 = cellText(row.cells.level1);
    const l2 = cellText(row.cells.level2);
    const rowName = cellText(row.cells.name);
    const value = cellText(row.cells.value);
    // Merged or blank level cells repeat the one above; a new 一级 clears the 二级 above it.
    if (l1 !== '' && !row.cells.level1?.merged) {
      if (l1 !== level1) level2 = '';
      level1 = l1;
    } else if (l1 !== '') level1 = l1;
    if (l2 !== '') level2 = l2;
    if (rowName === '' && value === '' && cellText(row.cells.comparator) === '') continue; // an empty row of the form
    if (rowName === '') throw new TableError(row.cells.name?.at ?? row.at, '三级指标不能为空');
    let rowLevel1 = level1;
    const implied = level1For(level2);
    if (rowLevel1 === '' || level1Code(rowLevel1) === null) {
      if (implied === null) {
        if (rowLevel1 === '') throw new TableError(row.at, `指标“${rowName}”缺少一级指标，二级指标“${level2}”也无法推定`);
        throw new TableError(row.cells.level1?.at ?? row.at, `一级指标“${rowLevel1}”无法识别，应为产出指标、效益指标、满意度指标或成本指标`);
      }
      warn(
        row.cells.level2?.at ?? row.at,
        `指标“${rowName}”${rowLevel1 === '' ? '未写一级指标' : `的一级指标“${rowLevel1}”无法识别`}，按二级指标“${level2}”推定为“${LEVEL1_LABELS[implied]}”`,
      );
      rowLevel1 = LEVEL1_LABELS[implied];
    } else if (implied !== null && implied === 'SATISFACTION' && level1Code(rowLevel1) !== 'SATISFACTION' && (l1 === '' || row.cells.level1?.merged)) {
      // A blank 一级 under 效益 with a 满意度 二级: the page lost the 满意度指标 cell.
      warn(row.cells.level2?.at ?? row.at, `指标“${rowName}”未写一级指标，按二级指标“${level2}”推定为“满意度指标”`);
      rowLevel1 = LEVEL1_LABELS.SATISFACTION;
    }
    const { raw, qualitative } = composeTarget(row);
    if (raw === '' && !qualitative) throw new TableError(row.cells.value?.at ?? row.at, `指标“${rowName}”的指标值不能为空`);
    const parsed = qualitative
      ? { target: { raw, kind: 'qualitative' as const, comparator: null, value: null, unit: null, rule: null }, warnings: [] }
      : parseTarget(raw, { level1: rowLevel1, level2, name: rowName, year });
    const valueAt = row.cells.value?.at ?? row.at;
    for (const message of parsed.warnings) warn(valueAt, `${rowName}：${message}`);
    const indicator: ImportedIndicator = {
      level1: rowLevel1,
      level2,
      name: rowName,
      description: cellText(row.cells.description),
      target: parsed.target,
      line: row.at.line,
    };
    if (valueAt.ref !== undefined) indicator.cell = valueAt.ref;
    if (table.selfEvaluation || row.cells.actual) {
      const actual = cellText(row.cells.actual);
      if (actual !== '') indicator.actual = actual;
      if (actual !== '' && row.cells.actual?.at.ref !== undefined) indicator.actualCell = row.cells.actual.at.ref;
    }
    const weight = parseDecimal(cellText(row.cells.weight));
    if (weight !== null) indicator.weight = weight;
    indicators.push(indicator);
  }
  if (indicators.length === 0) throw new TableError(table.rows[table.header].cells[0].at, '指标表头下没有绩效指标行');

  const goals = cleanGoals((fields.goals.length > 0 ? fields.goals : fields.periodGoals).join('\n'));
  const draft: Draft = {
    tableNumber: table.number,
    title: table.title,
    kind: table.kind,
    orgCode,
    orgName,
    name,
    statedYear: statedYear ? Number(statedYear[1]) : null,
    budget: fields.carryover === null ? { total, fiscal, other } : { total, fiscal, other, carryover },
    purpose: fields.purpose.join('\n'),
    goals,
    indicators,
  };
  if (fields.leader !== '') draft.leader = fields.leader;
  if (fields.period !== '') draft.period = fields.period;
  if (fields.department !== '') draft.department = fields.department;
  if (fields.implementer !== '') draft.implementer = fields.implementer;
  return draft;
}

function streamHeaderStart(table: TableDraft): number {
  let start = table.header!;
  while (start >= 0 && columnOf(table.rows[start].cells[0]?.text ?? '') !== null) start -= 1;
  return start + 1;
}

/**
 * Reads 绩效目标表 from any source cut into rows (grid.ts): Word, Excel, web pages, text. Each table
 * is read on its own: one that fails is reported in `errors` with its place, and the others are
 * still returned. A table that states no year takes the one year the other tables of the document
 * state, else `options.year`; one with no 单位编码 takes `options.orgCode`.
 *
 * @example readTargetTables([textToGrid(seedText)]).projects.length // 5
 */
export function readTargetTables(grids: readonly SourceGrid[], options: ImportOptions = {}): ImportResult {
  const warnings: ImportMessage[] = [];
  const errors: ImportMessage[] = [];
  const tables: TableDraft[] = [];
  const heading: string[] = [];
  for (const grid of grids) tables.push(...cutTables(grid, (tables[tables.length - 1]?.number ?? 0) + 1, heading));
  if (tables.length === 0) {
    return {
      projects: [],
      warnings: [],
      errors: [
        {
          table: null,
          line: null,
          message:
            '没有找到绩效目标表：应有以“绩效目标表”“目标申报表”“目标批复表”“绩效目标和指标”“绩效目标设定公示”或“自评表”结尾的表名，或“项目名称”与指标表头',
        },
      ],
    };
  }

  const drafts: Array<{ table: TableDraft; draft: Draft }> = [];
  for (const table of tables) {
    const tableWarnings: ImportMessage[] = [];
    try {
      drafts.push({ table, draft: readTable(table, options, tableWarnings) });
      warnings.push(...tableWarnings);
    } catch (error) {
      if (!(error instanceof TableError)) throw error;
      const place = placeName(table.grid, error.at);
      const message = messageFor(table, error.at, `${tableLabel(table)}${place}：${error.message}`);
      errors.push(message);
    }
  }

  const stated = new Set(drafts.flatMap(({ draft }) => (draft.statedYear === null ? [] : [draft.statedYear])));
  const documentYear = stated.size === 1 ? [...stated][0] : null;
  const projects: ImportedProject[] = [];
  for (const {
    table,
    draft: { statedYear, ...draft },
  } of drafts) {
    const year = statedYear ?? documentYear ?? options.year ?? null;
    const about = table.grid.sheet === undefined ? {} : { sheet: table.grid.sheet };
    if (year === null) {
      const why = stated.size > 1 ? `本文件其他表的年度不一致（${[...stated].join('、')}）` : '表名和项目名称都未写年度';
      errors.push({
        table: draft.tableNumber,
        line: null,
        ...about,
        message: `${tableLabel(table)}：无法确定年度，${why}，请指定年度（命令行 --year 或 GraphQL 的 year 参数）`,
      });
      continue;
    }
    if (statedYear === null) {
      const source = documentYear !== null ? '本文件其他表' : '--year';
      warnings.push({ table: draft.tableNumber, line: null, ...about, message: `${tableLabel(table)}未写年度，按${source}取 ${year} 年` });
    }
    projects.push({ ...draft, year });
  }
  return { projects, warnings, errors };
}
