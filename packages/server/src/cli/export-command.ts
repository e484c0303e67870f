import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { dataPaths } from '../config.js';
import { createDb } from '../db.js';
import { databaseUrl } from '../main.js';
import { AppError } from '../modules/common/errors.js';
import { ReportService, SELF_EVALUATION, TARGET_TABLES, type ReportKind } from '../modules/report/report.service.js';
import { UploadStore } from '../modules/upload/upload-store.js';
import type { CliIo } from './main.js';

export interface ExportOptions {
  org: string;
  year: number;
  out: string;
  db?: string;
  dataDir?: string;
}

const COMMAND_OF: Record<ReportKind, string> = { [SELF_EVALUATION]: 'self-evaluation', [TARGET_TABLES]: 'targets' };

/**
 * `jixiao export self-evaluation|targets --org CODE --year Y --out FILE`: writes the XLSX of an
 * organization (and its units) for a year — the 项目支出绩效自评表 with a 汇总 sheet, or the
 * 绩效目标表 that `jixiao import` reads back. 1 when there is nothing to export.
 */
export async function exportCommand(kind: ReportKind, options: ExportOptions, io: CliIo): Promise<number> {
  const db = await createDb({ url: databaseUrl(options.db, options.dataDir), dataDir: dataPaths(options.dataDir).root, mustExist: true });
  try {
    const file = await new ReportService(db.em.fork(), { cli: true }, { uploads: new UploadStore(dataPaths(options.dataDir).uploads) }).build(kind, {
      orgCode: options.org,
      year: options.year,
    });
    const out = resolve(options.out);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, file.bytes);
    io.out(`已导出 ${file.filename} → ${out}（${file.bytes.length} 字节）\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      io.err(`jixiao export ${COMMAND_OF[kind]}：${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
