import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `pnpm jixiao …` from the repository root as a user does. */
function pnpmJixiao(...args: string[]) {
  // Under `pnpm test`, npm_execpath is the pnpm that runs us (a native binary in pnpm 12, a
  // script in older ones); otherwise fetch the pinned one.
  const execPath = process.env.npm_execpath ?? '';
  const [command, prefix]: [string, string[]] = /pnpm(\.c?js)?$/.test(execPath)
    ? execPath.endsWith('js')
      ? [process.execPath, [execPath]]
      : [execPath, []]
    : ['npx', ['-y', 'pnpm@12.4.2']];
  return spawnSync(command, [...prefix, 'jixiao', ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('pnpm jixiao from the repository root', () => {
  it('prints only JSON on stdout with --json, and exits 0 on the seed', () => {
    const result = pnpmJixiao('import', 'test/fixtures/wuqing-court-2023-targets.txt', '--dry-run', '--json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.projects).toHaveLength(5);
    expect(report.projects.flatMap((p: { indicators: unknown[] }) => p.indicators)).toHaveLength(41);
  });

  it('exits 1 when a table fails, naming the file, the table, the line and its cell', () => {
    const result = pnpmJixiao('import', 'test/fixtures/broken-budget.txt', '--dry-run', '--json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).errors).toEqual([
      { table: 1, line: 10, cell: 'A10', message: 'test/fixtures/broken-budget.txt：表1第10行：预算数应为数字（万元），实际是“四百一十八”' },
    ]);
  });

  it('imports the Xiangtan 申报表 with --org, and prints a --jsonl batch one result a line', () => {
    const dryRun = pnpmJixiao('import', 'test/fixtures/real/xiangtan-sanitation-2023.web.txt', '--org', '430302', '--dry-run', '--json');
    expect(dryRun.status).toBe(0);
    expect(
      JSON.parse(dryRun.stdout).projects.map((p: { orgCode: string; name: string; indicators: unknown[] }) => [p.orgCode, p.name, p.indicators.length]),
    ).toEqual([['430302', '雾炮车降尘抑尘服务', 7]]);
    const batch = pnpmJixiao('target', '--jsonl', 'test/fixtures/real/targets.jsonl');
    expect(batch.status).toBe(0);
    const lines = batch.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(readFileSync(join(ROOT, 'test/fixtures/real/targets.jsonl'), 'utf8').trimEnd().split('\n').length);
    expect(lines.every((line) => 'kind' in JSON.parse(line))).toBe(true);
  });

  it('documents its commands in --help', () => {
    const result = pnpmJixiao('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/import[\s\S]*target/);
  });
});
