import DataLoader from 'dataloader';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Inspection } from '../modules/inspection/inspection.entity.js';
import { Upload } from '../modules/upload/upload.entity.js';
import { loadProjectData, type ProjectData } from '../modules/read-model/project-data.js';

/** PostgreSQL takes at most 65,535 parameters a statement: batches stay well below. */
const MAX_BATCH = 1000;

/**
 * Per-request batch loaders: however many projects a query lists, their indicators, actuals and
 * spending come in four SQL statements (no N+1).
 */
export function createLoaders(em: SqlEntityManager) {
  /** Budgets (万元) of the projects this request has listed: the batch need not read them again. */
  const budgets = new Map<string, number>();
  const projectData = new DataLoader<string, ProjectData>((ids) => loadProjectData(em, ids, budgets), { maxBatchSize: MAX_BATCH });

  const uploadsBySha = new DataLoader<string, Upload | null>(
    async (hashes) => {
      const rows = await em.find(Upload, { sha256: { $in: [...hashes] } });
      const bySha = new Map(rows.map((row) => [row.sha256, row]));
      return hashes.map((sha) => bySha.get(sha) ?? null);
    },
    { maxBatchSize: MAX_BATCH },
  );

  const inspectionsById = new DataLoader<string, Inspection | null>(
    async (ids) => {
      const rows = await em.find(Inspection, { id: { $in: [...ids] } }, { populate: ['site', 'site.organization', 'submittedBy', 'reviewedBy'] });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    { maxBatchSize: MAX_BATCH },
  );

  return { projectData, budgets, uploadsBySha, inspectionsById };
}

export type Loaders = ReturnType<typeof createLoaders>;
