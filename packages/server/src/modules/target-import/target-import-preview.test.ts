import { readFileSync } from 'node:fs';
import { parseTargetTables, readTargetTables } from '@jixiao/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachApi, SEED_TEXT, type TestApi } from '../../test/api.js';
import { seedAsDocx } from '../../test/seed-docx.js';
import { readDocxGrid } from './docx-grid.js';
import { readHtmlGrid } from './html-grid.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../../test/fixtures/real/${name}`, import.meta.url), 'utf8');

const PREVIEW = `query($text: String, $file: String, $fileName: String, $orgCode: String, $year: Int) {
  previewTargetTables(text: $text, file: $file, fileName: $fileName, orgCode: $orgCode, year: $year) {
    source errors { table line cell message } warnings { table line cell message }
    tables { tableNumber kind orgCode orgName name year existingProjectId budget { total fiscal other carryover } purpose goals period
      indicators { level1 level2 name description cell scoring warnings { cell message }
        target { raw kind comparator value max unit deadline start note tolerance zeroBelow } } }
  } }`;
const SAVE = `mutation($tables: [ImportTableInput!]!) { saveTargetTables(tables: $tables) { created updated projects { id name orgCode } } }`;
const COUNT = `{ projects(orgCode: "218101", year: 2023, first: 100) { totalCount nodes { name indicators { name target { raw unit comparator value } } } } }`;

interface PreviewTable {
  tableNumber: number;
  kind: string;
  orgCode: string | null;
  orgName: string;
  name: string;
  year: number;
  existingProjectId: string | null;
  budget: { total: number; fiscal: number; other: number; carryover: number };
  purpose: string;
  goals: string[];
  indicators: Array<{
    level1: string;
    level2: string;
    name: string;
    description: string;
    scoring: string;
    warnings: Array<{ message: string }>;
    target: Record<string, unknown>;
  }>;
}

interface Preview {
  previewTargetTables: {
    source: string;
    errors: Array<{ message: string }>;
    warnings: Array<{ message: string; cell: string | null }>;
    tables: PreviewTable[];
  };
}

/** The preview's table as the save takes it back (what the web app sends after edits). */
function tableInput(table: PreviewTable, orgCode = table.orgCode) {
  return {
    tableNumber: table.tableNumber,
    kind: table.kind,
    orgCode,
    orgName: table.orgName,
    name: table.name,
    year: table.year,
    budget: table.budget,
    purpose: table.purpose,
    goals: table.goals,
    indicators: table.indicators.map((i) => {
      const { raw, kind, comparator, value, max, unit, deadline, start, note, tolerance, zeroBelow } = i.target;
      return {
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        description: i.description,
        target: { raw, kind, comparator, value, max, unit, deadline, start, note, tolerance, zeroBelow },
      };
    }),
  };
}

