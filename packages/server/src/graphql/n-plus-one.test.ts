import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_TEXT, describeEachApi, seedWorld, type TestApi } from '../test/api.js';
import { Actual } from '../modules/actual/actual.entity.js';
import { EquipmentItem } from '../modules/equipment/equipment-item.entity.js';
import { Indicator } from '../modules/indicator/indicator.entity.js';
import { Organization } from '../modules/organization/organization.entity.js';
import { importTargetTables } from '../modules/target-import/target-import.service.js';
import { Project } from '../modules/project/project.entity.js';
import { Spending } from '../modules/spending/spending.entity.js';
import { QuestionKind, ResponseChannel, Survey, SurveyAudience, SurveyResponse } from '../modules/survey/survey.entity.js';
import { User } from '../modules/user/user.entity.js';
import { refreshScorecards } from '../modules/read-model/scorecards.js';

/** Extra units under the court, each with the five seed tables: 5 + 20 × 5 = 105 projects for the court's manager. */
const EXTRA_UNITS = 20;
const COURT_PROJECTS = 5 + EXTRA_UNITS * 5;

/**
 * The statements one request may run whatever the page size: the viewer (1), their organizations
 * (1), the page with its projects' stored scorecards and its count (2), then the indicators with
 * their stored scores and current actuals, and the actuals' history (one batch each); the summary
 * reads one statement of roll-up sums. Measured on both databases: 6 for the dashboard, 3 for the
 * summary; the bound leaves a little room, not a factor.
 */
const MAX_STATEMENTS = 7;
/**
 * The reference data adds one batch for the equipment and one for the surveys; their indicators
 * come in the one statement of indicator scorecards (no history asked for): 6 measured.
 */
const MAX_REFERENCE_STATEMENTS = 7;

const DASHBOARD = `query($first: Int!) {
  projects(first: $first) {
    totalCount
    nodes {
      name spent
      indicators {
        name weight
        actual { value history { value recordedBy } }
        progress { completionRate score met }
      }
      evaluation { score grade missing }
    }
  }
}`;

interface Dashboard {
  projects: {
    totalCount: number;
    nodes: Array<{
      name: string;
      spent: number;
      indicators: Array<{
        name: string;
        weight: number;
        actual: { value: string | null; history: Array<{ value: string | null; recordedBy: string | null }> } | null;
        progress: { met: boolean | null };
      }>;
      evaluation: { score: number; grade: string; missing: number };
    }>;
  };
}

/** What the phones cache: every project's equipment and surveys, in the page that lists it. */
const FIELD_REFERENCE = `query($first: Int!) {
  projects(first: $first) {
    nodes {
      name
      equipmentItems { name serialNumber }
      surveys { title isOpen questions { id } indicator { name } }
    }
  }
}`;

interface FieldReference {
  projects: { nodes: Array<{ name: string; equipmentItems: Array<{ name: string }>; surveys: Array<{ title: string; indicator: { name: string } }> }> };
}

const RESULTS_FIELDS = '{ surveyId responseCount satisfactionRate voidedCount questions { answeredCount counts { option count } } }';

/** The dashboard's project detail: every survey of the project with its results. */
const PROJECT_SURVEYS = `query($id: ID!) {
  project(id: $id) { surveys { title results ${RESULTS_FIELDS} } }
}`;

interface ProjectSurveys {
  project: { surveys: Array<{ title: string; results: { surveyId: string; responseCount: number; satisfactionRate: number | null; voidedCount: number } }> };
}

/** Surveys of the n-th project: 1 to 4, so that projects differ in how many they have. */
const surveysOf = (n: number) => (n % 4) + 1;
/** Kiosk answers to each survey: 非常满意, 满意, 不满意, and one more 满意 that is voided. */
const ANSWERS = ['非常满意', '满意', '不满意', '满意'];

const SUMMARY = `query($org: String!) {
  organizationSummary(orgCode: $org, year: 2023) { projectCount budget spent averageScore incompleteProjects grades { excellent good fair poor } }
}`;

/** A value that meets the target exactly as the domain reads it. */
function meetingValue(indicator: Indicator): Pick<Actual, 'value' | 'tier'> {
  const target = indicator.target();
  if (target.kind === 'qualitative') return { value: null, tier: 'ACHIEVED' };
  if (target.kind === 'deadline') return { value: String(target.value), tier: null };
  const goal = target.value as number;
  const value = target.comparator === '>' ? goal + 1 : target.comparator === '<' ? goal - 1 : goal;
  return { value: `${value}${target.unit ?? ''}`, tier: null };
}

/**
 * The seed world, 20 more units under the court with the seed's five tables each, two actuals on
 * every indicator (history), two spending rows and two pieces of equipment on every project, and
 * 1–4 surveys per project with four answers each (one voided).
 */
