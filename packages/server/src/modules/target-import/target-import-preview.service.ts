import { basename } from 'node:path';
import type { EntityManager } from '@mikro-orm/core';
import {
  describeTargetScoring,
  FISCAL_YEARS,
  InvalidInputError,
  isFiscalYear,
  targetFromFields,
  type Comparator,
  type ImportedProject,
  type ImportMessage,
  type ImportResult,
  type ParsedTarget,
  type TargetKind,
} from '@jixiao/domain';
import type { Viewer } from '../auth/auth.service.js';
import { ValidationError } from '../common/errors.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { checkTextSize } from './import-limits.js';
import { parseOffThread } from './import-parser.js';
import { parseTargetBytes } from './target-table-import.js';
import { planOrganizations, storeImportedTables, type PlacedProject, type StoredImport } from './target-import.service.js';
import type { ImportTableInput, PreviewTableType, PreviewTargetType, TargetImportPreviewType } from './target-import.types.js';

export interface PreviewRequest {
  text?: string;
  /** base64 */
  file?: string;
  fileName?: string;
  orgCode?: string;
  year?: number;
}

const messageOf = (m: ImportMessage) => ({ table: m.table, line: m.line, message: m.message, cell: m.cell ?? null, sheet: m.sheet ?? null });

/** The target as the preview shows it: a deadline's date under `deadline`. */
function previewTarget(target: ParsedTarget): PreviewTargetType {
  const deadline = target.kind === 'deadline' ? String(target.value) : null;
  return {
    raw: target.raw,
    kind: target.kind,
    comparator: target.comparator,
    value: deadline === null && typeof target.value === 'number' ? target.value : null,
    max: target.max ?? null,
    unit: target.unit,
    deadline,
    start: target.start ?? null,
    note: target.note ?? null,
    tolerance: target.tolerance === true,
    zeroBelow: target.rule?.zeroBelow ?? null,
  };
}

/**
 * Preview and save of target tables for the web app: nothing is written by the preview; the save
 * stores every table or none.
 */
