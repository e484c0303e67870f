import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type Dialect } from '../db.js';
import { createTemporaryDatabase, withRawSql, type TemporaryDatabase } from '../db-admin.js';
import { runCli as run, SEED_FILE as SEED } from '../test/cli.js';
import { DIALECTS, testPostgresUrl } from '../test/databases.js';

const fixture = (path: string) => fileURLToPath(new URL(`../../../../test/fixtures/${path}`, import.meta.url));
const XIANGTAN = fixture('real/xiangtan-sanitation-2023.web.txt');
const SELF_EVALUATION = fixture('layouts/self-evaluation-2023.txt');

const dir = mkdtempSync(join(tmpdir(), 'jixiao-import-cli-'));
const temporaries: TemporaryDatabase[] = [];
afterAll(async () => {
  for (const temporary of temporaries) await temporary.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A database the CLI has not seen: a SQLite file in a folder that does not exist yet, or an empty PostgreSQL database. */
async function freshDatabase(
  dialect: Dialect,
): Promise<{ url: string; query(sql: string): Promise<Array<Record<string, unknown>>>; isUntouched(): Promise<boolean> }> {
  if (dialect === 'sqlite') {
    const folder = join(dir, randomUUID());
    const url = join(folder, 'jixiao.sqlite');
    return {
      url,
      async query(sql) {
        const db = await createDb({ url, mustExist: true });
        try {
          return await db.em.fork().getConnection().execute(sql);
        } finally {
          await db.close();
        }
      },
      isUntouched: async () => !existsSync(folder),
    };
  }
  const temporary = await createTemporaryDatabase(testPostgresUrl!);
  temporaries.push(temporary);
  const query = (sql: string) => withRawSql(temporary.url, (raw) => raw(sql));
  return {
    url: temporary.url,
    query,
    // Not even migrated: no table at all.
    isUntouched: async () => Number((await query(`select count(*) as n from information_schema.tables where table_schema = 'public'`))[0].n) === 0,
  };
}

const count = async (db: { query(sql: string): Promise<Array<Record<string, unknown>>> }, table: string) =>
  Number((await db.query(`select count(*) as n from ${table}`))[0].n);

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgresql' && !testPostgresUrl)(`jixiao import [${dialect}]`, () => {
    it('the Xiangtan 申报表 (no 单位编码) imports with --org CODE: one project of 250 万元, 7 indicators', async () => {
      const db = await freshDatabase(dialect);
      const result = await run('import', XIANGTAN, '--org', '430302', '--db', db.url);
      expect(result.code).toBe(0);
      expect(result.err).toContain('提示：单位行未写单位编码（“湘潭市环境卫生管理处”），按指定的单位 430302 导入');
      expect(result.out).toContain('✔ 2023 湘潭市环境卫生管理处｜雾炮车降尘抑尘服务：7 个指标');
      expect(await db.query('select code, name from organization')).toEqual([{ code: '430302', name: '湘潭市环境卫生管理处' }]);
      expect((await db.query('select name, period, budget_total_fen from project')).map((p) => [p.name, p.period, Number(p.budget_total_fen)])).toEqual([
        ['雾炮车降尘抑尘服务', '2023.07-2024.01', 250_000_000],
      ]);
      expect(await count(db, 'indicator')).toBe(7);
    });

    it('without --org it is refused, naming the file and --org, and nothing is written', async () => {
      const db = await freshDatabase(dialect);
      const result = await run('import', XIANGTAN, '--db', db.url);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`错误：${XIANGTAN}：表1“雾炮车降尘抑尘服务”的单位行未写单位编码（湘潭市环境卫生管理处），请用 --org 给出单位编码\n`);
      expect(result.out).toBe('有 1 处错误，未写入数据库（请改正后重新导入）\n');
      expect(await db.isUntouched()).toBe(true);
    });

    it('the XLSX from `jixiao export targets` imports into an empty database as the same 5 projects and 41 indicators as the text', async () => {
      const source = await freshDatabase(dialect);
      expect((await run('import', SEED, '--db', source.url)).code).toBe(0);
      const xlsx = join(dir, `${randomUUID()}.xlsx`);
      expect((await run('export', 'targets', '--org', '218101', '--year', '2023', '--out', xlsx, '--db', source.url)).code).toBe(0);

      const target = await freshDatabase(dialect);
      const imported = await run('import', xlsx, '--db', target.url, '--json');
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.out)).toMatchObject({ created: 5, updated: 0, errors: [] });
      const shape = (db: typeof source) =>
        db.query(`select p.table_number, p.name, p.budget_total_fen, p.budget_fiscal_fen, i.position, i.level1, i.level2, i.name as indicator, i.target_raw, i.target_kind, i.comparator, i.target_value, i.unit, i.zero_below
                    from project p join indicator i on i.project_id = p.id order by p.table_number, i.position`);
      const fromText = await shape(source);
      expect(fromText).toHaveLength(41);
      expect(await shape(target)).toEqual(fromText);
      expect(await count(target, 'project')).toBe(5);
    });

    it('a 自评表 brings its 实际完成值 as actuals, and says which one it could not store, at its cell', async () => {
      const db = await freshDatabase(dialect);
      const result = await run('import', SELF_EVALUATION, '--db', db.url);
      expect(result.code).toBe(0);
      expect(result.out).toContain('已写入数据库：新建 1 个项目，更新 0 个；自评表的实际完成值 3 个');
      expect(result.err).toContain('提示：表1指标“保障审判”：实际完成值“已保障”未保存（定性指标须选择达成等级：达成、部分达成或未达成），请在系统中录入');
      expect((await db.query(`select a.value, a.source from actual a order by a.value`)).map((a) => [a.value, a.source])).toEqual([
        ['3台', 'IMPORT'],
        ['88%', 'IMPORT'],
        ['98%', 'IMPORT'],
      ]);
      expect(await count(db, `audit_event where entity = 'Actual'`)).toBe(3);
      const json = JSON.parse((await run('import', SELF_EVALUATION, '--db', db.url, '--json')).out);
      expect(json).toMatchObject({ created: 0, updated: 1, actuals: 0 });
      expect(json.warnings).toContainEqual(expect.objectContaining({ table: 1, line: 9, cell: 'E9' }));
      expect(await count(db, 'actual')).toBe(3);
    });
  });
}

