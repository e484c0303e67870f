import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { describeEachApi, type TestApi } from '../../test/api.js';
import { downloadWorkbook } from '../report/report-test-support.js';
import { Actual, ActualSource } from '../actual/actual.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';

/*
 * What a table says is stored and scored as the domain reads it: ranges, tolerances, periods,
 * notes, 上年结转, 项目负责人, 实施期, the kind of table, and a 自评表's 实际完成值 as actuals.
 */

const PREVIEW = `query($text: String, $orgCode: String) { previewTargetTables(text: $text, orgCode: $orgCode) {
  errors { message } warnings { message }
  tables { tableNumber title kind orgCode orgName name year budget { total fiscal other carryover } purpose goals leader period
    indicators { level1 level2 name description actual target { raw kind comparator value max unit deadline start note tolerance zeroBelow } } } } }`;
const SAVE = `mutation($tables: [ImportTableInput!]!) { saveTargetTables(tables: $tables) { created updated actuals projects { id name } warnings { table line cell message } } }`;
const PROJECT = `query($id: ID!) { project(id: $id) {
  name kind leader period budget { total fiscal other carryover }
  evaluation { score grade missing }
  indicators { id name target { raw kind comparator value max unit deadline start note tolerance rule { zeroBelow } }
    actual { value source history { value source recordedBy } } progress { completionRate score met } } } }`;
const RECORD = `mutation($input: RecordActualInput!) { recordActual(input: $input) { id } }`;

interface PreviewTable {
  indicators: Array<{ level1: string; level2: string; name: string; description: string; actual: string | null; target: Record<string, unknown> }>;
  [field: string]: unknown;
}

interface StoredProject {
  name: string;
  kind: string;
  leader: string | null;
  period: string | null;
  budget: Record<string, number>;
  evaluation: { score: number; grade: string; missing: number };
  indicators: Array<{
    id: string;
    name: string;
    target: Record<string, unknown>;
    actual: { value: string; source: string; history: Array<{ value: string; source: string; recordedBy: string | null }> } | null;
    progress: { completionRate: number | null; score: number | null; met: boolean | null };
  }>;
}

/** A 批复表 of 2023 with a range, a tolerance, a period, a note, a sentence and a scoring rule. */
const APPROVED = [
  '1.区间测试项目2023年项目支出绩效目标批复表',
  '218101 天津市武清区人民法院 | 单位:万元',
  '项目名称 | 区间测试项目 | 项目负责人 | 李明',
  '实施期 | 2023.07-2023.12',
  '年度资金总额 | 30 | 其中:财政拨款 | 20 | 上年结转 | 5 | 其他资金 | 5',
  '年度绩效目标 | 1.完成测试',
  '一级指标 | 二级指标 | 三级指标 | 指标值',
  '产出指标 | 数量指标 | 设备完好率 | 90%-95%',
  '产出指标 | 质量指标 | 预算执行偏差 | ±3%以内',
  '产出指标 | 时效指标 | 服务周期 | 2023.07-2023.12',
  '产出指标 | 时效指标 | 完成时间 | 2023年12月(计划标准)',
  '效益指标 | 社会效益指标 | 宣传次数 | 至少全年完成2次宣传',
  '满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥95目标值完成得满分，目标值完成率小于60%不得分',
].join('\n');

/** Small tables in other layouts (test/fixtures/layouts): a 自评表 with 实际完成值, a department's table. */
const layout = (name: string) => readFileSync(new URL(`../../../../../test/fixtures/layouts/${name}`, import.meta.url), 'utf8');
const SELF_EVALUATION = layout('self-evaluation-2023.txt');

/** The preview's table as the web app sends it back. */
function tableInput(table: PreviewTable) {
  const { tableNumber, title, kind, orgCode, orgName, name, year, budget, purpose, goals, leader, period } = table;
  return {
    tableNumber,
    title,
    kind,
    orgCode,
    orgName,
    name,
    year,
    budget,
    purpose,
    goals,
    leader,
    period,
    indicators: table.indicators.map(({ level1, level2, name: indicator, description, actual, target }) => ({
      level1,
      level2,
      name: indicator,
      description,
      actual,
      target,
    })),
  };
}

