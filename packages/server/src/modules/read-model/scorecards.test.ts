import { createHash, randomUUID } from 'node:crypto';
import { rollUpProjects } from '@jixiao/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachApi, SEED_TEXT, type TestApi } from '../../test/api.js';
import { storedSignature } from '../../test/inspections.js';
import { runStatement } from '../common/sql.js';
import { Organization } from '../organization/organization.entity.js';
import { importTargetTables } from '../target-import/target-import.service.js';
import { Upload } from '../upload/upload.entity.js';
import { User } from '../user/user.entity.js';
import { loadProjectData } from './project-data.js';
import { ensureScorecards, rebuildScorecards, scorecardDifferences } from './scorecards.js';

/** The seed's 派出法庭安全隐患维修项目 table alone: evidence-fed indicators of every kind. */
const REPAIR_TABLE = SEED_TEXT.slice(SEED_TEXT.indexOf('[bookmark: _Toc_4_4_0000000007]'), SEED_TEXT.indexOf('[bookmark: _Toc_4_4_0000000008]'));
const REPAIR_PROJECT = '派出法庭安全隐患维修项目';

interface IndicatorView {
  id: string;
  name: string;
  source: string;
  target: { kind: string; comparator: string | null; value: string | null; unit: string | null };
}
interface ProjectView {
  id: string;
  name: string;
  evaluation: { score: number; grade: string; executionRate: number | null; missing: number };
  indicators: IndicatorView[];
}

const PROJECTS = `query($org: String) { projects(orgCode: $org, year: 2023, first: 100) { nodes {
  id name evaluation { score grade executionRate missing }
  indicators { id name source target { kind comparator value unit } }
} } }`;

/** A world to write in, and what each writer case needs of it. */
interface World {
  api: TestApi;
  manager: string;
  inspector: string;
  projects(): Promise<ProjectView[]>;
  repair(): Promise<ProjectView>;
  indicator(project: ProjectView, name: string): IndicatorView;
  /** Ids of things earlier cases made (an inspection to review, a response to void). */
  made: Map<string, string>;
}

function ok<T>(result: { data?: T | null; errors?: unknown[] }): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function submitInspection(world: World, n: number, passed: boolean): Promise<string> {
  const { api } = world;
  const em = api.db.em.fork();
  const photo = createHash('sha256').update(`scorecard-${n}`).digest('hex');
  em.create(Upload, {
    sha256: photo,
    uploadedBy: await em.findOneOrFail(User, { username: 'inspector' }),
    mime: 'image/jpeg',
    bytes: 900,
    width: 1600,
    height: 1200,
  });
  await em.flush();
  const project = await world.repair();
  const data = ok(
    await api.gql<{ submitInspection: { id: string } }>(
      'mutation($input: SubmitInspectionInput!) { submitInspection(input: $input) { id } }',
      {
        input: {
          clientId: randomUUID(),
          projectId: project.id,
          kind: 'REPAIR',
          itemName: `维修点 ${n}`,
          passed,
          note: passed ? null : '屋面仍渗漏',
          photos: [photo],
          signature: await storedSignature(api),
          capturedAt: `2023-09-${10 + n}T15:00:00+08:00`,
        },
      },
      world.inspector,
    ),
  );
  return data.submitInspection.id;
}

/**
 * Every write that can move a score, in the order a unit's year might see them. After each, the
 * stored scorecards must equal a computation from scratch (scorecardDifferences), and the case says
 * whether the dashboard's scores were to move — so that a writer that forgot to refresh is caught
 * either way.
 */
