import ExcelJS from 'exceljs';
import { rollUpProjects, TIERS, type Grade, type ProjectToRollUp, type Tier } from '@jixiao/domain';
import type { AuditHead } from '../audit/audit-chain.js';
import { FONTS, FORMATS, fitColumns, fitRowHeights, printOnA4Landscape, put, runs, sheetName } from '../target-import/xlsx-layout.js';

/** One indicator's line of the self-evaluation table; the numbers come from the domain's scoring. */
export interface SelfEvaluationIndicator {
  level1: string;
  level2: string;
  name: string;
  /** 年度指标值 as written in the target table. */
  target: string;
  /** 实际完成值 as recorded ("5个", "达成"), or null when none is recorded. */
  actual: string | null;
  /** 分值 */
  weight: number;
  /** 得分; null when there is no actual (it counts 0) or the indicator is not applicable. */
  score: number | null;
  notApplicable: boolean;
  /** 偏差原因分析及改进措施 */
  deviationNote: string | null;
}

/** One project's 项目支出绩效自评表. */
export interface SelfEvaluation {
  year: number;
  tableNumber: number | null;
  projectName: string;
  /** 主管部门: the parent organization, or the organization itself. */
  department: string;
  /** 实施单位 */
  implementer: string;
  /** 万元 */
  budget: { total: number; fiscal: number; other: number };
  /** 全年执行数 (万元) */
  spent: number;
  goals: string[];
  /** 实际完成情况 of the goals. */
  achievements: string;
  indicators: SelfEvaluationIndicator[];
  /** spent / budget (domain, 4 decimals); null when the budget is 0. */
  executionRate: number | null;
  /** Points of 预算执行率 (10). */
  executionWeight: number;
  executionScore: number;
  score: number;
  grade: Grade;
  /** Applicable indicators without an actual. */
  missing: number;
}

/** What the organization's roll-up (汇总) takes of one project's self-evaluation. */
export function rollUpInput(e: SelfEvaluation): ProjectToRollUp {
  return { budget: e.budget.total, spent: e.spent, score: e.score, grade: e.grade, missing: e.missing };
}

/** The roll-up sheet of an organization's workbook. */
export interface SelfEvaluationSummary {
  year: number;
  orgCode: string;
  orgName: string;
}

/** Nine columns: section label, 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因. */
const COLUMNS = [
  { min: 10, max: 10 },
  { min: 10, max: 12 },
  { min: 12, max: 16 },
  { min: 18, max: 30 },
  { min: 14, max: 22 },
  { min: 14, max: 20 },
  { min: 9, max: 10 },
  { min: 9, max: 10 },
  { min: 24, max: 36 },
];

/** Rows of the layout that tests and readers refer to. */
export const SELF_EVALUATION_ROWS = {
  title: 1,
  year: 2,
  project: 3,
  organizations: 4,
  fundsHeader: 5,
  fundsTotal: 6,
  fundsFiscal: 7,
  fundsOther: 8,
  goalsHeader: 9,
  goals: 10,
  indicatorHeader: 11,
  firstIndicator: 12,
} as const;

/** "5个"; "达成"; "显著提升，达成" — what the 实际完成值 cell shows for an actual. */
export function actualText(actual: { value: string | null; tier: Tier | null } | null | undefined): string | null {
  if (!actual) return null;
  const parts = [actual.value?.trim() || null, actual.tier ? TIERS[actual.tier].label : null].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join('，') : null;
}

