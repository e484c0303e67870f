/**
 * Reference data: what the field screens need offline — projects with their indicators, sites,
 * equipment items and the surveys still collecting answers — fetched after login, cached in the
 * `reference` table with the time it was fetched, and refreshed whenever the server answers.
 */
import type { GraphqlClient } from '../graphql/client';
import {
  REFERENCE_PROJECTS,
  projectExtrasQuery,
  type EquipmentItemRef,
  type ProjectExtrasResult,
  type ProjectRef,
  type ReferenceProjectsResult,
  type SiteRef,
  type SurveyRef,
} from '../graphql/queries';
import type { JixiaoDb } from '../offline/db';

export interface ReferenceData {
  projects: ProjectRef[];
  sites: SiteRef[];
  equipment: EquipmentItemRef[];
  surveys: SurveyRef[];
}

export type ReferenceName = keyof ReferenceData;
export const REFERENCE_NAMES: readonly ReferenceName[] = ['projects', 'sites', 'equipment', 'surveys'];

/** Projects per extras request: ~40 aliased fields keep one request well under server limits. */
const EXTRAS_BATCH = 20;

export function emptyReference(): ReferenceData {
  return { projects: [], sites: [], equipment: [], surveys: [] };
}

/**
 * Fetches all reference data the user may see: every page of projects, then the equipment items
 * and surveys of those projects in batches. Surveys whose collection period is over are left out.
 */
export async function fetchReferenceData(request: GraphqlClient['request'], now: number = Date.now()): Promise<ReferenceData> {
  const data = emptyReference();
  let after: string | null = null;
  do {
    const page: ReferenceProjectsResult = await request<ReferenceProjectsResult>(REFERENCE_PROJECTS, { after });
    if (after === null) data.sites = page.sites;
    data.projects.push(...page.projects.nodes);
    after = page.projects.pageInfo.hasNextPage ? page.projects.pageInfo.endCursor : null;
  } while (after !== null);

  for (let start = 0; start < data.projects.length; start += EXTRAS_BATCH) {
    const batch = data.projects.slice(start, start + EXTRAS_BATCH);
    const variables = Object.fromEntries(batch.map((project, i) => [`p${i}`, project.id]));
    const extras = await request<ProjectExtrasResult>(projectExtrasQuery(batch.length), variables);
    batch.forEach((project, i) => {
      data.equipment.push(...((extras[`e${i}`] ?? []) as EquipmentItemRef[]));
      const surveys = (extras[`s${i}`] ?? []) as Omit<SurveyRef, 'projectId'>[];
      for (const survey of surveys) {
        if (Date.parse(survey.closesAt) > now) data.surveys.push({ ...survey, projectId: project.id });
      }
    });
  }
  return data;
}

/** Stores each part of the reference data with the time it was fetched, in one transaction. */
export async function saveReferenceData(db: JixiaoDb, data: ReferenceData, fetchedAt: number): Promise<void> {
  await db.transaction('rw', db.reference, async () => {
    await db.reference.bulkPut(REFERENCE_NAMES.map((name) => ({ name, data: data[name], fetchedAt })));
  });
}

/** The cached reference data and when it was fetched (the oldest part), or null if never. */
export async function loadReferenceData(db: JixiaoDb): Promise<{ data: ReferenceData; fetchedAt: number | null }> {
  const rows = await db.reference.bulkGet([...REFERENCE_NAMES]);
  const data = emptyReference();
  let fetchedAt: number | null = null;
  REFERENCE_NAMES.forEach((name, i) => {
    const row = rows[i];
    if (!row) return;
    (data as unknown as Record<ReferenceName, unknown>)[name] = row.data;
    fetchedAt = fetchedAt === null ? row.fetchedAt : Math.min(fetchedAt, row.fetchedAt);
  });
  const complete = rows.every((row) => row !== undefined);
  return { data, fetchedAt: complete ? fetchedAt : null };
}

/** Removes the cached reference data (another user logs in on this phone). */
export async function clearReferenceData(db: JixiaoDb): Promise<void> {
  await db.reference.bulkDelete([...REFERENCE_NAMES]);
}
