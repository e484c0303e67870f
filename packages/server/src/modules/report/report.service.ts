import type { SqlEntityManager } from '@mikro-orm/knex';
import { can, DEFAULT_SCHEME } from '@jixiao/domain';
import { loadProjectDataInChunks, type ActualRow, type IndicatorRow, type ProjectData } from '../read-model/project-data.js';
import type { Viewer } from '../auth/auth.service.js';
import { checkFiscalYear, ForbiddenError, NotFoundError, ValidationError } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import { OrgScope } from '../organization/org-scope.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { findVisibleProject } from '../project/project.service.js';
import type { UploadStore } from '../upload/upload-store.js';
import { auditHeadOf } from '../audit/audit-chain.js';
import { renderPrintableReport } from './printable-report.js';
import { loadProjectEvidence, type ProjectEvidence } from './report-evidence.js';
import { actualText, buildSelfEvaluationWorkbook, type SelfEvaluation } from './self-evaluation-workbook.js';
import { buildTargetTableWorkbook, type TargetTable } from '../target-import/target-table-workbook.js';
import { safeFilename } from '../target-import/xlsx-layout.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const HTML_MIME = 'text/html; charset=utf-8';

/** Download kinds, as signed into download links. */
export const SELF_EVALUATION = 'self-evaluation';
export const TARGET_TABLES = 'target-tables';
export type ReportKind = typeof SELF_EVALUATION | typeof TARGET_TABLES;
/** The printable HTML report (自评报告 with photo appendix), opened in the browser. */
export const PRINTABLE_REPORT = 'printable-report';
/** Every kind of download link: the XLSX reports and the printable page. */
export type DownloadKind = ReportKind | typeof PRINTABLE_REPORT;

/** Who asks: a signed-in viewer (limited to their organizations) or the CLI (trusted). */
export type Requester = { viewer: Viewer } | { cli: true };

/** One project, or every project of an organization (and its units) in a year. */
export type ReportRequest = { projectId: string; year?: number } | { orgCode: string; year: number };

export interface ReportFile {
  filename: string;
  mimeType: string;
  bytes: Buffer;
  /** A page to show in the browser (Content-Disposition inline) rather than a file to save. */
  inline?: boolean;
  /** Content-Security-Policy of a page. */
  contentSecurityPolicy?: string;
}

export interface ReportServiceOptions {
  /** Where photos are, for the thumbnails of the printable report's appendix. */
  uploads?: UploadStore | null;
}

/** The projects a report covers, checked against the requester, with what names the file. */
interface Selection {
  projects: Project[];
  year: number;
  /** Set for an organization's report. */
  organization: { code: string; name: string } | null;
}

/**
 * Builds the reports: the XLSX 项目支出绩效自评表 (one project, or an organization's workbook with a
 * 汇总 sheet) and 绩效目标表 (the layout the XLSX import reads back), and the printable HTML
 * 自评报告 with its photo appendix. Scores, weights and budget execution come from the domain's
 * scoreProject through the evaluation loader, as in the API.
 */
