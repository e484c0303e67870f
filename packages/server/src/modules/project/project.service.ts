import type { SqlEntityManager } from '@mikro-orm/knex';
import { parseDateExpression, normalizeCell, type Grade } from '@jixiao/domain';
import { appendAuditEvent } from '../audit/audit-chain.js';
import type { Viewer } from '../auth/auth.service.js';
import { checkFiscalYear, checkLength, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../common/errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../common/cursor.js';
import { isUuid } from '../common/ids.js';
import { boolean, json, nullable, number, placeholders, queryRows, text, type RowOf } from '../common/sql.js';
import { wanFromFen } from '../common/money.js';
import { Spending } from '../spending/spending.entity.js';
import { updateDerivedData } from '../evidence/evidence.service.js';
import { Project, type Budget, type ProjectKind } from './project.entity.js';
import type { ProjectCard } from '../read-model/scorecards.js';
import { isUniqueViolation, firstDifference } from '../common/idempotency.js';

export interface ProjectFilter {
  year?: number | null;
  orgCode?: string | null;
  first?: number | null;
  after?: string | null;
}

/** A project as a page lists it: plain values read with its organization, not an entity. */
export interface ProjectListItem {
  id: string;
  name: string;
  orgCode: string;
  orgName: string;
  year: number;
  tableNumber: number | null;
  kind: ProjectKind;
  leader: string | null;
  period: string | null;
  purpose: string;
  goals: string[];
  /** 万元 */
  budget: Budget;
  requireSignature: boolean;
  /** Its stored scorecard, read with the page (null if it has none yet). */
  scorecard: ProjectCard | null;
}

export interface ProjectPage {
  totalCount: number;
  nodes: ProjectListItem[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface SpendingInput {
  projectId: string;
  amount: number;
  date: string;
  note?: string | null;
  clientId?: string | null;
}

/** Loads a project the viewer may see; an unknown id and a foreign one look the same. */
export async function findVisibleProject(em: SqlEntityManager, viewer: Viewer, id: string): Promise<Project> {
  const project = isUuid(id) ? await em.findOne(Project, { id }, { populate: ['organization'] }) : null;
  if (project && viewer.scope.has(project.organization.id)) return project;
  if (!project && viewer.scope.isEverything) throw new NotFoundError(`项目 ${id} 不存在`);
  throw new ForbiddenError();
}

/** What a write of field evidence needs of its project. */
export interface EvidenceProject {
  id: string;
  organizationId: string;
  /** Project.requireSignature: acceptances must carry a signature. */
  requireSignature: boolean;
}

/**
 * findVisibleProject for the writes of field evidence, as a plain row (the same errors): every
 * acceptance a phone sends asks it, and loading the entity costs several times the query.
 */
export async function findVisibleEvidenceProject(em: SqlEntityManager, viewer: Viewer, id: string): Promise<EvidenceProject> {
  const [row] = isUuid(id)
    ? await queryRows(em, 'select organization_id, require_signature from project where id = ?', [id], { organization_id: text, require_signature: boolean })
    : [];
  if (row && viewer.scope.has(row.organization_id)) return { id, organizationId: row.organization_id, requireSignature: row.require_signature };
  if (!row && viewer.scope.isEverything) throw new NotFoundError(`项目 ${id} 不存在`);
  throw new ForbiddenError();
}

const LIST_COLUMNS = {
  id: text,
  name: text,
  year: number,
  table_number: nullable(number),
  kind: text<ProjectKind>,
  leader: nullable(text),
  period: nullable(text),
  purpose: text,
  goals: json<string[]>,
  budget_total_fen: number,
  budget_fiscal_fen: number,
  budget_other_fen: number,
  budget_carryover_fen: number,
  require_signature: boolean,
  org_code: text,
  org_name: text,
  s_budget_fen: nullable(number),
  s_spent_fen: nullable(number),
  s_execution_rate: nullable(number),
  s_execution_score: nullable(number),
  s_score: nullable(number),
  s_grade: nullable(text<Grade>),
  s_missing: nullable(number),
  s_complete: nullable(boolean),
};

/** A row of the page query as a list item. */
function listItem(row: RowOf<typeof LIST_COLUMNS>): ProjectListItem {
  return {
    id: row.id,
    name: row.name,
    orgCode: row.org_code,
    orgName: row.org_name,
    year: row.year,
    tableNumber: row.table_number,
    kind: row.kind,
    leader: row.leader,
    period: row.period,
    purpose: row.purpose,
    goals: row.goals,
    budget: {
      total: wanFromFen(row.budget_total_fen),
      fiscal: wanFromFen(row.budget_fiscal_fen),
      other: wanFromFen(row.budget_other_fen),
      carryover: wanFromFen(row.budget_carryover_fen),
    },
    requireSignature: row.require_signature,
    scorecard:
      row.s_score === null
        ? null
        : {
            projectId: row.id,
            budget: wanFromFen(row.s_budget_fen!),
            spent: wanFromFen(row.s_spent_fen!),
            score: {
              executionRate: row.s_execution_rate,
              executionScore: row.s_execution_score!,
              score: row.s_score,
              grade: row.s_grade!,
              missing: row.s_missing!,
              complete: row.s_complete!,
            },
          },
  };
}

export interface ProjectSettings {
  projectId: string;
  requireSignature?: boolean | null;
}

export class ProjectService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly viewer: Viewer,
  ) {}

  /** Projects of the viewer's organizations, newest year first, then unit and table order. */
  async list(filter: ProjectFilter): Promise<ProjectPage> {
    const size = pageSize(filter.first);
    const offset = decodeCursor(filter.after);
    if (filter.year != null) checkFiscalYear('year', filter.year);
    const orgIds = filter.orgCode != null ? this.viewer.scope.subtree(filter.orgCode) : [...this.viewer.scope.ids];
    if (orgIds.length === 0) return { totalCount: 0, nodes: [], hasNextPage: false, endCursor: null };
    // Plain rows, not entities: the dashboard lists a page on every request, and hydrating projects
    // with their organizations cost several times the SQL.
    const where = `p.organization_id in (${placeholders(orgIds.length)})${filter.year != null ? ' and p.year = ?' : ''}`;
    const params: unknown[] = filter.year != null ? [...orgIds, filter.year] : orgIds;
    const [rows, counted] = await Promise.all([
      queryRows(
        this.em,
        `select p.id, p.name, p.year, p.table_number, p.kind, p.leader, p.period, p.purpose, p.goals,
                p.budget_total_fen, p.budget_fiscal_fen, p.budget_other_fen, p.budget_carryover_fen, p.require_signature,
                o.code as org_code, o.name as org_name,
                s.budget_fen as s_budget_fen, s.spent_fen as s_spent_fen, s.execution_rate as s_execution_rate,
                s.execution_score as s_execution_score, s.score as s_score, s.grade as s_grade, s.missing as s_missing, s.complete as s_complete
           from project p join organization o on o.id = p.organization_id left join project_scorecard s on s.project_id = p.id
          where ${where}
          order by p.year desc, o.code asc, p.table_number asc, p.name asc, p.id asc
          limit ? offset ?`,
        [...params, size, offset],
        LIST_COLUMNS,
      ),
      queryRows(this.em, `select count(*) as n from project p where ${where}`, params, { n: number }),
    ]);
    const totalCount = counted[0].n;
    const nodes = rows.map(listItem);
    const end = offset + nodes.length;
    return { totalCount, nodes, hasNextPage: end < totalCount, endCursor: nodes.length > 0 ? encodeCursor(end) : null };
  }

  get(id: string): Promise<Project> {
    return findVisibleProject(this.em, this.viewer, id);
  }

  /** Records money spent (万元). Idempotent on clientId. */
  async recordSpending(input: SpendingInput): Promise<Project> {
    checkLength('input.note', input.note, 2000);
    checkLength('input.clientId', input.clientId, 64);
    const project = await this.get(input.projectId);
    if (!Number.isFinite(input.amount) || input.amount <= 0) {
      throw new ValidationError('input.amount', `支出金额应为大于 0 的数（万元），实际为 ${input.amount}`);
    }
    const date = parseDateExpression(normalizeCell(input.date));
    if (date === null || !/^\d{4}-\d{1,2}-\d{1,2}$|^\d{4}年\d{1,2}月\d{1,2}[日号]$/.test(normalizeCell(input.date))) {
      throw new ValidationError('input.date', `支出日期“${input.date}”无效，请写成“2023-09-20”或“2023年9月20日”`);
    }
    // Amounts are kept exactly in 分: refuse what does not fit rather than round it silently.
    const amountFen = Math.round(input.amount * 1_000_000);
    if (!Number.isSafeInteger(amountFen) || input.amount > 1e8) {
      throw new ValidationError('input.amount', `支出金额过大：${input.amount} 万元`);
    }
    if (amountFen <= 0 || wanFromFen(amountFen) !== input.amount) {
      throw new ValidationError('input.amount', `支出金额最小单位为分（0.000001 万元），实际为 ${input.amount}`);
    }
    const note = input.note?.trim() || null;
    const clientId = input.clientId ?? null;
    try {
      await this.em.transactional(async (tx) => {
        const spending = tx.create(Spending, { project, amountFen, date, note, clientId, recordedBy: this.viewer.user });
        await tx.flush();
        await appendAuditEvent(tx, {
          actor: this.viewer.user.username,
          action: 'create',
          entity: 'Spending',
          entityId: spending.id,
          after: { projectId: project.id, amount: input.amount, date, note, clientId },
        });
        // Cost indicators fed by spending follow it.
        await updateDerivedData(tx, project.id, { kind: 'spending' }, { actor: this.viewer.user.username });
      });
    } catch (error) {
      if (!clientId || !isUniqueViolation(error)) throw error;
      const stored = await this.em.fork().findOneOrFail(Spending, { clientId });
      const differs = firstDifference(
        { projectId: stored.project.id, amount: stored.amount(), date: stored.date, note: stored.note },
        { projectId: project.id, amount: input.amount, date, note },
      );
      if (differs) throw new ConflictError(`input.${differs}`, `clientId ${clientId} 已用于另一笔支出，其 ${differs} 不同`);
    }
    return project;
  }

  /** Changes a project's settings; a setting not given stays as it is. Audited when something changes. */
  async updateSettings(input: ProjectSettings): Promise<Project> {
    const project = await this.get(input.projectId);
    const before = { requireSignature: project.requireSignature };
    const after = { requireSignature: input.requireSignature ?? project.requireSignature };
    if (after.requireSignature === before.requireSignature) return project;
    await this.em.transactional(async (tx) => {
      const managed = tx.merge(project);
      managed.requireSignature = after.requireSignature;
      await tx.flush();
      await appendAuditEvent(tx, { actor: this.viewer.user.username, action: 'update', entity: 'Project', entityId: project.id, before, after });
    });
    return project;
  }
}
