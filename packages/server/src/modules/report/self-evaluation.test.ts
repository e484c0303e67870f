import { expect, it } from 'vitest';
import { auditHeadOf } from '../audit/audit-chain.js';
import { describeEachApi, type TestApi } from '../../test/api.js';
import { EXPECTED, PLAN } from '../../test/evaluation-plan.js';
import { User } from '../user/user.entity.js';
import { column, downloadWorkbook, follow, mergesOf, projectsOf, REPAIR, withPlan } from './report-test-support.js';
import { SELF_EVALUATION_ROWS as R, SUMMARY_FIRST_ROW } from './self-evaluation-workbook.js';
import { XLSX_MIME } from './report.service.js';

const BY_PROJECT = `query($id: ID!) { exportSelfEvaluation(projectId: $id) { url filename expiresAt } }`;
const BY_ORG = `query($org: String!, $year: Int!) { exportSelfEvaluation(orgCode: $org, year: $year) { url filename expiresAt } }`;

const NOTE = '部分法庭因汛期延后施工，已列入下年度维修计划';

describeEachApi(
  'self-evaluation workbooks (项目支出绩效自评表)',
  (getApi) => {
    it("fills one project's table in the customary layout, with the scores worked out by hand", async () => {
      const api = getApi();
      const token = await api.login('manager');
      const repair = (await projectsOf(api, token)).find((p) => p.name === REPAIR)!;
      const { link, workbook } = await downloadWorkbook(api, BY_PROJECT, { id: repair.id }, token);
      expect(link.filename).toBe('2023年度项目支出绩效自评表-派出法庭安全隐患维修项目.xlsx');
      expect(link.url).toMatch(/^\/downloads\/jxd1\.[\w-]+\.[\w-]+$/);
      const expiresIn = Date.parse(link.expiresAt) - Date.now();
      expect(expiresIn).toBeGreaterThan(590_000);
      expect(expiresIn).toBeLessThanOrEqual(601_000);

      expect(workbook.worksheets.map((s) => s.name)).toEqual(['4.派出法庭安全隐患维修项目']);
      const sheet = workbook.worksheets[0];
      const at = (ref: string) => sheet.getCell(ref).value;

      // Under the table, the audit log's head as it was when the file was made.
      const head = (await auditHeadOf(api.db.em))!;
      const lines = Array.from({ length: sheet.rowCount }, (_, i) => String(at(`A${i + 1}`) ?? ''));
      expect(lines.at(-1)).toBe(
        `审计日志：生成本表时共 ${head.count} 条，末条哈希 ${head.hash}（核对：jixiao audit verify --expect ${head.count}:${head.hash}）`,
      );

      // Header: 项目名称, 主管部门 (the court's parent organization), 实施单位.
      expect([at('A1'), at('A2'), at('A3'), at('B3'), at('A4'), at('B4'), at('F4'), at('G4')]).toEqual([
        '项目支出绩效自评表',
        '（2023年度）',
        '项目名称',
        REPAIR,
        '主管部门',
        '上级主管部门',
        '实施单位',
        '天津市武清区人民法院',
      ]);

      // 项目资金（万元）: 30 budgeted, 28.5 spent → 95%, 9.5 of 10 points; all of it 财政资金.
      expect(at('A5')).toBe('项目资金（万元）');
      expect(['D', 'E', 'F', 'G', 'H', 'I'].map((c) => at(`${c}${R.fundsHeader}`))).toEqual([
        '年初预算数',
        '全年预算数',
        '全年执行数',
        '分值',
        '执行率',
        '得分',
      ]);
      const funds = (row: number) => ['B', 'D', 'E', 'F', 'G', 'H', 'I'].map((c) => at(`${c}${row}`));
      expect(funds(R.fundsTotal)).toEqual(['年度资金总额', 30, 30, 28.5, 10, 0.95, 9.5]);
      expect(funds(R.fundsFiscal)).toEqual(['其中：财政资金', 30, 30, 28.5, '—', 0.95, '—']);
      expect(funds(R.fundsOther)).toEqual(['其他资金', 0, 0, 0, '—', null, '—']);
      expect(['D', 'E', 'F', 'G', 'H', 'I'].map((c) => sheet.getCell(`${c}${R.fundsTotal}`).numFmt)).toEqual([
        '#,##0.00',
        '#,##0.00',
        '#,##0.00',
        '0.00',
        '0.00%',
        '0.00',
      ]);

      // 年度总体目标: the goals, and a first draft of 实际完成情况 from the indicators.
      expect([at(`B${R.goalsHeader}`), at(`G${R.goalsHeader}`)]).toEqual(['预期目标', '实际完成情况']);
      expect(at(`B${R.goals}`)).toBe('1.对建筑年代久远的派出法庭进行维修，杜绝安全隐患，保障干警生命安全，维护审判执行工作正常开展');
      expect(at(`G${R.goals}`)).toBe(
        '共7个绩效指标，3个达到年度指标值，4个未达到（维修法庭和办公室数量、维修质量达标率、保障法院办案和业务装备经费保障、干警满意度）；预算执行率95.00%。',
      );

      // 绩效指标: one row per indicator, with 分值 and 得分 as numbers.
      const first = R.firstIndicator;
      const last = first + 6;
      expect(['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'].map((c) => at(`${c}${R.indicatorHeader}`))).toEqual([
        '一级指标',
        '二级指标',
        '三级指标',
        '年度指标值',
        '实际完成值',
        '分值',
        '得分',
        '偏差原因分析及改进措施',
      ]);
      expect(column(sheet, 'D', first, last)).toEqual(PLAN[REPAIR].actuals.map(([name]) => name));
      expect(column(sheet, 'E', first, last)).toEqual([
        '≥6个',
        '≥95%',
        '2023年10月前',
        '30万元',
        '充分解决安全隐患，保障房屋质量安全',
        '充分保障',
        '≥95目标值完成得满分，目标值完成率小于60%不得分，60%与100%之间指标得分=目标值完成率*指标分值',
      ]);
      expect(column(sheet, 'F', first, last)).toEqual(['5个', '90%', '2023-09-26', '28.5万元', '达成', '部分达成', '92%']);
      expect(column(sheet, 'G', first, last)).toEqual([12.5, 12.5, 12.5, 12.5, 15, 15, 10]);
      expect(column(sheet, 'H', first, last)).toEqual(PLAN[REPAIR].actuals.map(([, , score]) => score));
      expect(column(sheet, 'I', first, last)).toEqual([NOTE, null, null, null, null, null, null]);
      for (const c of ['G', 'H']) expect(sheet.getCell(`${c}${first}`).numFmt).toBe('0.00');

      // 总分 and 评价等级.
      expect([at(`A${last + 1}`), at(`G${last + 1}`), at(`H${last + 1}`)]).toEqual(['总分', 100, EXPECTED[REPAIR].score]);
      expect([at(`A${last + 2}`), at(`G${last + 2}`)]).toEqual(['评价等级', '优']);

      // Merged as printed: labels down their sections, 一级指标 over its rows.
      expect(mergesOf(sheet)).toEqual(
        expect.arrayContaining([
          'A1:I1',
          'A2:I2',
          'B3:I3',
          'B4:E4',
          'G4:I4',
          'A5:A8',
          'B6:C6',
          'A9:A10',
          'B10:F10',
          'G10:I10',
          `A11:A${last}`,
          `B${first}:B${first + 3}`,
          `B${first + 4}:B${first + 5}`,
          `A${last + 1}:F${last + 1}`,
          `G${last + 2}:I${last + 2}`,
        ]),
      );
      expect(mergesOf(sheet).filter((range) => range.startsWith('C'))).toEqual([]);

      // Chinese fonts, A4 landscape on one page wide, every column wide enough to read.
      expect(sheet.getCell('A1').font).toMatchObject({ name: '黑体', bold: true, size: 16 });
      expect(sheet.getCell(`D${first}`).font).toMatchObject({ name: '宋体', size: 11 });
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      const widths = sheet.columns.map((c) => c.width ?? 0);
      expect(widths).toHaveLength(9);
      expect(widths[3]).toBeGreaterThanOrEqual(2 * '保障法院办案和业务装备经费保障'.length * 0.8);
      for (const width of widths) expect(width).toBeGreaterThanOrEqual(9);
      // The long 年度指标值 (a scoring rule) wraps: its row is taller than one line.
      expect(sheet.getRow(last).height).toBeGreaterThan(30);
    });

    it("fills an organization's workbook: a 汇总 sheet, then a sheet per project, every score as worked out by hand", async () => {
      const api = getApi();
      const { link, workbook } = await downloadWorkbook(api, BY_ORG, { org: '218101', year: 2023 }, await api.login('viewer'));
      expect(link.filename).toBe('2023年度项目支出绩效自评表-218101天津市武清区人民法院.xlsx');
      const names = Object.keys(PLAN);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        '汇总',
        '1.法院办案业务、业务装备及审判辅助事务外包服务等经费-20…',
        '2.法院办案业务费',
        '3.科技法庭试点提升项目-2023中央',
        '4.派出法庭安全隐患维修项目',
        '5.司法救助金-2023中央',
      ]);
      workbook.worksheets.slice(1).forEach((sheet, i) => {
        const plan = PLAN[names[i]];
        const expected = EXPECTED[names[i]];
        const last = R.firstIndicator + plan.actuals.length - 1;
        expect(sheet.getCell('B3').value).toBe(names[i]);
        expect(column(sheet, 'H', R.firstIndicator, last)).toEqual(plan.actuals.map(([, , score]) => score));
        expect([sheet.getCell(`H${R.fundsTotal}`).value, sheet.getCell(`I${R.fundsTotal}`).value]).toEqual([expected.executionRate, expected.executionScore]);
        expect([sheet.getCell(`H${last + 1}`).value, sheet.getCell(`G${last + 2}`).value]).toEqual([expected.score, expected.grade]);
      });

      // 司法救助金: one indicator without an actual counts 0 and says so.
      const aid = workbook.getWorksheet('5.司法救助金-2023中央')!;
      const missingRow = R.firstIndicator + 6;
      expect([aid.getCell(`D${missingRow}`).value, aid.getCell(`F${missingRow}`).value, aid.getCell(`H${missingRow}`).value]).toEqual([
        '持续保障政法工作有效开展',
        '未填报',
        null,
      ]);
      expect(aid.getCell(`I${missingRow + 2}`).value).toBe('1个指标未填报实际完成值，按0分计');
      // 法院办案业务、…: 一级 merged over 8 产出 rows, 二级 over its runs (数量 ×2, 质量 ×2, 时效 ×3, 成本).
      const first = workbook.worksheets[1];
      expect(mergesOf(first)).toEqual(expect.arrayContaining(['B12:B19', 'C12:C13', 'C14:C15', 'C16:C18', 'B20:B21']));

      const summary = workbook.getWorksheet('汇总')!;
      expect(summary.getCell('A1').value).toBe('2023年度项目支出绩效自评汇总表');
      const rows = names.map((_, i) => SUMMARY_FIRST_ROW + i);
      expect(rows.map((row) => summary.getCell(`B${row}`).value)).toEqual(
        names.map((name, i) => ({ text: name, hyperlink: `#'${workbook.worksheets[i + 1].name}'!A1` })),
      );
      expect(rows.map((row) => ['D', 'E', 'F', 'G', 'H', 'I'].map((c) => summary.getCell(`${c}${row}`).value))).toEqual([
        [418, 400, 0.9569, 92.46, '优', 0],
        [27, 27.5, 1.0185, 91.38, '优', 0],
        [21, 20.8, 0.9905, 84.68, '良', 0],
        [30, 28.5, 0.95, 90.44, '优', 0],
        [31, 0, 0, 68.25, '中', 1],
      ]);
      // Totals as organizationSummary reports them: 476.8 of 527 spent, average 85.44.
      const total = SUMMARY_FIRST_ROW + names.length;
      expect(['A', 'D', 'E', 'F', 'G', 'I'].map((c) => summary.getCell(`${c}${total}`).value)).toEqual(['合计（总分为平均分）', 527, 476.8, 0.9047, 85.44, 1]);
      expect(['D', 'E', 'F', 'G'].map((c) => summary.getCell(`${c}${total}`).numFmt)).toEqual(['#,##0.00', '#,##0.00', '0.00%', '0.00']);
      expect(summary.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
    });

    it("lets a parent organization's manager export its units' projects, under its own name", async () => {
      const api = getApi();
      const { workbook } = await downloadWorkbook(api, BY_ORG, { org: '2181', year: 2023 }, await api.login('parent-manager'));
      expect(workbook.worksheets).toHaveLength(6);
      expect(workbook.getWorksheet('汇总')!.getCell('A2').value).toBe('单位：2181 上级主管部门');
    });

    it('refuses field staff, other organizations, and requests that name neither or both', async () => {
      const api = getApi();
      const manager = await api.login('manager');
      const repair = (await projectsOf(api, manager)).find((p) => p.name === REPAIR)!;
      const codeOf = async (query: string, variables: Record<string, unknown>, token: string) =>
        (await api.gql(query, variables, token)).errors?.[0]?.extensions?.code;
      expect(await codeOf(BY_PROJECT, { id: repair.id }, await api.login('inspector'))).toBe('FORBIDDEN');
      expect(await codeOf(BY_PROJECT, { id: repair.id }, await api.login('other-manager'))).toBe('FORBIDDEN');
      expect(await codeOf(BY_ORG, { org: '218101', year: 2023 }, await api.login('other-manager'))).toBe('FORBIDDEN');
      expect(await codeOf(BY_ORG, { org: '218101', year: 2024 }, manager)).toBe('NOT_FOUND');
      expect(await codeOf(`{ exportSelfEvaluation(year: 2023) { url } }`, {}, manager)).toBe('BAD_USER_INPUT');
      expect(await codeOf(`query($id: ID!) { exportSelfEvaluation(projectId: $id, orgCode: "218101", year: 2023) { url } }`, { id: repair.id }, manager)).toBe(
        'BAD_USER_INPUT',
      );
      expect(await codeOf(`{ exportSelfEvaluation(orgCode: "218101") { url } }`, {}, manager)).toBe('BAD_USER_INPUT');
      expect(await codeOf(`query($id: ID!) { exportSelfEvaluation(projectId: $id, year: 2022) { url } }`, { id: repair.id }, manager)).toBe('BAD_USER_INPUT');
      expect(await codeOf(BY_PROJECT, { id: repair.id }, null)).toBe('UNAUTHENTICATED');
    });
  },
  withPlan(NOTE),
);