export class ReportService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly requester: Requester,
    private readonly options: ReportServiceOptions = {},
  ) {}

  /** Checks that the requester may have this report and that it has projects; returns its file name. */
  async check(kind: DownloadKind, request: ReportRequest): Promise<string> {
    return filenameOf(kind, await this.select(request));
  }

  async build(kind: DownloadKind, request: ReportRequest): Promise<ReportFile> {
    const selection = await this.select(request);
    if (kind === PRINTABLE_REPORT) {
      const filename = filenameOf(kind, selection);
      const { html, contentSecurityPolicy } = await this.printableReport(selection, filename.replace(/\.html$/, ''));
      return { filename, mimeType: HTML_MIME, bytes: Buffer.from(html, 'utf8'), inline: true, contentSecurityPolicy };
    }
    const workbook = kind === SELF_EVALUATION ? await this.selfEvaluationWorkbook(selection) : await this.targetTableWorkbook(selection);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    return { filename: filenameOf(kind, selection), mimeType: XLSX_MIME, bytes };
  }

  private async select(request: ReportRequest): Promise<Selection> {
    if ('viewer' in this.requester && !can(this.requester.viewer.user.role, 'READ_RESULTS')) {
      throw new ForbiddenError('当前角色无权导出报表');
    }
    if ('projectId' in request) {
      const project = await this.findProject(request.projectId);
      if (request.year != null && request.year !== project.year) {
        throw new ValidationError('year', `项目 ${project.name} 属于 ${project.year} 年度，不是 ${request.year} 年度`);
      }
      await this.em.populate(project, ['organization.parent']);
      return { projects: [project], year: project.year, organization: null };
    }
    const { orgCode, year } = request;
    checkFiscalYear('year', year);
    const [organization, orgIds] = await this.organizationSubtree(orgCode);
    const projects = await this.em.find(
      Project,
      { organization: { $in: orgIds }, year },
      {
        populate: ['organization', 'organization.parent'],
        orderBy: [{ organization: { code: 'asc' } }, { tableNumber: 'asc' }, { name: 'asc' }, { id: 'asc' }],
      },
    );
    if (projects.length === 0) throw new NotFoundError(`单位 ${orgCode} 在 ${year} 年度没有项目`);
    return { projects, year, organization };
  }

  private async findProject(id: string): Promise<Project> {
    if ('viewer' in this.requester) return findVisibleProject(this.em, this.requester.viewer, id);
    const project = isUuid(id) ? await this.em.findOne(Project, { id }, { populate: ['organization'] }) : null;
    if (!project) throw new NotFoundError(`项目 ${id} 不存在`);
    return project;
  }

  private async organizationSubtree(orgCode: string): Promise<[{ code: string; name: string }, string[]]> {
    if ('viewer' in this.requester) {
      const { scope } = this.requester.viewer;
      const organization = scope.byCode(orgCode);
      if (!organization) throw new ForbiddenError();
      return [organization, scope.subtree(orgCode)];
    }
    const organization = await this.em.findOne(Organization, { code: orgCode });
    if (!organization) throw new NotFoundError(`单位编码“${orgCode}”不存在`);
    return [organization, [...(await OrgScope.load(this.em, organization.id)).ids]];
  }

  private async selfEvaluationWorkbook(selection: Selection) {
    const data = await this.projectData(selection.projects);
    const evaluations = selection.projects.map((project, i) => selfEvaluationOf(project, data[i]));
    const org = selection.organization;
    const summary = org ? { year: selection.year, orgCode: org.code, orgName: org.name } : undefined;
    return buildSelfEvaluationWorkbook(evaluations, summary, await auditHeadOf(this.em));
  }

  /** The self-evaluation of each project (as in the workbook) with the evidence behind its actuals. */
  private async printableReport(selection: Selection, title: string) {
    const data = await this.projectData(selection.projects);
    const evidence: ProjectEvidence[] = [];
    for (let at = 0; at < data.length; at += DATA_CHUNK) {
      evidence.push(...(await loadProjectEvidence(this.em, data.slice(at, at + DATA_CHUNK), this.options.uploads ?? null)));
    }
    return renderPrintableReport({
      title,
      year: selection.year,
      organization: selection.organization ? { code: selection.organization.code, name: selection.organization.name } : null,
      projects: selection.projects.map((project, i) => ({
        evaluation: selfEvaluationOf(project, data[i]),
        orgCode: project.organization.code,
        evidence: evidence[i],
      })),
      generatedAt: new Date(),
      auditHead: await auditHeadOf(this.em),
    });
  }

  private async targetTableWorkbook(selection: Selection) {
    const data = await this.projectData(selection.projects);
    const tables = selection.projects.map(
      (project, i): TargetTable => ({
        tableNumber: project.tableNumber ?? i + 1,
        title: project.title ?? `${project.name}绩效目标表`,
        orgCode: project.organization.code,
        orgName: project.organization.name,
        name: project.name,
        budget: project.budget(),
        purpose: project.purpose,
        goals: project.goals,
        leader: project.leader,
        period: project.period,
        indicators: data[i].indicators.map((indicator) => ({
          level1: indicator.level1,
          level2: indicator.level2,
          name: indicator.name,
          description: indicator.description,
          target: indicator.targetRaw,
        })),
      }),
    );
    return buildTargetTableWorkbook(tables);
  }

  /** Indicators, actuals and the domain's scores of the projects. */
  private projectData(projects: readonly Project[]): Promise<ProjectData[]> {
    return loadProjectDataInChunks(
      this.em,
      projects.map((project) => project.id),
    );
  }
}