describeEachApi('what an imported table says is stored, exposed and scored', (getApi) => {
  let api: TestApi;
  let manager: string;

  beforeAll(async () => {
    api = getApi();
    manager = await api.login('manager');
  });

  async function previewAndSave(text: string) {
    const preview = await api.gql<{ previewTargetTables: { errors: unknown[]; tables: PreviewTable[] } }>(PREVIEW, { text }, manager);
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.previewTargetTables.errors).toEqual([]);
    const saved = await api.gql<{
      saveTargetTables: {
        created: number;
        updated: number;
        actuals: number;
        projects: Array<{ id: string }>;
        warnings: Array<{ table: number; line: number; cell: string | null; message: string }>;
      };
    }>(SAVE, { tables: preview.data!.previewTargetTables.tables.map(tableInput) }, manager);
    expect(saved.errors).toBeUndefined();
    return saved.data!.saveTargetTables;
  }

  const project = async (id: string) => (await api.gql<{ project: StoredProject }>(PROJECT, { id }, manager)).data!.project;

  it('stores a 批复表 with its range, tolerance, period, note, 上年结转, 项目负责人 and 实施期 (saveTargetTables no longer refuses a range)', async () => {
    const saved = await previewAndSave(APPROVED);
    expect(saved).toMatchObject({ created: 1, updated: 0, actuals: 0 });
    const stored = await project(saved.projects[0].id);
    expect(stored).toMatchObject({
      name: '区间测试项目',
      kind: 'PROJECT',
      leader: '李明',
      period: '2023.07-2023.12',
      budget: { total: 30, fiscal: 20, other: 5, carryover: 5 },
    });
    const target = (name: string) => stored.indicators.find((i) => i.name === name)!.target;
    expect(target('设备完好率')).toMatchObject({ kind: 'QUANTITATIVE', comparator: 'between', value: '90', max: '95', unit: '%', tolerance: false });
    expect(target('预算执行偏差')).toMatchObject({ comparator: '<=', value: '3', unit: '%', tolerance: true });
    expect(target('服务周期')).toMatchObject({ kind: 'DEADLINE', deadline: '2023-12-31', start: '2023-07-01', note: null });
    expect(target('完成时间')).toMatchObject({ kind: 'DEADLINE', deadline: '2023-12-31', start: null, note: '计划标准' });
    expect(target('宣传次数')).toMatchObject({ comparator: '>=', value: '2', unit: '次', note: '至少全年完成2次宣传' });
    expect(target('群众满意度')).toMatchObject({ comparator: '>=', value: '95', unit: '%', rule: { zeroBelow: 0.6 } });
  });

  it('scores the stored targets through the domain: a range above its top, a tolerance, a period, a noted date, a rule', async () => {
    const id = (
      await api.gql<{ projects: { nodes: Array<{ id: string; name: string }> } }>(
        `{ projects(orgCode: "218101", year: 2023, first: 100) { nodes { id name } } }`,
        {},
        manager,
      )
    ).data!.projects.nodes.find((p) => p.name === '区间测试项目')!.id;
    const before = await project(id);
    const actuals: Record<string, string> = {
      设备完好率: '97%',
      预算执行偏差: '5%',
      服务周期: '2023-12-20',
      完成时间: '2024-01-05',
      宣传次数: '3次',
      群众满意度: '50%',
    };
    for (const indicator of before.indicators) {
      const result = await api.gql(RECORD, { input: { indicatorId: indicator.id, value: actuals[indicator.name] } }, manager);
      expect(result.errors, indicator.name).toBeUndefined();
    }
    const scored = await project(id);
    const progress = Object.fromEntries(scored.indicators.map((i) => [i.name, i.progress]));
    // 产出 50 over four indicators: 12.5 each; 效益 30 and 满意度 10 one each.
    expect(progress).toEqual({
      // between 90–95 %, 97 % is above the top: a ceiling, 95 ÷ 97 = 0.979381 × 12.5 = 12.242268
      设备完好率: { completionRate: 0.9794, score: 12.24, met: false },
      // a deviation of 5 % against ≤ 3 %: 3 ÷ 5 = 0.6 × 12.5 = 7.5
      预算执行偏差: { completionRate: 0.6, score: 7.5, met: false },
      // due at the period's end, 2023-12-31: done on 12-20
      服务周期: { completionRate: 1, score: 12.5, met: true },
      // due 2023-12-31 (the note is kept apart): done 2024-01-05, late → 0
      完成时间: { completionRate: 0, score: 0, met: false },
      // ≥ 2 次 read from the sentence: 3 次 met, capped at the weight
      宣传次数: { completionRate: 1.5, score: 30, met: true },
      // ≥ 95 % with zeroBelow 0.6: 50 ÷ 95 = 0.526316 < 0.6 → 0
      群众满意度: { completionRate: 0.5263, score: 0, met: false },
    });
    // 12.242268 + 7.5 + 12.5 + 0 + 30 + 0, nothing spent (execution 0) = 62.242268 → 62.24, 中
    expect(scored.evaluation).toEqual({ score: 62.24, grade: '中', missing: 0 });
  });

  it('the exported XLSX keeps them: 项目负责人, 上年结转, 实施期 beside the seed’s layout, the range and the note as written', async () => {
    const id = (
      await api.gql<{ projects: { nodes: Array<{ id: string; name: string }> } }>(
        `{ projects(orgCode: "218101", year: 2023, first: 100) { nodes { id name } } }`,
        {},
        manager,
      )
    ).data!.projects.nodes.find((p) => p.name === '区间测试项目')!.id;
    const before = await project(id);
    const { bytes, workbook } = await downloadWorkbook(
      api,
      `query { exportTargetTables(orgCode: "218101", year: 2023) { url filename expiresAt } }`,
      {},
      manager,
    );
    const sheet = workbook.worksheets.find((ws) => ws.name.includes('区间测试项目'))!;
    expect(['H3', 'I3', 'H4', 'I4', 'H6', 'I6'].map((ref) => sheet.getCell(ref).value)).toEqual([
      '项目负责人',
      '李明',
      '上年结转',
      5,
      '实施期',
      '2023.07-2023.12',
    ]);
    // The seed's tables have none of them: their sheets stay seven columns wide.
    expect(workbook.worksheets.find((ws) => ws.name.startsWith('4.派出法庭'))!.getCell('H4').value).toBeNull();
    const response = await api.app.server.inject({
      method: 'POST',
      url: '/imports/target-tables.xlsx',
      headers: { authorization: `Bearer ${manager}` },
      payload: bytes,
    });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ created: 0, errors: [] });
    const after = await project(id);
    expect(after).toEqual(before);
  });

  it('a 自评表 brings its 实际完成值 as actuals (source IMPORT, audited), once; a qualitative one needs a tier and says so', async () => {
    const saved = await previewAndSave(SELF_EVALUATION);
    expect(saved).toMatchObject({ created: 1, actuals: 3 });
    // (The CLI, reading the file itself, also names the cell: see cli/import-command.test.ts.)
    expect(saved.warnings).toContainEqual({
      table: 1,
      line: 3,
      cell: null,
      message: '表1指标“保障审判”：实际完成值“已保障”未保存（定性指标须选择达成等级：达成、部分达成或未达成），请在系统中录入',
    });
    const stored = await project(saved.projects[0].id);
    const actual = (name: string) => stored.indicators.find((i) => i.name === name)!.actual;
    expect(actual('购置设备')).toEqual({ value: '3台', source: 'IMPORT', history: [{ value: '3台', source: 'IMPORT', recordedBy: 'manager' }] });
    expect(actual('保障审判')).toBeNull();
    // 88 % against ≥ 90 %: 88 ÷ 90 = 0.977778 × 10 = 9.78, as the 自评表 says
    expect(stored.indicators.find((i) => i.name === '干警满意度')!.progress).toEqual({ completionRate: 0.9778, score: 9.78, met: false });

    const em = api.db.em.fork();
    const ids = (await em.find(Actual, { source: ActualSource.IMPORT, indicator: { project: saved.projects[0].id } })).map((a) => a.id);
    expect(ids).toHaveLength(3);
    const audited = await em.find(AuditEvent, { entity: 'Actual', entityId: { $in: ids } });
    expect(audited.map((event) => [event.action, event.actor])).toEqual([
      ['create', 'manager'],
      ['create', 'manager'],
      ['create', 'manager'],
    ]);

    // The same table again: the project is updated, and no actual is stored twice.
    const again = await previewAndSave(SELF_EVALUATION);
    expect(again).toMatchObject({ created: 0, updated: 1, actuals: 0 });
    expect(await api.db.em.fork().count(Actual, { indicator: { project: saved.projects[0].id } })).toBe(3);
  });

  it('a department’s whole-budget table is stored as the department’s project of that kind', async () => {
    const saved = await previewAndSave(layout('department-2023.txt'));
    const stored = await project(saved.projects[0].id);
    expect(stored).toMatchObject({ name: '部门整体支出', kind: 'DEPARTMENT', budget: { total: 1000, carryover: 0 } });
  });
});