const WRITERS: Array<[string, (world: World) => Promise<void>, { moves: boolean }]> = [
  [
    'recordActual: a manager records a manual actual',
    async (world) => {
      const project = await world.repair();
      const indicator = world.indicator(project, '保证办公用房质量');
      ok(
        await world.api.gql(
          'mutation($input: RecordActualInput!) { recordActual(input: $input) { id } }',
          { input: { indicatorId: indicator.id, tier: 'PARTIAL', ratio: 0.7 } },
          world.manager,
        ),
      );
    },
    { moves: true },
  ],
  [
    'recordSpending: spending moves 执行率 and the SPENDING-fed 维修资金',
    async (world) => {
      const project = await world.repair();
      ok(
        await world.api.gql(
          'mutation($input: RecordSpendingInput!) { recordSpending(input: $input) { id } }',
          { input: { projectId: project.id, amount: 12.5, date: '2023-08-01' } },
          world.manager,
        ),
      );
    },
    { moves: true },
  ],
  [
    'submitInspection: a passing repair acceptance derives 维修法庭和办公室数量, 维修质量达标率 and 工程完工时间节点',
    async (world) => {
      world.made.set('passed', await submitInspection(world, 1, true));
    },
    { moves: true },
  ],
  [
    'submitInspection: a failing one lowers 维修质量达标率',
    async (world) => {
      world.made.set('failed', await submitInspection(world, 2, false));
    },
    { moves: true },
  ],
  [
    'reviewInspection: rejecting the passing acceptance takes it out of the counts',
    async (world) => {
      const admin = await world.api.login('admin');
      ok(
        await world.api.gql(
          'mutation($id: ID!) { reviewInspection(id: $id, accept: false, reason: "照片不清") { id } }',
          { id: world.made.get('passed') },
          admin,
        ),
      );
    },
    { moves: true },
  ],
  [
    'reviewInspection: accepting it again puts it back',
    async (world) => {
      const admin = await world.api.login('admin');
      ok(await world.api.gql('mutation($id: ID!) { reviewInspection(id: $id, accept: true) { id } }', { id: world.made.get('passed') }, admin));
    },
    { moves: true },
  ],
  [
    'submitSurveyResponse: kiosk answers derive 干警满意度',
    async (world) => {
      const project = await world.repair();
      const indicator = world.indicator(project, '干警满意度');
      const survey = ok(
        await world.api.gql<{ createSurvey: { id: string } }>(
          'mutation($input: CreateSurveyInput!) { createSurvey(input: $input) { id } }',
          {
            input: {
              indicatorId: indicator.id,
              title: '维修满意度调查',
              audience: 'OFFICERS',
              questions: [{ kind: 'SATISFACTION', text: '总体评价' }],
              opensAt: '2023-10-01T00:00:00+08:00',
              closesAt: '2099-12-31T00:00:00+08:00',
            },
          },
          world.manager,
        ),
      ).createSurvey;
      for (const value of ['非常满意', '满意', '不满意']) {
        const receipt = ok(
          await world.api.gql<{ submitSurveyResponse: { id: string } }>(
            'mutation($input: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $input) { id } }',
            { input: { clientId: randomUUID(), surveyId: survey.id, answers: [{ questionId: 'q1', value }], collectedAt: new Date().toISOString() } },
            world.inspector,
          ),
        );
        world.made.set(value, receipt.submitSurveyResponse.id);
      }
    },
    { moves: true },
  ],
  [
    'voidSurveyResponse: a voided 不满意 no longer counts',
    async (world) => {
      ok(
        await world.api.gql(
          'mutation($id: ID!) { voidSurveyResponse(responseId: $id, reason: "重复提交") { id } }',
          { id: world.made.get('不满意') },
          world.manager,
        ),
      );
    },
    { moves: true },
  ],
  [
    'setIndicatorWeights: a manager sets the 产出 weights',
    async (world) => {
      const project = await world.repair();
      const outputs = project.indicators.filter((i) => ['维修法庭和办公室数量', '维修质量达标率', '工程完工时间节点', '维修资金'].includes(i.name));
      const weights = outputs.map((i, k) => ({ indicatorId: i.id, weight: [20, 10, 10, 10][k] }));
      ok(
        await world.api.gql(
          'mutation($p: ID!, $w: [IndicatorWeightInput!]!) { setIndicatorWeights(projectId: $p, weights: $w) { id } }',
          { p: project.id, w: weights },
          world.manager,
        ),
      );
    },
    { moves: true },
  ],
  [
    'setIndicatorApplicable: an indicator marked not applicable, its level rescaled',
    async (world) => {
      const project = await world.repair();
      const indicator = world.indicator(project, '保障法院办案和业务装备经费保障');
      ok(await world.api.gql('mutation($id: ID!) { setIndicatorApplicable(indicatorId: $id, applicable: false) { id } }', { id: indicator.id }, world.manager));
    },
    { moves: true },
  ],
  [
    'setIndicatorSource: 维修法庭和办公室数量 counted from equipment acceptances instead (there are none) is derived again at once',
    async (world) => {
      const project = await world.repair();
      const indicator = world.indicator(project, '维修法庭和办公室数量');
      ok(
        await world.api.gql('mutation($id: ID!) { setIndicatorSource(indicatorId: $id, source: EQUIPMENT_COUNT) { id } }', { id: indicator.id }, world.manager),
      );
    },
    { moves: true },
  ],
  [
    'setDeviationNote: writing 偏差原因 moves nothing, and leaves the scorecards right',
    async (world) => {
      const project = await world.repair();
      const indicator = world.indicator(project, '维修质量达标率');
      ok(
        await world.api.gql(
          'mutation($id: ID!) { setDeviationNote(indicatorId: $id, note: "雨季施工，返工一次") { id } }',
          { id: indicator.id },
          world.manager,
        ),
      );
    },
    { moves: false },
  ],
  [
    'importTargetTables: the table imported again with a higher target and a larger budget',
    async (world) => {
      const text = REPAIR_TABLE.replace('\t≥6个', '\t≥8个').replaceAll('\t30.00', '\t40.00');
      const result = ok(
        await world.api.gql<{ importTargetTables: { updated: number; errors: unknown[] } }>(
          'mutation($t: String!) { importTargetTables(text: $t, year: 2023) { updated errors { message } } }',
          { t: text },
          world.manager,
        ),
      );
      expect(result.importTargetTables).toEqual({ updated: 1, errors: [] });
    },
    { moves: true },
  ],
  [
    'importTargetTables: a new project of the unit',
    async (world) => {
      const text = REPAIR_TABLE.replaceAll(REPAIR_PROJECT, '派出法庭安全隐患维修二期项目');
      const result = ok(
        await world.api.gql<{ importTargetTables: { created: number; errors: unknown[] } }>(
          'mutation($t: String!) { importTargetTables(text: $t, year: 2023) { created errors { message } } }',
          { t: text },
          world.manager,
        ),
      );
      expect(result.importTargetTables).toEqual({ created: 1, errors: [] });
    },
    { moves: true },
  ],
  [
    'jixiao import: the CLI stores its tables in one transaction (a new unit under the court)',
    async (world) => {
      const em = world.api.db.em.fork();
      const text = REPAIR_TABLE.replaceAll('218101天津市武清区人民法院', '218188武清区第八十八派出法庭');
      const result = await em.transactional((tx) => importTargetTables(tx, text, { year: 2023 }, { cli: true, parent: { code: '218101' } }));
      expect({ created: result.created, errors: result.errors }).toEqual({ created: 1, errors: [] });
    },
    { moves: true },
  ],
];

