import { dataPaths } from '../config.js';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { ImportMessage, ImportResult } from '@jixiao/domain';
import { createDb, dialectOf } from '../db.js';
import { databaseUrl } from '../main.js';
import { AppError } from '../modules/common/errors.js';
import { storeImportedTables } from '../modules/target-import/target-import.service.js';
import { parseTargetFile } from '../modules/target-import/target-table-import.js';
import { describeFileError } from './cli-errors.js';
import type { CliIo, DataOptions } from './main.js';

export interface ImportOptions extends DataOptions {
  dryRun?: boolean;
  json?: boolean;
  year?: number;
  /** Parent of the organizations the files name that do not exist yet (required once there are organizations). */
  parent?: string;
  /** 单位编码 for tables whose unit line has none. */
  org?: string;
}

/** The JSON contract of `jixiao import --dry-run --json` (see the README). */
export function importReport(result: ImportResult): object {
  return {
    projects: result.projects.map((p) => ({
      tableNumber: p.tableNumber,
      title: p.title,
      kind: p.kind,
      orgCode: p.orgCode,
      orgName: p.orgName,
      name: p.name,
      year: p.year,
      budget: p.budget,
      purpose: p.purpose,
      goals: p.goals,
      ...(p.leader ? { leader: p.leader } : {}),
      ...(p.period ? { period: p.period } : {}),
      indicators: p.indicators.map((i) => ({
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        description: i.description,
        target: i.target,
        ...(i.cell ? { cell: i.cell } : {}),
        ...(i.actual ? { actual: i.actual } : {}),
      })),
    })),
    warnings: result.warnings,
    errors: result.errors,
  };
}

/** Why a file could not be read: missing, a folder, not allowed, or not a workbook (for .xlsx). */
function unreadable(error: unknown): string {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '文件不存在';
  if (error instanceof AppError) return error.message;
  const problem = describeFileError({ code: (error as NodeJS.ErrnoException).code });
  return problem ?? '无法读取（不是文本格式或 .xlsx 工作簿的目标表）';
}

function describe(message: ImportMessage): string {
  return message.message;
}

/** A message about a file, naming it as the user gave it (once: refusals of the file already start with its name). */
function aboutFile(file: string, message: string): string {
  const own = `${basename(file)}：`;
  return `${file}：${message.startsWith(own) ? message.slice(own.length) : message}`;
}

/** Reads every file (each one document: text, or an .xlsx workbook) and parses its tables. */
export async function parseFiles(files: string[], year: number | undefined, orgCode?: string): Promise<ImportResult> {
  const merged: ImportResult = { projects: [], warnings: [], errors: [] };
  for (const file of files) {
    let result: ImportResult;
    try {
      result = await parseTargetFile(file, { year, orgCode });
    } catch (error) {
      merged.errors.push({ table: null, line: null, message: aboutFile(file, unreadable(error)) });
      continue;
    }
    const prefix = files.length > 1 ? `${file}：` : '';
    merged.projects.push(...result.projects);
    merged.warnings.push(...result.warnings.map((m) => ({ ...m, message: prefix + m.message })));
    // An error always names its file: it is what the user has to open and correct.
    merged.errors.push(...result.errors.map((m) => ({ ...m, message: aboutFile(file, m.message) })));
  }
  return merged;
}