/**
 * One worksheet per project in the customary layout of the 项目支出绩效自评表:
 *
 * ```
 * 1  项目支出绩效自评表                                                          (A1:I1)
 * 2  （2023年度）                                                                (A2:I2)
 * 3  项目名称 | name (B3:I3)
 * 4  主管部门 | parent (B4:E4) | 实施单位 | organization (G4:I4)
 * 5  项目资金（万元）(A5:A8) | (B:C) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
 * 6                         | 年度资金总额     | 418.00 | 418.00 | 400.00 | 10 | 95.69% | 9.57
 * 7                         | 其中：财政资金   | …                        | —  | …      | —
 * 8                         | 其他资金         | …                        | —  |        | —
 * 9  年度总体目标 (A9:A10) | 预期目标 (B:F) | 实际完成情况 (G:I)
 * 10                       | 1.…            | …
 * 11 绩效指标 (A11:A…) | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
 * 12… one row per indicator; 一级 and 二级 merged down over equal neighbours
 *    总分 (A:F) | 100 | 92.46 |
 *    评价等级 (A:F) | 优 (G:I)
 * ```
 *
 * An organization's workbook starts with a 汇总 sheet, one row per project.
 */
export function buildSelfEvaluationWorkbook(
  evaluations: readonly SelfEvaluation[],
  summary?: SelfEvaluationSummary,
  /** The audit log's last entry when the workbook was made, printed under each table (null: empty log). */
  auditHead: AuditHead | null = null,
): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jixiao';
  workbook.created = new Date();
  const summarySheet = summary ? workbook.addWorksheet('汇总') : null;
  const names = evaluations.map((evaluation) => writeEvaluation(workbook, evaluation, auditHead));
  if (summarySheet && summary) writeSummary(summarySheet, summary, evaluations, names);
  return workbook;
}

