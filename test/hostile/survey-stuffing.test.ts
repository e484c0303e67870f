import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { createRepairSurvey } from '../e2e/support.js';
import { gql } from '../graphql/client.js';
import { PROJECT_INDICATORS, SUBMIT_SURVEY_RESPONSE, SURVEY_RESULTS } from '../graphql/documents.js';
import { graphql } from '../graphql/generated/index.js';
import type { TypedDocumentString } from '../graphql/generated/graphql.js';
import { ADMIN_PASSWORD, describeEachServer, healthDuring, type ProductServer } from './support.js';

// Ballot stuffing: one anonymous client answering the public link of 干警满意度's survey as fast as
// it can, with a fresh device token each time (a reload, cleared storage, a script).
/** createSurvey's default: public answers accepted per minute from one address (bursts up to it, then one every 12 s). */
const PER_ADDRESS_PER_MINUTE = 5;
const REFILL_MS = 60_000 / PER_ADDRESS_PER_MINUTE;

const VOID_RESPONSE = graphql(`
  mutation TestVoidSurveyResponse($id: ID!, $reason: String!) {
    voidSurveyResponse(responseId: $id, reason: $reason) {
      id
    }
  }
`);

const DEVICE_TOKEN = graphql(`
  query TestDeviceToken($token: String!) {
    publicSurvey(token: $token) {
      deviceToken
    }
  }
`);

describeEachServer('survey ballot stuffing', (start) => {
  let server: ProductServer;
  let adminToken: string;
  let projectId: string;
  let survey: { id: string; publicToken: string };
  /** A device whose stuffing answer was accepted. */
  let stuffer: string;

  /** GraphQL over HTTP with its errors (ProductServer.gql throws on them). */
  const post = <TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, token?: string) =>
    gql(server.base, document, variables, token);
  const deviceToken = async (): Promise<string> => {
    const body = await post(DEVICE_TOKEN, { token: survey.publicToken });
    return body.data!.publicSurvey.deviceToken;
  };
  const answer = (device: string, level: string) =>
    post(SUBMIT_SURVEY_RESPONSE, {
      input: {
        clientId: randomUUID(),
        token: survey.publicToken,
        deviceToken: device,
        answers: [{ questionId: 'q1', value: level }],
        collectedAt: new Date().toISOString(),
      },
    });
  const satisfaction = async () => {
    const data = await server.gql(PROJECT_INDICATORS, { id: projectId }, adminToken);
    return data.project.indicators.find((indicator) => indicator.name === '干警满意度')!;
  };

  beforeAll(async () => {
    server = await start();
    adminToken = await server.login('admin', ADMIN_PASSWORD);
    ({ projectId, survey } = await createRepairSurvey(server, adminToken));
  }, 120_000);

  it('accepts at most the limit of 200 anonymous answers in 10 s, refuses the rest, moves 干警满意度 only by the accepted ones, and /healthz stays fast', async () => {
    // One honest officer first, on a collector's phone (kiosk mode): 100 % (10 分).
    const kiosk = { clientId: randomUUID(), surveyId: survey.id, answers: [{ questionId: 'q1', value: '非常满意' }], collectedAt: new Date().toISOString() };
    expect((await post(SUBMIT_SURVEY_RESPONSE, { input: kiosk }, adminToken)).errors).toBeUndefined();
    expect(await satisfaction()).toMatchObject({ actual: { value: '100%' }, progress: { score: 10 } });
    // The attacker's 200 device tokens, fetched beforehand (they are free: the rate limit is what holds).
    const devices = await Promise.all(Array.from({ length: 200 }, () => deviceToken()));

    const started = Date.now();
    const { result: bodies, slowestHealthMs } = await healthDuring(server.base, async () => {
      const sent: Array<ReturnType<typeof answer>> = [];
      // 20 a second for 10 s.
      for (let second = 0; second < 10; second += 1) {
        for (let i = 0; i < 20; i += 1) sent.push(answer(devices[second * 20 + i], '非常不满意'));
        const next = started + (second + 1) * 1000;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
      }
      return Promise.all(sent);
    });
    const elapsed = Date.now() - started;
    expect(slowestHealthMs).toBeLessThan(1_000);

    const accepted = bodies.filter((body) => !body.errors).length;
    expect(accepted).toBeGreaterThan(0);
    const refused = bodies.filter((body) => body.errors?.[0].extensions?.code === 'TOO_MANY_REQUESTS');
    // A burst of 5, and one more for every 12 s the attack took (none when the 10 s keep their time).
    expect(accepted).toBeLessThanOrEqual(PER_ADDRESS_PER_MINUTE + Math.floor(elapsed / REFILL_MS));
    stuffer = devices[bodies.findIndex((body) => !body.errors)];
    expect(accepted + refused.length).toBe(200);
    for (const body of refused) {
      expect(body.errors![0].message).toMatch(/提交答卷过于频繁.*秒后再试/);
      expect(body.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    }

    const results = await server.gql(SURVEY_RESULTS, { id: survey.id }, adminToken);
    expect(results.surveyResults.responseCount).toBe(1 + accepted);
    const rate = Math.round((100 / (1 + accepted)) * 100) / 100;
    expect(results.surveyResults.satisfactionRate).toBe(rate);
    // Each accepted stuffing answer but the first came seconds after another from the same address.
    expect(results.surveyResults.flaggedCount).toBe(accepted - 1);
    const after = await satisfaction();
    expect(after.actual!.value).toBe(`${rate}%`);
    if (accepted > 0) expect(after.progress.score).toBeLessThan(10);
  }, 60_000);

  it('refuses the same device answering again, and a device token the server did not sign', async () => {
    // The address is over its limit after the attack; a repeat is still told it is a repeat.
    const again = await answer(stuffer, '满意');
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.deviceToken' });
    expect(again.errors?.[0].message).toMatch(/您已提交过本问卷/);
    const forged = await answer('jxdev1.AAAAAAAAAAAAAAAAAAAAAA.forged', '满意');
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.deviceToken' });
  });

  it('voids the stuffed answers: the score is recomputed and the results say how many and why', async () => {
    const listed = await server.gql(
      graphql(`
        query TestSurveyResponses($id: ID!) {
          surveyResponses(surveyId: $id) {
            id
            channel
            flagReason
          }
        }
      `),
      { id: survey.id },
      adminToken,
    );
    const stuffed = listed.surveyResponses.filter((response) => response.channel === 'PUBLIC');
    expect(stuffed.filter((response) => response.flagReason !== null).map((response) => response.flagReason)).toEqual(
      Array<string>(stuffed.length - 1).fill('同一网络地址 30 秒内连续提交'),
    );
    for (const response of stuffed) {
      await server.gql(VOID_RESPONSE, { id: response.id, reason: '同一地址连续提交，疑似刷票' }, adminToken);
    }
    const results = await server.gql(SURVEY_RESULTS, { id: survey.id }, adminToken);
    const voided = stuffed.length;
    expect(results.surveyResults).toMatchObject({
      responseCount: 1,
      satisfactionRate: 100,
      flaggedCount: 0,
      voidedCount: voided,
      voidReasons: [{ reason: '同一地址连续提交，疑似刷票', count: voided }],
    });
    expect(await satisfaction()).toMatchObject({ actual: { value: '100%' }, progress: { score: 10 } });
  });
});
