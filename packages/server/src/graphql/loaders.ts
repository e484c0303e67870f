import DataLoader from 'dataloader';
import { raw, wrap } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { scoreProject, type ProjectScore } from '@jixiao/domain';
import { Actual } from '../modules/actual/actual.entity.js';
import { wanFromFen } from '../modules/common/money.js';
import { Indicator } from '../modules/indicator/indicator.entity.js';
import { Project } from '../modules/project/project.entity.js';
import { Spending } from '../modules/spending/spending.entity.js';
import { Inspection } from '../modules/inspection/inspection.entity.js';
import { Upload } from '../modules/upload/upload.entity.js';

/** A project's score with each indicator's share, keyed by indicator id. */
export interface ProjectEvaluation {
  score: ProjectScore;
  byIndicator: Map<string, ProjectScore['indicators'][number]>;
  spent: number;
}

function groupBy<T>(ids: readonly string[], rows: T[], key: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(key(row))?.push(row);
  return ids.map((id) => groups.get(id)!);
}

/**
 * Per-request batch loaders: however many projects a query lists, their indicators, actuals and
 * spending each come in one SQL query (no N+1).
 */
export function createLoaders(em: SqlEntityManager) {
  const indicatorsByProject = new DataLoader<string, Indicator[]>(async (projectIds) => {
    const rows = await em.find(Indicator, { project: { $in: [...projectIds] } }, { orderBy: { position: 'asc' } });
    return groupBy(projectIds, rows, (row) => row.project.id);
  });

  const actualsByIndicator = new DataLoader<string, Actual[]>(async (indicatorIds) => {
    const rows = await em.find(
      Actual,
      { indicator: { $in: [...indicatorIds] } },
      { orderBy: { recordedAt: 'asc', id: 'asc' }, populate: ['recordedBy'], strategy: 'joined' },
    );
    return groupBy(indicatorIds, rows, (row) => row.indicator.id);
  });

  const spentByProject = new DataLoader<string, number>(async (projectIds) => {
    const rows: Array<{ project_id: string; total: number | string }> = await em
      .createQueryBuilder(Spending, 's')
      .select([raw('s.project_id as project_id'), raw('sum(s.amount_fen) as total')])
      .where({ project: { $in: [...projectIds] } })
      .groupBy('s.project')
      .execute('all', false);
    const totals = new Map(rows.map((row) => [row.project_id, Number(row.total)]));
    return projectIds.map((id) => wanFromFen(totals.get(id) ?? 0));
  });

  const evaluationByProject = new DataLoader<Project, ProjectEvaluation, string>(
    async (projects) => {
      // Indicators hold project references; load the budgets of those not loaded yet, in one query.
      const references = projects.filter((project) => !wrap(project).isInitialized());
      if (references.length > 0) await em.find(Project, { id: { $in: references.map((project) => project.id) } });
      return Promise.all(
        projects.map(async (project) => {
          const [indicators, spent] = await Promise.all([indicatorsByProject.load(project.id), spentByProject.load(project.id)]);
          const actuals = await actualsByIndicator.loadMany(indicators.map((indicator) => indicator.id));
          const score = scoreProject({
            budget: project.budget().total,
            spent,
            indicators: indicators.map((indicator, i) => {
              const history = actuals[i];
              if (history instanceof Error) throw history;
              const current = history.at(-1);
              return {
                level1: indicator.level1,
                target: indicator.target(),
                weight: indicator.weight,
                notApplicable: indicator.notApplicable,
                actual: current ? { value: current.value, tier: current.tier, ratio: current.ratio } : null,
              };
            }),
          });
          return { score, spent, byIndicator: new Map(indicators.map((indicator, i) => [indicator.id, score.indicators[i]])) };
        }),
      );
    },
    { cacheKeyFn: (project) => project.id },
  );

  const uploadsBySha = new DataLoader<string, Upload | null>(async (hashes) => {
    const rows = await em.find(Upload, { sha256: { $in: [...hashes] } });
    const bySha = new Map(rows.map((row) => [row.sha256, row]));
    return hashes.map((sha) => bySha.get(sha) ?? null);
  });

  const inspectionsById = new DataLoader<string, Inspection | null>(async (ids) => {
    const rows = await em.find(Inspection, { id: { $in: [...ids] } }, { populate: ['site', 'site.organization', 'submittedBy', 'reviewedBy'] });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  return { indicatorsByProject, actualsByIndicator, spentByProject, evaluationByProject, uploadsBySha, inspectionsById };
}

export type Loaders = ReturnType<typeof createLoaders>;
