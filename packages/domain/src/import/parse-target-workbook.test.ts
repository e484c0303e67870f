import { describe, expect, it } from 'vitest';
import seed from '../../../../test/fixtures/wuqing-court-2023-targets.txt?raw';
import type { ImportedProject } from './import-model.js';
import { parseTargetTables } from './parse-target-tables.js';
import { cellRef, parseCellRef, parseTargetWorkbook, type GridCell, type GridSheet } from './parse-target-workbook.js';

type Row = Array<string | number | null>;

/**
 * A worksheet in the published layout of a 绩效目标表, seven columns wide: header row, unit,
 * 项目名称, 预算规模及资金用途 (two rows, merged down), 绩效目标, then indicator rows whose 一级指标
 * is merged down over its rows and whose 描述 and 指标值 span two columns each.
 */
function sheetOf(project: ImportedProject, name = `${project.tableNumber}.${project.name}`.slice(0, 31)): GridSheet {
  const rows: Row[] = [
    [`${project.tableNumber}.${project.title}`],
    [`${project.orgCode}${project.orgName}`, null, null, null, null, '单位：万元'],
    ['项目名称', project.name],
    ['预算规模及资金用途', '预算数', project.budget.total, '其中：财政资金', project.budget.fiscal, '其他资金', project.budget.other],
    [null, project.purpose],
    ['绩效目标', project.goals.map((goal, i) => `${i + 1}.${goal}`).join('\n')],
    ['一级指标', '二级指标', '三级指标', '绩效指标描述', null, '指标值'],
  ];
  const merges = ['A1:G1', 'A2:E2', 'F2:G2', 'B3:G3', 'A4:A5', 'B5:G5', 'B6:G6', 'D7:E7', 'F7:G7'];
  let groupStart = 0;
  project.indicators.forEach((indicator, i) => {
    const row = rows.length + 1;
    const first = i === 0 || project.indicators[i - 1].level1 !== indicator.level1;
    if (first) groupStart = row;
    rows.push([first ? indicator.level1 : null, indicator.level2, indicator.name, indicator.description, null, indicator.target.raw]);
    merges.push(`D${row}:E${row}`, `F${row}:G${row}`);
    const last = i === project.indicators.length - 1 || project.indicators[i + 1].level1 !== indicator.level1;
    if (last && row > groupStart) merges.push(`A${groupStart}:A${row}`);
  });
  return { name, cells: gridCells(rows), merges };
}

function gridCells(rows: Row[]): GridCell[] {
  return rows.flatMap((row, r) => row.flatMap((value, c) => (value === null || value === '' ? [] : [{ ref: cellRef(r + 1, c + 1), text: String(value) }])));
}

/** Replaces one cell's text (or removes the cell with null). */
function withCell(sheet: GridSheet, ref: string, text: string | null): GridSheet {
  const cells = sheet.cells.filter((cell) => cell.ref !== ref);
  return { ...sheet, cells: text === null ? cells : [...cells, { ref, text }] };
}

const fromText = parseTargetTables(seed);
const withoutLines = (projects: ImportedProject[]) =>
  projects.map((p) => ({ ...p, indicators: p.indicators.map(({ line: _line, cell: _cell, ...rest }) => rest) }));

describe('parseTargetWorkbook on the seed laid out as a workbook', () => {
  const sheets = fromText.projects.map((project) => sheetOf(project));
  const result = parseTargetWorkbook({ sheets });

  it('reads the same 5 projects and 41 indicators as the text form, targets included', () => {
    expect(result.errors).toEqual([]);
    expect(withoutLines(result.projects)).toEqual(withoutLines(fromText.projects));
  });

  it('gives each indicator the row it starts on', () => {
    expect(result.projects[3].indicators.map((i) => i.line)).toEqual([8, 9, 10, 11, 12, 13, 14]);
  });

  it('reports the same guesses, naming the worksheet and the cell', () => {
    expect(result.warnings).toContainEqual({
      table: 2,
      line: 11,
      sheet: '2.法院办案业务费',
      cell: 'F11',
      message: '运维支出：指标值“17万元”未写比较符，按成本指标推定为“<=”',
    });
    expect(result.warnings).toContainEqual({
      table: 2,
      line: null,
      sheet: '2.法院办案业务费',
      message: '工作表“2.法院办案业务费”未写年度，按本文件其他表取 2023 年',
    });
    expect(result.warnings.map((w) => w.message.replace(/^工作表“[^”]*”/, ''))).toEqual(fromText.warnings.map((w) => w.message.replace(/^表\d+/, '')));
  });

  it('reads tables one under another on a single worksheet, and numbers an unnumbered one on from the table before it', () => {
    const [a, b] = fromText.projects.slice(3).map((project) => sheetOf(project));
    const shift = (cells: readonly GridCell[], by: number) =>
      cells.map((cell) => {
        const at = parseCellRef(cell.ref)!;
        return { ...cell, ref: cellRef(at.row + by, at.col) };
      });
    const bCells = shift(b.cells, 20).map((cell) => (cell.ref === 'A21' ? { ...cell, text: cell.text.replace(/^5\./, '') } : cell));
    const bMerges = b.merges.map((range) => range.replace(/\d+/g, (row) => String(Number(row) + 20)));
    const one: GridSheet = { name: '目标表', cells: [...a.cells, ...bCells], merges: [...a.merges, ...bMerges] };
    const both = parseTargetWorkbook({ sheets: [one] });
    expect(both.errors).toEqual([]);
    expect(both.projects.map((p) => [p.tableNumber, p.name, p.indicators.length])).toEqual([
      [4, '派出法庭安全隐患维修项目', 7],
      [5, '司法救助金-2023中央', 8],
    ]);
  });

  it('reads amounts in 元 and full-width digits as the text form does', () => {
    const sheet = withCell(withCell(withCell(sheetOf(fromText.projects[2]), 'F2', '单位：元'), 'C4', '２１００００'), 'E4', '210,000.00');
    const read = parseTargetWorkbook({ sheets: [withCell(sheet, 'G4', null)] });
    expect(read.errors).toEqual([]);
    expect(read.projects[0].budget).toEqual({ total: 21, fiscal: 21, other: 0 });
  });
});

