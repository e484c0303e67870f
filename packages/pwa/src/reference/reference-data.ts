/**
 * Reference data: what the field screens need offline — projects with their indicators, sites,
 * equipment items and the surveys still collecting answers — fetched after login, cached in the
 * `reference` table with the time it was fetched, and refreshed whenever the server answers.
 */
import type { GraphqlClient } from '../graphql/client';
import { REFERENCE_PROJECTS, type EquipmentItemRef, type ProjectRef, type SiteRef, type SurveyRef } from '../graphql/queries';
import type { ReferenceProjectsQuery } from '../graphql/generated/graphql';
import type { JixiaoDb } from '../offline/db';
import { enqueue } from '../offline/outbox';
import type { RecordPayloads } from '../offline/types';

export interface ReferenceData {
  projects: ProjectRef[];
  sites: SiteRef[];
  equipment: EquipmentItemRef[];
  surveys: SurveyRef[];
}

export type ReferenceName = keyof ReferenceData;
export const REFERENCE_NAMES: readonly ReferenceName[] = ['projects', 'sites', 'equipment', 'surveys'];

export function emptyReference(): ReferenceData {
  return { projects: [], sites: [], equipment: [], surveys: [] };
}

/**
 * Fetches all reference data the user may see: every page of projects, each with its equipment
 * items and surveys (one request a page). Surveys whose collection period is over are left out.
 */
export async function fetchReferenceData(request: GraphqlClient['request'], now: number = Date.now()): Promise<ReferenceData> {
  const data = emptyReference();
  let after: string | null = null;
  do {
    const page: ReferenceProjectsQuery = await request(REFERENCE_PROJECTS, { after, withSites: after === null });
    if (page.sites) data.sites = page.sites;
    for (const { equipmentItems, surveys, ...project } of page.projects.nodes) {
      data.projects.push(project);
      data.equipment.push(...equipmentItems);
      for (const survey of surveys) {
        if (Date.parse(survey.closesAt) > now) data.surveys.push({ ...survey, projectId: project.id });
      }
    }
    after = page.projects.pageInfo.hasNextPage ? page.projects.pageInfo.endCursor : null;
  } while (after !== null);
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

/** A site added on the device: createSite's input with its device-made id. */
export type NewSite = RecordPayloads['site'];

function siteRefOf(site: NewSite): SiteRef {
  return { id: site.id, name: site.name, kind: site.kind, address: site.address ?? null, orgCode: site.orgCode };
}

/**
 * Adds a site on the device, offline too: it joins the cached site list at once (the picker shows
 * it) and is queued in the outbox as its own record, sent before the acceptances that name it —
 * both in one transaction. Returns the site as the picker lists it.
 *
 * @example await addSiteOnDevice(db, { id: newClientId(), orgCode: '218101', name: '大孟庄法庭', kind: 'DISPATCHED_TRIBUNAL' }, '新增地点 · 大孟庄法庭');
 */
export async function addSiteOnDevice(db: JixiaoDb, site: NewSite, title: string, now: number = Date.now()): Promise<SiteRef> {
  const ref = siteRefOf(site);
  await db.transaction('rw', db.outbox, db.photos, db.reference, async () => {
    await enqueue(db, { clientId: site.id, kind: 'site', payload: site, photoHashes: [], title }, [], now);
    const cached = await db.reference.get('sites');
    const sites = ((cached?.data as SiteRef[] | undefined) ?? []).filter((s) => s.id !== ref.id);
    // Never fetched: fetchedAt 0 keeps "how old is the data" honest.
    await db.reference.put({ name: 'sites', data: [...sites, ref], fetchedAt: cached?.fetchedAt ?? 0 });
  });
  return ref;
}

/**
 * The server's site list with the sites added on this device that have not reached it yet (still
 * in the outbox): a refresh must not take a site away from the picker while it waits to be sent.
 */
export async function withQueuedSites(db: JixiaoDb, sites: SiteRef[]): Promise<SiteRef[]> {
  const queued = (await db.outbox.toArray()).flatMap((record) => (record.kind === 'site' ? [siteRefOf(record.payload)] : []));
  return [...sites, ...queued.filter((site) => !sites.some((s) => s.id === site.id))];
}
