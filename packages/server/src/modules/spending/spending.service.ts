import type { EntityManager } from '@mikro-orm/core';
import { wanFromFen } from '../common/money.js';
import { day, instant, nullable, number, placeholders, queryRows, text } from '../common/sql.js';

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

/**
 * The spending of many projects in one statement, each project's by date (then by the time it was
 * recorded). The caller has already checked that the viewer may see these projects.
 *
 * @example const [first, second] = await loadSpendings(em, [projectA.id, projectB.id]);
 */
export async function loadSpendings(em: EntityManager, projectIds: readonly string[]): Promise<SpendingView[][]> {
  const byProject = new Map<string, SpendingView[]>(projectIds.map((id) => [id, []]));
  if (projectIds.length === 0) return [];
  const rows = await queryRows(
    em,
    `select s.id, s.project_id, s.date, s.amount_fen, s.note, s.recorded_at, u.username, u.display_name
       from spending s left join app_user u on u.id = s.recorded_by_id
      where s.project_id in (${placeholders(projectIds.length)})
      order by s.project_id, s.date, s.recorded_at, s.id`,
    projectIds,
    {
      id: text,
      project_id: text,
      date: day,
      amount_fen: number,
      note: nullable(text),
      recorded_at: instant,
      username: nullable(text),
      display_name: nullable(text),
    },
  );
  for (const row of rows) {
    byProject.get(row.project_id)?.push({
      id: row.id,
      projectId: row.project_id,
      date: row.date,
      amount: wanFromFen(row.amount_fen),
      note: row.note,
      recordedAt: row.recorded_at,
      recordedBy: row.username,
      recordedByName: row.display_name ?? row.username,
    });
  }
  return projectIds.map((id) => byProject.get(id)!);
}
