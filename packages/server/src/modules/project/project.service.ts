import type { SqlEntityManager } from '@mikro-orm/knex';
import { parseDateExpression, normalizeCell } from '@jixiao/domain';
import { appendAuditEvent } from '../audit/audit-chain.js';
import type { Viewer } from '../auth/auth.service.js';
import { checkFiscalYear, checkLength, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../common/errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../common/cursor.js';
import { isUuid } from '../common/ids.js';
import { selectRows, type Row } from '../common/rows.js';
import { wanFromFen } from '../common/money.js';
import { Spending } from '../spending/spending.entity.js';
import { recomputeDerivedActuals } from '../evidence/evidence.service.js';
import { Project, type Budget, type ProjectKind } from './project.entity.js';
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

/** A row of the page query as a list item (SQLite returns JSON as text and bigints as numbers, PostgreSQL parsed and as strings). */
function listItem(row: Row): ProjectListItem {
  return {
    id: String(row.id),
    name: String(row.name),
    orgCode: String(row.org_code),
    orgName: String(row.org_name),
    year: Number(row.year),
    tableNumber: row.table_number == null ? null : Number(row.table_number),
    kind: row.kind as ProjectKind,
    leader: (row.leader ?? null) as string | null,
    period: (row.period ?? null) as string | null,
    purpose: String(row.purpose),
    goals: (typeof row.goals === 'string' ? JSON.parse(row.goals) : row.goals) as string[],
    budget: {
      total: wanFromFen(Number(row.budget_total_fen)),
      fiscal: wanFromFen(Number(row.budget_fiscal_fen)),
      other: wanFromFen(Number(row.budget_other_fen)),
      carryover: wanFromFen(Number(row.budget_carryover_fen)),
    },
  };
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
    const where = `p.organization_id in (${orgIds.map(() => '?').join(', ')})${filter.year != null ? ' and p.year = ?' : ''}`;
    const params: unknown[] = filter.year != null ? [...orgIds, filter.year] : orgIds;
    const [rows, counted] = await Promise.all([
      selectRows(
        this.em,
        `select p.id, p.name, p.year, p.table_number, p.kind, p.leader, p.period, p.purpose, p.goals,
                p.budget_total_fen, p.budget_fiscal_fen, p.budget_other_fen, p.budget_carryover_fen,
                o.code as org_code, o.name as org_name
           from project p join organization o on o.id = p.organization_id
          where ${where}
          order by p.year desc, o.code asc, p.table_number asc, p.name asc, p.id asc
          limit ? offset ?`,
        [...params, size, offset],
      ),
      selectRows(this.em, `select count(*) as n from project p where ${where}`, params),
    ]);
    const totalCount = Number(counted[0].n);
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
        await recomputeDerivedActuals(tx, project.id, this.viewer.user.username);
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
}