describe('the seed as a Word document (docx package, merged cells as Word writes them)', () => {
  it('reads as the same 5 projects and 41 indicators as the text', async () => {
    const text = parseTargetTables(SEED_TEXT);
    const grid = await readDocxGrid(await seedAsDocx(text.projects));
    const fromWord = readTargetTables([grid]);
    expect(fromWord.errors).toEqual([]);
    const strip = (ps: typeof text.projects) => ps.map((p) => ({ ...p, indicators: p.indicators.map(({ line: _l, cell: _c, ...i }) => i) }));
    expect(strip(fromWord.projects)).toEqual(strip(text.projects));
    expect(fromWord.projects.reduce((n, p) => n + p.indicators.length, 0)).toBe(41);
  });

  it('an HTML table with rowspan and colspan reads like the page text', () => {
    const html = `<html><body><h3>1.测试项目-2023绩效目标表</h3><table>
      <tr><td colspan="5">218101天津市武清区人民法院</td><td>单位：万元</td></tr>
      <tr><td>项目名称</td><td colspan="5">测试项目</td></tr>
      <tr><td rowspan="2">预算规模及资金用途</td><td>预算数</td><td>20</td><td>其中：财政资金</td><td>20</td><td>其他资金</td><td></td></tr>
      <tr><td colspan="5">用于测试</td></tr>
      <tr><td>绩效目标</td><td colspan="5">1.完成测试</td></tr>
      <tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th colspan="2">绩效指标描述</th><th>指标值</th></tr>
      <tr><td rowspan="2">产出指标</td><td>数量指标</td><td>维修面积</td><td colspan="2">维修面积</td><td>≥400平方米</td></tr>
      <tr><td>质量指标</td><td>验收合格率</td><td colspan="2">验收合格率</td><td>≥98百分比</td></tr>
    </table></body></html>`;
    const result = readTargetTables([readHtmlGrid(html)]);
    expect(result.errors).toEqual([]);
    expect(result.projects[0]).toMatchObject({ name: '测试项目', purpose: '用于测试', budget: { total: 20, fiscal: 20, other: 0 } });
    expect(result.projects[0].indicators.map((i) => [i.level1, i.name, i.target.unit])).toEqual([
      ['产出指标', '维修面积', '平方米'],
      ['产出指标', '验收合格率', '%'],
    ]);
  });
});