describeEachApi('download links (GET /downloads/<token>)', (getApi) => {
  async function user(api: TestApi, username: string): Promise<User> {
    return api.db.em.fork().findOneOrFail(User, { username });
  }

  it('serve the XLSX with its MIME type and a UTF-8 file name, and are not cached', async () => {
    const api = getApi();
    const result = await api.gql<{ exportSelfEvaluation: { url: string; filename: string } }>(
      BY_ORG,
      { org: '218101', year: 2023 },
      await api.login('manager'),
    );
    const { url, filename } = result.data!.exportSelfEvaluation;
    const response = await follow(api, url);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX_MIME);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(filename);
    // The same link works again until it expires.
    expect((await follow(api, url)).status).toBe(200);
  });

  it('refuse an expired, a tampered or a foreign token, and a link of another kind', async () => {
    const api = getApi();
    const manager = await user(api, 'manager');
    const params = { orgCode: '218101', year: 2023 };
    const expired = api.app.auth.downloadToken(manager, 'self-evaluation', params, -1);
    const [prefix, payload, signature] = api.app.auth.downloadToken(manager, 'self-evaluation', params).split('.');
    const otherOrg = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), params: { orgCode: '999999', year: 2023 } }),
    ).toString('base64url');
    const refused = [
      expired,
      `${prefix}.${otherOrg}.${signature}`,
      `${prefix}.${payload}.${signature.slice(0, -2)}xx`,
      api.app.auth.downloadToken(manager, 'report', params),
      'not-a-token',
    ];
    for (const token of refused) {
      const response = await follow(api, `/downloads/${token}`);
      expect(response.status, token).toBe(401);
      expect(response.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: '下载链接无效或已过期，请重新生成' } });
    }
  });

  it('refuse a user of another organization, and field staff, even with a correctly signed link', async () => {
    const api = getApi();
    const [other, inspector] = [await user(api, 'other-manager'), await user(api, 'inspector')];
    const projectId = (await projectsOf(api, await api.login('manager')))[0].id;
    for (const [who, params] of [
      [other, { orgCode: '218101', year: 2023 }],
      [other, { projectId }],
      [inspector, { orgCode: '218101', year: 2023 }],
    ] as const) {
      const response = await follow(api, `/downloads/${api.app.auth.downloadToken(who, 'self-evaluation', params)}`);
      expect(response.status).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    // Their own organization is fine.
    const own = await follow(api, `/downloads/${api.app.auth.downloadToken(other, 'target-tables', { orgCode: '999999', year: 2023 })}`);
    expect(own.status).toBe(200);
  });
});
