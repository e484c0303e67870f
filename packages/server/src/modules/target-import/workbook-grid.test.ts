import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../report/report.routes.js';
import { cellText, readWorkbookGrid } from './workbook-grid.js';

describe('cellText: a cell as the text a person sees', () => {
  it.each<[string, ExcelJS.CellValue, string | undefined, string]>([
    ['a string as it is', '≥95%', undefined, '≥95%'],
    ['an amount as digits', 418, '#,##0.00', '418'],
    ['a decimal without float noise', 0.1 + 0.2, undefined, '0.3'],
    ['"95%" that Excel turned into 0.95', 0.95, '0%', '95%'],
    ['"100%" likewise', 1, '0.00%', '100%'],
    ['a date', new Date(Date.UTC(2023, 8, 26)), 'yyyy-mm-dd', '2023-09-26'],
    ['"2023年12月" that Excel turned into a date', new Date(Date.UTC(2023, 11, 1)), 'yyyy"年"m"月"', '2023年12月'],
    ['a Chinese full date', new Date(Date.UTC(2023, 5, 30)), 'yyyy"年"m"月"d"日"', '2023年6月30日'],
    ['rich text', { richText: [{ text: '维修' }, { text: '资金' }] }, undefined, '维修资金'],
    ['a formula by its result', { formula: 'C4+E4', result: 21 }, '0.00', '21'],
    ['a link by its text', { text: '派出法庭', hyperlink: '#A1' }, undefined, '派出法庭'],
    ['an error', { error: '#N/A' }, undefined, '#N/A'],
    ['nothing', null, undefined, ''],
  ])('%s', (_case, value, numFmt, expected) => {
    expect(cellText(value, numFmt)).toBe(expected);
  });
});

describe('readWorkbookGrid', () => {
  it('lists every worksheet with its filled cells, merged areas once at their first cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('3.科技法庭');
    sheet.mergeCells('A1:G1');
    sheet.getCell('A1').value = '3.科技法庭试点提升项目绩效目标表';
    sheet.mergeCells('A4:A5');
    sheet.getCell('A4').value = '预算规模及资金用途';
    sheet.getCell('C4').value = 21;
    sheet.getCell('F8').value = 1;
    sheet.getCell('F8').numFmt = '0%';
    workbook.addWorksheet('空白');
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await readWorkbookGrid(bytes)).toEqual({
      sheets: [
        {
          name: '3.科技法庭',
          cells: [
            { ref: 'A1', text: '3.科技法庭试点提升项目绩效目标表' },
            { ref: 'A4', text: '预算规模及资金用途' },
            { ref: 'C4', text: '21' },
            { ref: 'F8', text: '100%' },
          ],
          merges: ['A1:G1', 'A4:A5'],
        },
        { name: '空白', cells: [], merges: [] },
      ],
    });
  });

  it('refuses bytes that are not a workbook', async () => {
    await expect(readWorkbookGrid(Buffer.from('not a zip'))).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
  });
});

describe('contentDisposition', () => {
  it('gives old clients an ASCII name and everyone else the UTF-8 one (RFC 6266)', () => {
    expect(contentDisposition('2023年度绩效目标表-218101(1).xlsx')).toBe(
      `attachment; filename="2023_______-218101(1).xlsx"; filename*=UTF-8''2023%E5%B9%B4%E5%BA%A6%E7%BB%A9%E6%95%88%E7%9B%AE%E6%A0%87%E8%A1%A8-218101%281%29.xlsx`,
    );
  });
});