describeEachApi('previewTargetTables and saveTargetTables', (getApi) => {
  let api: TestApi;
  let manager: string;
  let docx: string;

  beforeAll(async () => {
    api = getApi();
    manager = await api.login('manager');
    docx = (await seedAsDocx(parseTargetTables(SEED_TEXT).projects)).toString('base64');
  });

  it('previews a .docx without writing, each guess naming its cell, re-imports marked as updates', async () => {
    const before = await api.gql(COUNT, {}, manager);
    const preview = await api.gql<Preview>(PREVIEW, { file: docx, fileName: '武清法院2023.docx' }, manager);
    expect(preview.errors).toBeUndefined();
    const { tables, warnings, errors } = preview.data!.previewTargetTables;
    expect(errors).toEqual([]);
    expect(tables).toHaveLength(5);
    expect(tables.reduce((n, t) => n + t.indicators.length, 0)).toBe(41);
    expect(tables.every((t) => t.existingProjectId !== null)).toBe(true);
    expect(warnings.find((w) => w.message.startsWith('运维支出'))?.cell).toMatch(/^[A-Z]+\d+$/);
    expect(tables[0].indicators[0].scoring).toBe('实际值≥27000件得满分；未达到时得分 = 实际值 ÷ 27000件 × 分值');
    expect(await api.gql(COUNT, {}, manager)).toEqual(before);
  });

  it('saves a corrected unit, updating the project in place (never a duplicate)', async () => {
    const preview = await api.gql<Preview>(PREVIEW, { file: docx, fileName: 'seed.docx' }, manager);
    const tables = preview.data!.previewTargetTables.tables.map((t) => tableInput(t));
    const indicator = tables[0].indicators[0];
    indicator.target = { ...indicator.target, unit: '宗' };
    const saved = await api.gql<{ saveTargetTables: { created: number; updated: number } }>(SAVE, { tables }, manager);
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveTargetTables).toMatchObject({ created: 0, updated: 5 });
    const after = await api.gql<{
      projects: { totalCount: number; nodes: Array<{ name: string; indicators: Array<{ name: string; target: { unit: string } }> }> };
    }>(COUNT, {}, manager);
    expect(after.data!.projects.totalCount).toBe(5);
    expect(after.data!.projects.nodes.flatMap((p) => p.indicators).find((i) => i.name === '保障办案数量')!.target.unit).toBe('宗');
  });

  it('a save with one bad table writes nothing, naming the table and the field', async () => {
    const preview = await api.gql<Preview>(PREVIEW, { text: fixture('xiangtan-sanitation-2023.web.txt'), orgCode: '218101' }, manager);
    expect(preview.data!.previewTargetTables.tables[0]).toMatchObject({ orgCode: '218101', name: '雾炮车降尘抑尘服务', budget: { total: 250 } });
    const good = tableInput(preview.data!.previewTargetTables.tables[0]);
    const bad = { ...good, name: '另一个项目', indicators: [{ ...good.indicators[0], target: { ...good.indicators[0].target, comparator: null } }] };
    const saved = await api.gql(SAVE, { tables: [good, bad] }, manager);
    expect(saved.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'indicators[0].target.comparator' } });
    expect(saved.errors?.[0].message).toContain('第2张表');
    const projects = await api.gql<{ projects: { totalCount: number } }>(COUNT, {}, manager);
    expect(projects.data!.projects.totalCount).toBe(5);
  });

  it("another unit's tables are FORBIDDEN in the preview", async () => {
    const other = await api.login('other-manager');
    const preview = await api.gql(PREVIEW, { text: SEED_TEXT }, other);
    expect(preview.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it.each([
    ['an empty file', '空.docx', Buffer.alloc(0), '空.docx：文件是空的'],
    ['a binary file as text', 'x.txt', Buffer.from([0, 1, 2, 3, 255, 0]), 'x.txt：不是文本格式的目标表'],
    [
      'a truncated zip',
      'cut.docx',
      Buffer.from('PK\u0003\u0004 truncated'),
      'cut.docx：无法读取 Word 文档：文件已损坏，或不是 .docx 格式（请上传 Word 2007 及以上的 .docx 文件）',
    ],
    [
      'a truncated workbook',
      'cut.xlsx',
      Buffer.from('PK\u0003\u0004 truncated'),
      'cut.xlsx：无法读取 XLSX 工作簿：文件已损坏，或不是 .xlsx 格式（请上传 Excel 2007 及以上的 .xlsx 文件）',
    ],
    ['a .xls', 'old.xls', Buffer.from('x'), 'old.xls：不支持旧版 Excel 的 .xls 格式，请在 Excel 中“另存为” .xlsx'],
    ['a .doc', 'old.doc', Buffer.from('x'), 'old.doc：不支持旧版 Word 的 .doc 格式，请在 Word 中“另存为” .docx'],
  ])('refuses %s, naming the file', async (_, fileName, bytes, says) => {
    const preview = await api.gql(PREVIEW, { file: bytes.toString('base64'), fileName }, manager);
    expect(preview.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(preview.errors?.[0].message).toContain(says);
  });

  it('a table with no indicator header is an error naming the table (and the file, when uploaded); nothing is written', async () => {
    const text =
      '1.测试项目-2023绩效目标表\n218101天津市武清区人民法院 | 单位:万元\n项目名称 | 测试\n预算数 | 1 | 财政资金 | 1 | 其他资金 | 0\n产出指标 | 数量指标 | 设备 | ≥2台';
    const before = await api.gql(COUNT, {}, manager);
    const pasted = await api.gql<Preview>(PREVIEW, { text }, manager);
    expect(pasted.data!.previewTargetTables.tables).toEqual([]);
    expect(pasted.data!.previewTargetTables.errors.map((e) => e.message)).toEqual([
      '表1第2行第1格：没有找到指标表头：应有一行“一级指标、二级指标、三级指标、指标值”（或“指标名称”“目标值”）',
    ]);
    const uploaded = await api.gql<Preview>(PREVIEW, { file: Buffer.from(text).toString('base64'), fileName: '测试项目.txt' }, manager);
    expect(uploaded.data!.previewTargetTables.errors.map((e) => e.message)).toEqual([
      '测试项目.txt：表1第2行第1格：没有找到指标表头：应有一行“一级指标、二级指标、三级指标、指标值”（或“指标名称”“目标值”）',
    ]);
    expect(await api.gql(COUNT, {}, manager)).toEqual(before);
  });
});
