import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import { CREATE_SURVEY, SEED_PROJECTS } from '../graphql/documents.js';
import { ADMIN_PASSWORD, describeEachServer, healthDuring, type ProductServer } from './support.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const VIEWER_PASSWORD = 'viewer-password-1';
/** The server is started with `--request-timeout 3`: a client has 3 s to send a request. */
const REQUEST_TIMEOUT_S = 3;

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  /** From sending the request to the whole answer, as the client sees it. */
  ms: number;
}

async function post(base: string, query: string, token?: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as Answer['body'];
  return { status: response.status, body, ms: performance.now() - started };
}

/** The one error of a refused request: its code and message. */
function refusal(answer: Answer): { status: number; code: unknown; message: string } {
  expect(answer.body.data ?? null).toBeNull();
  expect(answer.body.errors, JSON.stringify(answer.body)).toHaveLength(1);
  const [error] = answer.body.errors!;
  return { status: answer.status, code: error.extensions?.code, message: error.message };
}

/** `count` fragments, each spreading the next one twice (2^count fields once spread). */
function fragmentChain(count: number): string {
  const fragments = Array.from({ length: count }, (_, i) => `fragment F${i} on Query{...F${i + 1} ...F${i + 1}}`);
  return `{...F0}${fragments.join('')}fragment F${count} on Query{__typename}`;
}

const aliases = (count: number, field: string) => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');

/** A 100-project dashboard, priced about 15,700: four are over the signed-in cost limit. */
const DASHBOARD =
  'projects(first: 100) { nodes { name spent indicators { name weight actual { value history { value } } progress { completionRate score met } } evaluation { score grade } } }';

