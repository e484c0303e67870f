import { readFile } from 'node:fs/promises';
import { parseTargetTables, type ImportMessage, type ImportResult } from '@jixiao/domain';
import type { CliIo } from './main.js';

export interface ImportOptions {
  dryRun?: boolean;
  json?: boolean;
  year?: number;
}

/** The JSON contract of `jixiao import --dry-run --json` (see the README). */
export function importReport(result: ImportResult): object {
  return {
    projects: result.projects.map((p) => ({
      orgCode: p.orgCode,
      orgName: p.orgName,
      name: p.name,
      year: p.year,
      budget: p.budget,
      purpose: p.purpose,
      goals: p.goals,
      indicators: p.indicators.map((i) => ({
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        description: i.description,
        target: i.target,
      })),
    })),
    warnings: result.warnings,
    errors: result.errors,
  };
}

function describe(message: ImportMessage): string {
  return message.message;
}

/** Reads every file (each one document) and parses its tables. */
export async function parseFiles(files: string[], year: number | undefined): Promise<ImportResult> {
  const merged: ImportResult = { projects: [], warnings: [], errors: [] };
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (error as Error).message;
      merged.errors.push({ table: null, line: null, message: `${file}：${reason}` });
      continue;
    }
    const result = parseTargetTables(text, { year });
    const prefix = files.length > 1 ? `${file}：` : '';
    merged.projects.push(...result.projects);
    merged.warnings.push(...result.warnings.map((m) => ({ ...m, message: prefix + m.message })));
    merged.errors.push(...result.errors.map((m) => ({ ...m, message: prefix + m.message })));
  }
  return merged;
}

/** `jixiao import <file…>`: parses target tables; 1 when any table failed. */
export async function importCommand(files: string[], options: ImportOptions, io: CliIo): Promise<number> {
  const result = await parseFiles(files, options.year);
  const failed = result.errors.length > 0;
  if (!options.dryRun) {
    io.err('jixiao import：写入数据库尚未实现（随 GraphQL 服务一起提供）；请加 --dry-run 只解析检查。\n');
    return 2;
  }
  if (options.json) {
    io.out(`${JSON.stringify(importReport(result), null, 2)}\n`);
    return failed ? 1 : 0;
  }
  for (const p of result.projects) {
    io.out(`✔ ${p.year} ${p.orgName}｜${p.name}：${p.indicators.length} 个指标，预算 ${p.budget.total} 万元\n`);
  }
  for (const w of result.warnings) io.err(`提示：${describe(w)}\n`);
  for (const e of result.errors) io.err(`错误：${describe(e)}\n`);
  const indicators = result.projects.reduce((n, p) => n + p.indicators.length, 0);
  io.out(`共 ${result.projects.length} 个项目、${indicators} 个指标（试运行，未写入数据库）${failed ? `；${result.errors.length} 处错误` : ''}\n`);
  return failed ? 1 : 0;
}