function writeEvaluation(workbook: ExcelJS.Workbook, e: SelfEvaluation, auditHead: AuditHead | null): string {
  const name = sheetName(workbook, e.tableNumber === null ? e.projectName : `${e.tableNumber}.${e.projectName}`);
  const sheet = workbook.addWorksheet(name);
  const R = SELF_EVALUATION_ROWS;
  const heading = { font: FONTS.heading };

  put(sheet, `A${R.title}:I${R.title}`, '项目支出绩效自评表', { font: FONTS.title, border: false });
  put(sheet, `A${R.year}:I${R.year}`, `（${e.year}年度）`, { font: FONTS.subtitle, border: false });
  put(sheet, `A${R.project}`, '项目名称', heading);
  put(sheet, `B${R.project}:I${R.project}`, e.projectName, { align: 'left' });
  put(sheet, `A${R.organizations}`, '主管部门', heading);
  put(sheet, `B${R.organizations}:E${R.organizations}`, e.department, { align: 'left' });
  put(sheet, `F${R.organizations}`, '实施单位', heading);
  put(sheet, `G${R.organizations}:I${R.organizations}`, e.implementer, { align: 'left' });

  put(sheet, `A${R.fundsHeader}:A${R.fundsOther}`, '项目资金（万元）', heading);
  put(sheet, `B${R.fundsHeader}:C${R.fundsHeader}`, null);
  ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].forEach((label, i) => put(sheet, `${'DEFGHI'[i]}${R.fundsHeader}`, label, heading));
  // Spending is recorded for the project as a whole: it can be told apart by source of funds only
  // when all the money is 财政资金.
  const allFiscal = e.budget.other === 0;
  const funds: Array<[number, string, number, number | null, number | null]> = [
    [R.fundsTotal, '年度资金总额', e.budget.total, e.spent, e.executionRate],
    [R.fundsFiscal, '其中：财政资金', e.budget.fiscal, allFiscal ? e.spent : null, allFiscal ? e.executionRate : null],
    [R.fundsOther, '其他资金', e.budget.other, allFiscal ? 0 : null, null],
  ];
  for (const [row, label, budget, spent, rate] of funds) {
    put(sheet, `B${row}:C${row}`, label, { align: row === R.fundsTotal ? 'center' : 'left' });
    put(sheet, `D${row}`, budget, { numFmt: FORMATS.money, align: 'right' });
    put(sheet, `E${row}`, budget, { numFmt: FORMATS.money, align: 'right' });
    put(sheet, `F${row}`, spent, { numFmt: FORMATS.money, align: 'right' });
    put(sheet, `H${row}`, rate, { numFmt: FORMATS.rate, align: 'right' });
    if (row === R.fundsTotal) {
      put(sheet, `G${row}`, e.executionWeight, { numFmt: FORMATS.points });
      put(sheet, `I${row}`, e.executionScore, { numFmt: FORMATS.points });
    } else {
      put(sheet, `G${row}`, '—');
      put(sheet, `I${row}`, '—');
    }
  }

  put(sheet, `A${R.goalsHeader}:A${R.goals}`, '年度总体目标', heading);
  put(sheet, `B${R.goalsHeader}:F${R.goalsHeader}`, '预期目标', heading);
  put(sheet, `G${R.goalsHeader}:I${R.goalsHeader}`, '实际完成情况', heading);
  put(sheet, `B${R.goals}:F${R.goals}`, e.goals.map((goal, i) => `${i + 1}.${goal}`).join('\n'), { align: 'left' });
  put(sheet, `G${R.goals}:I${R.goals}`, e.achievements, { align: 'left' });

  const first = R.firstIndicator;
  const last = first + e.indicators.length - 1;
  put(sheet, span('A', R.indicatorHeader, last), '绩效指标', heading);
  ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].forEach((label, i) =>
    put(sheet, `${'BCDEFGHI'[i]}${R.indicatorHeader}`, label, heading),
  );
  e.indicators.forEach((indicator, i) => {
    const row = first + i;
    put(sheet, `D${row}`, indicator.name, { align: 'left' });
    put(sheet, `E${row}`, indicator.target);
    put(sheet, `F${row}`, indicator.notApplicable ? '不适用' : (indicator.actual ?? '未填报'));
    put(sheet, `G${row}`, indicator.weight, { numFmt: FORMATS.points });
    put(sheet, `H${row}`, indicator.score, { numFmt: FORMATS.points });
    put(sheet, `I${row}`, indicator.deviationNote, { align: 'left' });
  });
  // 一级 merged over its run; 二级 merged over runs of equal labels inside it, as printed tables do.
  for (const group of runs(e.indicators.map((indicator) => indicator.level1))) {
    put(sheet, span('B', first + group.start, first + group.end), group.value);
    const level2 = e.indicators.slice(group.start, group.end + 1).map((indicator) => indicator.level2);
    for (const sub of runs(level2)) put(sheet, span('C', first + group.start + sub.start, first + group.start + sub.end), sub.value);
  }

  const total = last + 1;
  const weights = e.indicators.reduce((sum, indicator) => sum + indicator.weight, 0) + e.executionWeight;
  put(sheet, `A${total}:F${total}`, '总分', heading);
  put(sheet, `G${total}`, Number(weights.toFixed(6)), { numFmt: FORMATS.points, font: FONTS.heading });
  put(sheet, `H${total}`, e.score, { numFmt: FORMATS.points, font: FONTS.heading });
  put(sheet, `I${total}`, e.missing > 0 ? `${e.missing}个指标未填报实际完成值，按0分计` : null, { align: 'left' });
  put(sheet, `A${total + 1}:F${total + 1}`, '评价等级', heading);
  put(sheet, `G${total + 1}:I${total + 1}`, e.grade, { font: FONTS.heading });
  put(sheet, `A${total + 2}:I${total + 2}`, '填表人：　　　　　　　　联系电话：　　　　　　　　填报日期：　　　　年　　月　　日', {
    align: 'left',
    border: false,
  });
  put(sheet, `A${total + 3}:I${total + 3}`, auditHeadText(auditHead), { align: 'left', border: false, font: NOTE_FONT });

  fitColumns(sheet, COLUMNS, R.project);
  fitRowHeights(sheet, 15, R.project);
  sheet.getRow(R.title).height = 30;
  sheet.getRow(R.year).height = 20;
  printOnA4Landscape(sheet);
  sheet.views = [{ state: 'normal', showGridLines: false }];
  return name;
}

const NOTE_FONT: Partial<ExcelJS.Font> = { ...FONTS.body, size: 8, color: { argb: 'FF555555' } };

