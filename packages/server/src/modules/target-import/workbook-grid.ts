import ExcelJS from 'exceljs';
import type { GridCell, WorkbookGrid } from '@jixiao/domain';
import { ValidationError } from '../common/errors.js';

/**
 * Reads an XLSX file into what the domain's parseTargetWorkbook reads: each worksheet's cells as
 * text with their addresses, and its merged areas. The domain stays free of ExcelJS.
 */
export async function readWorkbookGrid(bytes: Buffer): Promise<WorkbookGrid> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    // The ZIP/XML library's own words ("Corrupted zip?") tell a user nothing.
    throw new ValidationError('file', '无法读取 XLSX 工作簿：文件已损坏，或不是 .xlsx 格式（请上传 Excel 2007 及以上的 .xlsx 文件）');
  }
  return {
    sheets: workbook.worksheets.map((sheet) => {
      const cells: GridCell[] = [];
      sheet.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (cell) => {
          // The other cells of a merged area repeat its value; the area is listed once, at its master.
          if (cell.type === ExcelJS.ValueType.Merge) return;
          const text = cellText(cell.value, cell.numFmt);
          if (text.trim() !== '') cells.push({ ref: cell.address, text });
        });
      });
      const merges = sheet.model.merges.map((range) => range.replace(/^.*!/, ''));
      return { name: sheet.name, cells, merges };
    }),
  };
}

/**
 * A cell's value as the text a person sees: numbers as digits ("418", "20.8"; "95%" when the cell
 * is formatted as a percentage, as Excel does with "95%" typed in), dates as "2023-09-30" (or
 * "2023年12月" when so formatted), formulas as their cached result.
 */
export function cellText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (numFmt?.includes('%')) return `${Number((value * 100).toPrecision(12))}%`;
    return String(Number(value.toPrecision(15)));
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value, numFmt);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as ExcelJS.CellValue, numFmt);
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue, numFmt);
  if ('error' in value) return value.error;
  return '';
}

function dateText(date: Date, numFmt: string | undefined): string {
  // ExcelJS reads dates as UTC midnight.
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  if (numFmt?.includes('年')) {
    if (/d/i.test(numFmt)) return `${y}年${m}月${d}日`;
    return /m/i.test(numFmt) ? `${y}年${m}月` : `${y}年`;
  }
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