describe('parseTargetWorkbook on broken workbooks: errors name the worksheet and the cell', () => {
  const good = sheetOf(fromText.projects[2], '3.科技法庭试点提升项目');
  const label = '工作表“3.科技法庭试点提升项目”';
  const errorsOf = (...sheets: GridSheet[]) => parseTargetWorkbook({ sheets }).errors;

  it.each([
    ['a non-numeric budget', withCell(good, 'C4', '二十一万'), 'C4', 4, '预算数应为数字（万元），实际是“二十一万”'],
    ['a non-numeric 财政资金', withCell(good, 'E4', '约21'), 'E4', 4, '财政资金应为数字（万元），实际是“约21”'],
    ['an emptied 项目名称 label', withCell(good, 'A3', null), 'A2', 2, '没有找到项目名称（“项目名称”或“项目支出名称”）'],
    [
      'an emptied 指标值 header cell: the header row says what it lacks, at the blank cell',
      withCell(good, 'F7', null),
      'F7',
      7,
      '指标表头缺少“指标值”（或“目标值”“年度指标值”“指标值及单位”）列，无法读出指标',
    ],
    ['an emptied 三级指标 header cell', withCell(good, 'C7', null), 'C7', 7, '指标表头缺少“三级指标”（或“指标名称”“指标内容”）列，无法读出指标'],
    [
      'no indicator header at all',
      ['A7', 'B7', 'C7', 'D7', 'F7'].reduce((sheet, ref) => withCell(sheet, ref, null), good),
      'A2',
      2,
      '没有找到指标表头：应有一行“一级指标、二级指标、三级指标、指标值”（或“指标名称”“目标值”）',
    ],
    ['an empty target', withCell(good, 'F13', null), 'F13', 13, '指标“购置设备使用率”的指标值不能为空'],
  ])('%s', (_case, sheet, cell, line, message) => {
    expect(errorsOf(sheet)).toEqual([{ table: 3, line, sheet: '3.科技法庭试点提升项目', cell, message: `${label}单元格 ${cell}：${message}` }]);
  });

  it('a table without indicator rows ends where its cells end', () => {
    const cut = { ...good, cells: good.cells.filter((cell) => parseCellRef(cell.ref)!.row < 8) };
    expect(errorsOf(cut)).toEqual([{ table: 3, line: 7, sheet: '3.科技法庭试点提升项目', cell: 'A7', message: `${label}单元格 A7：指标表头下没有绩效指标行` }]);
  });

  it('a table without its title row starts at its unit line', () => {
    const read = parseTargetWorkbook({ sheets: [withCell(good, 'A1', null)] });
    expect(read.errors).toEqual([]);
    expect(read.projects.map((p) => [p.orgCode, p.name, p.indicators.length])).toEqual([['218101', '科技法庭试点提升项目-2023中央', 7]]);
  });

  it('an empty worksheet, while the other worksheets still import', () => {
    const result = parseTargetWorkbook({ sheets: [{ name: 'Sheet2', cells: [{ ref: 'C3', text: '  ' }], merges: [] }, sheetOf(fromText.projects[2])] });
    expect(result.errors).toEqual([
      { table: null, line: 1, sheet: 'Sheet2', cell: 'A1', message: '工作表“Sheet2”单元格 A1：工作表是空的，应为一张绩效目标表' },
    ]);
    expect(result.projects.map((p) => p.name)).toEqual(['科技法庭试点提升项目-2023中央']);
  });

  it('a year nobody states', () => {
    const sheet = withCell(withCell(sheetOf(fromText.projects[1], '法院办案业务费'), 'A1', '法院办案业务费绩效目标表'), 'B3', '法院办案业务费');
    expect(errorsOf(sheet)).toEqual([
      {
        table: 1,
        line: null,
        sheet: '法院办案业务费',
        message: '工作表“法院办案业务费”：无法确定年度，表名和项目名称都未写年度，请指定年度（命令行 --year 或 GraphQL 的 year 参数）',
      },
    ]);
    expect(parseTargetWorkbook({ sheets: [sheet] }, { year: 2024 }).projects[0].year).toBe(2024);
  });

  it('a workbook without worksheets', () => {
    expect(parseTargetWorkbook({ sheets: [] }).errors).toEqual([{ table: null, line: null, message: '工作簿中没有工作表，应有绩效目标表' }]);
  });
});

describe('cell addresses', () => {
  it.each([
    ['A1', 1, 1],
    ['B7', 7, 2],
    ['Z10', 10, 26],
    ['AA3', 3, 27],
    ['AZ1', 1, 52],
    ['XFD1048576', 1048576, 16384],
  ])('%s is row %i, column %i, and back', (ref, row, col) => {
    expect(parseCellRef(ref)).toEqual({ row, col });
    expect(cellRef(row, col)).toBe(ref);
  });

  it('refuses what is not an address', () => {
    expect(parseCellRef('7B')).toBeNull();
    expect(parseCellRef('')).toBeNull();
  });
});