const DATA_CHUNK = 200;

/** A project's self-evaluation from its scored data (domain) and current actuals. */
function selfEvaluationOf(project: Project, data: ProjectData): SelfEvaluation {
  const { score } = data;
  const organization = project.organization;
  const current = (indicator: IndicatorRow): ActualRow | null => data.current.get(indicator.id) ?? null;
  return {
    year: project.year,
    tableNumber: project.tableNumber,
    projectName: project.name,
    department: organization.parent?.name ?? organization.name,
    implementer: organization.name,
    budget: project.budget(),
    spent: data.spent,
    goals: project.goals,
    achievements: achievementsOf(data),
    indicators: data.indicators.map((indicator, i) => ({
      level1: indicator.level1,
      level2: indicator.level2,
      name: indicator.name,
      target: indicator.targetRaw,
      actual: actualText(current(indicator)),
      weight: score.indicators[i].weight,
      score: score.indicators[i].score,
      notApplicable: indicator.notApplicable,
      deviationNote: indicator.deviationNote,
    })),
    executionRate: score.executionRate,
    executionWeight: DEFAULT_SCHEME.executionWeight,
    executionScore: score.executionScore,
    score: score.score,
    grade: score.grade,
    missing: score.missing,
  };
}

/**
 * 实际完成情况 of the goals, summed up from the indicators so that the manager has a first draft:
 * how many targets were met, which were not, which have no actual yet, and budget execution.
 */
export function achievementsOf(data: ProjectData): string {
  const applicable = data.indicators.filter((indicator) => !indicator.notApplicable);
  const metOf = (indicator: IndicatorRow) => data.byIndicator.get(indicator.id)?.met ?? null;
  const met = applicable.filter((indicator) => metOf(indicator) === true);
  const missed = applicable.filter((indicator) => metOf(indicator) === false);
  const missing = applicable.filter((indicator) => metOf(indicator) === null);
  const names = (list: readonly IndicatorRow[]) => list.map((indicator) => indicator.name).join('、');
  const parts = [`共${applicable.length}个绩效指标，${met.length}个达到年度指标值`];
  if (missed.length > 0) parts.push(`${missed.length}个未达到（${names(missed)}）`);
  if (missing.length > 0) parts.push(`${missing.length}个尚未填报实际完成值（${names(missing)}）`);
  const rate = data.score.executionRate;
  const execution = rate === null ? '' : `；预算执行率${(rate * 100).toFixed(2)}%`;
  return `${parts.join('，')}${execution}。`;
}

const FILE_OF: Record<DownloadKind, { what: string; extension: string }> = {
  [SELF_EVALUATION]: { what: '项目支出绩效自评表', extension: 'xlsx' },
  [TARGET_TABLES]: { what: '绩效目标表', extension: 'xlsx' },
  [PRINTABLE_REPORT]: { what: '项目支出绩效自评报告', extension: 'html' },
};

function filenameOf(kind: DownloadKind, selection: Selection): string {
  const { what, extension } = FILE_OF[kind];
  const whose = selection.organization ? `${selection.organization.code}${selection.organization.name}` : selection.projects[0].name;
  // The name is cut before the extension is added, so that a long project name keeps it.
  return `${safeFilename(`${selection.year}年度${what}-${whose}`)}.${extension}`;
}
