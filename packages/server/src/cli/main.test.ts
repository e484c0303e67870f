import { describe, expect, it } from 'vitest';
import { runCli as run, SEED_FILE as SEED } from '../test/cli.js';

describe('jixiao import --dry-run --json', () => {
  it('prints the seed as 5 projects and 41 indicators with exact budgets', async () => {
    const { code, out } = await run('import', SEED, '--dry-run', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(['projects', 'warnings', 'errors']);
    expect(report.errors).toEqual([]);
    expect(report.projects.map((p: { budget: { total: number } }) => p.budget.total)).toEqual([418, 27, 21, 30, 31]);
    expect(report.projects.reduce((n: number, p: { indicators: unknown[] }) => n + p.indicators.length, 0)).toBe(41);
    // The model the web preview shows (kind, 上年结转, 项目负责人 and 实施期 when the table has them).
    expect(Object.keys(report.projects[0])).toEqual([
      'tableNumber',
      'title',
      'kind',
      'orgCode',
      'orgName',
      'name',
      'year',
      'budget',
      'purpose',
      'goals',
      'indicators',
    ]);
    expect(report.projects[3].indicators[6]).toEqual({
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      name: '干警满意度',
      description: '干警满意度',
      // The target's cell: its line in the text (A) — a worksheet gives its address, e.g. F14.
      cell: 'A330',
      target: {
        raw: '≥95目标值完成得满分，目标值完成率小于60%不得分，60%与100%之间指标得分=目标值完成率*指标分值',
        kind: 'quantitative',
        comparator: '>=',
        value: 95,
        unit: '%',
        rule: { zeroBelow: 0.6 },
      },
    });
    expect(report.projects[3].indicators[2].target).toEqual({
      raw: '2023年10月前',
      kind: 'deadline',
      comparator: '<=',
      value: '2023-09-30',
      unit: null,
      rule: null,
    });
  });

  it('exits 1 and names the file when a file is missing, still printing the others', async () => {
    const { code, out } = await run('import', SEED, 'no-such-file.txt', '--dry-run', '--json');
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.projects).toHaveLength(5);
    expect(report.errors).toEqual([{ table: null, line: null, message: 'no-such-file.txt：文件不存在' }]);
  });

  it('prints a readable summary without --json', async () => {
    const { code, out, err } = await run('import', SEED, '--dry-run');
    expect(code).toBe(0);
    expect(out).toContain('✔ 2023 天津市武清区人民法院｜派出法庭安全隐患维修项目：7 个指标，预算 30 万元');
    expect(out).toContain('共 5 个项目、41 个指标（试运行，未写入数据库）');
    expect(err).toContain('提示：表2未写年度，按本文件其他表取 2023 年');
  });

  it('rejects a malformed --year', async () => {
    const { code, err } = await run('import', SEED, '--dry-run', '--year', '23');
    expect(code).toBe(2);
    expect(err).toContain('--year 应为四位年份，实际是“23”');
  });
});

describe('jixiao target', () => {
  it('prints the parsed target with its warnings', async () => {
    const { code, out } = await run('target', '17万元', '--level2', '成本指标');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      raw: '17万元',
      kind: 'quantitative',
      comparator: '<=',
      value: 17,
      unit: '万元',
      rule: null,
      warnings: ['指标值“17万元”未写比较符，按成本指标推定为“<=”'],
    });
  });

  it('reads a deadline', async () => {
    const { out } = await run('target', '2023年6月30日前');
    expect(JSON.parse(out)).toMatchObject({ kind: 'deadline', comparator: '<=', value: '2023-06-30', warnings: [] });
  });
});

describe('jixiao --help', () => {
  it('documents every command', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    for (const command of ['import', 'target', 'serve', 'user', 'audit']) expect(out).toContain(command);
  });

  it('fails with usage on an unknown command', async () => {
    const { code, err } = await run('frobnicate');
    expect(code).toBe(2);
    expect(err).toContain('jixiao：未知命令 frobnicate');
  });
});

describe('usage errors', () => {
  it.each([
    [['user', 'add', 'li'], 'jixiao：缺少必填选项 --role <role>'],
    [['imprt'], 'jixiao：未知命令 imprt（是否想用 import？）'],
    [['import', 'a.txt', '--yeer', '2023'], 'jixiao：未知选项 --yeer（是否想用 --year？）'],
    [['target'], 'jixiao：缺少参数 <value>（或用 --jsonl <file> 批量核对）'],
    [['import', 'a.txt', '--year'], 'jixiao：选项 --year <year> 缺少取值'],
  ])('jixiao %j says in Chinese what is wrong (exit 2)', async (args, message) => {
    const { code, err } = await run(...args);
    expect(code).toBe(2);
    expect(err).toBe(`${message}\n（加 --help 查看用法）\n`);
  });
});