describeEachServer('GraphQL limits', (start) => {
  let server: ProductServer;
  let admin: string;
  let viewer: string;
  let surveyResults: string;

  beforeAll(async () => {
    server = await start({ serveArgs: () => ['--request-timeout', String(REQUEST_TIMEOUT_S)] });
    const added = spawnSync(
      process.execPath,
      ['scripts/jixiao.mjs', 'user', 'add', 'viewer', '--role', 'VIEWER', '--org', '218101', '--password', VIEWER_PASSWORD, '--db', server.db],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(added.status, added.stderr).toBe(0);
    admin = await server.login('admin', ADMIN_PASSWORD);
    viewer = await server.login('viewer', VIEWER_PASSWORD);
    const projects = await server.gql(SEED_PROJECTS, {}, admin);
    const indicator = projects.projects.nodes.flatMap((project) => project.indicators).find((candidate) => candidate.name === '干警满意度')!;
    const created = await server.gql(
      CREATE_SURVEY,
      {
        input: {
          indicatorId: indicator.id,
          title: '干警满意度调查',
          audience: 'OFFICERS',
          questions: [{ kind: 'SATISFACTION', text: '总体满意度' }],
          opensAt: new Date(Date.now() - 86_400_000).toISOString(),
          closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      },
      admin,
    );
    surveyResults = `surveyResults(surveyId: "${created.createSurvey.id}") { responseCount satisfactionRate questions { answeredCount counts { option count } } }`;
  });

  it('refuses the 871-byte fragment chain (each fragment spreads the next twice) in under 100 ms', async () => {
    for (const count of [21, 30]) {
      const query = fragmentChain(count);
      if (count === 21) expect(Buffer.byteLength(query)).toBeLessThanOrEqual(871);
      const { result, slowestHealthMs } = await healthDuring(server.base, () => post(server.base, query));
      expect(refusal(result)).toEqual({ status: 400, code: 'QUERY_TOO_LARGE', message: '查询展开后字段过多：最多 500 个（片段按引用次数计）' });
      expect(result.ms).toBeLessThan(100);
      expect(slowestHealthMs).toBeLessThan(1_000);
    }
    // Signed in, the limit is higher and the chain is refused all the same.
    const signedIn = await post(server.base, fragmentChain(21), viewer);
    expect(refusal(signedIn)).toEqual({ status: 400, code: 'QUERY_TOO_LARGE', message: '查询展开后字段过多：最多 10000 个（片段按引用次数计）' });
  });

  it('refuses 32,000 × __typename (343 KiB) before validation, in under 100 ms', async () => {
    const query = `{ ${'__typename '.repeat(32_000)}}`;
    expect(Buffer.byteLength(query)).toBeGreaterThan(343 * 1024);
    for (const token of [undefined, viewer]) {
      const { result, slowestHealthMs } = await healthDuring(server.base, () => post(server.base, query, token));
      const maximum = token ? 10_000 : 1_000;
      expect(refusal(result)).toEqual({
        status: 400,
        code: 'QUERY_TOO_LARGE',
        message: `查询过大：最多 ${maximum} 个词法单元，此查询超过此数；请拆成几次请求`,
      });
      expect(result.ms).toBeLessThan(100);
      expect(slowestHealthMs).toBeLessThan(1_000);
    }
  });

  it('refuses 130,000 aliases (no stack overflow, no 500)', async () => {
    const query = `{ ${aliases(130_000, '__typename')} }`;
    const { result, slowestHealthMs } = await healthDuring(server.base, () => post(server.base, query, viewer));
    expect(refusal(result)).toEqual({ status: 400, code: 'QUERY_TOO_LARGE', message: '查询过大：最多 10000 个词法单元，此查询超过此数；请拆成几次请求' });
    expect(slowestHealthMs).toBeLessThan(1_000);
  });

  it('refuses a query over the cost limit padded with 10,001 __typename aliases', async () => {
    const over = await post(server.base, `{ ${aliases(4, DASHBOARD)} }`, viewer);
    expect(refusal(over)).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
    const padded = `{ ${aliases(4, DASHBOARD)} ${Array.from({ length: 10_001 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const { result, slowestHealthMs } = await healthDuring(server.base, () => post(server.base, padded, viewer));
    expect(refusal(result)).toEqual({ status: 400, code: 'QUERY_TOO_LARGE', message: '查询过大：最多 10000 个词法单元，此查询超过此数；请拆成几次请求' });
    expect(slowestHealthMs).toBeLessThan(1_000);
  });

  it('refuses 1,000 surveyResults aliases as a VIEWER, and prices the field after its work', async () => {
    const { result, slowestHealthMs } = await healthDuring(server.base, () => post(server.base, `{ ${aliases(1_000, surveyResults)} }`, viewer));
    expect(refusal(result)).toEqual({ status: 400, code: 'QUERY_TOO_LARGE', message: '查询过大：最多 10000 个词法单元，此查询超过此数；请拆成几次请求' });
    expect(slowestHealthMs).toBeLessThan(1_000);
    const fewerTokens = await post(server.base, `{ ${aliases(150, surveyResults)} }`, viewer);
    expect(refusal(fewerTokens)).toEqual({ status: 400, code: 'QUERY_TOO_MANY_ALIASES', message: '查询别名过多：最多 100 个，此查询有 150 个' });

    // Within the alias limit, the cost limit holds 100 of them back …
    const hundred = await post(server.base, `{ ${aliases(100, surveyResults)} }`, viewer);
    expect(refusal(hundred)).toMatchObject({
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      message: expect.stringMatching(/^查询过于复杂：估算代价 \d+，上限 50000/),
    });
    // … and lets 10 through (as the dashboard's project detail asks for a project's surveys).
    const ten = await post(server.base, `{ ${aliases(10, surveyResults)} }`, viewer);
    expect(ten.body.errors).toBeUndefined();
    expect(Object.keys(ten.body.data as object)).toHaveLength(10);
  });

  it(`cuts a client that sends headers and then a byte a second within ${REQUEST_TIMEOUT_S} s`, async () => {
    const { result, slowestHealthMs } = await healthDuring(server.base, async () => {
      const socket = connect(server.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const started = performance.now();
      let answer = '';
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString();
      });
      const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now() - started)));
      socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
      const drip = setInterval(() => socket.write(' '), 1_000);
      const ms = await closed;
      clearInterval(drip);
      return { ms, answer };
    });
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.ms).toBeGreaterThan(REQUEST_TIMEOUT_S * 1_000 - 500);
    // Node checks the deadline every second.
    expect(result.ms).toBeLessThan(REQUEST_TIMEOUT_S * 1_000 + 2_000);
    expect(slowestHealthMs).toBeLessThan(1_000);
  });
});
