import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeEachApi } from '../../test/api.js';

const PROJECTS = `query($year: Int) {
  projects(year: $year, first: 100) { nodes { id name spent spendings { id date amount note recordedAt recordedBy } } }
}`;
const PROJECT = `query($id: ID!) { project(id: $id) { spent spendings { date amount } } }`;
const RECORD = `mutation($input: RecordSpendingInput!) { recordSpending(input: $input) { id spent } }`;

interface SpendingRow {
  id: string;
  date: string;
  amount: number;
  note: string | null;
  recordedAt: string;
  recordedBy: string | null;
}
interface Projects {
  projects: { nodes: Array<{ id: string; name: string; spent: number; spendings: SpendingRow[] }> };
}

const REPAIR = '派出法庭安全隐患维修项目';

describeEachApi('Project.spendings', (getApi) => {
  let manager: string;
  let byName: Map<string, string>;

  beforeAll(async () => {
    manager = await getApi().login('manager');
    const listed = await getApi().gql<Projects>(`query { projects(year: 2023, first: 100) { nodes { id name spent spendings { id } } } }`, {}, manager);
    byName = new Map(listed.data!.projects.nodes.map((node) => [node.name, node.id]));
    const record = async (name: string, amount: number, date: string, note?: string) => {
      const result = await getApi().gql(RECORD, { input: { projectId: byName.get(name), amount, date, note, clientId: randomUUID() } }, manager);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    };
    // Recorded out of order, one in the Chinese date form.
    await record(REPAIR, 80.5, '2023-09-20', '二期工程款');
    await record(REPAIR, 120, '2023年3月5日', '预付款');
    await record(REPAIR, 0.25, '2023-12-31');
    const [, second] = [...byName.keys()].filter((name) => name !== REPAIR);
    await record(second, 7, '2023-06-30');
  });

  it('lists each project’s spending by date, in 万元, adding up to spent', async () => {
    const { data, errors } = await getApi().gql<Projects>(PROJECTS, { year: 2023 }, manager);
    expect(errors).toBeUndefined();
    const repair = data!.projects.nodes.find((node) => node.name === REPAIR)!;
    expect(repair.spendings.map(({ date, amount, note, recordedBy }) => ({ date, amount, note, recordedBy }))).toEqual([
      { date: '2023-03-05', amount: 120, note: '预付款', recordedBy: 'manager' },
      { date: '2023-09-20', amount: 80.5, note: '二期工程款', recordedBy: 'manager' },
      { date: '2023-12-31', amount: 0.25, note: null, recordedBy: 'manager' },
    ]);
    expect(repair.spent).toBe(200.75);
    for (const row of repair.spendings) expect(Number.isNaN(Date.parse(row.recordedAt))).toBe(false);
    for (const node of data!.projects.nodes) {
      expect(
        node.spendings.reduce((sum, row) => sum + row.amount, 0),
        node.name,
      ).toBeCloseTo(node.spent, 6);
    }
    expect(data!.projects.nodes.filter((node) => node.spendings.length === 0).length).toBe(data!.projects.nodes.length - 2);
  });

  it('reads the spending of a whole page in one statement', async () => {
    const { result, queries } = await getApi().db.captureQueries(() => getApi().gql<Projects>(PROJECTS, { year: 2023 }, manager));
    expect(result.errors).toBeUndefined();
    expect(result.data!.projects.nodes.length).toBeGreaterThan(1);
    expect(queries.filter((sql) => /from\s+"?spending"?\s+s\b/i.test(sql))).toHaveLength(1);
  });

  it('answers for one project, and for a read-only viewer too', async () => {
    const viewer = await getApi().login('viewer');
    const { data, errors } = await getApi().gql<{ project: { spent: number; spendings: Array<{ date: string; amount: number }> } }>(
      PROJECT,
      { id: byName.get(REPAIR) },
      viewer,
    );
    expect(errors).toBeUndefined();
    expect(data!.project.spendings).toEqual([
      { date: '2023-03-05', amount: 120 },
      { date: '2023-09-20', amount: 80.5 },
      { date: '2023-12-31', amount: 0.25 },
    ]);
  });

  it('shows nothing of another unit’s projects', async () => {
    const other = await getApi().login('other-manager');
    const { data } = await getApi().gql<Projects>(PROJECTS, { year: 2023 }, other);
    expect(data!.projects.nodes.length).toBeGreaterThan(0);
    expect(data!.projects.nodes.flatMap((node) => node.spendings)).toEqual([]);
    const denied = await getApi().gql(PROJECT, { id: byName.get(REPAIR) }, other);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