/** `jixiao import <file…>`: parses target tables and, without --dry-run, stores them; 1 when any table failed. */
export async function importCommand(files: string[], options: ImportOptions, io: CliIo): Promise<number> {
  if (!options.dryRun) return storeFiles(files, options, io);
  const result = await parseFiles(files, options.year, options.org);
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

/** A SQLite database that does not exist yet, and the folder it would be made in: removed again if the import fails. */
function newSqliteDatabase(url: string): { file: string; createdDir: string | null } | null {
  if (dialectOf(url) !== 'sqlite' || url === ':memory:' || existsSync(url)) return null;
  let dir = dirname(resolve(url));
  let createdDir: string | null = null;
  while (!existsSync(dir)) {
    createdDir = dir;
    dir = dirname(dir);
  }
  return { file: resolve(url), createdDir };
}

async function removeNewDatabase(created: { file: string; createdDir: string | null }): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${created.file}${suffix}`, { force: true });
  if (created.createdDir) await rm(created.createdDir, { recursive: true, force: true });
}

/** Storing hit an error after all: the transaction rolls back, and the errors are reported. */
class ImportRolledBack extends Error {
  constructor(readonly errors: ImportMessage[]) {
    super('import rolled back');
  }
}

/**
 * Stores every file's tables, all or nothing: every file is parsed first, and the database is opened
 * only when all of them parsed without an error; then everything is stored in one transaction. A
 * failed import leaves no project, no organization, no audit entry — and no new database file.
 */
async function storeFiles(files: string[], options: ImportOptions, io: CliIo): Promise<number> {
  const parsed: Array<{ file: string; prefix: string; result: ImportResult }> = [];
  const errors: ImportMessage[] = [];
  for (const file of files) {
    const prefix = files.length > 1 ? `${file}：` : '';
    try {
      const result = await parseTargetFile(file, { year: options.year, orgCode: options.org });
      parsed.push({ file, prefix, result });
      errors.push(...result.errors.map((m) => ({ ...m, message: aboutFile(file, m.message) })));
    } catch (error) {
      errors.push({ table: null, line: null, message: aboutFile(file, unreadable(error)) });
    }
  }
  const warnings = parsed.flatMap(({ prefix, result }) => result.warnings.map((m) => ({ ...m, message: prefix + m.message })));
  for (const { file, result } of parsed) {
    // A unit line without a 单位编码 and no --org: nothing says where the table belongs.
    for (const table of result.projects.filter((p) => p.orgCode === null)) {
      const unit = table.orgName ? `（${table.orgName}）` : '';
      errors.push({
        table: table.tableNumber,
        line: null,
        message: aboutFile(file, `表${table.tableNumber}“${table.name}”的单位行未写单位编码${unit}，请用 --org 给出单位编码`),
      });
    }
  }
  if (errors.length > 0) return reportNothingStored(warnings, errors, options, io);

  const url = databaseUrl(options.db, options.dataDir);
  const created = newSqliteDatabase(url);
  const total = { created: 0, updated: 0, actuals: 0, warnings: [] as ImportMessage[], errors: [] as ImportMessage[], projects: [] as object[] };
  let lines: string[] = [];
  try {
    const db = await createDb({ url, dataDir: dataPaths(options.dataDir).root });
    try {
      lines = await db.em.fork().transactional(async (tx) => {
        const stored: string[] = [];
        for (const { prefix, result } of parsed) {
          const outcome = await storeImportedTables(tx, result, { cli: true, parent: { code: options.parent ?? null } });
          if (outcome.errors.length > 0) throw new ImportRolledBack(outcome.errors.map((m) => ({ ...m, message: prefix + m.message })));
          total.created += outcome.created;
          total.updated += outcome.updated;
          total.actuals += outcome.actuals;
          total.warnings.push(...outcome.warnings.map((m) => ({ ...m, message: prefix + m.message })));
          for (const p of outcome.projects) {
            total.projects.push({ id: p.id, orgCode: p.organization.code, name: p.name, year: p.year, indicators: p.indicators.length });
            stored.push(`✔ ${p.year} ${p.organization.name}｜${p.name}：${p.indicators.length} 个指标\n`);
          }
        }
        return stored;
      });
    } finally {
      await db.close();
    }
  } catch (error) {
    if (created) await removeNewDatabase(created);
    if (error instanceof ImportRolledBack) return reportNothingStored(warnings, error.errors, options, io);
    // A refusal that names an option (--parent), decided before anything was written.
    if (error instanceof AppError) return reportNothingStored(warnings, [{ table: null, line: null, message: error.message }], options, io);
    throw error;
  }
  if (options.json) io.out(`${JSON.stringify(total, null, 2)}\n`);
  else {
    for (const line of lines) io.out(line);
    printMessages(total, io);
    io.out(`已写入数据库：新建 ${total.created} 个项目，更新 ${total.updated} 个${total.actuals > 0 ? `；自评表的实际完成值 ${total.actuals} 个` : ''}\n`);
  }
  return 0;
}

/** Errors found: nothing was written, and the output says so. */
function reportNothingStored(warnings: ImportMessage[], errors: ImportMessage[], options: ImportOptions, io: CliIo): number {
  if (options.json) {
    io.out(`${JSON.stringify({ created: 0, updated: 0, actuals: 0, warnings, errors, projects: [] }, null, 2)}\n`);
  } else {
    printMessages({ warnings, errors }, io);
    io.out(`有 ${errors.length} 处错误，未写入数据库（请改正后重新导入）\n`);
  }
  return 1;
}
