import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachApi, TEST_CONFIG, type GraphqlResponse } from '../../test/api.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { issueDeviceToken } from './device-token.js';
import { Survey, SurveyResponse } from './survey.entity.js';

const REPAIR_PROJECT = '派出法庭安全隐患维修项目';
const AID_PROJECT = '司法救助金-2023中央';
const DAY = 24 * 3600 * 1000;

const CREATE = `mutation($input: CreateSurveyInput!) {
  createSurvey(input: $input) { id title audience method isOpen requireCode publicToken questions { id kind text options required } codes { code used } }
}`;
const SUBMIT = 'mutation($input: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $input) { id clientId surveyId receivedAt } }';
const RESULTS = `query($id: ID!) {
  surveyResults(surveyId: $id) {
    surveyId responseCount satisfactionRate method
    questions { questionId kind answeredCount counts { option count } latestTexts }
    byChannel { channel count }
  }
}`;
const INDICATOR = 'query($id: ID!) { indicator(id: $id) { source actual { value history { value recordedBy } } progress { score met } } }';

interface SurveyView {
  id: string;
  publicToken: string;
  isOpen: boolean;
  questions: Array<{ id: string; kind: string; options: string[]; required: boolean }>;
  codes: Array<{ code: string; used: boolean }>;
}
interface Receipt {
  id: string;
  clientId: string;
  surveyId: string;
  receivedAt: string;
}

const QUESTIONS = [
  { kind: 'SATISFACTION', text: '您对法庭维修工程的总体满意度' },
  { kind: 'SINGLE_CHOICE', text: '您的岗位', options: ['审判', '执行', '行政'] },
  { kind: 'TEXT', text: '意见和建议', required: false },
];

function errorOf(result: GraphqlResponse): { message: string; code: unknown; field: unknown } {
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  const [error] = result.errors!;
  return { message: error.message, code: error.extensions?.code, field: error.extensions?.field };
}

function answers(level: string, post = '审判', text?: string) {
  return [{ questionId: 'q1', value: level }, { questionId: 'q2', value: post }, ...(text === undefined ? [] : [{ questionId: 'q3', value: text }])];
}