/** As on the printable report: with it, `jixiao audit verify --expect` proves the log unchanged since. */
export function auditHeadText(head: AuditHead | null): string {
  if (!head) return '审计日志：生成本表时尚无记录';
  return `审计日志：生成本表时共 ${head.count} 条，末条哈希 ${head.hash}（核对：jixiao audit verify --expect ${head.count}:${head.hash}）`;
}

function span(column: string, from: number, to: number): string {
  return to > from ? `${column}${from}:${column}${to}` : `${column}${from}`;
}

const SUMMARY_COLUMNS = [
  { min: 6, max: 6 },
  { min: 24, max: 64 },
  { min: 16, max: 28 },
  { min: 12, max: 14 },
  { min: 12, max: 14 },
  { min: 10, max: 10 },
  { min: 8, max: 10 },
  { min: 8, max: 10 },
  { min: 10, max: 12 },
];

/** First project row of the 汇总 sheet. */
export const SUMMARY_FIRST_ROW = 4;

function writeSummary(sheet: ExcelJS.Worksheet, summary: SelfEvaluationSummary, evaluations: readonly SelfEvaluation[], sheetNames: string[]): void {
  put(sheet, 'A1:I1', `${summary.year}年度项目支出绩效自评汇总表`, { font: FONTS.title, border: false });
  put(sheet, 'A2:F2', `单位：${summary.orgCode} ${summary.orgName}`, { align: 'left', border: false });
  put(sheet, 'G2:I2', '金额单位：万元', { align: 'right', border: false });
  ['序号', '项目名称', '实施单位', '全年预算数', '全年执行数', '执行率', '总分', '评价等级', '未填报指标数'].forEach((label, i) =>
    put(sheet, `${'ABCDEFGHI'[i]}3`, label, { font: FONTS.heading }),
  );
  evaluations.forEach((e, i) => {
    const row = SUMMARY_FIRST_ROW + i;
    put(sheet, `A${row}`, i + 1);
    // A link to the project's sheet.
    put(sheet, `B${row}`, { text: e.projectName, hyperlink: `#'${sheetNames[i].replace(/'/g, "''")}'!A1` }, { align: 'left' });
    put(sheet, `C${row}`, e.implementer, { align: 'left' });
    put(sheet, `D${row}`, e.budget.total, { numFmt: FORMATS.money, align: 'right' });
    put(sheet, `E${row}`, e.spent, { numFmt: FORMATS.money, align: 'right' });
    put(sheet, `F${row}`, e.executionRate, { numFmt: FORMATS.rate, align: 'right' });
    put(sheet, `G${row}`, e.score, { numFmt: FORMATS.points });
    put(sheet, `H${row}`, e.grade);
    put(sheet, `I${row}`, e.missing);
  });
  const total = SUMMARY_FIRST_ROW + evaluations.length;
  const rollUp = rollUpProjects(evaluations.map(rollUpInput));
  put(sheet, `A${total}:C${total}`, '合计（总分为平均分）', { font: FONTS.heading });
  put(sheet, `D${total}`, rollUp.budget, { numFmt: FORMATS.money, align: 'right', font: FONTS.heading });
  put(sheet, `E${total}`, rollUp.spent, { numFmt: FORMATS.money, align: 'right', font: FONTS.heading });
  put(sheet, `F${total}`, rollUp.executionRate, { numFmt: FORMATS.rate, align: 'right', font: FONTS.heading });
  put(sheet, `G${total}`, rollUp.averageScore, { numFmt: FORMATS.points, font: FONTS.heading });
  put(sheet, `H${total}`, null);
  put(sheet, `I${total}`, rollUp.missing, { font: FONTS.heading });

  fitColumns(sheet, SUMMARY_COLUMNS, 3);
  fitRowHeights(sheet, 15, 3);
  sheet.getRow(1).height = 30;
  printOnA4Landscape(sheet);
  sheet.views = [{ state: 'frozen', ySplit: 3, showGridLines: false }];
}
