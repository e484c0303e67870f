import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.js';
import { describeEachApi, TEST_CONFIG, type GraphqlResponse } from '../../test/api.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { issueDeviceToken, verifyDeviceToken } from './device-token.js';
import { SurveyResponse } from './survey.entity.js';
import { addressKey, takeFromBucket } from './survey-rate-limit.js';

const REPAIR_PROJECT = '派出法庭安全隐患维修项目';
const AID_PROJECT = '司法救助金-2023中央';
const DAY = 24 * 3600 * 1000;
const SUBMIT = 'mutation($input: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $input) { id } }';
const RESULTS = `query($id: ID!) {
  surveyResults(surveyId: $id) { responseCount satisfactionRate flaggedCount voidedCount voidReasons { reason count } byChannel { channel count } }
}`;
const RESPONSES = `query($id: ID!, $flagged: Boolean) {
  surveyResponses(surveyId: $id, flaggedOnly: $flagged) { id channel satisfaction flagged flagReason voided voidReason voidedBy }
}`;
const VOID = 'mutation($id: ID!, $reason: String!) { voidSurveyResponse(responseId: $id, reason: $reason) { id voided voidReason voidedBy } }';

interface ErrorView {
  message: string;
  code: unknown;
  field: unknown;
  retryAfterSeconds: unknown;
}

function errorOf(result: GraphqlResponse): ErrorView {
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  const [error] = result.errors!;
  return { message: error.message, code: error.extensions?.code, field: error.extensions?.field, retryAfterSeconds: error.extensions?.retryAfterSeconds };
}

