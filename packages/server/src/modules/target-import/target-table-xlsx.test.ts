import ExcelJS from 'exceljs';
import { parseTargetTables, parseTargetWorkbook, type ImportedProject } from '@jixiao/domain';
import { beforeAll, expect, it } from 'vitest';
import { describeEachApi, SEED_TEXT, type TestApi } from '../../test/api.js';
import { column, downloadWorkbook, mergesOf, openWorkbook } from '../report/report-test-support.js';
import { TARGET_TABLE_FIRST_INDICATOR_ROW } from './target-table-workbook.js';
import { readWorkbookGrid } from './workbook-grid.js';

const EXPORT = `query($org: String!, $year: Int!) { exportTargetTables(orgCode: $org, year: $year) { url filename expiresAt } }`;
const SNAPSHOT = `{ projects(orgCode: "218101", year: 2023) { nodes {
  id name orgCode year tableNumber purpose goals budget { total fiscal other }
  indicators { id level1 level2 name description target { raw kind comparator value unit deadline rule { zeroBelow } } }
} } }`;

interface ImportResponse {
  created: number;
  updated: number;
  projects: Array<{ id: string; name: string; orgCode: string; year: number; tableNumber: number | null }>;
  warnings: Array<{ message: string }>;
  errors: Array<{ table: number | null; line: number | null; sheet?: string; cell?: string; message: string }>;
}

async function postWorkbook(api: TestApi, body: Buffer, token: string | null, query = '') {
  const response = await api.app.server.inject({
    method: 'POST',
    url: `/imports/target-tables.xlsx${query}`,
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: body,
  });
  return { status: response.statusCode, json: JSON.parse(response.body) as ImportResponse & { error?: { code: string; message: string } } };
}

