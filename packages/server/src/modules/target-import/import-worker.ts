/**
 * The worker thread that parses an import (import-parser.ts starts one per import): text with the
 * domain's parseTargetTables, a workbook with ExcelJS and parseTargetWorkbook. Parsing is pure and
 * CPU-bound, so it runs here and the server's event loop goes on answering other requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InvalidInputError, parseTableHeader, parseTargetTables, parseTargetWorkbook, readTargetTables, type ImportResult } from '@jixiao/domain';
import { AppError, ValidationError } from '../common/errors.js';
import type { ParseJob, ParseOutcome } from './import-parser.js';
import { checkTableCount, checkWorkbookEntries, checkXlsxArchive } from './import-limits.js';
import { readWorkbookGrid } from './workbook-grid.js';
import { readDocxGrid } from './docx-grid.js';
import { readHtmlGrid } from './html-grid.js';

async function parse(job: ParseJob): Promise<ImportResult> {
  if (job.kind === 'text') {
    // Counted before parsing: 3,000 tables are refused in milliseconds, not parsed for a minute.
    let tables = 0;
    for (const line of job.text.split('\n')) if (line.includes('绩效目标表') && parseTableHeader(line)) tables += 1;
    checkTableCount(tables, job.field);
    return parseTargetTables(job.text, job.options);
  }
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  if (job.kind === 'html') {
    const grid = readHtmlGrid(bytes.toString('utf8'));
    checkTableCount(grid.rows.filter((row) => row.cells.length === 1 && parseTableHeader(row.cells[0].text)).length, 'file');
    return readTargetTables([grid], job.options);
  }
  checkWorkbookEntries(bytes, checkXlsxArchive(bytes));
  if (job.kind === 'docx') {
    const grid = await readDocxGrid(bytes);
    checkTableCount(grid.rows.filter((row) => row.cells.length === 1 && parseTableHeader(row.cells[0].text)).length, 'file');
    return readTargetTables([grid], job.options);
  }
  const grid = await readWorkbookGrid(bytes);
  checkTableCount(grid.sheets.length, 'file');
  return parseTargetWorkbook(grid, job.options);
}

async function main(): Promise<void> {
  const job = workerData as ParseJob;
  let outcome: ParseOutcome;
  try {
    outcome = { result: await parse(job) };
  } catch (error) {
    if (error instanceof ValidationError) outcome = { refused: { field: error.field, message: error.message } };
    else if (error instanceof InvalidInputError || error instanceof AppError)
      outcome = { refused: { field: job.kind === 'text' ? job.field : 'file', message: error.message } };
    else throw error;
  }
  parentPort!.postMessage(outcome);
}

void main();
