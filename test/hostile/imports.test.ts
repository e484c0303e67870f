import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { ROOT } from '../e2e/support.js';
import { ADMIN_PASSWORD, describeEachServer, healthDuring, type ProductServer } from './support.js';

const SEED = readFileSync(join(ROOT, 'test', 'fixtures', 'wuqing-court-2023-targets.txt'), 'utf8');

/** A ZIP (as an .xlsx is) of these files, deflated; `declare` may understate an entry's size, as a bomb does. */
function zip(files: Array<{ name: string; data: Buffer; declare?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const packed = deflateRawSync(file.data, { level: 9 });
    const size = file.declare ?? file.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(file.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(file.data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A one-sheet workbook whose sheet XML is `sheetData` (the rest as Excel writes it). */
function workbook(sheetData: Buffer, declare?: number): Buffer {
  const xml = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`);
  const sheet = Buffer.concat([
    xml('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'),
    sheetData,
    Buffer.from('</sheetData></worksheet>'),
  ]);
  return zip([
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, declare: declare === undefined ? undefined : declare },
  ]);
}

/** A huge run of the same cell in one row: compresses about 1000 : 1. */
function repeatedCells(bytes: number): Buffer {
  const cell = Buffer.from('<c t="inlineStr"><is><t>炸</t></is></c>');
  const row = Buffer.concat([Buffer.from('<row r="1">'), Buffer.alloc(Math.floor(bytes / cell.length) * cell.length).fill(cell), Buffer.from('</row>')]);
  return row;
}

/** The server's resident memory now (MB), from /proc; null where there is no /proc. */
function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Runs `attack` while sampling the server's memory every 50 ms: the highest RSS seen (MB). */
async function peakRss<T>(server: ProductServer, attack: () => Promise<T>): Promise<{ result: T; peakMb: number | null }> {
  let peak: number | null = rssMb(server.pid);
  const timer = setInterval(() => {
    const now = rssMb(server.pid);
    if (now !== null) peak = Math.max(peak ?? 0, now);
  }, 50);
  try {
    return { result: await attack(), peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

async function postWorkbook(server: ProductServer, bytes: Buffer, token: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.base}/imports/target-tables.xlsx?year=2023`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: await response.json() };
}

async function importText(server: ProductServer, text: string, token: string): Promise<any> {
  return (await importTextResponse(server, text, token)).body;
}

/** status 0: the server closed the connection before the whole body was sent (Fastify's body limit does). */
async function importTextResponse(server: ProductServer, text: string, token: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($text: String!) { importTargetTables(text: $text, year: 2023) { created updated errors { message } } }',
      variables: { text },
    }),
  }).catch((error: Error) => {
    if (text.length > 1_000_000 && /fetch failed/.test(error.message)) return null;
    throw error;
  });
  if (!response) return { status: 0, body: null };
  return { status: response.status, body: await response.json().catch(() => null) };
}

