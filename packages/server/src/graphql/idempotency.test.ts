import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachApi, type GraphqlResponse } from '../test/api.js';
import { Actual } from '../modules/actual/actual.entity.js';
import { Spending } from '../modules/spending/spending.entity.js';

const REPAIR_PROJECT = '派出法庭安全隐患维修项目';

const RECORD_ACTUAL = 'mutation($input: RecordActualInput!) { recordActual(input: $input) { id actual { value note history { value } } } }';
const RECORD_SPENDING = 'mutation($input: RecordSpendingInput!) { recordSpending(input: $input) { id spent } }';

type ActualResult = { recordActual: { id: string; actual: { value: string; note: string | null; history: Array<{ value: string }> } } };
type SpendingResult = { recordSpending: { id: string; spent: number } };

function conflictOf(result: GraphqlResponse): { message: string; extensions: Record<string, unknown> } {
  expect(result.data ?? null).toBeNull();
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  return { message: result.errors![0].message, extensions: result.errors![0].extensions ?? {} };
}

/**
 * docs/api.md "Field evidence and the sync protocol": the same clientId with the same content returns the stored record;
 * with different content it is a CONFLICT naming the field.
 */
describeEachApi('idempotency on clientId', (getApi) => {
  let token: string;
  let repairProject: string;
  let otherProject: string;
  /** Indicator name → id, in the repair project. */
  let indicator: Record<string, string>;

  beforeAll(async () => {
    const api = getApi();
    token = await api.login('manager');
    type Nodes = { projects: { nodes: Array<{ id: string; name: string; indicators: Array<{ id: string; name: string }> }> } };
    const result = await api.gql<Nodes>('{ projects { nodes { id name indicators { id name } } } }', {}, token);
    const repair = result.data!.projects.nodes.find((project) => project.name === REPAIR_PROJECT)!;
    repairProject = repair.id;
    otherProject = result.data!.projects.nodes.find((project) => project.name !== REPAIR_PROJECT)!.id;
    indicator = Object.fromEntries(repair.indicators.map((item) => [item.name, item.id]));
  });

  const spentOf = async (projectId: string): Promise<number> => {
    const result = await getApi().gql<{ project: { spent: number } }>('query($id: ID!) { project(id: $id) { spent } }', { id: projectId }, token);
    return result.data!.project.spent;
  };
  const historyOf = async (indicatorId: string): Promise<string[]> => {
    const result = await getApi().gql<{ indicator: { actual: { history: Array<{ value: string }> } | null } }>(
      'query($id: ID!) { indicator(id: $id) { actual { history { value } } } }',
      { id: indicatorId },
      token,
    );
    return result.data!.indicator.actual?.history.map((entry) => entry.value) ?? [];
  };

  describe('recordActual', () => {
    it('stores a record sent twice once, and answers both times', async () => {
      const api = getApi();
      const clientId = randomUUID();
      const input = { indicatorId: indicator['维修法庭和办公室数量'], value: '5个', note: '现场核实', clientId };
      const first = await api.gql<ActualResult>(RECORD_ACTUAL, { input }, token);
      const second = await api.gql<ActualResult>(RECORD_ACTUAL, { input }, token);
      expect(first.errors).toBeUndefined();
      expect(second).toEqual(first);
      expect(first.data!.recordActual.actual).toEqual({ value: '5个', note: '现场核实', history: [{ value: '5个' }] });
      expect(await api.db.em.fork().count(Actual, { clientId })).toBe(1);
    });

    it('treats surrounding spaces as the same content', async () => {
      const api = getApi();
      const clientId = randomUUID();
      const indicatorId = indicator['维修质量达标率'];
      await api.gql(RECORD_ACTUAL, { input: { indicatorId, value: '96%', clientId } }, token);
      const again = await api.gql<ActualResult>(RECORD_ACTUAL, { input: { indicatorId, value: ' 96% ', note: '  ', clientId } }, token);
      expect(again.errors).toBeUndefined();
      expect(await historyOf(indicatorId)).toEqual(['96%']);
    });

    it.each([
      ['value', { value: '4个' }, 'input.value'],
      ['note', { note: '复核后修改' }, 'input.note'],
      ['indicator', { indicatorId: 'OTHER' }, 'input.indicatorId'],
    ])('refuses the same clientId with a different %s as a CONFLICT naming the field', async (_, change, field) => {
      const api = getApi();
      const clientId = randomUUID();
      const indicatorId = indicator['维修法庭和办公室数量'];
      const input = { indicatorId, value: '3个', note: '首次录入', clientId };
      expect((await api.gql(RECORD_ACTUAL, { input }, token)).errors).toBeUndefined();
      const historyBefore = await historyOf(indicatorId);

      const changed = { ...input, ...change };
      if (changed.indicatorId === 'OTHER') changed.indicatorId = indicator['维修质量达标率'];
      if (field === 'input.indicatorId') changed.value = '3%';
      const otherHistoryBefore = await historyOf(indicator['维修质量达标率']);
      const error = conflictOf(await api.gql(RECORD_ACTUAL, { input: changed }, token));
      expect(error.extensions).toEqual({ code: 'CONFLICT', field });
      expect(error.message).toBe(`clientId ${clientId} 已用于另一条实际值记录，其 ${field.slice('input.'.length)} 不同`);
      expect(await historyOf(indicatorId)).toEqual(historyBefore);
      expect(await historyOf(indicator['维修质量达标率'])).toEqual(otherHistoryBefore);
      expect(await api.db.em.fork().count(Actual, { clientId })).toBe(1);
    });

    it('stores a record sent twice at the same moment once', async () => {
      const api = getApi();
      const clientId = randomUUID();
      const indicatorId = indicator['工程完工时间节点'];
      const input = { indicatorId, value: '2023-09-20', clientId };
      const results = await Promise.all([api.gql(RECORD_ACTUAL, { input }, token), api.gql(RECORD_ACTUAL, { input }, token)]);
      for (const result of results) expect(result.errors).toBeUndefined();
      expect(await historyOf(indicatorId)).toEqual(['2023-09-20']);
      expect(await api.db.em.fork().count(Actual, { clientId })).toBe(1);
    });

    it('stores records without a clientId each time', async () => {
      const api = getApi();
      const indicatorId = indicator['干警满意度'];
      await api.gql(RECORD_ACTUAL, { input: { indicatorId, value: '96%' } }, token);
      await api.gql(RECORD_ACTUAL, { input: { indicatorId, value: '96%' } }, token);
      expect(await historyOf(indicatorId)).toEqual(['96%', '96%']);
    });
  });

  describe('recordSpending', () => {
    it('counts a spending sent twice once', async () => {
      const api = getApi();
      const clientId = randomUUID();
      const before = await spentOf(repairProject);
      const input = { projectId: repairProject, amount: 2.5, date: '2023-09-20', note: '瓦工', clientId };
      const first = await api.gql<SpendingResult>(RECORD_SPENDING, { input }, token);
      const second = await api.gql<SpendingResult>(RECORD_SPENDING, { input }, token);
      expect(first.errors).toBeUndefined();
      expect(first.data!.recordSpending.spent).toBe(before + 2.5);
      expect(second).toEqual(first);
      expect(await spentOf(repairProject)).toBe(before + 2.5);
      expect(await api.db.em.fork().count(Spending, { clientId })).toBe(1);
    });

    it('treats the two date spellings of one day as the same content', async () => {
      const api = getApi();
      const clientId = randomUUID();
      const before = await spentOf(repairProject);
      await api.gql(RECORD_SPENDING, { input: { projectId: repairProject, amount: 1, date: '2023-09-20', clientId } }, token);
      const again = await api.gql(RECORD_SPENDING, { input: { projectId: repairProject, amount: 1, date: '2023年9月20日', clientId } }, token);
      expect(again.errors).toBeUndefined();
      expect(await spentOf(repairProject)).toBe(before + 1);
    });

    it('treats an amount finer than one 分 the same when it is sent again', async () => {
      // 0.1234567 万元 is stored as 1234.57 元; the retry is the very same record.
      const api = getApi();
      const clientId = randomUUID();
      const input = { projectId: repairProject, amount: 0.1234567, date: '2023-09-20', clientId };
      const first = await api.gql(RECORD_SPENDING, { input }, token);
      const second = await api.gql(RECORD_SPENDING, { input }, token);
      // Either refused as a bad amount both times, or stored once and answered both times — never a CONFLICT.
      expect(second.errors?.[0]?.extensions?.code).not.toBe('CONFLICT');
      expect(second).toEqual(first);
      expect(await api.db.em.fork().count(Spending, { clientId })).toBeLessThanOrEqual(1);
    });

    it.each([
      ['amount', { amount: 3 }, 'input.amount'],
      ['date', { date: '2023-09-21' }, 'input.date'],
      ['note', { note: '木工' }, 'input.note'],
      ['project', { projectId: 'OTHER' }, 'input.projectId'],
    ])('refuses the same clientId with a different %s as a CONFLICT naming the field', async (_, change, field) => {
      const api = getApi();
      const clientId = randomUUID();
      const input = { projectId: repairProject, amount: 2, date: '2023-09-20', note: '瓦工', clientId };
      expect((await api.gql(RECORD_SPENDING, { input }, token)).errors).toBeUndefined();
      const before = [await spentOf(repairProject), await spentOf(otherProject)];

      const changed = { ...input, ...change };
      if (changed.projectId === 'OTHER') changed.projectId = otherProject;
      const error = conflictOf(await api.gql(RECORD_SPENDING, { input: changed }, token));
      expect(error.extensions).toEqual({ code: 'CONFLICT', field });
      expect(error.message).toBe(`clientId ${clientId} 已用于另一笔支出，其 ${field.slice('input.'.length)} 不同`);
      expect([await spentOf(repairProject), await spentOf(otherProject)]).toEqual(before);
      expect(await api.db.em.fork().count(Spending, { clientId })).toBe(1);
    });

    it('counts a spending sent twice at the same moment once', async () => {
      const api = getApi();
      const clientId = randomUUID();
      const before = await spentOf(otherProject);
      const input = { projectId: otherProject, amount: 4, date: '2023-10-08', clientId };
      const results = await Promise.all([api.gql(RECORD_SPENDING, { input }, token), api.gql(RECORD_SPENDING, { input }, token)]);
      for (const result of results) expect(result.errors).toBeUndefined();
      expect(await spentOf(otherProject)).toBe(before + 4);
    });
  });
});