/** The exported workbook with a change made by hand, as a finance office would. */
async function edited(bytes: Buffer, change: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = await openWorkbook(bytes);
  change(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const withoutLines = (projects: ImportedProject[]) =>
  projects.map((p) => ({ ...p, indicators: p.indicators.map(({ line: _line, cell: _cell, ...rest }) => rest) }));

describeEachApi('target tables as XLSX (绩效目标表): export, import, round trip', (getApi) => {
  let bytes: Buffer;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    const api = getApi();
    const download = await downloadWorkbook(api, EXPORT, { org: '218101', year: 2023 }, await api.login('viewer'));
    expect(download.link.filename).toBe('2023年度绩效目标表-218101天津市武清区人民法院.xlsx');
    ({ bytes, workbook } = download);
  });

  it('writes one worksheet per table in the published layout, amounts as numbers', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '1.法院办案业务、业务装备及审判辅助事务外包服务等经费-20…',
      '2.法院办案业务费',
      '3.科技法庭试点提升项目-2023中央',
      '4.派出法庭安全隐患维修项目',
      '5.司法救助金-2023中央',
    ]);
    const sheet = workbook.getWorksheet('4.派出法庭安全隐患维修项目')!;
    const at = (ref: string) => sheet.getCell(ref).value;
    expect(['A1', 'A2', 'F2', 'A3', 'B3'].map(at)).toEqual([
      '4.派出法庭安全隐患维修项目绩效目标表',
      '218101天津市武清区人民法院',
      '单位：万元',
      '项目名称',
      '派出法庭安全隐患维修项目',
    ]);
    expect(['A4', 'B4', 'C4', 'D4', 'E4', 'F4', 'G4'].map(at)).toEqual(['预算规模及资金用途', '预算数', 30, '其中：财政资金', 30, '其他资金', 0]);
    expect(['C4', 'E4', 'G4'].map((ref) => sheet.getCell(ref).numFmt)).toEqual(['#,##0.00', '#,##0.00', '#,##0.00']);
    expect(['B5', 'A6', 'B6'].map(at)).toEqual([
      '对建筑年代久远的派出法庭进行维修，维护审判执行工作正常开展',
      '绩效目标',
      '1.对建筑年代久远的派出法庭进行维修，杜绝安全隐患，保障干警生命安全，维护审判执行工作正常开展',
    ]);
    expect(['A7', 'B7', 'C7', 'D7', 'F7'].map(at)).toEqual(['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值']);
    const first = TARGET_TABLE_FIRST_INDICATOR_ROW;
    // 一级指标 once per run, merged down (ExcelJS shows the merged cells with the master's value).
    expect(column(sheet, 'A', first, first + 6).map((_, i) => sheet.getCell(`A${first + i}`).master.address)).toEqual([
      'A8',
      'A8',
      'A8',
      'A8',
      'A12',
      'A12',
      'A14',
    ]);
    expect(['A8', 'A12', 'A14'].map(at)).toEqual(['产出指标', '效益指标', '满意度指标']);
    expect(column(sheet, 'C', first, first + 6)).toEqual([
      '维修法庭和办公室数量',
      '维修质量达标率',
      '工程完工时间节点',
      '维修资金',
      '保证办公用房质量',
      '保障法院办案和业务装备经费保障',
      '干警满意度',
    ]);
    expect(column(sheet, 'F', first, first + 3)).toEqual(['≥6个', '≥95%', '2023年10月前', '30万元']);
    expect(mergesOf(sheet)).toEqual(
      expect.arrayContaining(['A1:G1', 'A2:E2', 'F2:G2', 'B3:G3', 'A4:A5', 'B5:G5', 'B6:G6', 'D7:E7', 'F7:G7', 'D8:E8', 'F14:G14', 'A8:A11', 'A12:A13']),
    );
    expect(sheet.getCell('A1').font).toMatchObject({ name: '黑体', bold: true });
    expect(sheet.getCell('C8').font).toMatchObject({ name: '宋体' });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
  });

  it('reads back, through the domain, exactly the projects and indicators of the text form (all five tables)', async () => {
    const fromXlsx = parseTargetWorkbook(await readWorkbookGrid(bytes));
    const fromText = parseTargetTables(SEED_TEXT);
    expect(fromXlsx.errors).toEqual([]);
    expect(withoutLines(fromXlsx.projects)).toEqual(withoutLines(fromText.projects));
    expect(fromXlsx.projects.flatMap((p) => p.indicators)).toHaveLength(41);
  });

  it('imports the exported file again (POST /imports/target-tables.xlsx): the same projects and indicators, updated in place', async () => {
    const api = getApi();
    const token = await api.login('manager');
    const before = (await api.gql(SNAPSHOT, {}, token)).data;
    const { status, json } = await postWorkbook(api, bytes, token);
    expect(status).toBe(200);
    expect(json).toMatchObject({ created: 0, updated: 5, errors: [] });
    expect(json.projects.map((p) => [p.tableNumber, p.name, p.orgCode, p.year])).toEqual([
      [1, '法院办案业务、业务装备及审判辅助事务外包服务等经费-2023中央', '218101', 2023],
      [2, '法院办案业务费', '218101', 2023],
      [3, '科技法庭试点提升项目-2023中央', '218101', 2023],
      [4, '派出法庭安全隐患维修项目', '218101', 2023],
      [5, '司法救助金-2023中央', '218101', 2023],
    ]);
    // The same guesses as the text import, now naming worksheet and the target cell the guess is about.
    expect(json.warnings).toContainEqual({
      table: 2,
      line: 11,
      sheet: '2.法院办案业务费',
      cell: 'F11',
      message: '运维支出：指标值“17万元”未写比较符，按成本指标推定为“<=”',
    });
    expect((await api.gql(SNAPSHOT, {}, token)).data).toEqual(before);
  });

  it('previews the exported file through GraphQL (previewTargetTables) as the same 5 projects and 41 indicators as the text', async () => {
    const api = getApi();
    const token = await api.login('manager');
    const PREVIEW = `query($file: String, $fileName: String) { previewTargetTables(file: $file, fileName: $fileName) {
      errors { message } tables { orgCode name year budget { total fiscal other } indicators { name target { raw kind comparator value unit deadline } } } } }`;
    const preview = await api.gql<{
      previewTargetTables: {
        errors: unknown[];
        tables: Array<{ orgCode: string; name: string; year: number; budget: object; indicators: Array<{ name: string; target: Record<string, unknown> }> }>;
      };
    }>(PREVIEW, { file: bytes.toString('base64'), fileName: '2023年度绩效目标表.xlsx' }, token);
    expect(preview.errors).toBeUndefined();
    const { tables, errors } = preview.data!.previewTargetTables;
    expect(errors).toEqual([]);
    const fromText = parseTargetTables(SEED_TEXT).projects;
    expect(tables.map((t) => [t.orgCode, t.name, t.year, t.budget, t.indicators.length])).toEqual(
      fromText.map((p) => [p.orgCode, p.name, p.year, { total: p.budget.total, fiscal: p.budget.fiscal, other: p.budget.other }, p.indicators.length]),
    );
    expect(tables.reduce((n, t) => n + t.indicators.length, 0)).toBe(41);
    expect(tables.flatMap((t) => t.indicators.map((i) => [i.name, i.target.raw, i.target.comparator]))).toEqual(
      fromText.flatMap((p) => p.indicators.map((i) => [i.name, i.target.raw, i.target.comparator])),
    );
  });

  it('reports a malformed workbook by worksheet and cell, and still imports the other tables', async () => {
    const api = getApi();
    const token = await api.login('manager');
    const cases: Array<[string, (workbook: ExcelJS.Workbook) => void, number, ImportResponse['errors']]> = [
      [
        'a non-numeric budget',
        (wb) => (wb.getWorksheet('3.科技法庭试点提升项目-2023中央')!.getCell('C4').value = '二十一万'),
        4,
        [
          {
            table: 3,
            line: 4,
            sheet: '3.科技法庭试点提升项目-2023中央',
            cell: 'C4',
            message: '工作表“3.科技法庭试点提升项目-2023中央”单元格 C4：预算数应为数字（万元），实际是“二十一万”',
          },
        ],
      ],
      [
        'a missing header cell',
        (wb) => (wb.getWorksheet('2.法院办案业务费')!.getCell('F7').value = null),
        4,
        [
          {
            table: 2,
            line: 7,
            sheet: '2.法院办案业务费',
            cell: 'F7',
            message: '工作表“2.法院办案业务费”单元格 F7：指标表头缺少“指标值”（或“目标值”“年度指标值”“指标值及单位”）列，无法读出指标',
          },
        ],
      ],
      [
        'an empty target cell',
        (wb) => (wb.getWorksheet('5.司法救助金-2023中央')!.getCell('F8').value = null),
        4,
        [{ table: 5, line: 8, sheet: '5.司法救助金-2023中央', cell: 'F8', message: '工作表“5.司法救助金-2023中央”单元格 F8：指标“救助人数”的指标值不能为空' }],
      ],
      // Not an error since tables are found by their labels (DESIGN.md): a table whose title row is
      // gone starts at its unit line, and its name still gives the year.
      ['a missing title row', (wb) => (wb.getWorksheet('5.司法救助金-2023中央')!.getCell('A1').value = null), 5, []],
      [
        'an empty worksheet',
        (wb) => wb.addWorksheet('Sheet1'),
        5,
        [{ table: null, line: 1, sheet: 'Sheet1', cell: 'A1', message: '工作表“Sheet1”单元格 A1：工作表是空的，应为一张绩效目标表' }],
      ],
    ];
    for (const [name, change, updated, errors] of cases) {
      const { status, json } = await postWorkbook(api, await edited(bytes, change), token);
      expect(status, name).toBe(200);
      expect({ name, updated: json.updated, errors: json.errors }).toEqual({ name, updated, errors });
    }
  });

  it('refuses what is not a workbook, and users who may not import', async () => {
    const api = getApi();
    const notXlsx = await postWorkbook(api, Buffer.from(SEED_TEXT), await api.login('manager'));
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.json.error!.code).toBe('BAD_USER_INPUT');
    // Named as the route names the body (the request carries no file name).
    expect(notXlsx.json.error!.message).toMatch(/^target-tables\.xlsx：无法读取 XLSX 工作簿：/);
    expect((await postWorkbook(api, bytes, await api.login('manager'), '?year=20x3')).status).toBe(400);
    expect((await postWorkbook(api, bytes, null)).status).toBe(401);
    expect((await postWorkbook(api, bytes, await api.login('viewer'))).status).toBe(403);
    // Another court's manager: the whole workbook is refused, nothing stored.
    const foreign = await postWorkbook(api, bytes, await api.login('other-manager'));
    expect(foreign.status).toBe(403);
    expect(foreign.json.error).toEqual({ code: 'FORBIDDEN', message: '表1：单位“218101 天津市武清区人民法院”不在您的管辖范围内，未导入任何表' });
  });

  it('refuses an export outside the viewer’s organizations, and by field staff', async () => {
    const api = getApi();
    const code = async (username: string, org: string) => (await api.gql(EXPORT, { org, year: 2023 }, await api.login(username))).errors?.[0]?.extensions?.code;
    expect(await code('other-manager', '218101')).toBe('FORBIDDEN');
    expect(await code('inspector', '218101')).toBe('FORBIDDEN');
    expect(await code('other-manager', '999999')).toBeUndefined();
  });
});
