import type { ImportMessage, ImportResult } from '@jixiao/domain';
import { createDb } from '../db.js';
import { databaseUrl } from '../main.js';
import { storeImportedTables } from '../modules/project/project-import.service.js';
import { parseTargetFile } from '../modules/report/target-table-import.js';
import type { CliIo } from './main.js';

export interface ImportOptions {
  dryRun?: boolean;
  json?: boolean;
  year?: number;
  db?: string;
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

/** Why a file could not be read: missing, or not a workbook (for .xlsx). */
function unreadable(error: unknown): string {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (error as Error).message;
}

function describe(message: ImportMessage): string {
  return message.message;
}

/** Reads every file (each one document: text, or an .xlsx workbook) and parses its tables. */
export async function parseFiles(files: string[], year: number | undefined): Promise<ImportResult> {
  const merged: ImportResult = { projects: [], warnings: [], errors: [] };
  for (const file of files) {
    let result: ImportResult;
    try {
      result = await parseTargetFile(file, { year });
    } catch (error) {
      merged.errors.push({ table: null, line: null, message: `${file}：${unreadable(error)}` });
      continue;
    }
    const prefix = files.length > 1 ? `${file}：` : '';
    merged.projects.push(...result.projects);
    merged.warnings.push(...result.warnings.map((m) => ({ ...m, message: prefix + m.message })));
    merged.errors.push(...result.errors.map((m) => ({ ...m, message: prefix + m.message })));
  }
  return merged;
}

/** `jixiao import <file…>`: parses target tables and, without --dry-run, stores them; 1 when any table failed. */
export async function importCommand(files: string[], options: ImportOptions, io: CliIo): Promise<number> {
  if (!options.dryRun) return storeFiles(files, options, io);
  const result = await parseFiles(files, options.year);
  const failed = result.errors.length > 0;
  if (options.json) {
    io.out(`${JSON.stringify(importReport(result), null, 2)}\n`);
    return failed ? 1 : 0;
  }
  for (const p of result.projects) {
    io.out(`✔ ${p.year} ${p.orgName}｜${p.name}：${p.indicators.length} 个指标，预算 ${p.budget.total} 万元\n`);
  }
  printMessages(result, io);
  const indicators = result.projects.reduce((n, p) => n + p.indicators.length, 0);
  io.out(`共 ${result.projects.length} 个项目、${indicators} 个指标（试运行，未写入数据库）${failed ? `；${result.errors.length} 处错误` : ''}\n`);
  return failed ? 1 : 0;
}

function printMessages(result: { warnings: ImportMessage[]; errors: ImportMessage[] }, io: CliIo): void {
  for (const w of result.warnings) io.err(`提示：${describe(w)}\n`);
  for (const e of result.errors) io.err(`错误：${describe(e)}\n`);
}

/** Stores every file's tables; a table that fails does not stop the others. */
async function storeFiles(files: string[], options: ImportOptions, io: CliIo): Promise<number> {
  const url = databaseUrl(options.db);
  const db = await createDb({ url });
  const total = { created: 0, updated: 0, warnings: [] as ImportMessage[], errors: [] as ImportMessage[], projects: [] as object[] };
  try {
    for (const file of files) {
      let parsed: ImportResult;
      try {
        parsed = await parseTargetFile(file, { year: options.year });
      } catch (error) {
        total.errors.push({ table: null, line: null, message: `${file}：${unreadable(error)}` });
        continue;
      }
      const stored = await storeImportedTables(db.em.fork(), parsed, { cli: true });
      const prefix = files.length > 1 ? `${file}：` : '';
      total.created += stored.created;
      total.updated += stored.updated;
      total.warnings.push(...stored.warnings.map((m) => ({ ...m, message: prefix + m.message })));
      total.errors.push(...stored.errors.map((m) => ({ ...m, message: prefix + m.message })));
      for (const p of stored.projects) {
        total.projects.push({ id: p.id, orgCode: p.organization.code, name: p.name, year: p.year, indicators: p.indicators.length });
        if (!options.json) io.out(`✔ ${p.year} ${p.organization.name}｜${p.name}：${p.indicators.length} 个指标\n`);
      }
    }
  } finally {
    await db.close();
  }
  if (options.json) io.out(`${JSON.stringify(total, null, 2)}\n`);
  else {
    printMessages(total, io);
    io.out(`已写入数据库：新建 ${total.created} 个项目，更新 ${total.updated} 个${total.errors.length > 0 ? `；${total.errors.length} 处错误` : ''}\n`);
  }
  return total.errors.length > 0 ? 1 : 0;
}