export class TargetImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  private async parse(request: PreviewRequest): Promise<{ source: string; file: boolean; result: ImportResult }> {
    const options = { year: request.year, orgCode: request.orgCode };
    if (request.file != null) {
      if (!request.fileName) throw new ValidationError('fileName', '上传文件时须给出文件名（按扩展名识别 .docx、.xlsx、.html 或文本）');
      const bytes = Buffer.from(request.file, 'base64');
      return { source: request.fileName, file: true, result: await parseTargetBytes(request.fileName, bytes, options) };
    }
    if (request.text == null || request.text.trim() === '') throw new ValidationError('text', '请粘贴目标表文本或上传文件');
    checkTextSize(request.text);
    return { source: '粘贴的文本', file: false, result: await parseOffThread({ kind: 'text', text: request.text, field: 'text', options }) };
  }

  /** Reads the tables and checks the organizations they name against the viewer's scope. */
  async preview(request: PreviewRequest): Promise<TargetImportPreviewType> {
    if (request.orgCode) {
      const org = await this.em.findOne(Organization, { code: request.orgCode });
      if (!org || !this.viewer.scope.has(org.id)) throw new ValidationError('orgCode', `单位“${request.orgCode}”不存在或不在您的管辖范围内`);
    }
    const { source, file, result } = await this.parse(request);
    const placed = result.projects.filter((p): p is PlacedProject => p.orgCode !== null);
    // Same check as the import itself: a unit outside the viewer's scope refuses the whole file.
    const plan = await planOrganizations(this.em, placed, { viewer: this.viewer });
    const existing = await this.existingProjects(placed);
    const tables: PreviewTableType[] = result.projects.map((project) => this.previewTable(project, result.warnings, existing));
    // A table that could not be read is an error about the file: it names it, as a refused file does.
    const errors = result.errors.map((m) => messageOf(file ? { ...m, message: `${basename(source)}：${m.message}` } : m));
    return { source, tables, warnings: [...result.warnings, ...plan.warnings].map(messageOf), errors };
  }

  private async existingProjects(tables: readonly PlacedProject[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const table of tables) {
      const project = await this.em.findOne(Project, { organization: { code: table.orgCode }, year: table.year, name: table.name }, { fields: ['id'] });
      if (project) found.set(`${table.orgCode}|${table.year}|${table.name}`, project.id);
    }
    return found;
  }

  private previewTable(project: ImportedProject, warnings: readonly ImportMessage[], existing: Map<string, string>): PreviewTableType {
    const ofTable = warnings.filter((w) => w.table === project.tableNumber);
    return {
      tableNumber: project.tableNumber,
      title: project.title,
      kind: project.kind,
      orgCode: project.orgCode,
      orgName: project.orgName,
      name: project.name,
      year: project.year,
      budget: { total: project.budget.total, fiscal: project.budget.fiscal, other: project.budget.other, carryover: project.budget.carryover ?? 0 },
      purpose: project.purpose,
      goals: project.goals,
      leader: project.leader ?? null,
      period: project.period ?? null,
      existingProjectId: existing.get(`${project.orgCode}|${project.year}|${project.name}`) ?? null,
      indicators: project.indicators.map((indicator) => ({
        level1: indicator.level1,
        level2: indicator.level2,
        name: indicator.name,
        description: indicator.description,
        target: previewTarget(indicator.target),
        scoring: describeTargetScoring(indicator.target),
        actual: indicator.actual ?? null,
        weight: indicator.weight ?? null,
        line: indicator.line,
        cell: indicator.cell ?? null,
        warnings: ofTable.filter((w) => w.cell !== undefined && w.cell === indicator.cell).map(messageOf),
      })),
      warnings: ofTable.map(messageOf),
    };
  }

  /** Stores the tables as corrected, all or nothing (one transaction), re-imports updating. */
  async save(tables: readonly ImportTableInput[]): Promise<StoredImport> {
    if (tables.length === 0) throw new ValidationError('tables', '没有要保存的表');
    const projects: PlacedProject[] = tables.map((table, i) => this.projectOf(table, i));
    return this.em.transactional((tx) => storeImportedTables(tx, { projects, warnings: [], errors: [] }, { viewer: this.viewer }));
  }

  private projectOf(table: ImportTableInput, index: number): PlacedProject {
    const where = `第${index + 1}张表（表${table.tableNumber}）`;
    const field = (name: string, message: string) => new ValidationError(name, `${where}：${message}`);
    if (table.orgCode.trim() === '') throw field('orgCode', '须选择单位');
    if (table.name.trim() === '') throw field('name', '项目名称不能为空');
    if (!isFiscalYear(table.year)) throw field('year', `年度应为四位年份（${FISCAL_YEARS.min}–${FISCAL_YEARS.max}），实际为 ${table.year}`);
    const { total, fiscal } = table.budget;
    const other = table.budget.other ?? 0;
    const carryover = table.budget.carryover ?? 0;
    for (const [name, value] of Object.entries({ total, fiscal, other, carryover })) {
      if (!Number.isFinite(value) || value < 0) throw field(`budget.${name}`, `金额不能为负数，实际为 ${value}`);
    }
    if (table.indicators.length === 0) throw field('indicators', '至少应有一个指标');
    const indicators = table.indicators.map((indicator, k) => {
      if (indicator.name.trim() === '') throw field(`indicators[${k}].name`, '三级指标不能为空');
      let target: ParsedTarget;
      try {
        target = targetFromFields({
          ...indicator.target,
          kind: indicator.target.kind as TargetKind,
          comparator: (indicator.target.comparator ?? null) as Comparator | null,
        });
      } catch (error) {
        if (error instanceof InvalidInputError) throw field(`indicators[${k}].target.${error.field}`, `指标“${indicator.name}”：${error.message}`);
        throw error;
      }
      const actual = indicator.actual?.trim();
      if (actual && actual.length > 200) throw field(`indicators[${k}].actual`, `指标“${indicator.name}”：实际完成值最多 200 个字符`);
      return {
        level1: indicator.level1,
        level2: indicator.level2,
        name: indicator.name.trim(),
        description: indicator.description ?? '',
        target,
        line: k + 1,
        ...(actual ? { actual } : {}),
      };
    });
    return {
      tableNumber: table.tableNumber,
      title: table.title ?? '',
      kind: table.kind === 'DEPARTMENT' ? 'DEPARTMENT' : 'PROJECT',
      orgCode: table.orgCode.trim(),
      orgName: table.orgName ?? '',
      name: table.name.trim(),
      year: table.year,
      budget: { total, fiscal, other, carryover },
      purpose: table.purpose ?? '',
      goals: table.goals ?? [],
      indicators,
      ...(table.leader ? { leader: table.leader } : {}),
      ...(table.period ? { period: table.period } : {}),
    };
  }
}
