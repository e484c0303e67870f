import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openJixiaoDb } from '../offline/db';
import { fakeGraphql, NOW, PROJECT, SITE, SURVEY } from '../testing/harness';
import { fetchReferenceData, loadReferenceData, saveReferenceData } from './reference-data';

/** A server with `pages` pages of two projects, each with one piece of equipment, an open survey and a closed one. */
function fakeServer(pages: number) {
  const projects = Array.from({ length: pages * 2 }, (_, i) => ({ ...PROJECT, id: `p${i}` }));
  // The server's Survey has no projectId: the device adds it.
  const { projectId, ...survey } = SURVEY;
  return fakeGraphql({
    ReferenceProjects: ({ after, withSites }) => {
      const start = after == null ? 0 : Number(after);
      const nodes = projects.slice(start, start + 2).map((project) => ({
        ...project,
        equipmentItems: [{ id: `e-${project.id}`, projectId: project.id, name: '摄像机', model: null, serialNumber: null, assetTag: null }],
        surveys: [
          { ...survey, id: `open-${project.id}` },
          { ...survey, id: `closed-${project.id}`, closesAt: '2024-01-31T00:00:00Z' },
        ],
      }));
      const end = start + nodes.length;
      return { ...(withSites ? { sites: [SITE] } : {}), projects: { nodes, pageInfo: { hasNextPage: end < projects.length, endCursor: String(end) } } };
    },
  });
}

describe('fetchReferenceData', () => {
  it('follows every page of projects, each with its equipment and surveys, asking for the sites once', async () => {
    const server = fakeServer(3);
    const data = await fetchReferenceData(server.client.request, NOW);
    expect(data.projects.map((p) => p.id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
    expect(data.projects[0]).toEqual({ ...PROJECT, id: 'p0' });
    expect(data.sites).toEqual([SITE]);
    expect(server.calls.map((call) => [call.operation, call.variables])).toEqual([
      ['ReferenceProjects', { after: null, withSites: true }],
      ['ReferenceProjects', { after: '2', withSites: false }],
      ['ReferenceProjects', { after: '4', withSites: false }],
    ]);
    expect(data.equipment.map((e) => e.projectId)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
  });

  it('keeps the surveys still collecting, each with its project', async () => {
    const data = await fetchReferenceData(fakeServer(1).client.request, NOW);
    expect(data.surveys.map((s) => [s.id, s.projectId])).toEqual([
      ['open-p0', 'p0'],
      ['open-p1', 'p1'],
    ]);
  });
});

describe('saveReferenceData / loadReferenceData', () => {
  it('keeps the data with the time it was fetched', async () => {
    const db = openJixiaoDb(`test-${crypto.randomUUID()}`);
    expect(await loadReferenceData(db)).toMatchObject({ fetchedAt: null, data: { projects: [] } });
    const data = await fetchReferenceData(fakeServer(1).client.request, NOW);
    await saveReferenceData(db, data, NOW);
    const loaded = await loadReferenceData(db);
    expect(loaded.fetchedAt).toBe(NOW);
    expect(loaded.data).toEqual(data);
  });
});