describe('jixiao import --dry-run --json', () => {
  it('prints the model the preview shows and writes nothing (no data folder, no database file)', async () => {
    const data = join(dir, 'dry-run-data');
    const result = await run('import', XIANGTAN, '--org', '430302', '--dry-run', '--json', '--data-dir', data);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.errors).toEqual([]);
    expect(report.projects).toHaveLength(1);
    expect(report.projects[0]).toMatchObject({
      tableNumber: 1,
      kind: 'PROJECT',
      orgCode: '430302',
      orgName: '湘潭市环境卫生管理处',
      name: '雾炮车降尘抑尘服务',
      year: 2023,
      budget: { total: 250, fiscal: 250, other: 0 },
      period: '2023.07-2024.01',
    });
    expect(report.projects[0].indicators.find((i: { name: string }) => i.name === '服务周期')).toMatchObject({
      cell: expect.stringMatching(/^[A-Z]+\d+$/),
      target: { kind: 'deadline', comparator: '<=', value: '2024-01-31', start: '2023-07-01' },
    });
    expect(report.warnings.map((w: { message: string }) => w.message)).toContain('单位行未写单位编码（“湘潭市环境卫生管理处”），按指定的单位 430302 导入');
    expect(existsSync(data)).toBe(false);
  });
});

describe('bad files through the CLI: the message names the file and what is wrong, nothing is written', () => {
  const files = join(dir, 'bad');
  mkdirSync(files, { recursive: true });
  const write = (name: string, bytes: Buffer | string) => {
    const path = join(files, name);
    writeFileSync(path, bytes);
    return path;
  };
  const seedHead = readFileSync(SEED, 'utf8').split('\n').slice(0, 10).join('\n');

  it.each([
    ['an empty file', () => write('空.docx', ''), '空.docx：文件是空的'],
    [
      'a binary file',
      () => write('二进制.txt', Buffer.from([0, 1, 2, 3, 255, 254, 0, 7])),
      '二进制.txt：不是文本格式的目标表（含二进制内容），请上传 .docx、.xlsx、.html 或 UTF-8 文本',
    ],
    [
      'a truncated Word document',
      () => write('截断.docx', Buffer.from('PK\u0003\u0004 truncated')),
      '截断.docx：无法读取 Word 文档：文件已损坏，或不是 .docx 格式（请上传 Word 2007 及以上的 .docx 文件）',
    ],
    [
      'a truncated workbook',
      () => write('截断.xlsx', Buffer.from('PK\u0003\u0004 truncated')),
      '截断.xlsx：无法读取 XLSX 工作簿：文件已损坏，或不是 .xlsx 格式（请上传 Excel 2007 及以上的 .xlsx 文件）',
    ],
    [
      'a table with no indicator header',
      () => write('无表头.txt', seedHead),
      '无表头.txt：表1第2行：没有找到指标表头：应有一行“一级指标、二级指标、三级指标、指标值”（或“指标名称”“目标值”）',
    ],
    ['an .xls', () => write('旧版.xls', 'x'), '旧版.xls：不支持旧版 Excel 的 .xls 格式，请在 Excel 中“另存为” .xlsx 后再导入'],
  ])('%s', async (_, make, says) => {
    const file = make();
    const data = join(dir, `data-${randomUUID()}`);
    const result = await run('import', file, '--data-dir', data);
    expect(result.code).toBe(1);
    expect(result.err).toBe(`错误：${join(files, says)}\n`);
    expect(result.out).toBe('有 1 处错误，未写入数据库（请改正后重新导入）\n');
    expect(existsSync(data)).toBe(false);
  });
});

