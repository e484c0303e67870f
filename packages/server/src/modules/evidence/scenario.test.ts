import { createHash, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachApi, TEST_CONFIG, type TestApi } from '../../test/api.js';
import { storedSignature } from '../../test/inspections.js';
import { issueDeviceToken } from '../survey/device-token.js';
import { Upload } from '../upload/upload.entity.js';
import { User } from '../user/user.entity.js';

const PROJECT = `query($id: ID!) { project(id: $id) {
  evaluation { score grade missing executionScore }
  indicators { name source weight actual { value } progress { completionRate score met } }
} }`;

interface Row {
  name: string;
  source: string;
  weight: number;
  actual: { value: string } | null;
  progress: { completionRate: number | null; score: number | null; met: boolean | null };
}
interface ProjectView {
  evaluation: { score: number; grade: string; missing: number; executionScore: number };
  indicators: Row[];
}

async function view(api: TestApi, token: string, id: string): Promise<ProjectView> {
  return (await api.gql<{ project: ProjectView }>(PROJECT, { id }, token)).data!.project;
}

const byName = (project: ProjectView) => Object.fromEntries(project.indicators.map((i) => [i.name, i]));

describeEachApi('issue 4 scenario: the seed, 7 repair inspections and a 20-answer survey', (getApi) => {
  it('changes the 派出法庭安全隐患维修项目 indicators and score exactly as the domain rules say', async () => {
    const api = getApi();
    const manager = await api.login('manager');
    const inspector = await api.login('inspector');
    const projects = await api.gql<{ projects: { nodes: Array<{ id: string; name: string }> } }>(
      '{ projects(orgCode: "218101") { nodes { id name } } }',
      {},
      manager,
    );
    const projectId = projects.data!.projects.nodes.find((p) => p.name === '派出法庭安全隐患维修项目')!.id;

    const before = await view(api, manager, projectId);
    expect(before.evaluation).toEqual({ score: 0, grade: '差', missing: 7, executionScore: 0 });
    // Sources suggested at import from names and levels.
    expect(before.indicators.map((i) => [i.name, i.source])).toEqual([
      ['维修法庭和办公室数量', 'REPAIR_COUNT'],
      ['维修质量达标率', 'PASS_RATE'],
      ['工程完工时间节点', 'COMPLETION_DATE'],
      ['维修资金', 'SPENDING'],
      ['保证办公用房质量', 'MANUAL'],
      ['保障法院办案和业务装备经费保障', 'MANUAL'],
      ['干警满意度', 'SURVEY'],
    ]);

    // 6 passing repair acceptances on 2023-09-10 … 15 and a failing one on 2023-09-16, each signed.
    const signature = await storedSignature(api);
    const em = api.db.em.fork();
    for (let i = 0; i < 7; i++) {
      const photo = createHash('sha256').update(`scenario-${i}`).digest('hex');
      em.create(Upload, {
        sha256: photo,
        uploadedBy: await em.findOneOrFail(User, { username: 'inspector' }),
        mime: 'image/jpeg',
        bytes: 900,
        width: 1600,
        height: 1200,
      });
      await em.flush();
      const failing = i === 6;
      const result = await api.gql(
        'mutation($input: SubmitInspectionInput!) { submitInspection(input: $input) { id } }',
        {
          input: {
            clientId: randomUUID(),
            projectId,
            kind: 'REPAIR',
            itemName: `派出法庭维修点 ${i + 1}`,
            passed: !failing,
            note: failing ? '屋面仍渗漏' : null,
            photos: [photo],
            signature,
            capturedAt: `2023-09-${10 + i}T15:00:00+08:00`,
          },
        },
        inspector,
      );
      expect(result.errors).toBeUndefined();
    }

    // A survey of 干警 with 20 answers: 10 非常满意, 7 满意, 2 基本满意, 1 不满意.
    const satisfaction = before.indicators.find((i) => i.name === '干警满意度')!;
    const ids = await api.gql<{ project: { indicators: Array<{ id: string; name: string }> } }>(
      'query($id: ID!) { project(id: $id) { indicators { id name } } }',
      { id: projectId },
      manager,
    );
    const indicatorId = ids.data!.project.indicators.find((i) => i.name === satisfaction.name)!.id;
    const survey = await api.gql<{ createSurvey: { id: string; publicToken: string } }>(
      `mutation($input: CreateSurveyInput!) { createSurvey(input: $input) { id publicToken } }`,
      {
        input: {
          indicatorId,
          title: '派出法庭维修满意度调查',
          audience: 'OFFICERS',
          questions: [{ kind: 'SATISFACTION', text: '您对派出法庭维修的总体评价' }],
          opensAt: '2023-10-01T00:00:00+08:00',
          closesAt: '2099-12-31T00:00:00+08:00',
          perAddressPerMinute: 20,
        },
      },
      manager,
    );
    expect(survey.errors).toBeUndefined();
    const answers = [...Array(10).fill('非常满意'), ...Array(7).fill('满意'), ...Array(2).fill('基本满意'), '不满意'];
    for (const [i, value] of answers.entries()) {
      // Half in kiosk mode on the inspector's phone, half through the public link.
      const kiosk = i % 2 === 0;
      const result = await api.gql(
        'mutation($input: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $input) { id } }',
        {
          input: {
            clientId: randomUUID(),
            ...(kiosk
              ? { surveyId: survey.data!.createSurvey.id }
              : { token: survey.data!.createSurvey.publicToken, deviceToken: issueDeviceToken(TEST_CONFIG.secret) }),
            answers: [{ questionId: 'q1', value }],
            collectedAt: new Date().toISOString(),
          },
        },
        kiosk ? inspector : null,
      );
      expect(result.errors).toBeUndefined();
    }

    const after = await view(api, manager, projectId);
    const rows = byName(after);
    // 6 accepted repairs meet ≥6个: full 12.5.
    expect(rows['维修法庭和办公室数量']).toMatchObject({ actual: { value: '6个' }, progress: { completionRate: 1, score: 12.5, met: true } });
    // 6 of 7 passed = 85.71% against ≥95%: 12.5 × 85.71 / 95 = 11.2776 → 11.28.
    expect(rows['维修质量达标率']).toMatchObject({ actual: { value: '85.71%' }, progress: { completionRate: 0.9022, score: 11.28, met: false } });
    // The last passing acceptance, 2023-09-15, is before the deadline 2023-09-30: full 12.5.
    expect(rows['工程完工时间节点']).toMatchObject({ actual: { value: '2023-09-15' }, progress: { completionRate: 1, score: 12.5, met: true } });
    // (10 + 7) / 20 = 85% against ≥95%: 0.8947 is above zeroBelow 0.6, so 10 × 0.8947 = 8.95.
    expect(rows['干警满意度']).toMatchObject({ actual: { value: '85%' }, progress: { completionRate: 0.8947, score: 8.95, met: false } });
    // No spending and no evaluator judgement yet: still missing.
    for (const name of ['维修资金', '保证办公用房质量', '保障法院办案和业务装备经费保障']) expect(rows[name].actual).toBeNull();
    // 12.5 + 11.277632 + 12.5 + 8.947368 = 45.225 → 45.23, 差, 3 missing.
    expect(after.evaluation).toEqual({ score: 45.23, grade: '差', missing: 3, executionScore: 0 });
  });
});

