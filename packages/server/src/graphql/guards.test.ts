import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachApi, openTestApi, PASSWORD, seedWorld, type GraphqlResponse, type TestApi } from '../test/api.js';
import { DEFAULT_CONFIG } from '../config.js';

interface HttpResult {
  status: number;
  body: GraphqlResponse & Record<string, unknown>;
  raw: string;
}

async function post(api: TestApi, payload: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  const response = await api.app.server.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload });
  return { status: response.statusCode, body: JSON.parse(response.body) as HttpResult['body'], raw: response.body };
}

async function get(api: TestApi, query: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  const response = await api.app.server.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent(query)}`, headers });
  return { status: response.statusCode, body: JSON.parse(response.body) as HttpResult['body'], raw: response.body };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** `__schema { types { fields { type { ofType × n { name } } } } }`: depth 5 + n. */
function introspectionOfDepth(depth: number): string {
  const ofTypes = depth - 5;
  return `{ __schema { types { fields { type { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } } } } }`;
}

const DASHBOARD_FIELDS = `nodes {
  name spent
  indicators { name weight actual { value history { value } } progress { completionRate score met } }
  evaluation { score grade }
}`;

/** `copies` aliased copies of the dashboard, each `projects(first: 100)`: about 15,700 each. */
function aliasedDashboards(copies: number, first = '100'): string {
  return Array.from({ length: copies }, (_, i) => `p${i}: projects(first: ${first}) { ${DASHBOARD_FIELDS} }`).join('\n');
}

describeEachApi('request guards', (getApi, dialect) => {
  let token: string;
  let repairProject: string;
  const spent = async () => {
    const result = await getApi().gql<{ project: { spent: number } }>('query($id: ID!) { project(id: $id) { spent } }', { id: repairProject }, token);
    return result.data!.project.spent;
  };

  beforeAll(async () => {
    const api = getApi();
    token = await api.login('manager');
    const result = await api.gql<{ projects: { nodes: Array<{ id: string; name: string }> } }>('{ projects { nodes { id name } } }', {}, token);
    repairProject = result.data!.projects.nodes.find((project) => project.name === '派出法庭安全隐患维修项目')!.id;
  });

  describe('depth limit', () => {
    it(`is ${DEFAULT_CONFIG.graphqlLimits.signedIn.maxDepth} levels when signed in`, () => {
      expect(DEFAULT_CONFIG.graphqlLimits.signedIn.maxDepth).toBe(10);
    });

    it('refuses a query nested 11 levels deep', async () => {
      const result = await post(getApi(), JSON.stringify({ query: introspectionOfDepth(11) }), bearer(token));
      expect(result.status).toBe(400);
      expect(result.body.data).toBeUndefined();
      expect(result.body.errors).toEqual([
        expect.objectContaining({ message: '查询嵌套过深：最多 10 层，此查询为 11 层', extensions: expect.objectContaining({ code: 'QUERY_TOO_DEEP' }) }),
      ]);
    });

    it('accepts a query nested exactly 10 levels deep', async () => {
      const result = await post(getApi(), JSON.stringify({ query: introspectionOfDepth(10) }), bearer(token));
      expect(result.body.errors).toBeUndefined();
      expect(result.status).toBe(200);
      expect((result.body.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(10);
    });

    it('follows fragments and inline fragments', async () => {
      const viaFragment = `query { __schema { types { ...Deep } } }
        fragment Deep on __Type { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } }`;
      const viaInline = `{ __schema { types { ... on __Type { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }`;
      for (const query of [viaFragment, viaInline]) {
        const result = await post(getApi(), JSON.stringify({ query }), bearer(token));
        expect(result.status, query).toBe(400);
        expect(
          result.body.errors?.map((error) => error.message),
          query,
        ).toEqual(['查询嵌套过深：最多 10 层，此查询为 11 层']);
      }
    });
  });

  describe('complexity limit', () => {
    it('refuses several aliased copies of a 100-project page, before touching the data', async () => {
      const api = getApi();
      const { result, queries } = await api.db.captureQueries(() => post(api, JSON.stringify({ query: `{ ${aliasedDashboards(4)} }` }), bearer(token)));
      expect(result.body.data ?? null).toBeNull();
      expect(result.body.errors).toHaveLength(1);
      const [error] = result.body.errors!;
      expect(error.message).toMatch(/^查询过于复杂：估算代价 \d+，上限 50000；请减少每页数量或字段$/);
      expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maximum: 50_000 });
      expect(error.extensions!.cost).toBeGreaterThan(50_000);
      // Nothing beyond authentication ran: no project, indicator or actual was read.
      expect(queries.filter((sql) => /project|indicator|actual|spending/.test(sql))).toEqual([]);
    });

    it('answers a refused query as a client error (400), not a server failure', async () => {
      const result = await post(getApi(), JSON.stringify({ query: `{ ${aliasedDashboards(4)} }` }), bearer(token));
      expect(result.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(result.status).toBe(400);
    });

    it('reads the page size from variables', async () => {
      const query = `query($n: Int!) { ${aliasedDashboards(4, '$n')} }`;
      const big = await post(getApi(), JSON.stringify({ query, variables: { n: 100 } }), bearer(token));
      expect(big.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      const small = await post(getApi(), JSON.stringify({ query, variables: { n: 5 } }), bearer(token));
      expect(small.body.errors).toBeUndefined();
      expect(Object.keys(small.body.data as object)).toEqual(['p0', 'p1', 'p2', 'p3']);
      // The cost is kept per variables: the small page's does not let the big one through.
      const again = await post(getApi(), JSON.stringify({ query, variables: { n: 100 } }), bearer(token));
      expect(again.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    });

    it('accepts one dashboard of 100 projects', async () => {
      const result = await post(getApi(), JSON.stringify({ query: `{ ${aliasedDashboards(1)} }` }), bearer(token));
      expect(result.body.errors).toBeUndefined();
      expect((result.body.data as { p0: { nodes: unknown[] } }).p0.nodes).toHaveLength(5);
    });
  });

  describe('CSRF prevention', () => {
    it('refuses a GET without the preflight header, and answers one with it', async () => {
      const refused = await get(getApi(), '{ __typename }');
      expect(refused.status).toBe(400);
      expect(refused.raw).toContain('Cross-Site Request Forgery');
      expect(refused.raw).not.toContain('"__typename"');

      const allowed = await get(getApi(), '{ __typename }', { 'apollo-require-preflight': 'true' });
      expect(allowed.status).toBe(200);
      expect(allowed.body).toEqual({ data: { __typename: 'Query' } });
    });

    it('refuses a text/plain POST (a form could send it) without running the mutation', async () => {
      const before = await spent();
      const payload = JSON.stringify({
        query: 'mutation($input: RecordSpendingInput!) { recordSpending(input: $input) { spent } }',
        variables: { input: { projectId: repairProject, amount: 100, date: '2023-09-20' } },
      });
      const refused = await post(getApi(), payload, { 'content-type': 'text/plain', ...bearer(token) });
      expect(refused.status).toBe(400);
      expect(refused.raw).toContain('Cross-Site Request Forgery');
      expect(await spent()).toBe(before);

      // The same request as JSON goes through: the refusal was about the content type.
      const accepted = await post(getApi(), payload, bearer(token));
      expect(accepted.body).toEqual({ data: { recordSpending: { spent: before + 100 } } });
    });

    it('refuses a mutation over GET even with the preflight header', async () => {
      const before = await spent();
      const mutation = `mutation { recordSpending(input: { projectId: "${repairProject}", amount: 100, date: "2023-09-20" }) { spent } }`;
      const refused = await get(getApi(), mutation, { 'apollo-require-preflight': 'true', ...bearer(token) });
      expect(refused.status).toBe(405);
      expect(await spent()).toBe(before);
    });
  });

  describe('production', () => {
    let production: TestApi;
    let development: TestApi;
    beforeAll(async () => {
      production = await openTestApi(dialect, { production: true });
      await seedWorld(production);
      development = await openTestApi(dialect, { production: false });
    });
    afterAll(async () => {
      await production?.db.close();
      await development?.db.close();
    });

    it('refuses introspection, which development allows', async () => {
      for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Project") { fields { name } } }']) {
        const refused = await post(production, JSON.stringify({ query }));
        expect(refused.status, query).toBe(400);
        expect(refused.body.data, query).toBeUndefined();
        expect(refused.body.errors?.[0]?.extensions?.code, query).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(refused.body.errors?.[0]?.message, query).toContain('introspection is not allowed');
      }
      const allowed = await post(development, JSON.stringify({ query: '{ __schema { queryType { name } } }' }));
      expect(allowed.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    });

    it('does not suggest field names, which would reveal the schema introspection hides', async () => {
      const result = await post(production, JSON.stringify({ query: '{ projectz { totalCount } }' }));
      expect(result.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.raw).not.toContain('Did you mean');
      expect(result.raw).not.toContain('"projects"');
    });

    it('keeps the messages and codes of expected errors, without stack traces', async () => {
      const unauthenticated = await post(production, JSON.stringify({ query: '{ projects { totalCount } }' }));
      expect(unauthenticated.body.errors).toEqual([expect.objectContaining({ message: '请先登录', extensions: { code: 'UNAUTHENTICATED' } })]);

      const managerToken = await production.login('manager');
      const bad = await post(production, JSON.stringify({ query: '{ projects(first: 101) { totalCount } }' }), bearer(managerToken));
      expect(bad.body.errors).toEqual([
        expect.objectContaining({ message: 'first 应为 1 到 100 之间的整数，实际为 101', extensions: { code: 'BAD_USER_INPUT', field: 'first' } }),
      ]);
      const invalid = await post(production, JSON.stringify({ query: '{ projects { nope } }' }), bearer(managerToken));
      expect(invalid.body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    });

    // Last in this block: it breaks the production database on purpose.
    it('hides the details of an unexpected failure, which development shows', async () => {
      const managerToken = await production.login('manager');
      // What a project's spending is read from: the stored scorecards.
      await production.db.em.getConnection().execute('drop table project_scorecard');
      const result = await post(production, JSON.stringify({ query: '{ projects { nodes { name spent } } }' }), bearer(managerToken));
      expect(result.body.errors?.length).toBeGreaterThan(0);
      for (const error of result.body.errors!) {
        expect(error.message).toBe('服务器内部错误，请稍后再试');
        expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      }
      expect(result.raw).not.toMatch(/scorecard|select|sqlite|postgres|stacktrace|\.ts:/i);

      // The same failure in development names the cause, so the test above is about hiding it.
      await seedWorld(development);
      const devToken = await development.login('manager');
      await development.db.em.getConnection().execute('drop table project_scorecard');
      const shown = await post(development, JSON.stringify({ query: '{ projects { nodes { name spent } } }' }), bearer(devToken));
      expect(shown.raw).toMatch(/project_scorecard/);
      expect(shown.body.errors?.[0]?.extensions?.stacktrace).toEqual(expect.any(Array));
    });
  });

  describe('body size limit', () => {
    let small: TestApi;
    beforeAll(async () => {
      small = await openTestApi(dialect, { bodyLimitBytes: 1000 });
    });
    afterAll(async () => {
      await small?.db.close();
    });

    const bodyOf = (bytes: number) => {
      const body = JSON.stringify({ query: '{ __typename }', variables: { padding: '' } });
      return JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(bytes - body.length) } });
    };

    it('answers a body over the limit with 413', async () => {
      const payload = bodyOf(1001);
      expect(Buffer.byteLength(payload)).toBe(1001);
      const response = await small.app.server.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload });
      expect(response.statusCode).toBe(413);
    });

    it('accepts a body at the limit', async () => {
      const payload = bodyOf(1000);
      expect(Buffer.byteLength(payload)).toBe(1000);
      const result = await post(small, payload);
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ data: { __typename: 'Query' } });
    });
  });

  describe('document limits, before validation', () => {
    it('refuses 32,000 × __typename (343 KiB) in milliseconds, signed in or not', async () => {
      const query = `{ ${'__typename '.repeat(32_000)}}`;
      for (const headers of [{}, bearer(token)]) {
        const started = performance.now();
        const result = await post(getApi(), JSON.stringify({ query }), headers);
        expect(performance.now() - started).toBeLessThan(200);
        expect(result.status).toBe(400);
        expect(result.body.errors).toEqual([
          expect.objectContaining({
            message: expect.stringMatching(/^查询过大：最多 \d+ 个词法单元/),
            extensions: expect.objectContaining({ code: 'QUERY_TOO_LARGE' }),
          }),
        ]);
      }
    });

    it('allows fewer aliases and less depth without a valid token than with one', async () => {
      const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
      const anonymous = await post(getApi(), JSON.stringify({ query: aliases }));
      expect(anonymous.status).toBe(400);
      expect(anonymous.body.errors).toEqual([
        expect.objectContaining({
          message: '查询别名过多：最多 10 个，此查询有 20 个',
          extensions: expect.objectContaining({ code: 'QUERY_TOO_MANY_ALIASES' }),
        }),
      ]);
      const expired = await post(getApi(), JSON.stringify({ query: aliases }), bearer('not-a-token'));
      expect(expired.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_MANY_ALIASES');
      const signedIn = await post(getApi(), JSON.stringify({ query: aliases }), bearer(token));
      expect(signedIn.body.errors).toBeUndefined();

      const deep = await post(getApi(), JSON.stringify({ query: introspectionOfDepth(7) }));
      expect(deep.body.errors?.map((error) => error.message)).toEqual(['查询嵌套过深：最多 6 层，此查询为 7 层']);
    });

    it('checks GET requests too', async () => {
      const result = await get(getApi(), `{ ${'__typename '.repeat(2_000)}}`, { 'apollo-require-preflight': 'true' });
      expect(result.status).toBe(400);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
    });
  });

  describe('cost analysis that cannot measure', () => {
    let open: TestApi;
    let openToken: string;
    beforeAll(async () => {
      // Document limits out of the way, so that the cost analysis alone decides.
      const unlimited = { maxTokens: 1e6, maxFields: 1e6, maxExpandedFields: 1e6, maxAliases: 1e6, maxDirectives: 1e6, maxDepth: 10, maxComplexity: 50_000 };
      open = await openTestApi(dialect, { graphqlLimits: { anonymous: unlimited, signedIn: unlimited } });
      await seedWorld(open);
      openToken = await open.login('manager');
    });
    afterAll(async () => {
      await open?.db.close();
    });

    it('refuses a query over the cost limit padded with 10,001 __typename aliases, rather than skipping the check', async () => {
      const padding = Array.from({ length: 10_001 }, (_, i) => `t${i}: __typename`).join(' ');
      const { result, queries } = await open.db.captureQueries(() =>
        post(open, JSON.stringify({ query: `{ ${aliasedDashboards(4)} ${padding} }` }), bearer(openToken)),
      );
      expect(result.status).toBe(400);
      expect(result.body.data ?? null).toBeNull();
      expect(result.body.errors).toEqual([
        expect.objectContaining({
          message: '查询过于复杂：无法估算代价（超过 10000 个节点），上限 50000；请减少字段或别名',
          extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', maximum: 50_000 }),
        }),
      ]);
      expect(queries.filter((sql) => /project|indicator|actual|spending/.test(sql))).toEqual([]);
    });

    it('still reports variables of the wrong type as bad input', async () => {
      const result = await post(
        open,
        JSON.stringify({ query: 'query($n: Int!) { projects(first: $n) { nodes { name } } }', variables: { n: 'many' } }),
        bearer(openToken),
      );
      expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('execution time limit', () => {
    let hurried: TestApi;
    let hurriedToken: string;
    beforeAll(async () => {
      // No time at all: the first field resolved is already late.
      hurried = await openTestApi(dialect, { maxExecutionMs: 0 });
      await seedWorld(hurried);
      hurriedToken = await hurried.login('manager');
    });
    afterAll(async () => {
      await hurried?.db.close();
    });

    it('answers one REQUEST_TIMEOUT error (503) instead of partial data', async () => {
      const result = await post(hurried, JSON.stringify({ query: `{ ${aliasedDashboards(2, '5')} }` }), bearer(hurriedToken));
      expect(result.status).toBe(503);
      expect(result.body).toEqual({
        errors: [{ message: '查询执行超时：超过 0 秒，已停止；请减少每页数量或字段后重试', extensions: { code: 'REQUEST_TIMEOUT', maximumMs: 0 } }],
      });
    });

    it('does not cut a mutation whose change is made', async () => {
      const result = await post(
        hurried,
        JSON.stringify({ query: 'mutation($p: String!) { login(username: "manager", password: $p) { token } }', variables: { p: PASSWORD } }),
      );
      expect(result.body.errors).toBeUndefined();
      expect((result.body.data as { login: { token: string } }).login.token).toEqual(expect.any(String));
    });
  });
});
