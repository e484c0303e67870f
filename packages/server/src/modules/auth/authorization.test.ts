import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachApi, PASSWORD, SEED_TEXT, TEST_CONFIG, type GraphqlResponse, type TestApi } from '../../test/api.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { User, UserRole } from '../user/user.entity.js';
import { createUser } from './auth.service.js';
import { issueToken } from './token.js';

/** The only message a caller gets for an id outside their organizations, or one that does not exist. */
const FORBIDDEN_MESSAGE = '无权访问，或对象不存在';
const ROLE_MESSAGE = '当前角色无权执行此操作';
const REPAIR_PROJECT = '派出法庭安全隐患维修项目';
const AID_PROJECT = '司法救助金-2023中央';

interface SeedIds {
  /** Project name → id, for the five 218101 projects. */
  projects: Record<string, string>;
  repairProject: string;
  /** 维修法庭和办公室数量 (≥6个) of the repair project. */
  roomCount: string;
  /** 维修资金 (30万元) of the repair project. */
  repairFunds: string;
  /** The two 效益指标 of the repair project, in table order. */
  benefitIndicators: [string, string];
  otherProject: string;
}

function errorOf(result: GraphqlResponse): { message: string; code: unknown; extensions: Record<string, unknown> } {
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  const [error] = result.errors!;
  return { message: error.message, code: error.extensions?.code, extensions: error.extensions ?? {} };
}

async function seedIds(api: TestApi): Promise<SeedIds> {
  type Nodes = { projects: { nodes: Array<{ id: string; name: string; indicators: Array<{ id: string; name: string; level1: string }> }> } };
  const court = await api.gql<Nodes>('{ projects(first: 100) { nodes { id name indicators { id name level1 } } } }', {}, await api.login('manager'));
  const other = await api.gql<Nodes>('{ projects { nodes { id } } }', {}, await api.login('other-manager'));
  const nodes = court.data!.projects.nodes;
  const repair = nodes.find((project) => project.name === REPAIR_PROJECT)!;
  const benefit = repair.indicators.filter((indicator) => indicator.level1 === '效益指标').map((indicator) => indicator.id);
  expect(benefit).toHaveLength(2);
  return {
    projects: Object.fromEntries(nodes.map((project) => [project.name, project.id])),
    repairProject: repair.id,
    roomCount: repair.indicators.find((indicator) => indicator.name === '维修法庭和办公室数量')!.id,
    repairFunds: repair.indicators.find((indicator) => indicator.name === '维修资金')!.id,
    benefitIndicators: [benefit[0], benefit[1]],
    otherProject: other.data!.projects.nodes[0].id,
  };
}

const PROJECT_STATE = `query($id: ID!) {
  project(id: $id) {
    name spent budget { total fiscal other }
    indicators { id customWeight notApplicable deviationNote actual { value history { value recordedBy } } }
    evaluation { score }
  }
}`;

/** Everything a write could change about a project, read with the court manager's eyes, plus the audit log length. */
async function stateOf(api: TestApi, projectId: string): Promise<unknown> {
  const result = await api.gql(PROJECT_STATE, { id: projectId }, await api.login('manager'));
  expect(result.errors).toBeUndefined();
  return { project: result.data, auditEvents: await api.db.em.fork().count(AuditEvent, {}) };
}

/** Table 4 of the seed alone (派出法庭安全隐患维修项目), to re-import; its name has no year, so imports pass 2023. */
function repairTable(): string {
  const start = SEED_TEXT.indexOf('[bookmark: _Toc_4_4_0000000007]');
  const end = SEED_TEXT.indexOf('[bookmark: _Toc_4_4_0000000008]');
  return SEED_TEXT.slice(start, end);
}