describeEachApi('issue 13 scenario: 23 repair acceptances at four places', (getApi) => {
  it('counts 维修法庭和办公室数量 by place: 20 acceptances at one site and 3 at three others are "4个"', async () => {
    const api = getApi();
    const [manager, inspector] = [await api.login('manager'), await api.login('inspector')];
    const projects = await api.gql<{ projects: { nodes: Array<{ id: string; name: string }> } }>(
      '{ projects(orgCode: "218101") { nodes { id name } } }',
      {},
      manager,
    );
    const projectId = projects.data!.projects.nodes.find((p) => p.name === '派出法庭安全隐患维修项目')!.id;
    const signature = await storedSignature(api);
    // The inspector adds the sites from the phone, as a field worker may.
    const sites: string[] = [];
    for (const name of ['大孟庄法庭', '城关法庭', '东马圈法庭', '机关办公楼']) {
      const site = await api.gql<{ createSite: { id: string } }>(
        'mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }',
        { input: { id: randomUUID(), orgCode: '218101', name, kind: name.endsWith('法庭') ? 'DISPATCHED_TRIBUNAL' : 'OFFICE' } },
        inspector,
      );
      expect(site.errors).toBeUndefined();
      sites.push(site.data!.createSite.id);
    }
    const em = api.db.em.fork();
    const uploadedBy = await em.findOneOrFail(User, { username: 'inspector' });
    const submit = async (i: number, siteId: string, itemName: string, passed = true) => {
      const photo = createHash('sha256').update(`places-${i}`).digest('hex');
      em.create(Upload, { sha256: photo, uploadedBy, mime: 'image/jpeg', bytes: 900, width: 1600, height: 1200 });
      await em.flush();
      const result = await api.gql(
        'mutation($input: SubmitInspectionInput!) { submitInspection(input: $input) { id } }',
        {
          input: {
            clientId: randomUUID(),
            projectId,
            kind: 'REPAIR',
            siteId,
            itemName,
            passed,
            note: passed ? null : '返工',
            photos: [photo],
            signature,
            capturedAt: `2023-09-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+08:00`,
          },
        },
        inspector,
      );
      expect(result.errors).toBeUndefined();
    };
    // 20 at 大孟庄法庭 — roof, windows, walls, wiring, some reworked after a failed first acceptance …
    const items = ['屋面防水', '门窗', '墙面', '电路'];
    for (let i = 0; i < 20; i++) await submit(i, sites[0], items[i % 4], i % 7 !== 3);
    // … and one at each of three other places.
    for (let i = 0; i < 3; i++) await submit(20 + i, sites[1 + i], '屋面防水');

    const rows = byName(await view(api, manager, projectId));
    // 4 places against ≥6个: 4/6 × 12.5 = 8.33, not the 23 records' full score.
    expect(rows['维修法庭和办公室数量']).toMatchObject({ actual: { value: '4个' }, progress: { score: 8.33, met: false } });
    // The pass rate still counts every acceptance: 20 of 23 passed = 86.96%.
    expect(rows['维修质量达标率']).toMatchObject({ actual: { value: '86.96%' } });
  });
});
