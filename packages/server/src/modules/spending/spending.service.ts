import type { EntityManager } from '@mikro-orm/core';
import { wanFromFen } from '../common/money.js';

/** A spending record as the API shows it: plain values, 万元. */
export interface SpendingView {
  id: string;
  projectId: string;
  date: string;
  amount: number;
  note: string | null;
  recordedAt: Date;
  recordedBy: string | null;
  /** The recorder's 真实姓名, else their username. */
  recordedByName: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A `date` column as the drivers return it: text, or a Date at local midnight (read back with
 * local getters, so the day does not shift with the time zone).
 */
function dayOf(value: unknown): string {
  if (value instanceof Date) return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  return String(value).slice(0, 10);
}

/** A datetime column: epoch milliseconds on SQLite; a Date or ISO text from PostgreSQL. */
function instant(value: unknown): Date {
  if (value instanceof Date) return value;
  return typeof value === 'number' || /^\d+$/.test(String(value)) ? new Date(Number(value)) : new Date(String(value));
}

/**
 * The spending of many projects in one statement, each project's by date (then by the time it was
 * recorded). The caller has already checked that the viewer may see these projects.
 *
 * @example const [first, second] = await loadSpendings(em, [projectA.id, projectB.id]);
 */
export async function loadSpendings(em: EntityManager, projectIds: readonly string[]): Promise<SpendingView[][]> {
  const byProject = new Map<string, SpendingView[]>(projectIds.map((id) => [id, []]));
  if (projectIds.length === 0) return [];
  const rows = await em.getConnection().execute<Array<Record<string, unknown>>>(
    `select s.id, s.project_id, s.date, s.amount_fen, s.note, s.recorded_at, u.username, u.display_name
       from spending s left join app_user u on u.id = s.recorded_by_id
      where s.project_id in (${projectIds.map(() => '?').join(',')})
      order by s.project_id, s.date, s.recorded_at, s.id`,
    [...projectIds],
  );
  for (const row of rows) {
    const projectId = String(row.project_id);
    byProject.get(projectId)?.push({
      id: String(row.id),
      projectId,
      date: dayOf(row.date),
      amount: wanFromFen(Number(row.amount_fen)),
      note: (row.note ?? null) as string | null,
      recordedAt: instant(row.recorded_at),
      recordedBy: (row.username ?? null) as string | null,
      recordedByName: (row.display_name ?? row.username ?? null) as string | null,
    });
  }
  return projectIds.map((id) => byProject.get(id)!);
}