describe('jixiao target --jsonl FILE', () => {
  it('prints one JSON result a line, in the shape of `jixiao target`; a bad line gives an error naming it, the others still print', async () => {
    const file = join(dir, 'targets.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ raw: '≥98百分比', level2: '质量指标', name: '验收合格率', year: 2023 }),
        '{"raw": 17',
        JSON.stringify({ raw: '11月底之前', level2: '时效指标', name: '完成时间', year: 2024 }),
        '',
        JSON.stringify({ level2: '数量指标' }),
        JSON.stringify({ raw: '1600元/亩', level2: '成本指标', name: '造林成本' }),
      ].join('\n'),
    );
    const result = await run('target', '--jsonl', file);
    expect(result.code).toBe(1);
    const lines = result.out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { raw: '≥98百分比', kind: 'quantitative', comparator: '>=', value: 98, unit: '%', rule: null, warnings: [] },
      { line: 2, error: '应为含 "raw" 字符串的 JSON 对象' },
      expect.objectContaining({ raw: '11月底之前', kind: 'deadline', comparator: '<=', value: '2024-11-30' }),
      { line: 5, error: '应为含 "raw" 字符串的 JSON 对象' },
      expect.objectContaining({ raw: '1600元/亩', kind: 'quantitative', comparator: '<=', value: 1600, unit: '元/亩' }),
    ]);
    // The same reading as one value at a time.
    const single = JSON.parse((await run('target', '≥98百分比', '--level2', '质量指标', '--name', '验收合格率', '--year', '2023')).out);
    expect(single).toEqual(lines[0]);
    expect(lines[2].warnings).toEqual(['指标值“11月底之前”未写年度，按表的年度 2024 年读为 2024-11-30']);
  });

  it('names a file it cannot read', async () => {
    expect(await run('target', '--jsonl', join(dir, 'none.jsonl'))).toEqual({ code: 1, out: '', err: `错误：${join(dir, 'none.jsonl')}：无法读取\n` });
  });
});
