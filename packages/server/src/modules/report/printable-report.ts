import { createHash } from 'node:crypto';
import { chinaDateTime, rollUpProjects } from '@jixiao/domain';
import { IndicatorSource } from '../indicator/indicator.entity.js';
import { InspectionKind, ReviewStatus } from '../inspection/inspection.entity.js';
import type { AuditHead } from '../audit/audit-chain.js';
import type { EvidenceInspection, EvidencePhoto, IndicatorEvidence, ProjectEvidence } from './report-evidence.js';
import { rollUpInput, type SelfEvaluation } from './self-evaluation-workbook.js';
import { runs } from '../target-import/xlsx-layout.js';

/** One project of a printable report: its self-evaluation (scored by the domain) and its evidence. */
export interface PrintableProject {
  evaluation: SelfEvaluation;
  /** 单位编码 of the implementing organization. */
  orgCode: string;
  evidence: ProjectEvidence;
}

export interface PrintableReport {
  /** The document's title, also its file name without ".html". */
  title: string;
  year: number;
  /** Set for an organization's report: a summary page, then one section per project. */
  organization: { code: string; name: string } | null;
  projects: PrintableProject[];
  generatedAt: Date;
  /** The audit log's last entry when the report was made (null: the log is empty). */
  auditHead: AuditHead | null;
}

export interface RenderedReport {
  html: string;
  /**
   * Allows the page's own style and print script (by hash) and data: images, nothing else: should
   * user text ever slip through unescaped, it still cannot run or load anything.
   */
  contentSecurityPolicy: string;
}

/** Printed font stack: Noto / WenQuanYi on Linux, YaHei on Windows. */
const FONTS = `'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif`;

/** Photos shown per inspection; a phone may send dozens, the appendix stays printable. */
export const MAX_PHOTOS_PER_INSPECTION = 12;

const KIND_LABEL: Record<InspectionKind, string> = { [InspectionKind.REPAIR]: '维修验收', [InspectionKind.EQUIPMENT]: '设备验收' };
const REVIEW_LABEL: Record<ReviewStatus, string> = { [ReviewStatus.PENDING]: '待审核', [ReviewStatus.ACCEPTED]: '已确认', [ReviewStatus.REJECTED]: '已退回' };
const SOURCE_LABEL: Record<IndicatorSource, string> = {
  [IndicatorSource.MANUAL]: '手工录入',
  [IndicatorSource.REPAIR_COUNT]: '有合格维修验收的地点数（同一地点返工只计一次）',
  [IndicatorSource.EQUIPMENT_COUNT]: '合格的设备验收记录数',
  [IndicatorSource.PASS_RATE]: '验收合格率（合格数 ÷ 验收数，已退回的不计）',
  [IndicatorSource.COMPLETION_DATE]: '最后一次合格验收的日期',
  [IndicatorSource.SURVEY]: '满意度调查',
  [IndicatorSource.SPENDING]: '项目支出合计',
};

/**
 * The 项目支出绩效自评表 of one project, or of every project of an organization (after a 汇总
 * page), as one self-contained HTML page for printing or "save as PDF" from the browser: A4
 * landscape, a running header (unit, project, year) and page numbers in the page margins, a page
 * break before each project, table rows that are never split, and a photo appendix per project
 * with the inspections that its evidence-fed actuals were derived from. Every piece of user text is
 * escaped; the only script is the 打印 button's.
 */
export function renderPrintableReport(report: PrintableReport): RenderedReport {
  const style = stylesheet(report);
  const body = html`<div class="toolbar no-print">
  <button type="button" id="print">打印</button>
  <span>打印时请选择“横向”、纸张 A4，并勾选“背景图形”；也可在打印对话框中选择“另存为 PDF”。</span>
</div>
<main>
${report.organization ? summarySection(report, report.organization) : ''}
${report.projects.map((project, i) => projectSection(project, i, report.auditHead))}
</main>`;
  const policy = [
    "default-src 'none'",
    `style-src '${sha256(style)}'`,
    `script-src '${sha256(PRINT_SCRIPT)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const page = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Jixiao">
<title>${escapeHtml(report.title)}</title>
<link rel="icon" href="data:,">
<style>${style}</style>
</head>
<body>
${body.value}
<script>${PRINT_SCRIPT}</script>
</body>
</html>
`;
  return { html: page, contentSecurityPolicy: `${policy}; frame-ancestors 'none'` };
}

const PRINT_SCRIPT = `document.getElementById('print').addEventListener('click', function () { window.print(); });`;

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

// ---------------------------------------------------------------------------------------------
// HTML building: every interpolated value is escaped unless it is already Html.

class Html {
  constructor(readonly value: string) {}
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += partToString(value) + strings[i + 1];
  });
  return new Html(out);
}

