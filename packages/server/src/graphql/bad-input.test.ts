import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachApi, type GraphqlResponse, type TestApi } from '../test/api.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';

const REPAIR_PROJECT = '派出法庭安全隐患维修项目';
const UNKNOWN_ID = '5b0f4a9e-2c7d-4e8a-9f1b-3d6c8e2a7b40';

const RECORD_ACTUAL = 'mutation($input: RecordActualInput!) { recordActual(input: $input) { id actual { value } } }';
const RECORD_SPENDING = 'mutation($input: RecordSpendingInput!) { recordSpending(input: $input) { id spent } }';
const SET_WEIGHTS = 'mutation($projectId: ID!, $weights: [IndicatorWeightInput!]!) { setIndicatorWeights(projectId: $projectId, weights: $weights) { id } }';

interface Ids {
  repairProject: string;
  otherProject: string;
  /** Repair project indicators by name. */
  indicator: Record<string, string>;
  /** The two 效益指标 of the repair project. */
  benefit: [string, string];
}

const STATE = `query($id: ID!) {
  project(id: $id) {
    spent
    indicators { id customWeight deviationNote actual { value tier ratio history { value } } }
    evaluation { score }
  }
}`;

describeEachApi('bad inputs', (getApi) => {
  let token: string;
  let ids: Ids;

  beforeAll(async () => {
    const api = getApi();
    token = await api.login('manager');
    type Nodes = { projects: { nodes: Array<{ id: string; name: string; indicators: Array<{ id: string; name: string; level1: string }> }> } };
    const result = await api.gql<Nodes>('{ projects { nodes { id name indicators { id name level1 } } } }', {}, token);
    const repair = result.data!.projects.nodes.find((project) => project.name === REPAIR_PROJECT)!;
    const benefit = repair.indicators.filter((indicator) => indicator.level1 === '效益指标').map((indicator) => indicator.id);
    ids = {
      repairProject: repair.id,
      otherProject: result.data!.projects.nodes.find((project) => project.name !== REPAIR_PROJECT)!.id,
      indicator: Object.fromEntries(repair.indicators.map((indicator) => [indicator.name, indicator.id])),
      benefit: [benefit[0], benefit[1]],
    };
  });

  async function state(api: TestApi): Promise<unknown> {
    const result = await api.gql(STATE, { id: ids.repairProject }, token);
    expect(result.errors).toBeUndefined();
    return { project: result.data, auditEvents: await api.db.em.fork().count(AuditEvent, {}) };
  }

  /** Runs an operation that must fail with one error, and checks the project and the audit log did not change. */
  async function rejected(query: string, variables: Record<string, unknown>): Promise<{ message: string; extensions: Record<string, unknown> }> {
    const api = getApi();
    const before = await state(api);
    const result: GraphqlResponse = await api.gql(query, variables, token);
    expect(result.errors, JSON.stringify(result)).toHaveLength(1);
    expect(result.data ?? null).toBeNull();
    expect(await state(api)).toEqual(before);
    const [error] = result.errors!;
    return { message: error.message, extensions: error.extensions ?? {} };
  }

  describe('recordActual', () => {
    const actual = (indicator: string, input: Record<string, unknown>) => ({ input: { indicatorId: ids.indicator[indicator], ...input } });

    it('answers an unknown indicator as FORBIDDEN, revealing nothing', async () => {
      expect(await rejected(RECORD_ACTUAL, { input: { indicatorId: UNKNOWN_ID, value: '6个' } })).toEqual({
        message: '无权访问，或对象不存在',
        extensions: { code: 'FORBIDDEN' },
      });
    });

    it('refuses a unit that cannot be converted, naming both units', async () => {
      const error = await rejected(RECORD_ACTUAL, actual('维修法庭和办公室数量', { value: '6件' }));
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.value' });
      expect(error.message).toBe('单位“件”无法换算为目标值的单位“个”');
    });

    it.each([
      ['a month name', '九月', '“九月”不是有效日期，请写成“2023-09-20”或“2023年9月20日”'],
      ['a day that does not exist', '2023-02-30', '“2023-02-30”不是有效日期，请写成“2023-09-20”或“2023年9月20日”'],
      ['a number', '5个', '“5个”不是有效日期，请写成“2023-09-20”或“2023年9月20日”'],
    ])('refuses %s as the completion date of a deadline target', async (_, value, message) => {
      const error = await rejected(RECORD_ACTUAL, actual('工程完工时间节点', { value }));
      expect(error).toEqual({ message, extensions: { code: 'BAD_USER_INPUT', field: 'input.value' } });
    });

    it.each([
      ['words', '很多', '“很多”不是有效数值，请写成如“5个”“96%”“28.5万元”'],
      ['a comparator', '≥6个', '实际完成值“≥6个”不应带比较符，请只写数值和单位'],
      ['nothing', '   ', '请填写实际完成值'],
    ])('refuses %s as a quantitative value', async (_, value, message) => {
      const error = await rejected(RECORD_ACTUAL, actual('维修法庭和办公室数量', { value }));
      expect(error).toEqual({ message, extensions: { code: 'BAD_USER_INPUT', field: 'input.value' } });
    });

    it('refuses a number followed by words instead of silently dropping the words', async () => {
      // "6个左右" is not 6个: the domain drops "左右" with a warning that parseActual never reports.
      const error = await rejected(RECORD_ACTUAL, actual('维修法庭和办公室数量', { value: '6个左右' }));
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.value' });
      expect(error.message).toContain('6个左右');
    });

    it('refuses a qualitative indicator without a tier', async () => {
      const error = await rejected(RECORD_ACTUAL, actual('保证办公用房质量', { value: '已充分解决' }));
      expect(error).toEqual({
        message: '定性指标须选择达成等级：达成、部分达成或未达成',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.tier' },
      });
    });

    it.each([
      ['ACHIEVED', 0.5, '“达成”的得分比例应在 0.8 到 1 之间，实际为 0.5'],
      ['ACHIEVED', 1.2, '“达成”的得分比例应在 0.8 到 1 之间，实际为 1.2'],
      ['PARTIAL', 0.9, '“部分达成”的得分比例应在 0.6 到 0.8 之间，实际为 0.9'],
      ['NOT_ACHIEVED', -0.1, '“未达成”的得分比例应在 0 到 0.6 之间，实际为 -0.1'],
    ])('refuses tier %s with ratio %s', async (tier, ratio, message) => {
      const error = await rejected(RECORD_ACTUAL, actual('保证办公用房质量', { tier, ratio }));
      expect(error).toEqual({ message, extensions: { code: 'BAD_USER_INPUT', field: 'input.ratio' } });
    });

    it('refuses a ratio without a tier', async () => {
      const error = await rejected(RECORD_ACTUAL, actual('维修法庭和办公室数量', { value: '6个', ratio: 0.9 }));
      expect(error).toEqual({ message: '给出得分比例时须同时选择达成等级', extensions: { code: 'BAD_USER_INPUT', field: 'input.tier' } });
    });

    it('refuses a tier that does not exist before running anything', async () => {
      const error = await rejected(RECORD_ACTUAL, actual('保证办公用房质量', { tier: 'EXCELLENT' }));
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('"EXCELLENT" does not exist in "Tier" enum');
    });

    it.each([
      ['value', { value: '6'.repeat(201) }, 200, 201],
      ['note', { value: '6个', note: '注'.repeat(2001) }, 2000, 2001],
      ['clientId', { value: '6个', clientId: 'c'.repeat(65) }, 64, 65],
    ])('refuses a %s that is too long', async (field, input, max, length) => {
      const error = await rejected(RECORD_ACTUAL, actual('维修法庭和办公室数量', input));
      expect(error).toEqual({
        message: `input.${field} 最长 ${max} 个字符，实际为 ${length}`,
        extensions: { code: 'BAD_USER_INPUT', field: `input.${field}` },
      });
    });

    it('still accepts a good value afterwards (the rejections above are about the values)', async () => {
      const result = await getApi().gql(RECORD_ACTUAL, actual('维修法庭和办公室数量', { value: '6' }), token);
      expect(result.data).toEqual({ recordActual: { id: ids.indicator['维修法庭和办公室数量'], actual: { value: '6' } } });
    });
  });

  describe('recordSpending', () => {
    const spending = (input: Record<string, unknown>) => ({ input: { projectId: ids.repairProject, amount: 1.5, date: '2023-09-20', ...input } });

    it.each([
      ['negative', -5, '支出金额应为大于 0 的数（万元），实际为 -5'],
      ['zero', 0, '支出金额应为大于 0 的数（万元），实际为 0'],
    ])('refuses a %s amount', async (_, amount, message) => {
      expect(await rejected(RECORD_SPENDING, spending({ amount }))).toEqual({ message, extensions: { code: 'BAD_USER_INPUT', field: 'input.amount' } });
    });

    it('refuses an amount too large to store exactly as a bad input, not a server error', async () => {
      const error = await rejected(RECORD_SPENDING, spending({ amount: 1e13 }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    });

    it('refuses a positive amount smaller than one 分, which would be stored as 0', async () => {
      // 0.0000001 万元 = 0.001 元: "greater than 0" but rounds to 0 分.
      const error = await rejected(RECORD_SPENDING, spending({ amount: 0.0000001 }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    });

    it('refuses an amount that is not a number before running anything', async () => {
      const error = await rejected(RECORD_SPENDING, spending({ amount: '十万' }));
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('Float cannot represent non numeric value: "十万"');
    });

    it.each([
      ['a month name', '九月'],
      ['a day that does not exist', '2023-02-30'],
      ['a month without a day', '2023-09'],
      ['a date range', '2023年9月前'],
    ])('refuses %s as the date', async (_, date) => {
      expect(await rejected(RECORD_SPENDING, spending({ date }))).toEqual({
        message: `支出日期“${date}”无效，请写成“2023-09-20”或“2023年9月20日”`,
        extensions: { code: 'BAD_USER_INPUT', field: 'input.date' },
      });
    });

    it.each([
      ['note', { note: '注'.repeat(2001) }, 2000, 2001],
      ['clientId', { clientId: 'c'.repeat(65) }, 64, 65],
    ])('refuses a %s that is too long', async (field, input, max, length) => {
      expect(await rejected(RECORD_SPENDING, spending(input))).toEqual({
        message: `input.${field} 最长 ${max} 个字符，实际为 ${length}`,
        extensions: { code: 'BAD_USER_INPUT', field: `input.${field}` },
      });
    });

    it('answers an unknown project as FORBIDDEN', async () => {
      expect(await rejected(RECORD_SPENDING, spending({ projectId: UNKNOWN_ID }))).toEqual({
        message: '无权访问，或对象不存在',
        extensions: { code: 'FORBIDDEN' },
      });
    });

    it('accepts both date spellings', async () => {
      const api = getApi();
      type Spent = { recordSpending: { spent: number } };
      const first = await api.gql<Spent>(RECORD_SPENDING, spending({ amount: 1.25, date: '2023年9月20日' }), token);
      const second = await api.gql<Spent>(RECORD_SPENDING, spending({ amount: 1.25, date: '2023-9-21' }), token);
      expect(first.errors).toBeUndefined();
      expect(second.data!.recordSpending.spent - first.data!.recordSpending.spent).toBe(1.25);
    });
  });

  describe('projects', () => {
    it.each([
      ['first: 101', { first: 101 }, 'first', 'first 应为 1 到 100 之间的整数，实际为 101'],
      ['first: 0', { first: 0 }, 'first', 'first 应为 1 到 100 之间的整数，实际为 0'],
      ['first: -1', { first: -1 }, 'first', 'first 应为 1 到 100 之间的整数，实际为 -1'],
      ['a made-up cursor', { after: 'garbage' }, 'after', 'after 不是有效的分页游标，请使用上一页返回的 pageInfo.endCursor'],
      [
        'a cursor of another shape',
        { after: Buffer.from('o:-1').toString('base64url') },
        'after',
        'after 不是有效的分页游标，请使用上一页返回的 pageInfo.endCursor',
      ],
      ['an empty cursor', { after: '' }, 'after', 'after 不是有效的分页游标，请使用上一页返回的 pageInfo.endCursor'],
      ['a two-digit year', { year: 23 }, 'year', 'year 应为四位年份，实际为 23'],
    ])('refuses %s', async (_, variables, field, message) => {
      const result = await getApi().gql(
        'query($first: Int, $after: String, $year: Int) { projects(first: $first, after: $after, year: $year) { totalCount } }',
        variables,
        token,
      );
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', field } })]);
    });

    it('refuses a year out of range in organizationSummary', async () => {
      const result = await getApi().gql('{ organizationSummary(orgCode: "218101", year: 20230) { projectCount } }', {}, token);
      expect(result.errors).toEqual([
        expect.objectContaining({ message: 'year 应为四位年份，实际为 20230', extensions: { code: 'BAD_USER_INPUT', field: 'year' } }),
      ]);
    });
  });

  describe('setIndicatorWeights', () => {
    it('refuses weights that do not add up to the level’s points', async () => {
      const error = await rejected(SET_WEIGHTS, {
        projectId: ids.repairProject,
        weights: [
          { indicatorId: ids.benefit[0], weight: 20 },
          { indicatorId: ids.benefit[1], weight: 5 },
        ],
      });
      expect(error).toEqual({ message: '效益指标的分值合计应为 30，实际为 25', extensions: { code: 'BAD_USER_INPUT', field: 'weights' } });
    });

    it('refuses weights for only part of a level', async () => {
      const error = await rejected(SET_WEIGHTS, { projectId: ids.repairProject, weights: [{ indicatorId: ids.benefit[0], weight: 30 }] });
      expect(error).toEqual({ message: '效益指标的分值须全部设定或全部不设定', extensions: { code: 'BAD_USER_INPUT', field: 'weights' } });
    });

    it('refuses a negative weight, naming the entry', async () => {
      const error = await rejected(SET_WEIGHTS, {
        projectId: ids.repairProject,
        weights: [
          { indicatorId: ids.benefit[0], weight: 35 },
          { indicatorId: ids.benefit[1], weight: -5 },
        ],
      });
      expect(error).toEqual({ message: '分值应为不小于 0 的数，实际为 -5', extensions: { code: 'BAD_USER_INPUT', field: 'weights[1].weight' } });
    });

    it('refuses an indicator of another project, naming the entry', async () => {
      const api = getApi();
      const other = await api.gql<{ project: { indicators: Array<{ id: string }> } }>(
        'query($id: ID!) { project(id: $id) { indicators { id } } }',
        { id: ids.otherProject },
        token,
      );
      const foreign = other.data!.project.indicators[0].id;
      const error = await rejected(SET_WEIGHTS, {
        projectId: ids.repairProject,
        weights: [
          { indicatorId: ids.benefit[0], weight: 15 },
          { indicatorId: foreign, weight: 15 },
        ],
      });
      expect(error).toEqual({
        message: `指标 ${foreign} 不属于项目“${REPAIR_PROJECT}”`,
        extensions: { code: 'BAD_USER_INPUT', field: 'weights[1].indicatorId' },
      });
    });
  });

  describe('setDeviationNote', () => {
    it('refuses a note longer than 2000 characters', async () => {
      const error = await rejected('mutation($id: ID!, $note: String) { setDeviationNote(indicatorId: $id, note: $note) { id } }', {
        id: ids.indicator['维修法庭和办公室数量'],
        note: '偏'.repeat(2001),
      });
      expect(error).toEqual({ message: 'note 最长 2000 个字符，实际为 2001', extensions: { code: 'BAD_USER_INPUT', field: 'note' } });
    });
  });
});