// A refusal of the workbook names it as the route names the body (target-tables.xlsx), as every
// refused file is named.
describeEachServer('imports that would block everything', (start) => {
  let server: ProductServer;
  let admin: string;
  // Made once: ~200 MB of sheet XML (honest sizes), and the same declaring 1 MB (a lying bomb).
  let honestBomb: Buffer;
  let lyingBomb: Buffer;
  beforeAll(async () => {
    server = await start();
    admin = await server.login('admin', ADMIN_PASSWORD);
    const cells = repeatedCells(200 * 1024 * 1024);
    honestBomb = workbook(cells);
    lyingBomb = workbook(cells, 1024 * 1024);
  });

  it('a zip-bomb workbook (< 1 MB, 200 MB unzipped) is refused from its declared sizes, /healthz answering within 1 s', async () => {
    expect(honestBomb.length).toBeLessThan(1024 * 1024);
    const { result, peakMb } = await peakRss(server, () => healthDuring(server.base, () => postWorkbook(server, honestBomb, admin)));
    expect(result.result.status).toBe(400);
    expect(result.result.body.error).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^target-tables\.xlsx：XLSX 工作簿解压后过大：200\.0 MB，最大 32\.0 MB/),
    });
    expect(result.slowestHealthMs).toBeLessThan(1_000);
    if (peakMb !== null) expect(peakMb).toBeLessThan(600);
  });

  it('a bomb that understates its size is stopped while inflating, in the worker, within memory', async () => {
    const { result, peakMb } = await peakRss(server, () => healthDuring(server.base, () => postWorkbook(server, lyingBomb, admin)));
    expect(result.result.status).toBe(400);
    expect(result.result.body.error.message).toBe(
      'target-tables.xlsx：XLSX 工作簿中的“xl/worksheets/sheet1.xml”解压后与声明的大小不符，文件已损坏或是“压缩炸弹”',
    );
    expect(result.slowestHealthMs).toBeLessThan(1_000);
    if (peakMb !== null) expect(peakMb).toBeLessThan(600);
  });

  it('a sheet of too many rows, and one of too many cells, are refused naming the limit', async () => {
    const rows = Buffer.from(Array.from({ length: 2_500 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>x</t></is></c></row>`).join(''));
    const manyRows = await postWorkbook(server, workbook(rows), admin);
    expect(manyRows.body.error.message).toBe('target-tables.xlsx：XLSX 工作表“sheet1.xml”的行数过多：2500 行，每张工作表最多 2000 行');
    const manyCells = await postWorkbook(server, workbook(repeatedCells(12 * 1024 * 1024)), admin);
    expect(manyCells.body.error.message).toBe('target-tables.xlsx：XLSX 工作簿的单元格过多：超过 200000 个');
  });

  it('4.8 MB of table text (3,000 tables) is refused at once, and 1.5 M characters by the text limit, /healthz within 1 s', async () => {
    const table = SEED.slice(0, SEED.indexOf('[bookmark: _Toc_4_4_0000000005]'));
    const huge = Array.from({ length: 3_000 }, () => table).join('\n');
    expect(Buffer.byteLength(huge)).toBeGreaterThan(4_800_000);
    // As JSON it is over the 5 MB body limit: refused before it is even parsed, or by the text limit.
    const { result, slowestHealthMs } = await healthDuring(server.base, () => importTextResponse(server, huge, admin));
    expect([0, 413, 200, 400]).toContain(result.status);
    expect(result.status === 0 || result.status === 413 || /^目标表文本过大/.test(result.body.errors[0].message)).toBe(true);
    expect(slowestHealthMs).toBeLessThan(1_000);

    const large = huge.slice(0, 1_500_000);
    const sized = await healthDuring(server.base, () => importText(server, large, admin));
    expect(sized.result.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'text' } });
    expect(sized.result.errors[0].message).toBe('目标表文本过大：1500000 个字符，一次最多导入 1048576 个字符（约 500 张表），请分批导入');
    expect(sized.slowestHealthMs).toBeLessThan(1_000);

    // Small tables, many of them: counted before parsing.
    const header = table.split('\n').find((line) => line.includes('绩效目标表'))!;
    const many = Array.from({ length: 600 }, (_, i) => header.replace(/^(\s*(?:\[bookmark: [^\]]*\])*\s*)\d+/, `$1${i + 1}`)).join('\n');
    const counted = await healthDuring(server.base, () => importText(server, many, admin));
    expect(counted.result.errors[0].message).toBe('一次最多导入 500 张目标表，实际有 600 张，请分批导入');
    expect(counted.slowestHealthMs).toBeLessThan(1_000);
  });

  it('an import within the limits is parsed off the event loop and stored', async () => {
    const { result, slowestHealthMs } = await healthDuring(server.base, () => importText(server, SEED, admin));
    expect(result.data.importTargetTables).toMatchObject({ updated: 5, errors: [] });
    expect(slowestHealthMs).toBeLessThan(1_000);
  });
});
