import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../common/errors.js';
import { checkHtmlSize, checkTableCount, checkTextSize, checkWorkbookEntries, checkXlsxArchive, IMPORT_LIMITS, readZipDirectory } from './import-limits.js';
import { parseOffThread } from './import-parser.js';

async function workbookBytes(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('1');
  for (let r = 1; r <= rows; r++) sheet.getCell(`A${r}`).value = `第${r}行`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The central-directory entry of `name`: where its declared uncompressed size is written. */
function declaredSizeOffset(bytes: Buffer, name: string): number {
  for (let at = bytes.length - 22; at >= 0; at--) {
    if (bytes.readUInt32LE(at) === 0x02014b50 && bytes.toString('utf8', at + 46, at + 46 + bytes.readUInt16LE(at + 28)) === name) return at + 24;
  }
  throw new Error(`no ${name}`);
}

const refusal = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof ValidationError) return `${error.field}: ${error.message}`;
    throw error;
  }
  return 'accepted';
};

describe('import limits', () => {
  it('reads a real workbook’s central directory without inflating it, and accepts it', async () => {
    const bytes = await workbookBytes(10);
    const entries = readZipDirectory(bytes);
    expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    expect(refusal(() => checkWorkbookEntries(bytes, checkXlsxArchive(bytes)))).toBe('accepted');
  });

  it.each([
    ['not a ZIP at all', Buffer.from('PK not really'), /^file: 无法读取 XLSX 工作簿/],
    ['larger than the file limit', Buffer.alloc(IMPORT_LIMITS.xlsxBytes + 1), /^file: XLSX 文件过大：5\.0 MB，最大 5\.0 MB/],
  ])('refuses %s', (_name, bytes, expected) => {
    expect(refusal(() => checkXlsxArchive(bytes))).toMatch(expected);
  });

  it('refuses a declared unzipped size over the limit, and an entry that inflates past what it declared', async () => {
    const big = await workbookBytes(10);
    big.writeUInt32LE(IMPORT_LIMITS.xlsxUnzippedBytes + 1, declaredSizeOffset(big, 'xl/worksheets/sheet1.xml'));
    expect(refusal(() => checkXlsxArchive(big))).toMatch(/^file: XLSX 工作簿解压后过大：32\.0 MB，最大 32\.0 MB/);

    const lying = await workbookBytes(10);
    lying.writeUInt32LE(10, declaredSizeOffset(lying, 'xl/worksheets/sheet1.xml'));
    expect(refusal(() => checkWorkbookEntries(lying, checkXlsxArchive(lying)))).toBe(
      'file: XLSX 工作簿中的“xl/worksheets/sheet1.xml”解压后与声明的大小不符，文件已损坏或是“压缩炸弹”',
    );
  });

  it('refuses a worksheet of more rows than the limit', async () => {
    const bytes = await workbookBytes(IMPORT_LIMITS.xlsxRowsPerSheet + 1);
    expect(refusal(() => checkWorkbookEntries(bytes, checkXlsxArchive(bytes)))).toBe(
      'file: XLSX 工作表“sheet1.xml”的行数过多：2001 行，每张工作表最多 2000 行',
    );
  });

  it('names the text and table limits', () => {
    expect(refusal(() => checkTextSize('x'.repeat(IMPORT_LIMITS.textChars + 1)))).toBe(
      'text: 目标表文本过大：1048577 个字符，一次最多导入 1048576 个字符（约 500 张表），请分批导入',
    );
    expect(refusal(() => checkTextSize('x'.repeat(IMPORT_LIMITS.textChars)))).toBe('accepted');
    expect(refusal(() => checkTableCount(501, 'file'))).toBe('file: 一次最多导入 500 张目标表，实际有 501 张，请分批导入');
    expect(refusal(() => checkHtmlSize(Buffer.alloc(IMPORT_LIMITS.htmlBytes + 1)))).toBe('file: 网页文件过大：5.0 MB，最大 5.0 MB');
    expect(refusal(() => checkHtmlSize(Buffer.alloc(IMPORT_LIMITS.htmlBytes)))).toBe('accepted');
  });

  it('parses in a worker thread and hands back the model, or the refusal naming the field', async () => {
    const header = '1.维修项目绩效目标表\n\t218101天津市武清区人民法院\n';
    const parsed = await parseOffThread({ kind: 'text', text: header, field: 'text', options: { year: 2023 } });
    expect(parsed.errors.length + parsed.projects.length).toBeGreaterThan(0);
    const many = Array.from({ length: 501 }, (_, i) => `${i + 1}.维修项目绩效目标表`).join('\n');
    await expect(parseOffThread({ kind: 'text', text: many, field: 'text', options: {} })).rejects.toMatchObject({
      field: 'text',
      message: '一次最多导入 500 张目标表，实际有 501 张，请分批导入',
    });
    const rows = await workbookBytes(IMPORT_LIMITS.xlsxRowsPerSheet + 1);
    await expect(parseOffThread({ kind: 'xlsx', bytes: rows, options: {} })).rejects.toMatchObject({
      field: 'file',
      message: expect.stringContaining('行数过多'),
    });
  });
});
