import { spawnSync } from 'node:child_process';
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

  it('exits 1 when a table fails', () => {
    const result = pnpmJixiao('import', 'test/fixtures/broken-budget.txt', '--dry-run', '--json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).errors).toEqual([
      { table: 1, line: 10, message: '表1第10行：预算数应为数字（万元），实际是“四百一十八”' },
    ]);
  });

  it('documents its commands in --help', () => {
    const result = pnpmJixiao('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/import[\s\S]*target/);
  });
});
