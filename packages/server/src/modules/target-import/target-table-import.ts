import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { EntityManager } from '@mikro-orm/core';
import type { ImportOptions, ImportResult } from '@jixiao/domain';
import { ValidationError } from '../common/errors.js';
import { storeImportedTables, type Importer, type StoredImport } from './target-import.service.js';
import { checkHtmlSize, checkTextSize, checkXlsxArchive } from './import-limits.js';
import { parseOffThread } from './import-parser.js';

/**
 * Imports a workbook (XLSX) of 绩效目标表: the domain reads the same model as from the text form,
 * and the tables are stored by the same service as the text import (one project per table, updated
 * on re-import). Throws ValidationError when the bytes are not an XLSX workbook or exceed
 * IMPORT_LIMITS (the archive's declared sizes are checked here; rows and cells in the worker).
 */
export async function importTargetWorkbook(em: EntityManager, bytes: Buffer, options: ImportOptions, importer: Importer): Promise<StoredImport> {
  return storeImportedTables(em, await parseTargetBytes('target-tables.xlsx', bytes, options), importer);
}

/** The form a file of target tables is in, by its name's extension. */
export type SourceKind = 'xlsx' | 'docx' | 'html' | 'text';

/** Whether a file name is a workbook (read as XLSX) rather than the text form. */
export function isWorkbookFile(path: string): boolean {
  return /\.xlsx$/i.test(path);
}

/**
 * The kind of source a file name says, refusing the old binary formats with what to do instead.
 * Anything not .xlsx / .docx / .html is read as text.
 */
export function sourceKindOf(fileName: string): SourceKind {
  if (/\.xls$/i.test(fileName)) throw new ValidationError('file', `${basename(fileName)}：不支持旧版 Excel 的 .xls 格式，请在 Excel 中“另存为” .xlsx 后再导入`);
  if (/\.doc$/i.test(fileName)) throw new ValidationError('file', `${basename(fileName)}：不支持旧版 Word 的 .doc 格式，请在 Word 中“另存为” .docx 后再导入`);
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (/\.docx$/i.test(fileName)) return 'docx';
  if (/\.html?$/i.test(fileName)) return 'html';
  return 'text';
}

/** A file's bytes that are not text (NUL bytes, or not UTF-8) are refused as text. */
function textOf(fileName: string, bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (bytes.includes(0) || text.includes('\ufffd')) {
    throw new ValidationError('file', `${basename(fileName)}：不是文本格式的目标表（含二进制内容），请上传 .docx、.xlsx、.html 或 UTF-8 文本`);
  }
  return text;
}

/**
 * Parses a file of target tables in a worker thread, whatever its form (by its name): .xlsx,
 * .docx, .html or text; .xls / .doc are refused with a message saying to save as .xlsx / .docx.
 * An empty file is refused naming it.
 */
export async function parseTargetBytes(fileName: string, bytes: Buffer, options: ImportOptions): Promise<ImportResult> {
  const kind = sourceKindOf(fileName);
  if (bytes.length === 0) throw new ValidationError('file', `${basename(fileName)}：文件是空的`);
  try {
    if (kind === 'text') {
      const text = textOf(fileName, bytes);
      checkTextSize(text, 'file');
      return await parseOffThread({ kind: 'text', text, field: 'file', options });
    }
    if (kind === 'html') checkHtmlSize(bytes);
    else checkXlsxArchive(bytes);
    return await parseOffThread({ kind, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options });
  } catch (error) {
    // Name the file in a refusal about it.
    if (error instanceof ValidationError && !error.message.startsWith(basename(fileName))) {
      // The archive checks are shared with workbooks: a Word document's refusal names Word.
      const message =
        kind === 'docx'
          ? error.message
              .replace(/XLSX 工作簿|XLSX 文件|XLSX 工作表|XLSX/g, 'Word 文档')
              .replace(/Excel 2007 及以上的 \.xlsx 文件/g, 'Word 2007 及以上的 .docx 文件')
              .replace(/\.xlsx 格式/g, '.docx 格式')
          : error.message;
      throw new ValidationError(error.field, `${basename(fileName)}：${message}`);
    }
    throw error;
  }
}

/** Reads and parses a file of target tables (see parseTargetBytes). */
export async function parseTargetFile(path: string, options: ImportOptions): Promise<ImportResult> {
  sourceKindOf(path);
  return parseTargetBytes(path, await readFile(path), options);
}