async function seedManyProjects(api: TestApi): Promise<void> {
  await seedWorld(api);
  const em = api.db.em.fork();
  const court = await em.findOneOrFail(Organization, { code: '218101' });
  for (let i = 1; i <= EXTRA_UNITS; i++) {
    const code = String(218200 + i);
    const text = SEED_TEXT.replaceAll('218101天津市武清区人民法院', `${code}武清区第${i}派出法庭`);
    const imported = await importTargetTables(em.fork(), text, { year: 2023 }, { cli: true });
    if (imported.errors.length > 0 || imported.created !== 5) throw new Error(JSON.stringify(imported.errors));
    const unit = await em.findOneOrFail(Organization, { code });
    unit.parent = court;
  }
  await em.flush();

  const manager = await em.findOneOrFail(User, { username: 'manager' });
  const projects = await em.find(Project, { organization: { $in: [court.id, ...(await em.find(Organization, { parent: court })).map((o) => o.id)] } });
  const indicators = await em.find(Indicator, { project: { $in: projects.map((p) => p.id) } });
  const first = new Date('2023-09-01T08:00:00Z');
  const second = new Date('2023-10-01T08:00:00Z');
  for (const indicator of indicators) {
    const value = meetingValue(indicator);
    em.create(Actual, { indicator, ...value, note: '初录', recordedAt: first, recordedBy: manager });
    em.create(Actual, { indicator, ...value, note: '复核', recordedAt: second, recordedBy: manager });
  }
  for (const project of projects) {
    em.create(Spending, { project, amountFen: 500_000, date: '2023-06-30', recordedBy: manager });
    em.create(Spending, { project, amountFen: 500_000, date: '2023-09-30', recordedBy: manager });
  }
  for (const [n, project] of projects.entries()) {
    em.create(EquipmentItem, { project, name: `${project.name}摄像机`, serialNumber: `SN-${n}-1`, createdAt: first });
    em.create(EquipmentItem, { project, name: `${project.name}显示屏`, serialNumber: `SN-${n}-2`, createdAt: second });
    const indicator = indicators.find((candidate) => candidate.project.id === project.id)!;
    for (let k = 0; k < surveysOf(n); k++) {
      const survey = em.create(Survey, {
        indicator,
        title: `${project.name}满意度调查${k + 1}`,
        audience: SurveyAudience.OFFICERS,
        questions: [{ id: 'q1', kind: QuestionKind.SATISFACTION, text: '总体满意程度', required: true }],
        opensAt: first,
        closesAt: new Date('2024-12-31T00:00:00Z'),
        publicToken: `token-${n}-${k}-${'x'.repeat(16)}`,
        createdBy: manager,
        createdAt: new Date(first.getTime() + k * 60_000),
      });
      ANSWERS.forEach((value, a) =>
        em.create(SurveyResponse, {
          clientId: `response-${n}-${k}-${a}`,
          survey,
          answers: [{ questionId: 'q1', value }],
          satisfaction: value,
          channel: ResponseChannel.KIOSK,
          collectedBy: manager,
          collectedAt: second,
          ...(a === ANSWERS.length - 1 ? { voidedAt: second, voidedBy: manager, voidReason: '重复' } : {}),
        }),
      );
    }
  }
  await em.flush();
  // Rows written straight into the tables, past the services that refresh the stored scorecards.
  await refreshScorecards(
    em,
    projects.map((project) => project.id),
  );
}