describeEachApi('stored scorecards', (getApi) => {
  let world: World;
  beforeAll(async () => {
    const api = getApi();
    const manager = await api.login('manager');
    const projects = async () => ok(await api.gql<{ projects: { nodes: ProjectView[] } }>(PROJECTS, {}, manager)).projects.nodes;
    world = {
      api,
      manager,
      inspector: await api.login('inspector'),
      projects,
      repair: async () => (await projects()).find((p) => p.name === REPAIR_PROJECT)!,
      indicator: (project, name) => project.indicators.find((i) => i.name === name)!,
      made: new Map(),
    };
  });

  it('are there for the seed, as imported', async () => {
    expect(await scorecardDifferences(getApi().db.em.fork())).toEqual([]);
  });

  describe('every writer leaves them equal to a computation from scratch', () => {
    it.each(WRITERS)('%s', async (_label, write, { moves }) => {
      const before = await world.projects();
      await write(world);
      expect(await scorecardDifferences(world.api.db.em.fork())).toEqual([]);
      const after = await world.projects();
      const scores = (projects: ProjectView[]) => projects.map((p) => [p.name, p.evaluation]);
      if (moves) expect(scores(after)).not.toEqual(scores(before));
      else expect(scores(after)).toEqual(scores(before));
    });
  });

  it('stay right when writers of one project run at once (PostgreSQL: one waits for the other)', async () => {
    const project = await world.repair();
    const amounts = [1.5, 2.25, 3, 4.75, 5];
    const results = await Promise.all(
      amounts.map((amount, k) =>
        world.api.gql(
          'mutation($input: RecordSpendingInput!) { recordSpending(input: $input) { id } }',
          { input: { projectId: project.id, amount, date: `2023-10-0${k + 1}` } },
          world.manager,
        ),
      ),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(await scorecardDifferences(world.api.db.em.fork())).toEqual([]);
  });

  it('answer the dashboard and organizationSummary as the domain scores the records', async () => {
    const em = world.api.db.em.fork();
    const projects = await world.projects();
    const fresh = await loadProjectData(
      em,
      projects.map((p) => p.id),
    );
    expect(projects.map((p) => p.evaluation)).toEqual(
      fresh.map(({ score }) => ({ score: score.score, grade: score.grade, executionRate: score.executionRate, missing: score.missing })),
    );
    const parent = await world.api.login('parent-manager');
    const summary = ok(
      await world.api.gql<{ organizationSummary: Record<string, unknown> }>(
        '{ organizationSummary(orgCode: "2181", year: 2023) { projectCount budget spent executionRate averageScore grades { excellent good fair poor } incompleteProjects } }',
        {},
        parent,
      ),
    ).organizationSummary;
    const { missing: _missing, ...expected } = rollUpProjects(
      fresh.map(({ budget, spent, score }) => ({ budget, spent, score: score.score, grade: score.grade, missing: score.missing })),
    );
    // The parent sees the court, its new unit 218188 and nothing else: the same projects.
    expect(summary).toEqual(expected);
  });

  it('are found wrong when tampered with, and rebuilt from scratch by rebuildScorecards', async () => {
    const em = world.api.db.em.fork();
    const project = await world.repair();
    await runStatement(em, 'update project_scorecard set score = score + 1 where project_id = ?', [project.id]);
    await runStatement(em, 'update organization_scorecard set missing = missing + 3');
    await runStatement(em, 'delete from indicator_scorecard where indicator_id = ?', [project.indicators[0].id]);
    const differences = await scorecardDifferences(em);
    expect(differences.some((line) => line.startsWith(`project ${project.id}: score`))).toBe(true);
    expect(differences.some((line) => line.includes('missing'))).toBe(true);
    expect(differences.some((line) => line.startsWith(`project ${project.id} indicators`))).toBe(true);
    const rebuilt = await rebuildScorecards(em);
    expect(rebuilt.projects).toBe((await world.projects()).length + 1); // and 999999's project
    expect(await scorecardDifferences(em)).toEqual([]);
  });

  it('are built on first use for a database that has none (made before they existed)', async () => {
    const em = world.api.db.em.fork();
    for (const table of ['indicator_scorecard', 'project_scorecard', 'organization_scorecard']) await runStatement(em, `delete from ${table}`);
    expect((await scorecardDifferences(em)).length).toBeGreaterThan(0);
    expect(await ensureScorecards(em)).toBeGreaterThan(0);
    expect(await scorecardDifferences(em)).toEqual([]);
    expect(await ensureScorecards(em)).toBe(0);
  });

  it('are summed per organization: a unit moved under another parent takes its projects’ sums with it', async () => {
    // The roll-up adds the rows of the organizations in the viewer's subtree: nothing to refresh.
    const em = world.api.db.em.fork();
    const unit = await em.findOneOrFail(Organization, { code: '218188' });
    const parent = await world.api.login('parent-manager');
    const query = '{ organizationSummary(orgCode: "218101", year: 2023) { projectCount } }';
    const underCourt = ok(await world.api.gql<{ organizationSummary: { projectCount: number } }>(query, {}, parent)).organizationSummary.projectCount;
    unit.parent = await em.findOneOrFail(Organization, { code: '2181' });
    await em.flush();
    const moved = ok(await world.api.gql<{ organizationSummary: { projectCount: number } }>(query, {}, parent)).organizationSummary.projectCount;
    expect(moved).toBe(underCourt - 1);
    expect(await scorecardDifferences(em)).toEqual([]);
  });
});