/** The writes of the API, aimed at the repair project; `tag` makes each caller's values distinct. */
function writes(ids: SeedIds, tag: number) {
  return {
    recordActual: {
      query: 'mutation($input: RecordActualInput!) { recordActual(input: $input) { id actual { value recordedBy } } }',
      variables: { input: { indicatorId: ids.roomCount, value: `${tag}个` } },
    },
    recordSpending: {
      query: 'mutation($input: RecordSpendingInput!) { recordSpending(input: $input) { id spent } }',
      variables: { input: { projectId: ids.repairProject, amount: tag, date: '2023-09-20' } },
    },
    importTargetTables: {
      query: 'mutation($text: String!) { importTargetTables(text: $text, year: 2023) { created updated errors { message } projects { id } } }',
      variables: { text: repairTable() },
    },
    setIndicatorWeights: {
      query:
        'mutation($projectId: ID!, $weights: [IndicatorWeightInput!]!) { setIndicatorWeights(projectId: $projectId, weights: $weights) { id indicators { id customWeight } } }',
      variables: {
        projectId: ids.repairProject,
        weights: [
          { indicatorId: ids.benefitIndicators[0], weight: 30 - tag },
          { indicatorId: ids.benefitIndicators[1], weight: tag },
        ],
      },
    },
    setDeviationNote: {
      query: 'mutation($id: ID!, $note: String) { setDeviationNote(indicatorId: $id, note: $note) { id deviationNote } }',
      variables: { id: ids.roomCount, note: `第${tag}次说明：维修进度受天气影响` },
    },
    setIndicatorApplicable: {
      query: 'mutation($id: ID!, $applicable: Boolean!) { setIndicatorApplicable(indicatorId: $id, applicable: $applicable) { id notApplicable } }',
      variables: { id: ids.repairFunds, applicable: false },
    },
  };
}

