import { expect, it } from 'vitest';
import { describeEachApi } from '../../test/api.js';
// The 41 actuals and their hand-worked scores are shared with the report tests.
import { EXPECTED, PLAN, recordPlan } from '../../test/evaluation-plan.js';

interface IndicatorRow {
  id: string;
  name: string;
  weight: number;
  actual: { value: string | null; tier: string | null; recordedAt: string; history: Array<{ value: string | null }> } | null;
  progress: { completionRate: number | null; score: number | null; met: boolean | null; deviationNoteRequired: boolean };
}
interface ProjectRow {
  id: string;
  name: string;
  spent: number;
  indicators: IndicatorRow[];
  evaluation: { score: number; grade: string; executionRate: number | null; executionScore: number; missing: number; complete: boolean };
}

const PROJECTS = `{ projects(orgCode: "218101", year: 2023) { nodes {
  id name spent
  indicators { id name weight actual { value tier recordedAt history { value } } progress { completionRate score met deviationNoteRequired } }
  evaluation { score grade executionRate executionScore missing complete }
} } }`;

const RECORD_ACTUAL = `mutation($input: RecordActualInput!) { recordActual(input: $input) { id } }`;

describeEachApi('evaluation of the seed projects through GraphQL', (getApi) => {
  let projects: ProjectRow[];

  it('records actuals of every kind and spending, then scores every indicator as worked out by hand', async () => {
    const api = getApi();
    const token = await api.login('manager');
    // A first, wrong value is kept in the history and replaced by the correction.
    const before = (await api.gql<{ projects: { nodes: ProjectRow[] } }>(PROJECTS, {}, token)).data!.projects.nodes;
    const first = before.find((p) => p.name === '派出法庭安全隐患维修项目')!.indicators[0];
    expect((await api.gql(RECORD_ACTUAL, { input: { indicatorId: first.id, value: '4个', note: '初报' } }, token)).errors).toBeUndefined();

    await recordPlan(api, token);
    projects = (await api.gql<{ projects: { nodes: ProjectRow[] } }>(PROJECTS, {}, token)).data!.projects.nodes;
    expect(projects).toHaveLength(5);
    for (const project of projects) {
      const plan = PLAN[project.name];
      expect(project.indicators.map((i) => [i.name, i.progress.score])).toEqual(plan.actuals.map(([name, , score]) => [name, score]));
    }
  });

  it('adds up each project and grades it', () => {
    for (const project of projects) {
      expect({ name: project.name, ...project.evaluation }).toEqual({
        name: project.name,
        ...EXPECTED[project.name],
        complete: EXPECTED[project.name].missing === 0,
      });
    }
    expect(projects.map((p) => p.spent)).toEqual([400, 27.5, 20.8, 28.5, 0]);
  });

  it('keeps the history of an actual and shows the newest', () => {
    const repair = projects.find((p) => p.name === '派出法庭安全隐患维修项目')!.indicators[0];
    expect(repair.actual).toEqual({ value: '5个', tier: null, recordedAt: expect.any(String), history: [{ value: '4个' }, { value: '5个' }] });
    // Recorded just now, on either database (PostgreSQL hands raw timestamps back as text).
    expect(Math.abs(Date.parse(repair.actual!.recordedAt) - Date.now())).toBeLessThan(5 * 60_000);
    expect(repair.progress).toEqual({ completionRate: 0.8333, score: 10.42, met: false, deviationNoteRequired: true });
    expect(repair.weight).toBe(12.5);
  });

  it('flags deviations: missed targets and targets exceeded by 30% or more', () => {
    const byName = (project: string, name: string) => projects.find((p) => p.name === project)!.indicators.find((i) => i.name === name)!;
    expect(byName('法院办案业务费', '维修工程数量').progress).toEqual({ completionRate: 1.5, score: 10, met: true, deviationNoteRequired: true });
    expect(byName('法院办案业务费', '维修维护成本').progress).toMatchObject({ met: true, deviationNoteRequired: false });
    expect(byName('科技法庭试点提升项目-2023中央', '设备购置完成时间').progress).toEqual({
      completionRate: 0,
      score: 0,
      met: false,
      deviationNoteRequired: true,
    });
    expect(byName('司法救助金-2023中央', '持续保障政法工作有效开展').progress).toEqual({
      completionRate: null,
      score: null,
      met: null,
      deviationNoteRequired: false,
    });
  });

  it('reads the seed’s bare “100%” targets by DESIGN.md’s rules, and scores them so', async () => {
    const api = getApi();
    const targets = (
      await api.gql<{ projects: { nodes: Array<{ indicators: Array<{ name: string; target: { comparator: string; value: string; unit: string } }> }> } }>(
        `{ projects(orgCode: "218101", year: 2023) { nodes { indicators { name target { comparator value unit } } } } }`,
        {},
        await api.login('manager'),
      )
    ).data!.projects.nodes.flatMap((p) => p.indicators);
    const target = (name: string) => targets.find((i) => i.name === name)!.target;
    // 设备合格率 is a rate: a rate written without a comparator is a floor, ≥ 100 %.
    expect(target('设备合格率')).toEqual({ comparator: '>=', value: '100', unit: '%' });
    // 严格审查保障司法救助案件质量 names no rate: = 100 %.
    expect(target('严格审查保障司法救助案件质量')).toEqual({ comparator: '=', value: '100', unit: '%' });
    const byName = (project: string, name: string) => projects.find((p) => p.name === project)!.indicators.find((i) => i.name === name)!;
    // Both recorded as 100 %: met either way, the full 12.5 (产出 50 ÷ 4), no deviation note.
    expect(byName('科技法庭试点提升项目-2023中央', '设备合格率').progress).toEqual({ completionRate: 1, score: 12.5, met: true, deviationNoteRequired: false });
    expect(byName('司法救助金-2023中央', '严格审查保障司法救助案件质量').progress).toEqual({
      completionRate: 1,
      score: 12.5,
      met: true,
      deviationNoteRequired: false,
    });
  });

  it('rolls the organization up', async () => {
    const api = getApi();
    const result = await api.gql(
      `{ organizationSummary(orgCode: "218101", year: 2023) { orgCode projectCount budget spent executionRate averageScore grades { excellent good fair poor } incompleteProjects } }`,
      {},
      await api.login('manager'),
    );
    // spent 400 + 27.5 + 20.8 + 28.5 = 476.8 of 527; average (92.46+91.38+84.68+90.44+68.25)/5 = 85.442
    expect(result.data).toEqual({
      organizationSummary: {
        orgCode: '218101',
        projectCount: 5,
        budget: 527,
        spent: 476.8,
        executionRate: 0.9047,
        averageScore: 85.44,
        grades: { excellent: 3, good: 1, fair: 1, poor: 0 },
        incompleteProjects: 1,
      },
    });
  });

  it('lets a manager set weights that add up, and rescores', async () => {
    const api = getApi();
    const token = await api.login('manager');
    const project = projects.find((p) => p.name === '司法救助金-2023中央')!;
    const benefits = project.indicators.filter((i) => ['保障被救助人基本生活', '改善救助对象生活', '持续保障政法工作有效开展'].includes(i.name));
    const result = await api.gql<{ setIndicatorWeights: { evaluation: { score: number } } }>(
      `mutation($p: ID!, $w: [IndicatorWeightInput!]!) { setIndicatorWeights(projectId: $p, weights: $w) { evaluation { score } } }`,
      {
        p: project.id,
        w: [
          { indicatorId: benefits[0].id, weight: 20 },
          { indicatorId: benefits[1].id, weight: 5 },
          { indicatorId: benefits[2].id, weight: 5 },
        ],
      },
      token,
    );
    // benefits now 20 × 0.85 + 5 × 0.6 + 0 = 20 instead of 14.5: 68.25 + 5.5 = 73.75
    expect(result.errors).toBeUndefined();
    expect(result.data!.setIndicatorWeights.evaluation.score).toBe(73.75);
  });

  it('updates a re-imported table instead of duplicating it, keeping its actuals', async () => {
    const api = getApi();
    const token = await api.login('manager');
    const { SEED_TEXT } = await import('../../test/api.js');
    const result = await api.gql<{ importTargetTables: { created: number; updated: number; projects: Array<{ name: string }> } }>(
      `mutation($t: String!) { importTargetTables(text: $t) { created updated projects { name } errors { message } } }`,
      { t: SEED_TEXT },
      token,
    );
    expect(result.data!.importTargetTables).toMatchObject({ created: 0, updated: 5 });
    const again = (await api.gql<{ projects: { nodes: ProjectRow[] } }>(PROJECTS, {}, token)).data!.projects.nodes;
    expect(again.map((p) => p.id)).toEqual(projects.map((p) => p.id));
    expect(again.map((p) => p.evaluation.score)).toEqual([92.46, 91.38, 84.68, 90.44, 73.75]);
  });

  it('drops a not-applicable indicator and rescales its level', async () => {
    const api = getApi();
    const token = await api.login('manager');
    const project = projects.find((p) => p.name === '司法救助金-2023中央')!;
    const indicator = project.indicators.find((i) => i.name === '持续保障政法工作有效开展')!;
    const result = await api.gql<{ setIndicatorApplicable: { weight: number } }>(
      `mutation($id: ID!) { setIndicatorApplicable(indicatorId: $id, applicable: false) { weight notApplicable } }`,
      { id: indicator.id },
      token,
    );
    expect(result.data!.setIndicatorApplicable).toEqual({ weight: 0, notApplicable: true });
    const after = await api.gql<{ project: ProjectRow }>(
      `query($id: ID!) { project(id: $id) { evaluation { score grade missing complete } indicators { name weight } } }`,
      { id: project.id },
      token,
    );
    // Weights 20 / 5 / 5 become 24 / 6 / 0: 24 × 0.85 + 6 × 0.6 = 24 instead of 20 → 73.75 + 4
    expect(after.data!.project.evaluation).toEqual({ score: 77.75, grade: '中', missing: 0, complete: true });
    expect(after.data!.project.indicators.slice(4, 7).map((i) => i.weight)).toEqual([24, 6, 0]);
  });
});
