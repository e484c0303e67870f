import ExcelJS from 'exceljs';
import { FONTS, FORMATS, fitColumns, fitRowHeights, printOnA4Landscape, put, runs, sheetName } from './xlsx-layout.js';

/** One 绩效目标表 as written in a workbook. */
export interface TargetTable {
  tableNumber: number;
  /** The header without its number, e.g. "派出法庭安全隐患维修项目绩效目标表". */
  title: string;
  orgCode: string;
  orgName: string;
  name: string;
  /** 万元 */
  budget: { total: number; fiscal: number; other: number; carryover?: number };
  purpose: string;
  goals: string[];
  /** 项目负责人 and 实施期, when the imported table had them. */
  leader?: string | null;
  period?: string | null;
  indicators: Array<{ level1: string; level2: string; name: string; description: string; target: string }>;
}

/**
 * Seven columns: label, then 预算数 / 财政资金 / 其他资金 pairs; indicators span them as 1+1+1+2+2.
 * Two more (H, I) only for what the seed's layout has no place for: 项目负责人, 上年结转, 实施期.
 */
const COLUMNS = [
  { min: 12, max: 14 },
  { min: 12, max: 16 },
  { min: 16, max: 30 },
  { min: 16, max: 20 },
  { min: 12, max: 16 },
  { min: 10, max: 14 },
  { min: 12, max: 16 },
  { min: 10, max: 12 },
  { min: 12, max: 20 },
];

/** First row of the indicator rows. */
export const TARGET_TABLE_FIRST_INDICATOR_ROW = 8;

/**
 * Writes one worksheet per table in the layout of the published 绩效目标表, the layout that
 * parseTargetWorkbook (domain) reads back:
 *
 * ```
 * 1  N.项目名称绩效目标表                                         (A1:G1)
 * 2  218101天津市武清区人民法院 (A2:E2)                 单位：万元 (F2:G2)
 * 3  项目名称 | name (B3:G3)
 * 4  预算规模及资金用途 (A4:A5) | 预算数 | 418.00 | 其中：财政资金 | 418.00 | 其他资金 | 0.00
 * 5                            | 资金用途 (B5:G5)
 * 6  绩效目标 | 1.…\n2.… (B6:G6)
 * 7  一级指标 | 二级指标 | 三级指标 | 绩效指标描述 (D:E) | 指标值 (F:G)
 * 8… one row per indicator; 一级指标 merged down over its rows
 * ```
 *
 * A table that has them gets, beside its rows, 项目负责人 (H3:I3), 上年结转 (H4:I4) and 实施期 (H6:I6),
 * so that importing the file again keeps them; the reader finds them by their labels.
 */
export function buildTargetTableWorkbook(tables: readonly TargetTable[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jixiao';
  workbook.created = new Date();
  for (const table of tables) writeTable(workbook, table);
  return workbook;
}

function writeTable(workbook: ExcelJS.Workbook, table: TargetTable): void {
  const sheet = workbook.addWorksheet(sheetName(workbook, `${table.tableNumber}.${table.name}`));
  put(sheet, 'A1:G1', `${table.tableNumber}.${table.title}`, { font: FONTS.title, border: false });
  put(sheet, 'A2:E2', `${table.orgCode}${table.orgName}`, { align: 'left', border: false });
  put(sheet, 'F2:G2', '单位：万元', { align: 'right', border: false });
  put(sheet, 'A3', '项目名称', { font: FONTS.heading });
  put(sheet, 'B3:G3', table.name, { align: 'left' });
  put(sheet, 'A4:A5', '预算规模及资金用途', { font: FONTS.heading });
  put(sheet, 'B4', '预算数', { font: FONTS.heading });
  put(sheet, 'C4', table.budget.total, { numFmt: FORMATS.money, align: 'right' });
  put(sheet, 'D4', '其中：财政资金', { font: FONTS.heading });
  put(sheet, 'E4', table.budget.fiscal, { numFmt: FORMATS.money, align: 'right' });
  put(sheet, 'F4', '其他资金', { font: FONTS.heading });
  put(sheet, 'G4', table.budget.other, { numFmt: FORMATS.money, align: 'right' });
  put(sheet, 'B5:G5', table.purpose, { align: 'left' });
  put(sheet, 'A6', '绩效目标', { font: FONTS.heading });
  put(sheet, 'B6:G6', table.goals.map((goal, i) => `${i + 1}.${goal}`).join('\n'), { align: 'left' });
  const beside: Array<[number, string, string | number | null | undefined]> = [
    [3, '项目负责人', table.leader],
    [4, '上年结转', table.budget.carryover ? table.budget.carryover : null],
    [6, '实施期', table.period],
  ];
  for (const [row, label, value] of beside) {
    if (value == null || value === '') continue;
    put(sheet, `H${row}`, label, { font: FONTS.heading });
    put(sheet, `I${row}`, value, typeof value === 'number' ? { numFmt: FORMATS.money, align: 'right' } : { align: 'left' });
  }
  put(sheet, 'A7', '一级指标', { font: FONTS.heading });
  put(sheet, 'B7', '二级指标', { font: FONTS.heading });
  put(sheet, 'C7', '三级指标', { font: FONTS.heading });
  put(sheet, 'D7:E7', '绩效指标描述', { font: FONTS.heading });
  put(sheet, 'F7:G7', '指标值', { font: FONTS.heading });

  const first = TARGET_TABLE_FIRST_INDICATOR_ROW;
  table.indicators.forEach((indicator, i) => {
    const row = first + i;
    put(sheet, `B${row}`, indicator.level2);
    put(sheet, `C${row}`, indicator.name, { align: 'left' });
    put(sheet, `D${row}:E${row}`, indicator.description, { align: 'left' });
    put(sheet, `F${row}:G${row}`, indicator.target);
  });
  for (const group of runs(table.indicators.map((indicator) => indicator.level1))) {
    const range = group.end > group.start ? `A${first + group.start}:A${first + group.end}` : `A${first + group.start}`;
    put(sheet, range, group.value);
  }

  fitColumns(sheet, COLUMNS, 3);
  fitRowHeights(sheet, 15, 3);
  sheet.getRow(1).height = 32;
  printOnA4Landscape(sheet);
  sheet.views = [{ state: 'normal', showGridLines: false }];
}
