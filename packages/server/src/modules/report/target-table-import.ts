import { readFile } from 'node:fs/promises';
import type { EntityManager } from '@mikro-orm/core';
import type { ImportOptions, ImportResult } from '@jixiao/domain';
import { storeImportedTables, type Importer, type StoredImport } from '../project/project-import.service.js';
import { checkTextSize, checkXlsxArchive } from './import-limits.js';
import { parseOffThread } from './import-parser.js';

/**
 * Imports a workbook (XLSX) of 绩效目标表: the domain reads the same model as from the text form,
 * and the tables are stored by the same service as the text import (one project per table, updated
 * on re-import). Throws ValidationError when the bytes are not an XLSX workbook or exceed
 * IMPORT_LIMITS (the archive's declared sizes are checked here; rows and cells in the worker).
 */
export async function importTargetWorkbook(em: EntityManager, bytes: Buffer, options: ImportOptions, importer: Importer): Promise<StoredImport> {
  return storeImportedTables(em, await parseWorkbook(bytes, options), importer);
}

/** Parses an .xlsx off the event loop, after the cheap checks of its central directory. */
async function parseWorkbook(bytes: Buffer, options: ImportOptions): Promise<ImportResult> {
  checkXlsxArchive(bytes);
  return parseOffThread({ kind: 'xlsx', bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options });
}

/** Whether a file name is a workbook (read as XLSX) rather than the text form. */
export function isWorkbookFile(path: string): boolean {
  return /\.xlsx$/i.test(path);
}

/** Reads and parses a file of target tables: .xlsx as a workbook, anything else as text. */
export async function parseTargetFile(path: string, options: ImportOptions): Promise<ImportResult> {
  if (isWorkbookFile(path)) return parseWorkbook(await readFile(path), options);
  const text = await readFile(path, 'utf8');
  checkTextSize(text, 'file');
  return parseOffThread({ kind: 'text', text, field: 'file', options });
}