describeEachApi('authorization', (getApi) => {
  let ids: SeedIds;
  beforeAll(async () => {
    ids = await seedIds(getApi());
  });

  describe('authentication', () => {
    it('refuses projects without a token', async () => {
      const result = await getApi().gql('{ projects { totalCount } }');
      expect(result.data).toBeNull();
      expect(errorOf(result)).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    });

    it.each([
      ['a garbage token', 'Bearer garbage'],
      ['a token of the wrong shape', 'Bearer jx1.e30'],
      ['another scheme', 'Basic dmlld2VyOnBhc3N3b3Jk'],
    ])('refuses %s', async (_, authorization) => {
      const response = await getApi().app.server.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization },
        payload: JSON.stringify({ query: '{ projects { totalCount } }' }),
      });
      const result = JSON.parse(response.body) as GraphqlResponse;
      expect(result.data).toBeNull();
      expect(errorOf(result)).toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' });
    });

    it('refuses a token whose payload was changed to another user (privilege escalation)', async () => {
      const api = getApi();
      const viewerToken = await api.login('viewer');
      const admin = await api.gql<{ me: { id: string } }>('{ me { id } }', {}, await api.login('admin'));
      const [prefix, payload, signature] = viewerToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string };
      expect(claims.sub).not.toBe(admin.data!.me.id);
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: admin.data!.me.id })).toString('base64url');

      const result = await api.gql('{ me { username role } }', {}, `${prefix}.${forged}.${signature}`);
      expect(result.data).toBeNull();
      expect(errorOf(result)).toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' });
      // The untouched token still works: the refusal is about the change.
      expect((await api.gql('{ me { username role } }', {}, viewerToken)).data).toEqual({ me: { username: 'viewer', role: 'VIEWER' } });
    });

    it('refuses a token signed with another secret, and an expired one', async () => {
      const api = getApi();
      const admin = await api.gql<{ me: { id: string } }>('{ me { id } }', {}, await api.login('admin'));
      const now = Math.floor(Date.now() / 1000);
      const foreign = issueToken('not-the-server-secret', { sub: admin.data!.me.id, ver: 0, exp: now + 3600 });
      const expired = issueToken(TEST_CONFIG.secret, { sub: admin.data!.me.id, ver: 0, exp: now - 1 });
      const fresh = issueToken(TEST_CONFIG.secret, { sub: admin.data!.me.id, ver: 0, exp: now + 3600 });
      for (const token of [foreign, expired]) {
        expect(errorOf(await api.gql('{ projects { totalCount } }', {}, token))).toMatchObject({ code: 'UNAUTHENTICATED' });
      }
      // The same claims, correctly signed and unexpired, are accepted: the test forges nothing else.
      expect((await api.gql('{ projects { totalCount } }', {}, fresh)).data).toEqual({ projects: { totalCount: 5 } });
    });

    it('refuses tokens issued before the user’s token version was bumped', async () => {
      const api = getApi();
      await createUser(api.db.em.fork(), { username: 'revoked-viewer', password: PASSWORD, role: UserRole.VIEWER, orgCode: '218101' }, 'test');
      const token = await api.login('revoked-viewer');
      expect((await api.gql('{ projects { totalCount } }', {}, token)).data).toEqual({ projects: { totalCount: 5 } });

      const em = api.db.em.fork();
      const user = await em.findOneOrFail(User, { username: 'revoked-viewer' });
      user.tokenVersion += 1;
      await em.flush();

      expect(errorOf(await api.gql('{ projects { totalCount } }', {}, token))).toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' });
      const again = await api.login('revoked-viewer');
      expect((await api.gql('{ projects { totalCount } }', {}, again)).data).toEqual({ projects: { totalCount: 5 } });
    });

    it('lets a client with a stale token log in again', async () => {
      const result = await getApi().gql<{ login: { user: { username: string } } }>(
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { username } } }',
        { u: 'viewer', p: PASSWORD },
        'garbage',
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.login.user.username).toBe('viewer');
    });

    it('answers a wrong password and an unknown user the same way', async () => {
      const api = getApi();
      const login = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
      const wrong = await api.gql(login, { u: 'viewer', p: 'not-the-password' });
      const unknown = await api.gql(login, { u: 'nobody-here', p: PASSWORD });
      expect(wrong.data).toBeNull();
      expect(errorOf(wrong)).toEqual({ code: 'UNAUTHENTICATED', message: '用户名或密码错误', extensions: { code: 'UNAUTHENTICATED' } });
      expect(errorOf(unknown)).toEqual(errorOf(wrong));
    });

    it('logs in with the right password and tells who and where', async () => {
      const result = await getApi().gql(
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { username role orgCode orgName } } }',
        { u: 'parent-manager', p: PASSWORD },
      );
      expect(result.data).toMatchObject({
        login: { token: expect.stringMatching(/^jx1\./), user: { username: 'parent-manager', role: 'MANAGER', orgCode: '2181', orgName: '上级主管部门' } },
      });
    });
  });

  describe('roles', () => {
    for (const username of ['viewer', 'inspector']) {
      it(`${username} reads projects and indicators`, async () => {
        const api = getApi();
        const token = await api.login(username);
        const list = await api.gql('{ projects { totalCount nodes { name orgCode } } }', {}, token);
        expect(list.errors).toBeUndefined();
        expect(list.data).toMatchObject({ projects: { totalCount: 5 } });
        const one = await api.gql('query($id: ID!) { indicator(id: $id) { name target { raw } } }', { id: ids.roomCount }, token);
        expect(one.data).toEqual({ indicator: { name: '维修法庭和办公室数量', target: { raw: '≥6个' } } });
      });

      it(`${username} is refused every write, and nothing changes`, async () => {
        const api = getApi();
        const token = await api.login(username);
        const before = await stateOf(api, ids.repairProject);
        for (const [mutation, { query, variables }] of Object.entries(writes(ids, 7))) {
          const result = await api.gql(query, variables, token);
          expect(result.data, mutation).toBeNull();
          expect(errorOf(result), mutation).toMatchObject({ code: 'FORBIDDEN', message: ROLE_MESSAGE });
        }
        expect(await stateOf(api, ids.repairProject)).toEqual(before);
      });
    }

    for (const [username, tag] of [
      ['manager', 4],
      ['admin', 5],
    ] as const) {
      it(`${username} may make every write`, async () => {
        const api = getApi();
        const token = await api.login(username);
        const ops = writes(ids, tag);
        type Spent = { project: { spent: number } };
        const spentBefore = (await api.gql<Spent>('query($id: ID!) { project(id: $id) { spent } }', { id: ids.repairProject }, token)).data!.project.spent;

        const actual = await api.gql(ops.recordActual.query, ops.recordActual.variables, token);
        expect(actual.errors).toBeUndefined();
        expect(actual.data).toEqual({ recordActual: { id: ids.roomCount, actual: { value: `${tag}个`, recordedBy: username } } });

        const spending = await api.gql(ops.recordSpending.query, ops.recordSpending.variables, token);
        expect(spending.errors).toBeUndefined();
        expect(spending.data).toEqual({ recordSpending: { id: ids.repairProject, spent: spentBefore + tag } });

        const imported = await api.gql(ops.importTargetTables.query, ops.importTargetTables.variables, token);
        expect(imported.errors).toBeUndefined();
        expect(imported.data).toEqual({ importTargetTables: { created: 0, updated: 1, errors: [], projects: [{ id: ids.repairProject }] } });

        const weights = await api.gql<{ setIndicatorWeights: { indicators: Array<{ id: string; customWeight: number | null }> } }>(
          ops.setIndicatorWeights.query,
          ops.setIndicatorWeights.variables,
          token,
        );
        expect(weights.errors).toBeUndefined();
        const custom = new Map(weights.data!.setIndicatorWeights.indicators.map((indicator) => [indicator.id, indicator.customWeight]));
        expect([custom.get(ids.benefitIndicators[0]), custom.get(ids.benefitIndicators[1])]).toEqual([30 - tag, tag]);

        const note = await api.gql(ops.setDeviationNote.query, ops.setDeviationNote.variables, token);
        expect(note.errors).toBeUndefined();
        expect(note.data).toEqual({ setDeviationNote: { id: ids.roomCount, deviationNote: `第${tag}次说明：维修进度受天气影响` } });

        const { query, variables } = ops.setIndicatorApplicable;
        expect((await api.gql(query, variables, token)).data).toEqual({ setIndicatorApplicable: { id: ids.repairFunds, notApplicable: true } });
        expect((await api.gql(query, { ...variables, applicable: true }, token)).data).toEqual({
          setIndicatorApplicable: { id: ids.repairFunds, notApplicable: false },
        });
      });
    }
  });

  describe('organizations', () => {
    it('shows another organization’s manager only its own project', async () => {
      const api = getApi();
      const result = await api.gql('{ projects { totalCount nodes { name orgCode } } }', {}, await api.login('other-manager'));
      expect(result.data).toEqual({ projects: { totalCount: 1, nodes: [{ name: AID_PROJECT, orgCode: '999999' }] } });
    });

    it('answers a foreign project, an unknown id and a malformed id alike', async () => {
      const api = getApi();
      const token = await api.login('other-manager');
      const query = 'query($id: ID!) { project(id: $id) { id name } }';
      const foreign = errorOf(await api.gql(query, { id: ids.projects[AID_PROJECT] }, token));
      const unknown = errorOf(await api.gql(query, { id: '5b0f4a9e-2c7d-4e8a-9f1b-3d6c8e2a7b40' }, token));
      const malformed = errorOf(await api.gql(query, { id: 'not-a-uuid' }, token));
      expect(foreign).toEqual({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE, extensions: { code: 'FORBIDDEN' } });
      expect(unknown).toEqual(foreign);
      expect(malformed).toEqual(foreign);
      // Its own project it reads.
      expect((await api.gql(query, { id: ids.otherProject }, token)).data).toEqual({ project: { id: ids.otherProject, name: AID_PROJECT } });
    });

    it('answers a foreign indicator, an unknown one and a malformed one alike', async () => {
      const api = getApi();
      const token = await api.login('other-manager');
      const query = 'query($id: ID!) { indicator(id: $id) { id } }';
      const foreign = errorOf(await api.gql(query, { id: ids.roomCount }, token));
      expect(foreign).toMatchObject({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
      expect(errorOf(await api.gql(query, { id: '5b0f4a9e-2c7d-4e8a-9f1b-3d6c8e2a7b40' }, token))).toEqual(foreign);
      expect(errorOf(await api.gql(query, { id: '42' }, token))).toEqual(foreign);
    });

    it('refuses every write on another organization’s project, and nothing changes', async () => {
      const api = getApi();
      const token = await api.login('other-manager');
      const before = await stateOf(api, ids.repairProject);
      const ops = writes(ids, 3);
      for (const mutation of ['recordActual', 'recordSpending', 'setIndicatorWeights', 'setDeviationNote', 'setIndicatorApplicable'] as const) {
        const result = await api.gql(ops[mutation].query, ops[mutation].variables, token);
        expect(result.data, mutation).toBeNull();
        expect(errorOf(result), mutation).toMatchObject({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
      }
      // An import of the court's table, with a changed budget, is refused as a whole.
      const changed = repairTable().replace('30.00', '99.00');
      const imported = await api.gql(ops.importTargetTables.query, { text: changed }, token);
      expect(imported.data).toBeNull();
      expect(errorOf(imported)).toMatchObject({ code: 'FORBIDDEN', message: '表4：单位“218101 天津市武清区人民法院”不在您的管辖范围内，未导入任何表' });
      expect(await stateOf(api, ids.repairProject)).toEqual(before);
    });

    it('rolls the court up to its parent organization', async () => {
      const api = getApi();
      const token = await api.login('parent-manager');
      const result = await api.gql<{ projects: { totalCount: number; nodes: Array<{ name: string; orgCode: string }> } }>(
        '{ projects { totalCount nodes { name orgCode } } }',
        {},
        token,
      );
      expect(result.data!.projects.totalCount).toBe(5);
      const court = result.data!.projects.nodes.filter((project) => project.orgCode === '218101').map((project) => project.name);
      expect(court.sort()).toEqual(Object.keys(ids.projects).sort());
      expect(result.data!.projects.nodes.map((project) => project.orgCode)).not.toContain('999999');
      const one = await api.gql('query($id: ID!) { project(id: $id) { name } }', { id: ids.repairProject }, token);
      expect(one.data).toEqual({ project: { name: REPAIR_PROJECT } });
      // …but not the other way round: the court does not see its parent.
      const up = await api.gql('{ organizationSummary(orgCode: "2181", year: 2023) { projectCount } }', {}, await api.login('manager'));
      expect(errorOf(up)).toMatchObject({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
    });

    it('summarizes the court for its manager and its parent, and for no one else', async () => {
      const api = getApi();
      const query = 'query($org: String!) { organizationSummary(orgCode: $org, year: 2023) { orgCode orgName year projectCount budget } }';
      const expected = { orgCode: '218101', orgName: '天津市武清区人民法院', year: 2023, budget: 418 + 27 + 21 + 30 + 31 };
      const manager = await api.gql(query, { org: '218101' }, await api.login('manager'));
      expect(manager.errors).toBeUndefined();
      expect(manager.data!.organizationSummary).toEqual({ ...expected, projectCount: 5 });

      const parent = await api.gql(query, { org: '218101' }, await api.login('parent-manager'));
      expect(parent.data).toEqual(manager.data);

      const otherToken = await api.login('other-manager');
      const foreign = errorOf(await api.gql(query, { org: '218101' }, otherToken));
      expect(foreign).toMatchObject({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
      expect(errorOf(await api.gql(query, { org: '000000' }, otherToken))).toEqual(foreign);
    });
  });

  // Last: it adds a project under 218101, which the counts above do not expect.
  describe('new units', () => {
    it('lets an admin import a new unit, which lands under the admin’s organization, but not a manager', async () => {
      const api = getApi();
      const text = repairTable().replace('218101天津市武清区人民法院', '218177武清区新设单位');
      const query =
        'mutation($text: String!) { importTargetTables(text: $text, year: 2023) { created updated errors { message } warnings { message } projects { orgCode } } }';

      const refused = await api.gql(query, { text }, await api.login('manager'));
      expect(refused.data).toBeNull();
      expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', message: '表4：单位“218177 武清区新设单位”不存在，只有管理员可以新建单位，未导入任何表' });
      expect(await api.db.em.fork().findOne(Organization, { code: '218177' })).toBeNull();

      const accepted = await api.gql<{ importTargetTables: { warnings: Array<{ message: string }> } }>(query, { text }, await api.login('admin'));
      expect(accepted.data).toMatchObject({ importTargetTables: { created: 1, updated: 0, projects: [{ orgCode: '218177' }], errors: [] } });
      // The result says where the new unit went.
      expect(accepted.data!.importTargetTables.warnings).toContainEqual({
        message: '表4：单位“218177 武清区新设单位”原不存在，已作为您的单位“218101 天津市武清区人民法院”的下级单位新建；如它另有上级单位，请联系系统管理员',
      });
      const org = await api.db.em.fork().findOneOrFail(Organization, { code: '218177' }, { populate: ['parent'] });
      expect(org.parent?.code).toBe('218101');
      // Other organizations' managers do not see it.
      const other = await api.gql('{ projects(orgCode: "218177") { totalCount } }', {}, await api.login('other-manager'));
      expect(other.data).toEqual({ projects: { totalCount: 0 } });
    });
  });
});
