import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run, SEED_FILE as SEED } from '../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-export-'));
const DB = join(dir, 'jixiao.sqlite');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('jixiao export, and jixiao import of .xlsx', () => {
  beforeAll(async () => {
    expect((await run('import', SEED, '--db', DB)).code).toBe(0);
  });

  it('exports the self-evaluation workbook of an organization to a file that opens', async () => {
    const out = join(dir, 'out', '自评表-2023.xlsx');
    const result = await run('export', 'self-evaluation', '--org', '218101', '--year', '2023', '--out', out, '--db', DB);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^已导出 2023年度项目支出绩效自评表-218101天津市武清区人民法院\.xlsx → .*自评表-2023\.xlsx（\d+ 字节）\n$/);
    const workbook = await open(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toHaveLength(6);
    // Nothing recorded yet: every indicator 未填报, the total 0 and 差.
    const repair = workbook.getWorksheet('4.派出法庭安全隐患维修项目')!;
    expect(repair.getCell('F12').value).toBe('未填报');
    expect([repair.getCell('H19').value, repair.getCell('G20').value]).toEqual([0, '差']);
  });

  it('exports the target tables, and imports them back: from the file, the same projects as from the text', async () => {
    const out = join(dir, 'targets.xlsx');
    expect((await run('export', 'targets', '--org', '218101', '--year', '2023', '--out', out, '--db', DB)).code).toBe(0);
    const fromText = JSON.parse((await run('import', SEED, '--dry-run', '--json')).out);
    const fromXlsx = JSON.parse((await run('import', out, '--dry-run', '--json')).out);
    // Every field alike but where each target is: a line of the text, a cell of the worksheet.
    const withoutCells = (projects: Array<{ indicators: Array<{ cell?: string }> }>) =>
      projects.map((p) => ({ ...p, indicators: p.indicators.map(({ cell: _cell, ...i }) => i) }));
    expect(withoutCells(fromXlsx.projects)).toEqual(withoutCells(fromText.projects));
    expect(fromXlsx.projects.flatMap((p: { indicators: Array<{ cell: string }> }) => p.indicators.map((i) => i.cell))).toContain('F14');
    expect(fromXlsx.errors).toEqual([]);

    const stored = await run('import', out, '--db', DB, '--json');
    expect(stored.code).toBe(0);
    expect(JSON.parse(stored.out)).toMatchObject({ created: 0, updated: 5, errors: [] });
  });

  it('reports an unknown organization, a missing year, and a file that is not a workbook', async () => {
    const out = join(dir, 'none.xlsx');
    expect(await run('export', 'targets', '--org', '000000', '--year', '2023', '--out', out, '--db', DB)).toEqual({
      code: 1,
      out: '',
      err: 'jixiao export targets：单位编码“000000”不存在\n',
    });
    expect(await run('export', 'self-evaluation', '--org', '218101', '--year', '2024', '--out', out, '--db', DB)).toMatchObject({
      code: 1,
      err: 'jixiao export self-evaluation：单位 218101 在 2024 年度没有项目\n',
    });
    expect((await run('export', 'targets', '--org', '218101', '--out', out, '--db', DB)).code).toBe(2);
    const fake = join(dir, 'fake.xlsx');
    writeFileSync(fake, '这不是工作簿');
    const result = await run('import', fake, '--dry-run');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^错误：.*fake\.xlsx：无法读取 XLSX 工作簿：/m);
  });
});
