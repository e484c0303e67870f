import { inflateRawSync } from 'node:zlib';
import { ValidationError } from '../common/errors.js';

/**
 * How much an import may ask of the server (docs/api.md, "导入的限制"). A real 绩效目标表 is about
 * 1.5 KB of text or one small worksheet per project; a unit has tens of projects, a province a few
 * thousand across many imports. Each limit is refused with a message naming it.
 */
export const IMPORT_LIMITS = {
  /** Text of target tables (characters). */
  textChars: 1024 * 1024,
  /** Tables in one import, text or workbook. */
  tables: 500,
  /** The .xlsx (or .docx) file itself. */
  xlsxBytes: 5 * 1024 * 1024,
  /** A web page (.html) of target tables. */
  htmlBytes: 5 * 1024 * 1024,
  /** All entries of the .xlsx unzipped, as the ZIP declares them (and checked while inflating). */
  xlsxUnzippedBytes: 32 * 1024 * 1024,
  /** Files inside the .xlsx. */
  xlsxEntries: 2000,
  /** Worksheets. */
  xlsxSheets: 500,
  /** Rows of one worksheet. */
  xlsxRowsPerSheet: 2000,
  /** Cells of all worksheets. */
  xlsxCells: 200_000,
} as const;

const MIB = 1024 * 1024;
const size = (bytes: number): string => (bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/** Refuses target-table text over the size limit, before any parsing. */
export function checkTextSize(text: string, field = 'text'): void {
  if (text.length > IMPORT_LIMITS.textChars) {
    throw new ValidationError(
      field,
      `目标表文本过大：${text.length} 个字符，一次最多导入 ${IMPORT_LIMITS.textChars} 个字符（约 ${IMPORT_LIMITS.tables} 张表），请分批导入`,
    );
  }
}

/** Refuses a web page over the size limit, before it is parsed. */
export function checkHtmlSize(bytes: Buffer): void {
  if (bytes.length > IMPORT_LIMITS.htmlBytes) throw new ValidationError('file', `网页文件过大：${size(bytes.length)}，最大 ${size(IMPORT_LIMITS.htmlBytes)}`);
}

/** Refuses an import of more tables than the limit. */
export function checkTableCount(count: number, field: string): void {
  if (count > IMPORT_LIMITS.tables) throw new ValidationError(field, `一次最多导入 ${IMPORT_LIMITS.tables} 张目标表，实际有 ${count} 张，请分批导入`);
}

/** One file inside a ZIP, as its central directory declares it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function notXlsx(): ValidationError {
  return new ValidationError('file', '无法读取 XLSX 工作簿：文件已损坏，或不是 .xlsx 格式（请上传 Excel 2007 及以上的 .xlsx 文件）');
}

/**
 * Reads the ZIP's central directory (the list at the end of the file, with each entry's declared
 * sizes) without inflating anything. ZIP64 archives are refused: an .xlsx within the limits never
 * needs one.
 */
export function readZipDirectory(bytes: Buffer): ZipEntry[] {
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65535 bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const count = bytes.readUInt16LE(eocd + 10);
  const directorySize = bytes.readUInt32LE(eocd + 12);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff || directoryOffset + directorySize > bytes.length) throw notXlsx();
  if (count > IMPORT_LIMITS.xlsxEntries) throw new ValidationError('file', `XLSX 工作簿内的文件过多：${count} 个，最多 ${IMPORT_LIMITS.xlsxEntries} 个`);
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw notXlsx();
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      localHeaderOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) throw notXlsx();
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * Checks an .xlsx against the limits from its central directory alone: file size, number of
 * files, declared unzipped size, number of worksheets. Cheap (no inflating), so it runs before the
 * workbook is handed to a worker. Returns the entries for checkWorksheets.
 */
export function checkXlsxArchive(bytes: Buffer): ZipEntry[] {
  if (bytes.length > IMPORT_LIMITS.xlsxBytes) {
    throw new ValidationError('file', `XLSX 文件过大：${size(bytes.length)}，最大 ${size(IMPORT_LIMITS.xlsxBytes)}`);
  }
  const entries = readZipDirectory(bytes);
  const unzipped = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (unzipped > IMPORT_LIMITS.xlsxUnzippedBytes) {
    throw new ValidationError(
      'file',
      `XLSX 工作簿解压后过大：${size(unzipped)}，最大 ${size(IMPORT_LIMITS.xlsxUnzippedBytes)}（压缩比异常的文件可能是“压缩炸弹”）`,
    );
  }
  const sheets = entries.filter((entry) => WORKSHEET.test(entry.name)).length;
  if (sheets > IMPORT_LIMITS.xlsxSheets) throw new ValidationError('file', `XLSX 工作簿的工作表过多：${sheets} 张，最多 ${IMPORT_LIMITS.xlsxSheets} 张`);
  return entries;
}

/** The entry's bytes, inflated no further than it declared: a ZIP that understates a size is refused. */
export function inflateEntry(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_SIGNATURE) throw notXlsx();
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw notXlsx();
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch {
    // Either corrupt, or more data than declared (RangeError past maxOutputLength).
    throw new ValidationError('file', `XLSX 工作簿中的“${entry.name}”解压后与声明的大小不符，文件已损坏或是“压缩炸弹”`);
  }
}

/** Counts occurrences of `needle` in `haystack` (linear). */
function occurrences(haystack: Buffer, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

/**
 * Inflates every entry within its declared size (so ExcelJS never meets a ZIP that lied), counting
 * rows and cells of every worksheet from its XML, and refuses a workbook over the row or cell
 * limits before ExcelJS builds a model of it. One entry is held at a time.
 */
export function checkWorkbookEntries(bytes: Buffer, entries: readonly ZipEntry[]): void {
  let cells = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const data = inflateEntry(bytes, entry);
    if (data.length !== entry.uncompressedSize) throw new ValidationError('file', `XLSX 工作簿中的“${entry.name}”解压后与声明的大小不符，文件已损坏`);
    if (!WORKSHEET.test(entry.name)) continue;
    const rows = occurrences(data, '<row ') + occurrences(data, '<row>');
    if (rows > IMPORT_LIMITS.xlsxRowsPerSheet) {
      throw new ValidationError(
        'file',
        `XLSX 工作表“${entry.name.replace(/^xl\/worksheets\//, '')}”的行数过多：${rows} 行，每张工作表最多 ${IMPORT_LIMITS.xlsxRowsPerSheet} 行`,
      );
    }
    cells += occurrences(data, '<c ') + occurrences(data, '<c>');
    if (cells > IMPORT_LIMITS.xlsxCells) throw new ValidationError('file', `XLSX 工作簿的单元格过多：超过 ${IMPORT_LIMITS.xlsxCells} 个`);
  }
}