describeEachApi('surveys', (getApi) => {
  let manager: string;
  let inspector: string;
  let viewer: string;
  let otherManager: string;
  /** 干警满意度 of the repair project: ≥95%, 10 points, source SURVEY. */
  let officersIndicator: string;
  /** 受救助人满意度 of the aid project, for the tests that must not move 干警满意度. */
  let aidIndicator: string;

  const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token: string | null = null) =>
    getApi().gql<T>(query, variables, token);

  const createSurvey = async (overrides: Record<string, unknown> = {}, token = manager): Promise<SurveyView> => {
    const input = {
      indicatorId: aidIndicator,
      title: '受救助人满意度调查',
      audience: 'AID_RECIPIENTS',
      questions: QUESTIONS,
      opensAt: new Date(Date.now() - DAY).toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      // These tests send many public answers from one address; the limits have their own tests.
      perAddressPerMinute: 1000,
      ...overrides,
    };
    const result = await gql<{ createSurvey: SurveyView }>(CREATE, { input }, token);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!.createSurvey;
  };

  /** A public answer comes from a fresh device unless the test names one. */
  const submit = (input: Record<string, unknown>, token: string | null = null) =>
    gql<{ submitSurveyResponse: Receipt }>(
      SUBMIT,
      {
        input: {
          clientId: randomUUID(),
          collectedAt: new Date().toISOString(),
          ...(input.token ? { deviceToken: issueDeviceToken(TEST_CONFIG.secret) } : {}),
          ...input,
        },
      },
      token,
    );

  beforeAll(async () => {
    const api = getApi();
    [manager, inspector, viewer, otherManager] = await Promise.all(['manager', 'inspector', 'viewer', 'other-manager'].map((name) => api.login(name)));
    type Nodes = { projects: { nodes: Array<{ name: string; indicators: Array<{ id: string; name: string; source: string }> }> } };
    const result = await api.gql<Nodes>('{ projects(first: 100) { nodes { name indicators { id name source } } } }', {}, manager);
    const indicatorOf = (project: string, name: string) =>
      result.data!.projects.nodes.find((p) => p.name === project)!.indicators.find((i) => i.name === name)!;
    expect(indicatorOf(REPAIR_PROJECT, '干警满意度').source).toBe('SURVEY');
    officersIndicator = indicatorOf(REPAIR_PROJECT, '干警满意度').id;
    aidIndicator = indicatorOf(AID_PROJECT, '受救助人满意度').id;
  });

  it('takes kiosk answers in a batch: one result per answer in order, each stored once, a refused one alone', async () => {
    const survey = await createSurvey();
    const BATCH = `mutation($inputs: [SubmitSurveyResponseInput!]!) {
      submitSurveyResponses(inputs: $inputs) { clientId receipt { id clientId surveyId } error { code message field } }
    }`;
    const answer = (level: string) => ({ clientId: randomUUID(), surveyId: survey.id, collectedAt: new Date().toISOString(), answers: answers(level) });
    const inputs = [answer('满意'), answer('非常满意'), { ...answer('满意'), answers: [{ questionId: 'q9', value: '满意' }] }, answer('不满意')];
    type Results = { submitSurveyResponses: Array<{ clientId: string; receipt: Receipt | null; error: { code: string; field: string | null } | null }> };
    const first = await gql<Results>(BATCH, { inputs }, inspector);
    expect(first.errors).toBeUndefined();
    const results = first.data!.submitSurveyResponses;
    expect(results.map((r) => r.clientId)).toEqual(inputs.map((input) => input.clientId));
    expect(results.map((r) => r.error?.code ?? 'OK')).toEqual(['OK', 'OK', 'BAD_USER_INPUT', 'OK']);
    expect(results[2].error!.field).toMatch(/^input\.answers/);
    const again = await gql<Results>(BATCH, { inputs }, inspector);
    expect(again.data!.submitSurveyResponses.map((r) => r.receipt?.id ?? null)).toEqual(results.map((r) => r.receipt?.id ?? null));
    const counted = await gql<{ surveyResults: { responseCount: number } }>(RESULTS, { id: survey.id }, manager);
    expect(counted.data!.surveyResults.responseCount).toBe(3);
    // The same roles as one answer: a viewer may not collect answers.
    const refused = await gql<Results>(BATCH, { inputs: [answer('满意')] }, viewer);
    expect(refused.data?.submitSurveyResponses[0].error?.code ?? refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('counts 20 answers from kiosk and public link, and 干警满意度 becomes 85% (8.95 of 10 points)', async () => {
    const api = getApi();
    const survey = await createSurvey({ indicatorId: officersIndicator, title: '派出法庭维修工程干警满意度', audience: 'OFFICERS' });
    expect(survey.isOpen).toBe(true);
    expect(survey.questions).toEqual([
      { id: 'q1', kind: 'SATISFACTION', text: QUESTIONS[0].text, options: ['非常满意', '满意', '基本满意', '不满意', '非常不满意'], required: true },
      { id: 'q2', kind: 'SINGLE_CHOICE', text: '您的岗位', options: ['审判', '执行', '行政'], required: true },
      { id: 'q3', kind: 'TEXT', text: '意见和建议', options: [], required: false },
    ]);
    expect(survey.publicToken).toMatch(/^[A-Za-z0-9_-]{22,}$/);

    const levels = [...Array(10).fill('非常满意'), ...Array(7).fill('满意'), ...Array(2).fill('基本满意'), '不满意'];
    // Even positions through an inspector's phone, odd ones through the public link, all at once.
    const receipts = await Promise.all(
      levels.map((level, i) =>
        i % 2 === 0
          ? submit({ surveyId: survey.id, answers: answers(level, '执行', i === 0 ? '维修及时' : undefined) }, inspector)
          : submit({ token: survey.publicToken, answers: answers(level, '审判', i === 19 ? '希望改善照明' : undefined) }),
      ),
    );
    for (const receipt of receipts) expect(receipt.errors, JSON.stringify(receipt.errors)).toBeUndefined();
    expect(receipts.every((receipt) => receipt.data!.submitSurveyResponse.surveyId === survey.id)).toBe(true);

    const results = await gql<{ surveyResults: Record<string, unknown> }>(RESULTS, { id: survey.id }, manager);
    expect(results.errors).toBeUndefined();
    expect(results.data!.surveyResults).toEqual({
      surveyId: survey.id,
      responseCount: 20,
      satisfactionRate: 85,
      method: 'TOP_TWO',
      questions: [
        {
          questionId: 'q1',
          kind: 'SATISFACTION',
          answeredCount: 20,
          counts: [
            { option: '非常满意', count: 10 },
            { option: '满意', count: 7 },
            { option: '基本满意', count: 2 },
            { option: '不满意', count: 1 },
            { option: '非常不满意', count: 0 },
          ],
          latestTexts: null,
        },
        {
          questionId: 'q2',
          kind: 'SINGLE_CHOICE',
          answeredCount: 20,
          counts: [
            { option: '审判', count: 10 },
            { option: '执行', count: 10 },
            { option: '行政', count: 0 },
          ],
          latestTexts: null,
        },
        { questionId: 'q3', kind: 'TEXT', answeredCount: 2, counts: [], latestTexts: expect.arrayContaining(['维修及时', '希望改善照明']) },
      ],
      byChannel: [
        { channel: 'KIOSK', count: 10 },
        { channel: 'PUBLIC', count: 10 },
      ],
    });

    const indicator = await gql<{
      indicator: {
        source: string;
        actual: { value: string; history: Array<{ value: string; recordedBy: string | null }> };
        progress: { score: number; met: boolean };
      };
    }>(INDICATOR, { id: officersIndicator }, manager);
    expect(indicator.data!.indicator.actual.value).toBe('85%');
    expect(indicator.data!.indicator.progress).toEqual({ score: 8.95, met: false });
    // Every response that changed the rate left a derived actual in the history.
    expect(indicator.data!.indicator.actual.history.length).toBeGreaterThan(1);
    expect(indicator.data!.indicator.actual.history.every((entry) => entry.recordedBy === null)).toBe(true);

    const viewed = await gql<{ survey: { indicator: { actual: { value: string } } } }>(
      'query($id: ID!) { survey(id: $id) { indicator { actual { value } } } }',
      { id: survey.id },
      viewer,
    );
    expect(viewed.data!.survey.indicator.actual.value).toBe('85%');
    const kiosk = await api.db.em.fork().findOneOrFail(SurveyResponse, { id: receipts[0].data!.submitSurveyResponse.id }, { populate: ['collectedBy'] });
    expect([kiosk.channel, kiosk.collectedBy?.username, kiosk.satisfaction]).toEqual(['KIOSK', 'inspector', '非常满意']);
    expect(
      await api.db.em.fork().count(AuditEvent, { entity: 'SurveyResponse', entityId: { $in: receipts.map((r) => r.data!.submitSurveyResponse.id) } }),
    ).toBe(20);
    expect(await api.db.em.fork().count(AuditEvent, { entity: 'Survey', action: 'create', entityId: survey.id })).toBe(1);
  });

  it('shows free-text answers to managers only', async () => {
    const survey = await createSurvey();
    expect((await submit({ token: survey.publicToken, answers: answers('满意', '行政', '  很好  ') })).errors).toBeUndefined();
    const asViewer = await gql<{ surveyResults: { questions: Array<{ latestTexts: string[] | null; answeredCount: number }> } }>(
      RESULTS,
      { id: survey.id },
      viewer,
    );
    expect(asViewer.data!.surveyResults.questions[2]).toMatchObject({ answeredCount: 1, latestTexts: null });
    const asManager = await gql<{ surveyResults: { questions: Array<{ latestTexts: string[] | null }> } }>(RESULTS, { id: survey.id }, manager);
    expect(asManager.data!.surveyResults.questions[2].latestTexts).toEqual(['很好']);
  });

  it('has no satisfaction rate before the first answer', async () => {
    const survey = await createSurvey({ method: 'WEIGHTED' });
    const results = await gql<{ surveyResults: { responseCount: number; satisfactionRate: number | null; method: string } }>(
      RESULTS,
      { id: survey.id },
      manager,
    );
    expect(results.data!.surveyResults).toMatchObject({ responseCount: 0, satisfactionRate: null, method: 'WEIGHTED' });
  });

  describe('single-use codes', () => {
    it('are generated with the survey and on demand: 8 unambiguous characters, all different', async () => {
      const survey = await createSurvey({ requireCode: true, codeCount: 30 });
      expect(survey.codes).toHaveLength(30);
      const more = await gql<{ generateSurveyCodes: string[] }>(
        'mutation($id: ID!, $n: Int!) { generateSurveyCodes(surveyId: $id, count: $n) }',
        { id: survey.id, n: 5 },
        manager,
      );
      expect(more.errors).toBeUndefined();
      const all = [...survey.codes.map((entry) => entry.code), ...more.data!.generateSurveyCodes];
      expect(new Set(all).size).toBe(35);
      for (const code of all) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      expect(survey.codes.every((entry) => !entry.used)).toBe(true);
    });

    it('refuses a count outside 1–1000, and callers who are not managers', async () => {
      const survey = await createSurvey();
      const generate = 'mutation($id: ID!, $n: Int!) { generateSurveyCodes(surveyId: $id, count: $n) }';
      expect(errorOf(await gql(generate, { id: survey.id, n: 0 }, manager))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'count' });
      expect(errorOf(await gql(generate, { id: survey.id, n: 1001 }, manager))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'count' });
      expect(errorOf(await gql(generate, { id: survey.id, n: 1 }, inspector)).code).toBe('FORBIDDEN');
      expect(errorOf(await gql(generate, { id: survey.id, n: 1 }, otherManager)).code).toBe('FORBIDDEN');
      expect(errorOf(await gql('query($id: ID!) { survey(id: $id) { codes { code } } }', { id: survey.id }, viewer)).code).toBe('FORBIDDEN');
    });

    it('are required on the public link when the survey says so, and must belong to the survey', async () => {
      const survey = await createSurvey({ requireCode: true, codeCount: 2 });
      const foreign = await createSurvey({ codeCount: 1 });
      // The respondent reads the message on the phone: plain Chinese, the field only in extensions.
      expect(errorOf(await submit({ token: survey.publicToken, answers: answers('满意') }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.code',
        message: '此问卷需要填写一次性问卷码',
      });
      expect(errorOf(await submit({ token: survey.publicToken, code: 'ABCDEFGH', answers: answers('满意') }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.code',
        message: '问卷码无效，请核对',
      });
      expect(errorOf(await submit({ token: survey.publicToken, code: foreign.codes[0].code, answers: answers('满意') }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.code',
      });
      // Typed in lower case with a hyphen, as people do.
      const typed = `${survey.codes[0].code.slice(0, 4)}-${survey.codes[0].code.slice(4)}`.toLowerCase();
      expect((await submit({ token: survey.publicToken, code: typed, answers: answers('满意') })).errors).toBeUndefined();
      // A kiosk answer needs no code.
      expect((await submit({ surveyId: survey.id, answers: answers('满意') }, inspector)).errors).toBeUndefined();
    });

    it('cannot be used twice, one after the other or at the same moment', async () => {
      const survey = await createSurvey({ requireCode: true, codeCount: 2 });
      const [first, second] = survey.codes.map((entry) => entry.code);
      expect((await submit({ token: survey.publicToken, code: first, answers: answers('满意') })).errors).toBeUndefined();
      const again = errorOf(await submit({ token: survey.publicToken, code: first, answers: answers('非常满意') }));
      expect(again).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
      expect(again.message).toContain('已被使用');

      const racing = await Promise.all([
        submit({ token: survey.publicToken, code: second, answers: answers('满意') }),
        submit({ token: survey.publicToken, code: second, answers: answers('不满意') }),
      ]);
      expect(racing.filter((result) => result.errors === undefined)).toHaveLength(1);
      expect(errorOf(racing.find((result) => result.errors !== undefined)!)).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
      expect(await getApi().db.em.fork().count(SurveyResponse, { survey: survey.id })).toBe(2);

      const codes = await gql<{ survey: { codes: Array<{ code: string; used: boolean }> } }>(
        'query($id: ID!) { survey(id: $id) { codes { code used } } }',
        { id: survey.id },
        manager,
      );
      expect(codes.data!.survey.codes.every((entry) => entry.used)).toBe(true);
    });
  });

  describe('idempotency on clientId', () => {
    it('stores a response sent 20 times at once only once, and answers each with the same receipt', async () => {
      const api = getApi();
      const survey = await createSurvey({ requireCode: true, codeCount: 1 });
      const input = {
        clientId: randomUUID(),
        token: survey.publicToken,
        deviceToken: issueDeviceToken(TEST_CONFIG.secret),
        code: survey.codes[0].code,
        answers: answers('满意', '执行', '好'),
        collectedAt: new Date().toISOString(),
      };
      const results = await Promise.all(Array.from({ length: 20 }, () => gql<{ submitSurveyResponse: Receipt }>(SUBMIT, { input })));
      for (const result of results) expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const receipts = results.map((result) => result.data!.submitSurveyResponse);
      expect(new Set(receipts.map((receipt) => JSON.stringify(receipt))).size).toBe(1);
      expect(receipts[0]).toMatchObject({ clientId: input.clientId, surveyId: survey.id });
      expect(await api.db.em.fork().count(SurveyResponse, { clientId: input.clientId })).toBe(1);
      expect(await api.db.em.fork().count(AuditEvent, { entity: 'SurveyResponse', entityId: receipts[0].id })).toBe(1);
    });

    it('returns the stored receipt to a resend that arrives after the survey closed', async () => {
      const survey = await createSurvey();
      const input = {
        clientId: randomUUID(),
        token: survey.publicToken,
        deviceToken: issueDeviceToken(TEST_CONFIG.secret),
        answers: answers('满意'),
        collectedAt: new Date().toISOString(),
      };
      const first = await gql<{ submitSurveyResponse: Receipt }>(SUBMIT, { input });
      expect(first.errors).toBeUndefined();
      await getApi()
        .db.em.fork()
        .nativeUpdate(Survey, { id: survey.id }, { closesAt: new Date(Date.now() - 1000) });
      expect(await gql(SUBMIT, { input })).toEqual(first);
      expect(errorOf(await gql(SUBMIT, { input: { ...input, clientId: randomUUID() } })).field).toBe('input.token');
    });

    it.each([
      ['answers', { answers: answers('不满意') }, 'input.answers'],
      ['collectedAt', { collectedAt: new Date(Date.now() - 60_000).toISOString() }, 'input.collectedAt'],
      ['code', {}, 'input.code'],
    ])('refuses the same clientId with different %s: CONFLICT naming the field', async (_what, change, field) => {
      const survey = await createSurvey({ codeCount: 2 });
      const input = {
        clientId: randomUUID(),
        token: survey.publicToken,
        deviceToken: issueDeviceToken(TEST_CONFIG.secret),
        code: survey.codes[0].code,
        answers: answers('满意'),
        collectedAt: new Date().toISOString(),
      };
      expect((await gql(SUBMIT, { input })).errors).toBeUndefined();
      const changed = { ...input, ...change, ...(field === 'input.code' ? { code: survey.codes[1].code } : {}) };
      expect(errorOf(await gql(SUBMIT, { input: changed }))).toMatchObject({ code: 'CONFLICT', field });
    });

    it('refuses the same clientId for another survey', async () => {
      const [one, two] = [await createSurvey(), await createSurvey()];
      const clientId = randomUUID();
      expect((await submit({ clientId, token: one.publicToken, answers: answers('满意') })).errors).toBeUndefined();
      expect(errorOf(await submit({ clientId, token: two.publicToken, answers: answers('满意') }))).toMatchObject({ code: 'CONFLICT', field: 'input.token' });
    });
  });

  describe('the collection window', () => {
    it('refuses answers before opening and after closing', async () => {
      const closed = await createSurvey({ opensAt: new Date(Date.now() - 10 * DAY).toISOString(), closesAt: new Date(Date.now() - DAY).toISOString() });
      expect(closed.isOpen).toBe(false);
      const late = errorOf(await submit({ token: closed.publicToken, answers: answers('满意') }));
      expect(late).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.token' });
      expect(late.message).toContain('截止');
      expect(errorOf(await submit({ surveyId: closed.id, answers: answers('满意') }, inspector))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.surveyId',
      });

      const future = await createSurvey({ opensAt: new Date(Date.now() + DAY).toISOString(), closesAt: new Date(Date.now() + 2 * DAY).toISOString() });
      const early = errorOf(await submit({ token: future.publicToken, answers: answers('满意') }));
      expect(early).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.token' });
      expect(early.message).toContain('尚未开始');
    });

    it('accepts a kiosk answer captured offline inside the window and synced after closing, but not a public one', async () => {
      const closed = await createSurvey({ opensAt: new Date(Date.now() - 10 * DAY).toISOString(), closesAt: new Date(Date.now() - DAY).toISOString() });
      const collectedAt = new Date(Date.now() - 2 * DAY).toISOString();
      expect((await submit({ surveyId: closed.id, answers: answers('满意'), collectedAt }, inspector)).errors).toBeUndefined();
      expect(errorOf(await submit({ token: closed.publicToken, answers: answers('满意'), collectedAt }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.token',
      });
    });

    it('refuses a collection time in the future beyond clock skew', async () => {
      const survey = await createSurvey();
      const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();
      expect(errorOf(await submit({ token: survey.publicToken, answers: answers('满意'), collectedAt: ahead(3600_000) }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.collectedAt',
      });
      expect((await submit({ token: survey.publicToken, answers: answers('满意'), collectedAt: ahead(60_000) })).errors).toBeUndefined();
    });
  });

  describe('answers are checked against the questions', () => {
    it.each([
      ['an unknown question', [{ questionId: 'q9', value: '满意' }, ...answers('满意')], 'input.answers[0].questionId'],
      ['a question answered twice', [...answers('满意'), { questionId: 'q1', value: '满意' }], 'input.answers[2].questionId'],
      ['a satisfaction value off the scale', answers('还行'), 'input.answers[0].value'],
      ['a choice that is not an option', answers('满意', '保洁'), 'input.answers[1].value'],
      ['a text over 2000 characters', answers('满意', '审判', '长'.repeat(2001)), 'input.answers[2].value'],
      ['a required question left out', [{ questionId: 'q1', value: '满意' }], 'input.answers'],
      ['a required question left blank', answers('  '), 'input.answers'],
    ])('refuses %s, naming the field', async (_what, given, field) => {
      const survey = await createSurvey();
      expect(errorOf(await submit({ token: survey.publicToken, answers: given }))).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await getApi().db.em.fork().count(SurveyResponse, { survey: survey.id })).toBe(0);
    });

    it('needs exactly one of surveyId and token', async () => {
      const survey = await createSurvey();
      expect(errorOf(await submit({ answers: answers('满意') }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.surveyId' });
      expect(errorOf(await submit({ surveyId: survey.id, token: survey.publicToken, answers: answers('满意') }, inspector))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.surveyId',
      });
    });
  });

  describe('creating a survey', () => {
    it.each([
      ['no satisfaction question', { questions: [QUESTIONS[1]] }, 'input.questions'],
      ['no question at all', { questions: [] }, 'input.questions'],
      [
        'a single choice with one option',
        { questions: [QUESTIONS[0], { kind: 'SINGLE_CHOICE', text: '岗位', options: ['审判'] }] },
        'input.questions[1].options',
      ],
      ['a repeated option', { questions: [QUESTIONS[0], { kind: 'SINGLE_CHOICE', text: '岗位', options: ['审判', '审判'] }] }, 'input.questions[1].options[1]'],
      ['options on a satisfaction question', { questions: [{ ...QUESTIONS[0], options: ['好', '坏'] }] }, 'input.questions[0].options'],
      ['a question without text', { questions: [{ kind: 'SATISFACTION', text: ' ' }] }, 'input.questions[0].text'],
      ['an empty title', { title: '  ' }, 'input.title'],
      ['closing before opening', { opensAt: '2023-06-30T00:00:00Z', closesAt: '2023-06-01T00:00:00Z' }, 'input.closesAt'],
      ['too many codes', { codeCount: 1001 }, 'input.codeCount'],
    ])('refuses %s, naming the field', async (_what, change, field) => {
      const input = {
        indicatorId: aidIndicator,
        title: '调查',
        audience: 'AID_RECIPIENTS',
        questions: QUESTIONS,
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + DAY).toISOString(),
        ...change,
      };
      expect(errorOf(await gql(CREATE, { input }, manager))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it('is for managers of the indicator’s organization only', async () => {
      const input = {
        indicatorId: aidIndicator,
        title: '调查',
        audience: 'AID_RECIPIENTS',
        questions: QUESTIONS,
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + DAY).toISOString(),
      };
      expect(errorOf(await gql(CREATE, { input }, viewer)).code).toBe('FORBIDDEN');
      expect(errorOf(await gql(CREATE, { input }, inspector)).code).toBe('FORBIDDEN');
      expect(errorOf(await gql(CREATE, { input }, otherManager)).code).toBe('FORBIDDEN');
      expect(errorOf(await gql(CREATE, { input })).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('who sees what', () => {
    it('lists surveys by indicator and project to the organization, and hides them from others', async () => {
      const survey = await createSurvey();
      const byIndicator = await gql<{ surveys: Array<{ id: string }> }>('query($id: ID!) { surveys(indicatorId: $id) { id } }', { id: aidIndicator }, viewer);
      expect(byIndicator.data!.surveys.map((s) => s.id)).toContain(survey.id);
      type Projects = { projects: { nodes: Array<{ id: string; name: string }> } };
      const projects = await gql<Projects>('{ projects(first: 100) { nodes { id name } } }', {}, manager);
      const aidProject = projects.data!.projects.nodes.find((p) => p.name === AID_PROJECT)!.id;
      const byProject = await gql<{ projectSurveys: Array<{ id: string; indicator: { id: string } }> }>(
        'query($id: ID!) { projectSurveys(projectId: $id) { id indicator { id } } }',
        { id: aidProject },
        inspector,
      );
      expect(byProject.data!.projectSurveys).toContainEqual({ id: survey.id, indicator: { id: aidIndicator } });

      for (const [query, variables] of [
        ['query($id: ID!) { survey(id: $id) { id } }', { id: survey.id }],
        ['query($id: ID!) { surveyResults(surveyId: $id) { responseCount } }', { id: survey.id }],
        ['query($id: ID!) { surveys(indicatorId: $id) { id } }', { id: aidIndicator }],
        ['query($id: ID!) { projectSurveys(projectId: $id) { id } }', { id: aidProject }],
      ] as const) {
        expect(errorOf(await gql(query, variables, otherManager)).code, query).toBe('FORBIDDEN');
      }
      expect(errorOf(await gql('query($id: ID!) { survey(id: $id) { id } }', { id: 'not-a-uuid' }, manager)).code).toBe('FORBIDDEN');
      expect(errorOf(await gql('query($id: ID!) { survey(id: $id) { id } }', { id: survey.id })).code).toBe('UNAUTHENTICATED');
    });

    it('lets only collectors of the organization answer in kiosk mode', async () => {
      const survey = await createSurvey();
      expect(errorOf(await submit({ surveyId: survey.id, answers: answers('满意') }, viewer)).code).toBe('FORBIDDEN');
      expect(errorOf(await submit({ surveyId: survey.id, answers: answers('满意') }, otherManager)).code).toBe('FORBIDDEN');
      expect(errorOf(await submit({ surveyId: survey.id, answers: answers('满意') })).code).toBe('UNAUTHENTICATED');
      expect(await getApi().db.em.fork().count(SurveyResponse, { survey: survey.id })).toBe(0);
    });

    it('shows the public link without login, with only what a respondent needs', async () => {
      const survey = await createSurvey({ requireCode: true });
      const result = await gql<{ publicSurvey: Record<string, unknown> }>(
        'query($t: String!) { publicSurvey(token: $t) { title audience isOpen requireCode opensAt closesAt questions { id kind text options required } } }',
        { t: survey.publicToken },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.publicSurvey).toMatchObject({ title: '受救助人满意度调查', audience: 'AID_RECIPIENTS', isOpen: true, requireCode: true });
      expect(result.data!.publicSurvey.questions).toEqual(survey.questions.map((q, i) => ({ ...q, text: QUESTIONS[i].text })));

      // Nothing else is reachable from it: no id, no token, no indicator, no results.
      for (const field of ['id', 'publicToken', 'indicator { id }', 'codes { code }']) {
        const probe = await gql(`query($t: String!) { publicSurvey(token: $t) { ${field} } }`, { t: survey.publicToken });
        expect(probe.errors?.[0].extensions?.code, field).toBe('GRAPHQL_VALIDATION_FAILED');
      }
      for (const token of [`${survey.publicToken.slice(0, -1)}${survey.publicToken.endsWith('A') ? 'B' : 'A'}`, 'x', "' or 1=1 --", '']) {
        const unknown = await gql('query($t: String!) { publicSurvey(token: $t) { title } }', { t: token });
        expect(unknown.data ?? null).toBeNull();
        expect(errorOf(unknown).code).toBe('FORBIDDEN');
        expect(errorOf(await submit({ token, answers: answers('满意') })).code).toBe(token === '' ? 'BAD_USER_INPUT' : 'FORBIDDEN');
      }
    });
  });
});
