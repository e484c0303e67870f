import DataLoader from 'dataloader';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { EquipmentItem } from '../modules/equipment/equipment-item.entity.js';
import { Inspection } from '../modules/inspection/inspection.entity.js';
import { Survey, SurveyResponse } from '../modules/survey/survey.entity.js';
import { instant, nullable, number, placeholders, queryRows, text } from '../modules/common/sql.js';
import { loadActualHistory, type ActualRow } from '../modules/read-model/project-data.js';
import {
  ALL_INDICATOR_CARD_COLUMNS,
  loadIndicatorCards,
  loadProjectCards,
  type IndicatorCard,
  type IndicatorCardColumn,
  type ProjectCard,
} from '../modules/read-model/scorecards.js';

/** An upload's capture time and position (Upload), as a photo of a record shows them. */
export interface UploadCapture {
  capturedAt: Date | null;
  latitude: number | null;
  longitude: number | null;
}

const UPLOAD_CAPTURE_COLUMNS = { sha256: text, captured_at: nullable(instant), latitude: nullable(number), longitude: nullable(number) };

/** PostgreSQL takes at most 65,535 parameters a statement: batches stay well below. */
const MAX_BATCH = 1000;

/** A loader of the rows that belong to each key (a project's surveys, say): one statement per batch, in the rows' order. */
function groupLoader<T>(find: (keys: string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(
    async (keys) => {
      const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
      for (const row of await find([...keys])) groups.get(keyOf(row))?.push(row);
      return keys.map((key) => groups.get(key)!);
    },
    { maxBatchSize: MAX_BATCH },
  );
}

/**
 * Per-request batch loaders: however many projects a query lists, their stored scorecards come in
 * one SQL statement, their indicators with scores and current actuals in one, the actuals' history
 * in one, their surveys, equipment and survey answers in one each (no N+1). The loaders do not
 * check visibility: they are asked only for what the request may see.
 */
export function createLoaders(em: SqlEntityManager) {
  /** Each project's stored scorecard (score, grade, 执行率, spending). */
  const projectCards = new DataLoader<string, ProjectCard>((ids) => loadProjectCards(em, ids), { maxBatchSize: MAX_BATCH });
  /** Each project's indicators with their stored scores and current actuals. */
  const indicatorCards = new DataLoader<string, IndicatorCard[]>((ids) => loadIndicatorCards(em, ids), { maxBatchSize: MAX_BATCH });
  /** The same with only these columns read (see loadIndicatorCards), one loader per set of columns. */
  const cardsByColumns = new Map<string, DataLoader<string, IndicatorCard[]>>();
  const indicatorCardsWith = (columns: readonly IndicatorCardColumn[]): DataLoader<string, IndicatorCard[]> => {
    if (columns === ALL_INDICATOR_CARD_COLUMNS) return indicatorCards;
    const key = columns.join(',');
    let loader = cardsByColumns.get(key);
    if (!loader) {
      loader = new DataLoader<string, IndicatorCard[]>((ids) => loadIndicatorCards(em, ids, columns), { maxBatchSize: MAX_BATCH });
      cardsByColumns.set(key, loader);
    }
    return loader;
  };
  /** Each indicator's actuals, oldest first: read only when a query asks for the history. */
  const actualHistory = new DataLoader<string, ActualRow[]>((ids) => loadActualHistory(em, ids), { maxBatchSize: MAX_BATCH });

  /** What a record's photo shows of its upload (PhotoType), as plain rows: every submission answers with it. */
  const uploadsBySha = new DataLoader<string, UploadCapture | null>(
    async (hashes) => {
      const rows = await queryRows(
        em,
        `select sha256, captured_at, latitude, longitude from upload where sha256 in (${placeholders(hashes.length)})`,
        [...hashes],
        UPLOAD_CAPTURE_COLUMNS,
      );
      const bySha = new Map(rows.map((row) => [row.sha256, { capturedAt: row.captured_at, latitude: row.latitude, longitude: row.longitude }]));
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

  /** Each project's surveys, oldest first, with their indicators. */
  const surveysByProject = groupLoader(
    (projectIds) => em.find(Survey, { indicator: { project: { $in: projectIds } } }, { populate: ['indicator'], orderBy: { createdAt: 'asc', id: 'asc' } }),
    (survey) => survey.indicator.project.id,
  );

  /** Each project's equipment, in the order it was registered. */
  const equipmentByProject = groupLoader(
    (projectIds) => em.find(EquipmentItem, { project: { $in: projectIds } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
    (item) => item.project.id,
  );

  /** Each survey's responses, voided ones included, newest first: what its results count. */
  const responsesBySurvey = groupLoader(
    (surveyIds) =>
      em.find(
        SurveyResponse,
        { survey: { $in: surveyIds } },
        {
          fields: ['survey', 'answers', 'channel', 'receivedAt', 'flagReason', 'voidedAt', 'voidReason'],
          orderBy: { receivedAt: 'desc', id: 'desc' },
          disableIdentityMap: true,
        },
      ),
    (response) => response.survey.id,
  );

  return {
    projectCards,
    indicatorCards,
    indicatorCardsWith,
    actualHistory,
    uploadsBySha,
    inspectionsById,
    surveysByProject,
    equipmentByProject,
    responsesBySurvey,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