describeEachApi(
  'no N+1 queries',
  (getApi) => {
    let token: string;
    beforeAll(async () => {
      token = await getApi().login('manager');
    });

    async function measure<T>(query: string, variables: Record<string, unknown>): Promise<{ data: T; statements: string[] }> {
      const { result, queries } = await getApi().db.captureQueries(() => getApi().gql<T>(query, variables, token));
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return { data: result.data!, statements: queries };
    }

    describe('the dashboard', () => {
      it('runs as many statements for 100 projects as for 10, and few', async () => {
        const ten = await measure<Dashboard>(DASHBOARD, { first: 10 });
        const hundred = await measure<Dashboard>(DASHBOARD, { first: 100 });

        expect(ten.data.projects.nodes).toHaveLength(10);
        expect(hundred.data.projects.nodes).toHaveLength(100);
        expect(hundred.data.projects.totalCount).toBe(COURT_PROJECTS);
        expect(hundred.statements.length, hundred.statements.join('\n')).toBe(ten.statements.length);
        expect(hundred.statements.length, hundred.statements.join('\n')).toBeLessThanOrEqual(MAX_STATEMENTS);
      });

      it('answers with the data it batched: every history, every spending, every score', async () => {
        const { data } = await measure<Dashboard>(DASHBOARD, { first: 100 });
        const indicators = data.projects.nodes.flatMap((node) => node.indicators);
        expect(indicators.length).toBeGreaterThan(800);
        for (const indicator of indicators) {
          expect(
            indicator.actual?.history.map((entry) => entry.recordedBy),
            indicator.name,
          ).toEqual(['manager', 'manager']);
          expect(indicator.progress.met, indicator.name).toBe(true);
        }
        for (const node of data.projects.nodes) {
          expect(node.spent, node.name).toBe(1);
          expect(node.evaluation.missing, node.name).toBe(0);
          expect(node.evaluation.grade, node.name).toBe('优');
        }
        // Every indicator met, 1 万元 spent: 90 points plus 10 × 1 / budget.
        const repair = data.projects.nodes.find((node) => node.name === '派出法庭安全隐患维修项目')!;
        expect(repair.evaluation.score).toBe(90.33);
      });
    });

    describe("the phones' reference data (Project.equipmentItems, Project.surveys)", () => {
      it('runs as many statements for 100 projects as for 10, and few', async () => {
        const ten = await measure<FieldReference>(FIELD_REFERENCE, { first: 10 });
        const hundred = await measure<FieldReference>(FIELD_REFERENCE, { first: 100 });

        expect(ten.data.projects.nodes).toHaveLength(10);
        expect(hundred.data.projects.nodes).toHaveLength(100);
        expect(hundred.statements.length, hundred.statements.join('\n')).toBe(ten.statements.length);
        expect(hundred.statements.length, hundred.statements.join('\n')).toBeLessThanOrEqual(MAX_REFERENCE_STATEMENTS);
      });

      it('gives each project its own equipment and surveys', async () => {
        const { data } = await measure<FieldReference>(FIELD_REFERENCE, { first: 100 });
        const counts = data.projects.nodes.map((node) => node.surveys.length);
        expect(new Set(counts)).toEqual(new Set([1, 2, 3, 4]));
        expect(counts.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(200);
        for (const node of data.projects.nodes) {
          expect(node.equipmentItems.map((item) => item.name)).toEqual([`${node.name}摄像机`, `${node.name}显示屏`]);
          expect(node.surveys.map((survey) => survey.title)).toEqual(Array.from({ length: node.surveys.length }, (_, k) => `${node.name}满意度调查${k + 1}`));
          expect(node.surveys.every((survey) => survey.indicator.name.length > 0)).toBe(true);
        }
      });
    });

    describe('Survey.results', () => {
      it('runs as many statements for a project with four surveys as for one with one', async () => {
        const { data: page } = await measure<{ projects: { nodes: Array<{ id: string; surveys: Array<{ id: string }> }> } }>(
          'query { projects(first: 8) { nodes { id surveys { id } } } }',
          {},
        );
        const one = page.projects.nodes.find((node) => node.surveys.length === 1)!;
        const four = page.projects.nodes.find((node) => node.surveys.length === 4)!;
        const single = await measure<ProjectSurveys>(PROJECT_SURVEYS, { id: one.id });
        const several = await measure<ProjectSurveys>(PROJECT_SURVEYS, { id: four.id });

        expect(several.data.project.surveys).toHaveLength(4);
        expect(several.statements.length, several.statements.join('\n')).toBe(single.statements.length);
        expect(several.statements.length, several.statements.join('\n')).toBeLessThanOrEqual(MAX_STATEMENTS);
        // Each survey counts its own answers, the voided one left out: 2 of 3 satisfied.
        for (const survey of several.data.project.surveys) {
          expect(survey.results).toMatchObject({ responseCount: 3, voidedCount: 1, satisfactionRate: 66.67 });
        }
        expect(new Set(several.data.project.surveys.map((survey) => survey.results.surveyId)).size).toBe(4);
      });

      it('answers as surveyResults does', async () => {
        const { data: page } = await measure<{ projects: { nodes: Array<{ id: string }> } }>('query { projects(first: 1) { nodes { id } } }', {});
        const { data } = await measure<ProjectSurveys>(PROJECT_SURVEYS, { id: page.projects.nodes[0]!.id });
        expect(data.project.surveys.length).toBeGreaterThan(0);
        for (const survey of data.project.surveys) {
          const { data: root } = await measure<{ surveyResults: unknown }>(`query($id: ID!) { surveyResults(surveyId: $id) ${RESULTS_FIELDS} }`, {
            id: survey.results.surveyId,
          });
          expect(root.surveyResults).toEqual(survey.results);
        }
      });
    });

    describe('organizationSummary', () => {
      it('runs as many statements for 105 projects as for 5, and few', async () => {
        const unit = await measure<{ organizationSummary: { projectCount: number } }>(SUMMARY, { org: '218201' });
        const court = await measure<{ organizationSummary: { projectCount: number } }>(SUMMARY, { org: '218101' });

        expect(unit.data.organizationSummary.projectCount).toBe(5);
        expect(court.data.organizationSummary).toEqual({
          projectCount: COURT_PROJECTS,
          budget: (418 + 27 + 21 + 30 + 31) * (EXTRA_UNITS + 1),
          spent: COURT_PROJECTS,
          averageScore: expect.any(Number),
          incompleteProjects: 0,
          grades: { excellent: COURT_PROJECTS, good: 0, fair: 0, poor: 0 },
        });
        expect(court.statements.length, court.statements.join('\n')).toBe(unit.statements.length);
        expect(court.statements.length, court.statements.join('\n')).toBeLessThanOrEqual(MAX_STATEMENTS);
      });
    });
  },
  seedManyProjects,
);