describe('addressKey', () => {
  it.each([
    ['an IPv4 address is itself', '192.168.1.20', '192.168.1.20'],
    ['an IPv4-mapped IPv6 address is the IPv4 address', '::ffff:10.0.0.7', '10.0.0.7'],
    ['an IPv6 address is its /64', '2001:db8:0:12:aaaa:bbbb:cccc:dddd', '2001:db8:0:12::/64'],
    ['a compressed IPv6 address is expanded before taking the /64', '2001:db8::1', '2001:db8:0:0::/64'],
    ['leading zeros do not make another network', '2001:0db8:0000:0012::5', '2001:db8:0:12::/64'],
  ])('%s', (_what, address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe('device tokens', () => {
  it('verify when signed with the secret, and not when forged, altered or signed with another secret', () => {
    const token = issueDeviceToken('secret-a');
    expect(verifyDeviceToken('secret-a', token)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(verifyDeviceToken('secret-b', token)).toBeNull();
    const [prefix, id, signature] = token.split('.');
    expect(verifyDeviceToken('secret-a', `${prefix}.${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}.${signature}`)).toBeNull();
    expect(verifyDeviceToken('secret-a', `${prefix}.${id}.`)).toBeNull();
    expect(verifyDeviceToken('secret-a', `${token}.x`)).toBeNull();
    expect(issueDeviceToken('secret-a')).not.toBe(token);
  });
});

describeEachApi('ballot stuffing of public surveys', (getApi) => {
  let manager: string;
  let inspector: string;
  let otherManager: string;
  let officersIndicator: string;
  let aidIndicator: string;

  const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token: string | null = null) =>
    getApi().gql<T>(query, variables, token);

  const createSurvey = async (overrides: Record<string, unknown> = {}): Promise<{ id: string; publicToken: string }> => {
    const input = {
      indicatorId: aidIndicator,
      title: '受救助人满意度调查',
      audience: 'AID_RECIPIENTS',
      questions: [{ kind: 'SATISFACTION', text: '您对救助工作的总体满意度' }],
      opensAt: new Date(Date.now() - DAY).toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      ...overrides,
    };
    const result = await gql<{ createSurvey: { id: string; publicToken: string } }>(
      'mutation($input: CreateSurveyInput!) { createSurvey(input: $input) { id publicToken } }',
      { input },
      manager,
    );
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!.createSurvey;
  };

  /** A public answer from `address`, by a fresh device unless one is given. */
  const answer = async (publicToken: string, level: string, options: { address?: string; deviceToken?: string; code?: string; server?: App } = {}) => {
    const server = options.server ?? getApi().app;
    const input = {
      clientId: randomUUID(),
      token: publicToken,
      deviceToken: options.deviceToken ?? issueDeviceToken(TEST_CONFIG.secret),
      ...(options.code ? { code: options.code } : {}),
      answers: [{ questionId: 'q1', value: level }],
      collectedAt: new Date().toISOString(),
    };
    const response = await server.server.inject({
      method: 'POST',
      url: '/graphql',
      remoteAddress: options.address ?? '203.0.113.5',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query: SUBMIT, variables: { input } }),
    });
    return JSON.parse(response.body) as GraphqlResponse<{ submitSurveyResponse: { id: string } }>;
  };

  const stored = (surveyId: string) => getApi().db.em.fork().count(SurveyResponse, { survey: surveyId });

  beforeAll(async () => {
    const api = getApi();
    [manager, inspector, otherManager] = await Promise.all(['manager', 'inspector', 'other-manager'].map((name) => api.login(name)));
    type Nodes = { projects: { nodes: Array<{ name: string; indicators: Array<{ id: string; name: string }> }> } };
    const result = await api.gql<Nodes>('{ projects(first: 100) { nodes { name indicators { id name } } } }', {}, manager);
    const indicatorOf = (project: string, name: string) =>
      result.data!.projects.nodes.find((p) => p.name === project)!.indicators.find((i) => i.name === name)!.id;
    officersIndicator = indicatorOf(REPAIR_PROJECT, '干警满意度');
    aidIndicator = indicatorOf(AID_PROJECT, '受救助人满意度');
  });

  describe('rate limits', () => {
    it('accept at most perAddressPerMinute answers from one address, refuse the rest with retryAfterSeconds, and store nothing for them', async () => {
      const survey = await createSurvey({ perAddressPerMinute: 3 });
      const results = [];
      for (let i = 0; i < 6; i += 1) results.push(await answer(survey.publicToken, '满意'));
      expect(results.slice(0, 3).map((result) => result.errors)).toEqual([undefined, undefined, undefined]);
      for (const result of results.slice(3)) {
        const error = errorOf(result);
        expect(error.code).toBe('TOO_MANY_REQUESTS');
        expect(error.message).toMatch(/过于频繁.*每分钟至多 3 份.*秒后再试/);
        expect(error.retryAfterSeconds).toBeGreaterThan(0);
        expect(error.retryAfterSeconds).toBeLessThanOrEqual(20);
      }
      expect(await stored(survey.id)).toBe(3);
      // Another address, and another survey from the same address, have their own limits.
      expect((await answer(survey.publicToken, '满意', { address: '198.51.100.9' })).errors).toBeUndefined();
      const other = await createSurvey({ perAddressPerMinute: 3 });
      expect((await answer(other.publicToken, '满意')).errors).toBeUndefined();
    });

    it('treat the addresses of one IPv6 /64 as one client', async () => {
      const survey = await createSurvey({ perAddressPerMinute: 2 });
      expect((await answer(survey.publicToken, '满意', { address: '2001:db8:1:2::a' })).errors).toBeUndefined();
      expect((await answer(survey.publicToken, '满意', { address: '2001:db8:1:2::b' })).errors).toBeUndefined();
      expect(errorOf(await answer(survey.publicToken, '满意', { address: '2001:db8:1:2:ffff::c' })).code).toBe('TOO_MANY_REQUESTS');
    });

    it('cap the whole survey at perSurveyPerMinute, whatever the addresses', async () => {
      const survey = await createSurvey({ perSurveyPerMinute: 2 });
      expect((await answer(survey.publicToken, '满意', { address: '10.1.0.1' })).errors).toBeUndefined();
      expect((await answer(survey.publicToken, '满意', { address: '10.1.0.2' })).errors).toBeUndefined();
      const error = errorOf(await answer(survey.publicToken, '满意', { address: '10.1.0.3' }));
      expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/此问卷此刻提交的人太多/) });
      expect(await stored(survey.id)).toBe(2);
    });

    it('hold across server processes sharing the database, also when the answers arrive at once', async () => {
      const api = getApi();
      const second = await buildApp(api.db, TEST_CONFIG);
      try {
        const survey = await createSurvey({ perAddressPerMinute: 4 });
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => answer(survey.publicToken, '满意', { server: i % 2 === 0 ? api.app : second })));
        expect(results.filter((result) => !result.errors).length).toBe(4);
        expect(results.filter((result) => result.errors?.[0].extensions?.code === 'TOO_MANY_REQUESTS').length).toBe(8);
        expect(await stored(survey.id)).toBe(4);
      } finally {
        await second.server.close();
      }
    });

    it('refill evenly: a bucket of 2 a minute lets one more through every 30 seconds', async () => {
      const em = getApi().db.em.fork();
      const key = `test:${randomUUID()}`;
      const t0 = Date.now();
      expect(await takeFromBucket(em, key, 2, t0)).toEqual({ allowed: true, previousAt: null });
      expect(await takeFromBucket(em, key, 2, t0 + 1)).toEqual({ allowed: true, previousAt: t0 });
      expect(await takeFromBucket(em, key, 2, t0 + 2)).toEqual({ allowed: false, retryAfterSeconds: 30, previousAt: t0 + 1 });
      expect(await takeFromBucket(em, key, 2, t0 + 29_000)).toEqual({ allowed: false, retryAfterSeconds: 1, previousAt: t0 + 2 });
      expect(await takeFromBucket(em, key, 2, t0 + 30_000)).toEqual({ allowed: true, previousAt: t0 + 29_000 });
      expect(await takeFromBucket(em, key, 2, t0 + 30_001)).toMatchObject({ allowed: false });
      expect(await takeFromBucket(em, key, 2, t0 + 600_000)).toMatchObject({ allowed: true });
      expect(await takeFromBucket(em, key, 2, t0 + 600_001)).toMatchObject({ allowed: true });
    });

    it('do not apply to kiosk answers (signed in, the collector named)', async () => {
      const survey = await createSurvey({ perAddressPerMinute: 1, perSurveyPerMinute: 1 });
      for (let i = 0; i < 4; i += 1) {
        const input = { clientId: randomUUID(), surveyId: survey.id, answers: [{ questionId: 'q1', value: '满意' }], collectedAt: new Date().toISOString() };
        expect((await gql(SUBMIT, { input }, inspector)).errors).toBeUndefined();
      }
    });

    it('default to one answer per device, 5 a minute per address and 60 a minute per survey', async () => {
      const input = {
        indicatorId: aidIndicator,
        title: '调查',
        audience: 'AID_RECIPIENTS',
        questions: [{ kind: 'SATISFACTION', text: '满意度' }],
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + DAY).toISOString(),
      };
      const created = await gql<{ createSurvey: Record<string, unknown> }>(
        'mutation($input: CreateSurveyInput!) { createSurvey(input: $input) { maxResponsesPerDevice perAddressPerMinute perSurveyPerMinute } }',
        { input },
        manager,
      );
      expect(created.data!.createSurvey).toEqual({ maxResponsesPerDevice: 1, perAddressPerMinute: 5, perSurveyPerMinute: 60 });
    });

    it('are checked when the survey is created: out of range is refused naming the field', async () => {
      for (const [field, value] of [
        ['perAddressPerMinute', 0],
        ['perSurveyPerMinute', 10001],
        ['maxResponsesPerDevice', -1],
      ] as const) {
        const input = {
          indicatorId: aidIndicator,
          title: '调查',
          audience: 'AID_RECIPIENTS',
          questions: [{ kind: 'SATISFACTION', text: '满意度' }],
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + DAY).toISOString(),
          [field]: value,
        };
        const error = errorOf(await gql('mutation($input: CreateSurveyInput!) { createSurvey(input: $input) { id } }', { input }, manager));
        expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
      }
    });
  });

  describe('one answer per device', () => {
    it('gives the public page a device token, and refuses the same device answering again with a clear message', async () => {
      const survey = await createSurvey({ perAddressPerMinute: 100 });
      const page = await gql<{ publicSurvey: { deviceToken: string; maxResponsesPerDevice: number } }>(
        'query($t: String!) { publicSurvey(token: $t) { deviceToken maxResponsesPerDevice } }',
        { t: survey.publicToken },
      );
      expect(page.errors).toBeUndefined();
      const { deviceToken, maxResponsesPerDevice } = page.data!.publicSurvey;
      expect(maxResponsesPerDevice).toBe(1);
      expect(verifyDeviceToken(TEST_CONFIG.secret, deviceToken)).not.toBeNull();
      expect((await answer(survey.publicToken, '非常满意', { deviceToken })).errors).toBeUndefined();
      const again = errorOf(await answer(survey.publicToken, '不满意', { deviceToken, address: '198.51.100.77' }));
      expect(again).toMatchObject({ code: 'CONFLICT', field: 'input.deviceToken', message: expect.stringContaining('您已提交过本问卷') });
      expect(await stored(survey.id)).toBe(1);
    });

    it('lets exactly one of ten simultaneous answers from one device through (the unique constraint decides)', async () => {
      const survey = await createSurvey({ perAddressPerMinute: 100 });
      const deviceToken = issueDeviceToken(TEST_CONFIG.secret);
      const results = await Promise.all(Array.from({ length: 10 }, () => answer(survey.publicToken, '满意', { deviceToken })));
      expect(results.filter((result) => !result.errors).length).toBe(1);
      for (const result of results.filter((r) => r.errors)) expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', field: 'input.deviceToken' });
      expect(await stored(survey.id)).toBe(1);
    });

    it('allows as many as maxResponsesPerDevice, or any number with 0', async () => {
      const two = await createSurvey({ perAddressPerMinute: 100, maxResponsesPerDevice: 2 });
      const deviceToken = issueDeviceToken(TEST_CONFIG.secret);
      const results = await Promise.all(Array.from({ length: 5 }, () => answer(two.publicToken, '满意', { deviceToken })));
      expect(results.filter((result) => !result.errors).length).toBe(2);
      expect(errorOf(await answer(two.publicToken, '满意', { deviceToken })).message).toMatch(/至多提交 2 份/);
      const any = await createSurvey({ perAddressPerMinute: 100, maxResponsesPerDevice: 0 });
      for (let i = 0; i < 3; i += 1) expect((await answer(any.publicToken, '满意', { deviceToken })).errors).toBeUndefined();
    });

    it('needs a device token the server signed', async () => {
      const survey = await createSurvey();
      for (const deviceToken of ['', 'jxdev1.AAAAAAAAAAAAAAAAAAAAAA.forged', issueDeviceToken('another-server')]) {
        expect(errorOf(await answer(survey.publicToken, '满意', { deviceToken }))).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'input.deviceToken',
          message: expect.stringMatching(/重新打开问卷链接/),
        });
      }
      expect(await stored(survey.id)).toBe(0);
    });

    it('does not hold answers with a single-use code: the code is the stronger rule', async () => {
      const survey = await createSurvey({ requireCode: true, codeCount: 2 });
      const codes = await gql<{ survey: { codes: Array<{ code: string }> } }>(
        'query($id: ID!) { survey(id: $id) { codes { code } } }',
        { id: survey.id },
        manager,
      );
      const deviceToken = issueDeviceToken(TEST_CONFIG.secret);
      for (const { code } of codes.data!.survey.codes) expect((await answer(survey.publicToken, '满意', { deviceToken, code })).errors).toBeUndefined();
    });
  });

  describe('bursts and voiding', () => {
    it('flags all but one of answers arriving at once from one address', async () => {
      const survey = await createSurvey({ perAddressPerMinute: 100 });
      const results = await Promise.all(Array.from({ length: 6 }, () => answer(survey.publicToken, '满意', { address: '192.0.2.40' })));
      expect(results.filter((result) => result.errors)).toEqual([]);
      const listed = await gql<{ surveyResponses: Array<{ flagReason: string | null }> }>(RESPONSES, { id: survey.id }, manager);
      expect(listed.data!.surveyResponses.filter((response) => response.flagReason === null)).toHaveLength(1);
      expect((await gql<{ surveyResults: { flaggedCount: number } }>(RESULTS, { id: survey.id }, manager)).data!.surveyResults.flaggedCount).toBe(5);
    });

    it('flags an answer that follows another from the same address or device within 30 s, and counts the flags', async () => {
      const survey = await createSurvey({ perAddressPerMinute: 100, maxResponsesPerDevice: 0 });
      const deviceToken = issueDeviceToken(TEST_CONFIG.secret);
      expect((await answer(survey.publicToken, '满意', { address: '192.0.2.1', deviceToken })).errors).toBeUndefined();
      expect((await answer(survey.publicToken, '满意', { address: '192.0.2.1' })).errors).toBeUndefined();
      expect((await answer(survey.publicToken, '满意', { address: '192.0.2.2', deviceToken })).errors).toBeUndefined();
      expect((await answer(survey.publicToken, '满意', { address: '192.0.2.3' })).errors).toBeUndefined();
      const results = await gql<{ surveyResults: Record<string, unknown> }>(RESULTS, { id: survey.id }, manager);
      expect(results.data!.surveyResults).toMatchObject({ responseCount: 4, flaggedCount: 2, voidedCount: 0, voidReasons: [] });
      const flagged = await gql<{ surveyResponses: Array<{ flagReason: string }> }>(RESPONSES, { id: survey.id, flagged: true }, manager);
      expect(flagged.data!.surveyResponses.map((response) => response.flagReason).sort()).toEqual(
        ['同一网络地址 30 秒内连续提交', '同一设备 30 秒内连续提交'].sort(),
      );
      const all = await gql<{ surveyResponses: unknown[] }>(RESPONSES, { id: survey.id }, manager);
      expect(all.data!.surveyResponses).toHaveLength(4);
    });

    it('voids a response: the satisfaction rate and 干警满意度 are recomputed, the results say why, the audit log records it', async () => {
      const survey = await createSurvey({ indicatorId: officersIndicator, title: '干警满意度调查', audience: 'OFFICERS', perAddressPerMinute: 100 });
      await answer(survey.publicToken, '非常满意', { address: '192.0.2.10' });
      await answer(survey.publicToken, '不满意', { address: '192.0.2.11' });
      await answer(survey.publicToken, '不满意', { address: '192.0.2.12' });
      const INDICATOR = 'query($id: ID!) { indicator(id: $id) { actual { value history { value recordedBy } } progress { score } } }';
      type IndicatorView = { indicator: { actual: { value: string; history: Array<{ value: string; recordedBy: string }> }; progress: { score: number } } };
      const before = await gql<IndicatorView>(INDICATOR, { id: officersIndicator }, manager);
      expect(before.data!.indicator.actual.value).toMatch(/^33\.33/);

      const list = await gql<{ surveyResponses: Array<{ id: string; satisfaction: string }> }>(RESPONSES, { id: survey.id }, manager);
      const bad = list.data!.surveyResponses.filter((response) => response.satisfaction === '不满意');
      for (const [i, response] of bad.entries()) {
        const voided = await gql<{ voidSurveyResponse: Record<string, unknown> }>(
          VOID,
          { id: response.id, reason: i === 0 ? '同一人重复作答' : '  同一人重复作答 ' },
          manager,
        );
        expect(voided.errors).toBeUndefined();
        expect(voided.data!.voidSurveyResponse).toEqual({ id: response.id, voided: true, voidReason: '同一人重复作答', voidedBy: 'manager' });
      }
      const results = await gql<{ surveyResults: Record<string, unknown> }>(RESULTS, { id: survey.id }, manager);
      expect(results.data!.surveyResults).toMatchObject({
        responseCount: 1,
        satisfactionRate: 100,
        voidedCount: 2,
        voidReasons: [{ reason: '同一人重复作答', count: 2 }],
      });
      const after = await gql<IndicatorView>(INDICATOR, { id: officersIndicator }, manager);
      expect(after.data!.indicator.actual.value).toBe('100%');
      // 33.33% → 50% → 100%: one new actual per void.
      expect(after.data!.indicator.actual.history[0].value).toBe('100%');
      expect(after.data!.indicator.actual.history.length).toBe(before.data!.indicator.actual.history.length + 2);
      expect(await getApi().db.em.fork().count(AuditEvent, { entity: 'Actual', action: 'derive', actor: 'manager' })).toBeGreaterThan(0);
      expect(after.data!.indicator.progress.score).toBe(10);
      expect(await getApi().db.em.fork().count(AuditEvent, { entity: 'SurveyResponse', entityId: bad[0].id, action: 'update' })).toBe(1);

      // Once only; reason required; managers of the organization only.
      expect(errorOf(await gql(VOID, { id: bad[0].id, reason: '再次' }, manager))).toMatchObject({ code: 'CONFLICT', field: 'responseId' });
      const good = list.data!.surveyResponses.find((response) => response.satisfaction === '非常满意')!;
      expect(errorOf(await gql(VOID, { id: good.id, reason: '   ' }, manager))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(errorOf(await gql(VOID, { id: good.id, reason: '试图作废' }, inspector)).code).toBe('FORBIDDEN');
      expect(errorOf(await gql(VOID, { id: good.id, reason: '试图作废' }, otherManager)).code).toBe('FORBIDDEN');
      expect(errorOf(await gql(VOID, { id: randomUUID(), reason: '试图作废' }, otherManager)).code).toBe('FORBIDDEN');
      expect(errorOf(await gql(RESPONSES, { id: survey.id }, otherManager)).code).toBe('FORBIDDEN');
      expect(errorOf(await gql(RESPONSES, { id: survey.id }, inspector)).code).toBe('FORBIDDEN');
    });
  });
});