function partToString(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(partToString).join('');
  return escapeHtml(String(part));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/**
 * A CSS string literal ("…") that cannot end the string or the style element: letters, digits
 * (Chinese included) and spaces as they are, everything else as a hex escape.
 */
export function cssString(text: string): string {
  const escaped = [...text].map((char) => (/^[\p{L}\p{N} ]$/u.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `)).join('');
  return `"${escaped}"`;
}

// ---------------------------------------------------------------------------------------------
// Numbers and times as printed.

const money = (wan: number | null) => (wan === null ? '' : wan.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const points = (value: number | null) => (value === null ? '' : value.toFixed(2));
const rate = (value: number | null) => (value === null ? '' : `${(value * 100).toFixed(2)}%`);

function position(latitude: number | null, longitude: number | null): string | null {
  if (latitude === null || longitude === null) return null;
  const lat = `${latitude >= 0 ? '北纬' : '南纬'}${Math.abs(latitude).toFixed(5)}°`;
  const lng = `${longitude >= 0 ? '东经' : '西经'}${Math.abs(longitude).toFixed(5)}°`;
  return `${lat} ${lng}`;
}

// ---------------------------------------------------------------------------------------------
// Page style.

/** Column widths of the self-evaluation grid (A–I), in % of the page; every table of a project uses it. */
const GRID = [7, 7, 8, 15, 16, 11, 6, 6, 24];
/** 序号, 项目名称, 实施单位, 全年预算数, 全年执行数, 执行率, 总分, 评价等级, 未填报指标数. */
const SUMMARY_GRID = [5, 32, 14, 9, 9, 8, 7, 6, 10];

function colgroup(widths: readonly number[]): Html {
  return new Html(`<colgroup>${widths.map((width) => `<col class="w${width}">`).join('')}</colgroup>`);
}

const widthRules = () => [...new Set([...GRID, ...SUMMARY_GRID])].map((width) => `col.w${width} { width: ${width}%; }`).join('\n');

/** Named page of a project section: its running header names the project. */
const pageName = (i: number) => `project-${i + 1}`;

function stylesheet(report: PrintableReport): string {
  const head = report.auditHead;
  const generated = `生成于 ${chinaDateTime(report.generatedAt)}（北京时间）${head ? `\u3000审计日志 ${head.count} 条 · ${head.hash.slice(0, 12)}` : ''}`;
  const year = `${report.year}年度 项目支出绩效自评`;
  const first = report.projects[0]?.evaluation;
  const defaultHeader = report.organization
    ? { unit: `${report.organization.code} ${report.organization.name}`, title: '项目支出绩效自评汇总' }
    : { unit: `${report.projects[0]?.orgCode ?? ''} ${first?.implementer ?? ''}`, title: first?.projectName ?? '' };
  const namedPages = report.organization
    ? report.projects
        .map(
          (project, i) => `
@page ${pageName(i)} {
  @top-left { content: ${cssString(`${project.orgCode} ${project.evaluation.implementer}`)}; }
  @top-center { content: ${cssString(project.evaluation.projectName)}; }
}`,
        )
        .join('')
    : '';
  return `
@page {
  size: A4 landscape;
  margin: 14mm 12mm 13mm 12mm;
  @top-left { content: ${cssString(defaultHeader.unit)}; font: 8pt ${FONTS}; color: #444; vertical-align: bottom; padding-bottom: 3mm; }
  @top-center { content: ${cssString(defaultHeader.title)}; font: bold 8pt ${FONTS}; color: #444; vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: ${cssString(year)}; font: 8pt ${FONTS}; color: #444; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-left { content: ${cssString(generated)}; font: 7.5pt ${FONTS}; color: #666; vertical-align: top; padding-top: 3mm; }
  @bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font: 8pt ${FONTS}; color: #444; vertical-align: top; padding-top: 3mm; }
}${namedPages}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONTS}; font-size: 10pt; line-height: 1.45; color: #111; background: #e5e7eb; }
.toolbar { position: sticky; top: 0; z-index: 1; display: flex; gap: 12px; align-items: center; padding: 8px 16px; background: #1f2937; color: #f9fafb; font-size: 13px; }
.toolbar button { font: inherit; font-size: 14px; padding: 6px 20px; border: 0; border-radius: 4px; background: #2563eb; color: #fff; cursor: pointer; }
.toolbar button:hover { background: #1d4ed8; }
/* On screen a sheet is as wide as the printable area of A4 landscape (297 mm − 2 × 12 mm). */
.sheet { width: calc(273mm + 2 * 12mm); margin: 16px auto; padding: 12mm; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); }
${report.organization ? report.projects.map((_, i) => `#project-${i + 1} { page: ${pageName(i)}; }`).join('\n') : ''}
.project, .summary + .project { break-before: page; page-break-before: always; }
main > :first-child { break-before: auto; page-break-before: auto; }
h1 { margin: 0; font-size: 16pt; line-height: 1.3; text-align: center; letter-spacing: 0.3em; }
.subtitle { margin: 0 0 6px; text-align: center; font-size: 10.5pt; }
h2 { margin: 0 0 4px; font-size: 14pt; break-after: avoid; page-break-after: avoid; }
h3 { margin: 10px 0 4px; font-size: 11pt; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
${widthRules()}
th, td { border: 0.75pt solid #222; padding: 2px 4px; vertical-align: middle; overflow-wrap: anywhere; font-size: 9.5pt; line-height: 1.35; }
th { font-weight: bold; background: #f3f4f6; text-align: center; }
tr { break-inside: avoid; page-break-inside: avoid; }
/* 总分 and 评价等级 stay together, and with the line for the signatures. */
tbody.totals { break-inside: avoid; page-break-inside: avoid; }
.filler { break-before: avoid; page-break-before: avoid; }
thead { display: table-header-group; }
.form + .form tr:first-child > * { border-top: 0; }
.c { text-align: center; }
.r { text-align: right; font-variant-numeric: tabular-nums; }
.l { text-align: left; }
.pre { white-space: pre-line; }
.band { border-top: 0; border-bottom: 0; background: #fff; }
.band-label { border-bottom: 0; }
.total td, .total th { font-weight: bold; }
.grade { font-size: 12pt; font-weight: bold; }
.missing { color: #b91c1c; }
.filler { margin: 4px 0 0; }
.audit-head { margin: 3px 0 0; font-size: 7.5pt; color: #555; overflow-wrap: anywhere; break-before: avoid; page-break-before: avoid; }
.audit-head .hash { font-family: monospace; }
.summary-meta { display: flex; justify-content: space-between; margin: 4px 0; }
.muted { color: #555; font-weight: normal; }
.appendix { break-before: page; page-break-before: always; }
.appendix.short { break-before: auto; page-break-before: auto; }
.appendix .lead { margin: 0 0 6px; color: #333; font-size: 9pt; }
.evidence-indicator { margin-bottom: 8px; }
.inspection { border: 0.75pt solid #9ca3af; border-radius: 2px; padding: 4px 6px 6px; margin: 4px 0 6px; break-inside: avoid; page-break-inside: avoid; font-size: 9pt; }
.inspection-head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; font-weight: bold; }
.tag { display: inline-block; padding: 0 6px; border-radius: 2px; background: #1f2937; color: #fff; font-weight: bold; }
.passed { color: #166534; }
.failed { color: #b91c1c; }
.status-REJECTED { color: #b91c1c; }
.status-PENDING { color: #92400e; }
.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 1px 8px; margin: 3px 0 4px; }
.facts dt { color: #555; }
.facts dd { margin: 0; }
.photos { display: flex; flex-wrap: wrap; gap: 3mm; }
figure { margin: 0; width: 50mm; break-inside: avoid; page-break-inside: avoid; }
figure img { display: block; }
figure img, figure .placeholder { width: 50mm; height: 37.5mm; object-fit: contain; background: #f3f4f6; border: 0.5pt solid #d1d5db; }
figure.signature { width: 36mm; }
figure.signature img, figure.signature .placeholder { width: 36mm; height: 18mm; background: #fff; }
figure .placeholder { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 2px; color: #6b7280; font-size: 8.5pt; text-align: center; }
.placeholder .hash { font-size: 7pt; font-family: monospace; }
figcaption { font-size: 7.5pt; color: #333; line-height: 1.3; margin-top: 1px; }
.references { margin: 2px 0 4px; font-size: 9pt; }
a { color: inherit; }
@media print {
  body { background: #fff; }
  .no-print { display: none !important; }
  .sheet { width: auto; margin: 0; padding: 0; box-shadow: none; }
  .appendix.short { margin-top: 8mm; }
  a { text-decoration: none; }
}
`;
}

// ---------------------------------------------------------------------------------------------
// Sections.

function summarySection(report: PrintableReport, organization: { code: string; name: string }): Html {
  const evaluations = report.projects.map((project) => project.evaluation);
  const total = rollUpProjects(evaluations.map(rollUpInput));
  return html`<section class="summary" id="summary">
<div class="sheet">
<h1>项目支出绩效自评汇总表</h1>
<p class="subtitle">（${report.year}年度）</p>
<div class="summary-meta"><span>单位：${organization.code} ${organization.name}</span><span>金额单位：万元</span></div>
<table class="summary-table">
${colgroup(SUMMARY_GRID)}
<thead><tr><th>序号</th><th>项目名称</th><th>实施单位</th><th>全年预算数</th><th>全年执行数</th><th>执行率</th><th>总分</th><th>评价等级</th><th>未填报指标数</th></tr></thead>
<tbody>
${evaluations.map(
  (e, i) => html`<tr class="summary-row">
<td class="c">${i + 1}</td><td class="l"><a href="#project-${i + 1}">${e.projectName}</a></td><td class="l">${e.implementer}</td>
<td class="r">${money(e.budget.total)}</td><td class="r">${money(e.spent)}</td><td class="r">${rate(e.executionRate)}</td>
<td class="r">${points(e.score)}</td><td class="c">${e.grade}</td><td class="c">${e.missing}</td>
</tr>
`,
)}
<tr class="total summary-total">
<td class="c" colspan="3">合计（总分为平均分）</td><td class="r">${money(total.budget)}</td><td class="r">${money(total.spent)}</td>
<td class="r">${rate(total.executionRate)}</td><td class="r">${points(total.averageScore)}</td><td></td>
<td class="c">${total.missing}</td>
</tr>
</tbody>
</table>
</div>
</section>`;
}

const COLGROUP = colgroup(GRID);
/** Filled in by hand on the printout, as on the paper form. */
const SIGNATURE_LINE = '填表人：　　　　　　　　联系电话：　　　　　　　　填报日期：　　　　年　　月　　日';

/**
 * The audit log's head printed under each table: with it, `jixiao audit verify --expect` later proves
 * that the log still holds every entry the report was made from, unchanged.
 */
function auditLine(head: AuditHead | null): Html {
  if (!head) return html`<p class="audit-head">审计日志：生成本表时尚无记录</p>`;
  return html`<p class="audit-head">审计日志：生成本表时共 ${head.count} 条，末条哈希 <span class="hash">${head.hash}</span>（核对：jixiao audit verify --expect ${head.count}:${head.hash}）</p>`;
}

function projectSection(project: PrintableProject, index: number, auditHead: AuditHead | null): Html {
  const e = project.evaluation;
  const anchor = `project-${index + 1}`;
  return html`<section class="project" id="${anchor}" data-project="${e.projectName}">
<div class="sheet">
<h1>项目支出绩效自评表</h1>
<p class="subtitle">（${e.year}年度）</p>
${infoTable(e)}
${fundsTable(e)}
${goalsTable(e)}
${indicatorTable(e)}
<p class="filler">${SIGNATURE_LINE}</p>
${auditLine(auditHead)}
</div>
${appendix(project, anchor)}
</section>
`;
}

function infoTable(e: SelfEvaluation): Html {
  return html`<table class="form info">${COLGROUP}
<tbody>
<tr><th>项目名称</th><td class="l" colspan="8">${e.projectName}</td></tr>
<tr><th>主管部门</th><td class="l" colspan="4">${e.department}</td><th>实施单位</th><td class="l" colspan="3">${e.implementer}</td></tr>
</tbody>
</table>`;
}

function fundsTable(e: SelfEvaluation): Html {
  // As in the workbook: spending is known per project, so by source of funds only when all of it is 财政资金.
  const allFiscal = e.budget.other === 0;
  const rows: Array<[string, string, number, number | null, number | null, boolean]> = [
    ['funds-total', '年度资金总额', e.budget.total, e.spent, e.executionRate, true],
    ['funds-fiscal', '其中：财政资金', e.budget.fiscal, allFiscal ? e.spent : null, allFiscal ? e.executionRate : null, false],
    ['funds-other', '其他资金', e.budget.other, allFiscal ? 0 : null, null, false],
  ];
  return html`<table class="form funds">${COLGROUP}
<tbody>
<tr><th rowspan="4">项目资金<br>（万元）</th><th colspan="2"></th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th><th>分值</th><th>执行率</th><th>得分</th></tr>
${rows.map(
  ([name, label, budget, spent, executionRate, total]) => html`<tr class="${name}"><td class="${total ? 'c' : 'l'}" colspan="2">${label}</td>
<td class="r">${money(budget)}</td><td class="r">${money(budget)}</td><td class="r">${money(spent)}</td>
<td class="c">${total ? points(e.executionWeight) : '—'}</td><td class="r">${rate(executionRate)}</td><td class="c">${total ? points(e.executionScore) : '—'}</td></tr>
`,
)}
</tbody>
</table>`;
}

function goalsTable(e: SelfEvaluation): Html {
  return html`<table class="form goals">${COLGROUP}
<tbody>
<tr><th rowspan="2">年度总体目标</th><th colspan="5">预期目标</th><th colspan="3">实际完成情况</th></tr>
<tr><td class="l pre" colspan="5">${e.goals.map((goal, i) => `${i + 1}.${goal}`).join('\n')}</td><td class="l pre" colspan="3">${e.achievements}</td></tr>
</tbody>
</table>`;
}

function indicatorTable(e: SelfEvaluation): Html {
  // 一级 spans its run of rows, 二级 the runs of equal labels inside it, as printed tables do.
  const level1Start = new Map<number, number>();
  const level2Start = new Map<number, number>();
  for (const group of runs(e.indicators.map((indicator) => indicator.level1))) {
    level1Start.set(group.start, group.end - group.start + 1);
    const level2 = e.indicators.slice(group.start, group.end + 1).map((indicator) => indicator.level2);
    for (const sub of runs(level2)) level2Start.set(group.start + sub.start, sub.end - sub.start + 1);
  }
  const span = (n: number) => (n > 1 ? html` rowspan="${n}"` : '');
  const weights = e.indicators.reduce((sum, indicator) => sum + indicator.weight, 0) + e.executionWeight;
  return html`<table class="form indicators">${COLGROUP}
<thead><tr><th class="band-label">绩效指标</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th><th>偏差原因分析及改进措施</th></tr></thead>
<tbody>
${e.indicators.map((indicator, i) => {
  const level1 = level1Start.get(i);
  const level2 = level2Start.get(i);
  const actual = indicator.notApplicable ? '不适用' : (indicator.actual ?? '未填报');
  return html`<tr class="indicator"><td class="band"></td>${level1 !== undefined ? html`<td class="c"${span(level1)}>${indicator.level1}</td>` : ''}${
    level2 !== undefined ? html`<td class="c"${span(level2)}>${indicator.level2}</td>` : ''
  }<td class="l">${indicator.name}</td><td class="c">${indicator.target}</td><td class="c${indicator.actual === null && !indicator.notApplicable ? ' missing' : ''}">${actual}</td><td class="r">${points(indicator.weight)}</td><td class="r">${points(indicator.score)}</td><td class="l pre">${indicator.deviationNote}</td></tr>
`;
})}
</tbody>
<tbody class="totals">
<tr class="total score-total"><th colspan="6">总分</th><td class="r">${points(Number(weights.toFixed(6)))}</td><td class="r">${points(e.score)}</td><td class="l missing">${e.missing > 0 ? `${e.missing}个指标未填报实际完成值，按0分计` : ''}</td></tr>
<tr class="total grade-row"><th colspan="6">评价等级</th><td class="c grade" colspan="3">${e.grade}</td></tr>
</tbody>
</table>`;
}

// ---------------------------------------------------------------------------------------------
// Photo appendix.

function appendix(project: PrintableProject, anchor: string): Html {
  const { indicators, inspections } = project.evidence;
  // Evidence numbers in order of first appearance; each inspection's photos are shown once.
  const numbers = new Map<string, number>();
  for (const indicator of indicators) {
    if (indicator.basis.kind !== 'inspections') continue;
    for (const id of indicator.basis.inspectionIds) if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
  }
  const shown = new Set<string>();
  const short = inspections.size === 0;
  return html`<div class="sheet appendix${short ? ' short' : ''}" id="${anchor}-appendix">
<h2>附件：证据照片 <span class="muted">— ${project.evaluation.projectName}</span></h2>
${
  indicators.length === 0
    ? html`<p class="lead">本项目没有由现场证据推算的指标。</p>`
    : html`<p class="lead">下列指标的实际完成值可由现场验收、问卷或支出记录推算。每条验收记录附现场照片（缩略图），只在第一次出现时列出；时间均为北京时间。</p>
${indicators.map((indicator, i) => evidenceOfIndicator(indicator, i, inspections, numbers, shown, anchor))}`
}
</div>`;
}

function evidenceOfIndicator(
  indicator: IndicatorEvidence,
  index: number,
  inspections: ReadonlyMap<string, EvidenceInspection>,
  numbers: ReadonlyMap<string, number>,
  shown: Set<string>,
  anchor: string,
): Html {
  const { basis } = indicator;
  const head = html`<h3>${index + 1}. ${indicator.indicatorName} <span class="muted">实际完成值：${indicator.actual ?? '未填报'}${
    indicator.recordedAt ? `（${basis.kind === 'manual' ? '录入' : '推算'}于 ${chinaDateTime(indicator.recordedAt)}）` : ''
  }</span></h3>`;
  let body: Html;
  switch (basis.kind) {
    case 'inspections': {
      const fresh = basis.inspectionIds.filter((id) => !shown.has(id));
      const earlier = basis.inspectionIds.filter((id) => shown.has(id));
      fresh.forEach((id) => shown.add(id));
      body = html`<p class="references">依据：${SOURCE_LABEL[indicator.source]}，共 ${basis.inspectionIds.length} 条验收记录${
        earlier.length > 0
          ? html`；其中 ${earlier.map((id, k) => html`${k > 0 ? '、' : ''}<a href="#${anchor}-e${numbers.get(id)!}">证据 ${numbers.get(id)!}</a>`)} 见上文`
          : ''
      }${basis.inspectionIds.length === 0 ? '（证据已不足，实际值已清空）' : ''}。</p>
${fresh.map((id) => inspectionBlock(inspections.get(id)!, numbers.get(id)!, anchor))}`;
      break;
    }
    case 'survey':
      body = html`<p class="references">依据：满意度调查${basis.surveyTitle ? `《${basis.surveyTitle}》` : ''}的有效答卷（问卷没有照片）。</p>`;
      break;
    case 'spending':
      body = html`<p class="references">依据：项目支出记录合计（没有照片）。</p>`;
      break;
    case 'manual':
      body = html`<p class="references">实际完成值为手工录入${indicator.recordedBy ? `（${indicator.recordedBy}）` : ''}，未附现场证据；来源设为“${SOURCE_LABEL[indicator.source]}”，有证据后自动推算。</p>`;
      break;
    case 'none':
      body = html`<p class="references">尚无实际完成值，也没有现场证据。</p>`;
      break;
  }
  return html`<div class="evidence-indicator">
${head}
${body}
</div>
`;
}

function inspectionBlock(inspection: EvidenceInspection, number: number, anchor: string): Html {
  const place = [inspection.site, position(inspection.latitude, inspection.longitude)].filter((part): part is string => part !== null);
  const accuracy = inspection.accuracy !== null && place.length > 0 && inspection.latitude !== null ? `（精度约 ${Math.round(inspection.accuracy)} 米）` : '';
  const review =
    inspection.reviewStatus === ReviewStatus.PENDING
      ? REVIEW_LABEL.PENDING
      : `${REVIEW_LABEL[inspection.reviewStatus]}${inspection.reviewedBy ? `（${inspection.reviewedBy}${inspection.reviewedAt ? `，${chinaDateTime(inspection.reviewedAt)}` : ''}）` : ''}${
          inspection.reviewReason ? `：${inspection.reviewReason}` : ''
        }`;
  const photos = inspection.photos.slice(0, MAX_PHOTOS_PER_INSPECTION);
  const hidden = inspection.photos.length - photos.length;
  return html`<div class="inspection" id="${anchor}-e${number}" data-inspection="${inspection.id}">
<div class="inspection-head"><span class="tag">证据 ${number}</span><span>${KIND_LABEL[inspection.kind]}</span><span>${inspection.itemName}</span><span class="${inspection.passed ? 'passed' : 'failed'}">${
    inspection.passed ? '合格' : '不合格'
  }</span><span class="status-${inspection.reviewStatus}">${REVIEW_LABEL[inspection.reviewStatus]}</span></div>
<dl class="facts">
<dt>现场记录时间</dt><dd>${chinaDateTime(inspection.capturedAt)}</dd>
<dt>地点</dt><dd>${place.length > 0 ? `${place.join('，')}${accuracy}` : '未记录'}</dd>
<dt>验收人</dt><dd>${inspection.inspector}</dd>
<dt>审核</dt><dd class="status-${inspection.reviewStatus}">${review}</dd>
${inspection.serialNumber ? html`<dt>序列号</dt><dd>${inspection.serialNumber}</dd>` : ''}
${inspection.checklist.length > 0 ? html`<dt>验收清单</dt><dd>${inspection.checklist.map((line) => `${line.passed ? '✓' : '✗'} ${line.label}`).join('　')}</dd>` : ''}
${inspection.note ? html`<dt>说明</dt><dd class="pre">${inspection.note}</dd>` : ''}
</dl>
<div class="photos">
${photos.map((photo, k) => figure(photo, `照片 ${k + 1}`, 'photo'))}
${inspection.signature ? figure(inspection.signature, '验收人签名', 'signature') : ''}
${inspection.photos.length === 0 ? html`<p class="muted">没有照片。</p>` : ''}
${hidden > 0 ? html`<p class="muted">另有 ${hidden} 张照片未列出。</p>` : ''}
</div>
</div>
`;
}

function figure(photo: EvidencePhoto, label: string, kind: 'photo' | 'signature'): Html {
  const where = position(photo.latitude, photo.longitude);
  const caption = [label, photo.capturedAt ? `拍摄于 ${chinaDateTime(photo.capturedAt)}` : null].filter((part): part is string => part !== null).join(' · ');
  return html`<figure class="${kind}${photo.thumbnail ? '' : ' missing'}">${
    photo.thumbnail
      ? html`<img src="${photo.thumbnail}" alt="${label}">`
      : html`<div class="placeholder"><span>照片文件缺失</span><span class="hash">${photo.sha256.slice(0, 12)}…</span></div>`
  }<figcaption>${caption}${where ? html`<br>${where}` : ''}</figcaption></figure>`;
}
