import { readFile } from 'node:fs/promises';
import type { EntityManager } from '@mikro-orm/core';
import { parseTargetTables, parseTargetWorkbook, type ImportOptions, type ImportResult } from '@jixiao/domain';
import { storeImportedTables, type Importer, type StoredImport } from '../project/project-import.service.js';
import { readWorkbookGrid } from './workbook-grid.js';

/**
 * Imports a workbook (XLSX) of 绩效目标表: the domain reads the same model as from the text form,
 * and the tables are stored by the same service as the text import (one project per table, updated
 * on re-import). Throws ValidationError when the bytes are not an XLSX workbook.
 */
export async function importTargetWorkbook(em: EntityManager, bytes: Buffer, options: ImportOptions, importer: Importer): Promise<StoredImport> {
  return storeImportedTables(em, parseTargetWorkbook(await readWorkbookGrid(bytes), options), importer);
}

/** Whether a file name is a workbook (read as XLSX) rather than the text form. */
export function isWorkbookFile(path: string): boolean {
  return /\.xlsx$/i.test(path);
}

/** Reads and parses a file of target tables: .xlsx as a workbook, anything else as text. */
export async function parseTargetFile(path: string, options: ImportOptions): Promise<ImportResult> {
  if (isWorkbookFile(path)) return parseTargetWorkbook(await readWorkbookGrid(await readFile(path)), options);
  return parseTargetTables(await readFile(path, 'utf8'), options);
}
