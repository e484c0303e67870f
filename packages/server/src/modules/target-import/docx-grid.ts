import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { cellRef, type GridRow, type SourceGrid } from '@jixiao/domain';
import { ValidationError } from '../common/errors.js';

/** Word's main namespace: elements are matched by local name under it. */
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function notDocx(): ValidationError {
  return new ValidationError('file', '无法读取 Word 文档：文件已损坏，或不是 .docx 格式（请上传 Word 2007 及以上的 .docx 文件）');
}

interface Cell {
  text: string;
  span: number;
  /** vMerge: "restart" starts a vertically merged area, "continue" continues the one above. */
  vMerge: 'restart' | 'continue' | null;
}

/**
 * Reads a Word document (.docx) into rows for the domain's reader: each paragraph outside a table
 * is a row of one cell, each table row a row of cells at their grid columns. A cell spanning
 * columns (gridSpan) is repeated as `merged: 'left'` cells; a cell continuing a vertical merge
 * (vMerge) carries the text of the area's first cell as `merged: 'above'`, as a grid does.
 */
export async function readDocxGrid(bytes: Buffer): Promise<SourceGrid> {
  let xml: string;
  try {
    const zip = await JSZip.loadAsync(bytes);
    const document = zip.file('word/document.xml');
    if (!document) throw notDocx();
    xml = await document.async('string');
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw notDocx();
  }

  const rows: GridRow[] = [];
  const parser = new SaxesParser({ xmlns: true });
  let tableDepth = 0;
  let row: Cell[] | null = null;
  let cell: Cell | null = null;
  let paragraph: string[] | null = null;
  let inText = false;
  // Per table: the text of the vertically merged area open in each grid column.
  const openAreas: Array<Map<number, string>> = [];
  let line = 0;

  const pushRow = (cells: Cell[]) => {
    line += 1;
    const out: GridRow = { cells: [] };
    const areas = openAreas[openAreas.length - 1];
    let col = 0;
    for (const c of cells) {
      let text = c.text.trim();
      let merged: 'left' | 'above' | undefined;
      if (c.vMerge === 'continue') {
        text = areas?.get(col) ?? '';
        merged = 'above';
      } else if (c.vMerge === 'restart') areas?.set(col, text);
      else areas?.delete(col);
      for (let k = 0; k < c.span; k++) {
        out.cells.push({ text, at: { line, ref: cellRef(line, col + k + 1) }, ...(k > 0 ? { merged: 'left' as const } : merged ? { merged } : {}) });
      }
      col += c.span;
    }
    rows.push(out);
  };

  parser.on('opentag', (tag) => {
    if (tag.uri !== W) return;
    const attr = (name: string): string | undefined =>
      tag.attributes[`w:${name}`]?.value ?? (tag.attributes as Record<string, { value: string } | undefined>)[name]?.value;
    switch (tag.local) {
      case 'tbl':
        tableDepth += 1;
        openAreas.push(new Map());
        break;
      case 'tr':
        if (tableDepth === 1) row = [];
        break;
      case 'tc':
        if (tableDepth === 1) cell = { text: '', span: 1, vMerge: null };
        break;
      case 'gridSpan':
        if (cell && tableDepth === 1) cell.span = Math.max(1, Math.min(64, Number(attr('val') ?? 1) || 1));
        break;
      case 'vMerge':
        if (cell && tableDepth === 1) cell.vMerge = attr('val') === 'restart' ? 'restart' : 'continue';
        break;
      case 'p':
        paragraph = [];
        break;
      case 't':
        inText = true;
        break;
      case 'tab':
        paragraph?.push('\t');
        break;
      case 'br':
      case 'cr':
        paragraph?.push('\n');
        break;
    }
  });
  parser.on('text', (text) => {
    if (inText && paragraph) paragraph.push(text);
  });
  parser.on('closetag', (tag) => {
    if (tag.uri !== W) return;
    switch (tag.local) {
      case 't':
        inText = false;
        break;
      case 'p': {
        const text = (paragraph ?? []).join('');
        paragraph = null;
        if (cell) cell.text = cell.text === '' ? text : `${cell.text}\n${text}`;
        else if (tableDepth === 0 && text.trim() !== '') pushRow([{ text, span: 1, vMerge: null }]);
        break;
      }
      case 'tc':
        if (tableDepth === 1 && cell && row) row.push(cell);
        if (tableDepth === 1) cell = null;
        break;
      case 'tr':
        if (tableDepth === 1 && row) pushRow(row);
        if (tableDepth === 1) row = null;
        break;
      case 'tbl':
        tableDepth -= 1;
        openAreas.pop();
        break;
    }
  });
  try {
    parser.write(xml).close();
  } catch {
    throw notDocx();
  }
  return { label: '', shape: 'grid', rows };
}
