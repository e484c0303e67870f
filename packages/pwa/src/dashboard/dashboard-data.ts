/**
 * The data behind 绩效看板: fetched from the server each time (the dashboard is online only), and the
 * last answer kept per user, unit and year so that a lost connection still shows the last numbers,
 * marked with the time they were fetched.
 */
import { ApiError, type GraphqlClient } from '../graphql/client';
import {
  DASHBOARD,
  DASHBOARD_ORGANIZATIONS,
  DASHBOARD_PROJECT,
  type DashboardIndicatorRef,
  type DashboardProjectRef,
  type OrganizationRef,
  type OrganizationSummary,
} from '../graphql/queries';
import type { DashboardProjectQuery, DashboardQuery } from '../graphql/generated/graphql';
import type { JixiaoDb } from '../offline/db';
import { cacheReference, readReference } from '../offline/local-data';

type Request = GraphqlClient['request'];

export interface DashboardData {
  summary: OrganizationSummary;
  projects: DashboardProjectRef[];
}

export type ProjectSurveyResults = DashboardProjectQuery['project']['surveys'][number];

export interface ProjectDetail {
  indicators: DashboardIndicatorRef[];
  surveys: ProjectSurveyResults[];
}

/** What a screen shows: fresh from the server, or the cached copy and when it was fetched. */
export interface Loaded<T> {
  data: T;
  fetchedAt: number;
  /** The server could not be reached: `data` is the last cached copy. */
  offline: boolean;
}

/** Raised when the server cannot be reached and nothing is cached either. */
export class OfflineWithoutCacheError extends Error {
  constructor() {
    super('offline, nothing cached');
  }
}

export async function fetchOrganizations(request: Request): Promise<OrganizationRef[]> {
  return (await request(DASHBOARD_ORGANIZATIONS)).organizations;
}

/** The unit's summary and every page of its projects (with their spending) for one year. */
export async function fetchDashboard(request: Request, orgCode: string, year: number): Promise<DashboardData> {
  let summary: OrganizationSummary | undefined;
  const projects: DashboardProjectRef[] = [];
  let after: string | null = null;
  do {
    const page: DashboardQuery = await request(DASHBOARD, { orgCode, year, after, withSummary: after === null });
    summary ??= page.organizationSummary;
    projects.push(...page.projects.nodes);
    after = page.projects.pageInfo.hasNextPage ? page.projects.pageInfo.endCursor : null;
  } while (after !== null);
  if (!summary) throw new Error('organizationSummary missing from the answer');
  return { summary, projects };
}

/** A project's indicators, and the answer counts of each of its surveys (one request). */
export async function fetchProjectDetail(request: Request, projectId: string): Promise<ProjectDetail> {
  const { project } = await request(DASHBOARD_PROJECT, { id: projectId });
  return { indicators: project.indicators, surveys: project.surveys };
}

/** Cache keys carry the user: another login on the same phone never sees these numbers. */
export const dashboardCacheKey = (userId: string, orgCode: string, year: number) => `dashboard:${userId}:${orgCode}:${year}`;
export const projectCacheKey = (userId: string, projectId: string) => `dashboard-project:${userId}:${projectId}`;
export const organizationsCacheKey = (userId: string) => `dashboard-orgs:${userId}`;

/**
 * Fetches, caches what came back, and falls back to the cache when the server cannot be reached
 * (any other error — FORBIDDEN, a bad year — is the caller's to show).
 */
export async function loadWithCache<T>(db: JixiaoDb, key: string, fetch: () => Promise<T>, now: () => number): Promise<Loaded<T>> {
  try {
    const data = await fetch();
    const fetchedAt = now();
    // A full disk or private mode only costs the offline copy.
    await cacheReference(db, key, data, fetchedAt).catch(() => undefined);
    return { data, fetchedAt, offline: false };
  } catch (error) {
    if (!(error instanceof ApiError) || !error.transient) throw error;
    const cached = await readReference<T>(db, key).catch(() => undefined);
    if (!cached) throw new OfflineWithoutCacheError();
    return { data: cached.data, fetchedAt: cached.fetchedAt, offline: true };
  }
}
