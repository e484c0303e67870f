import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openJixiaoDb } from '../offline/db';
import { NOW, PROJECT, SITE, SURVEY } from '../testing/harness';
import { fetchReferenceData, loadReferenceData, saveReferenceData } from './reference-data';

function fakeServer(pages: number) {
  const calls: Array<{ query: string; variables: Record<string, unknown> }> = [];
  const projects = Array.from({ length: pages * 2 }, (_, i) => ({ ...PROJECT, id: `p${i}` }));
  const request = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    calls.push({ query, variables });
    if (query.includes('ReferenceProjects')) {
      const start = variables.after === null ? 0 : Number(variables.after);
      const nodes = projects.slice(start, start + 2);
      const end = start + nodes.length;
      return { sites: [SITE], projects: { nodes, pageInfo: { hasNextPage: end < projects.length, endCursor: String(end) } } } as T;
    }
    const result: Record<string, unknown> = {};
    for (const [name, id] of Object.entries(variables)) {
      const i = name.slice(1);
      result[`e${i}`] = [{ id: `e-${id}`, projectId: id, name: '摄像机', model: null, serialNumber: null, assetTag: null }];
      // The server's Survey has no projectId: the device adds it.
      const survey = Object.fromEntries(Object.entries(SURVEY).filter(([key]) => key !== 'projectId'));
      result[`s${i}`] = [
        { ...survey, id: `open-${id}` },
        { ...survey, id: `closed-${id}`, closesAt: '2024-01-31T00:00:00Z' },
      ];
    }
    return result as T;
  };
  return { request, calls };
}

describe('fetchReferenceData', () => {
  it('follows every page of projects, then fetches equipment and surveys in one request per batch', async () => {
    const server = fakeServer(3);
    const data = await fetchReferenceData(server.request, NOW);
    expect(data.projects.map((p) => p.id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
    expect(data.sites).toEqual([SITE]);
    expect(server.calls.filter((c) => c.query.includes('ReferenceProjects'))).toHaveLength(3);
    expect(server.calls.filter((c) => c.query.includes('ProjectExtras'))).toHaveLength(1);
    expect(data.equipment.map((e) => e.projectId)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
  });

  it('keeps the surveys still collecting, each with its project', async () => {
    const data = await fetchReferenceData(fakeServer(1).request, NOW);
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
    const data = await fetchReferenceData(fakeServer(1).request, NOW);
    await saveReferenceData(db, data, NOW);
    const loaded = await loadReferenceData(db);
    expect(loaded.fetchedAt).toBe(NOW);
    expect(loaded.data).toEqual(data);
  });
});
