import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { gridFromCells, type GridRow, type SourceGrid } from '@jixiao/domain';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'section', 'article', 'caption', 'title']);

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

/** The text of a node as a person reads it: <br> and block ends as line breaks. */
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value.replace(/\s+/g, ' ');
  if (!isElement(node) && !('childNodes' in node)) return '';
  if (isElement(node) && node.tagName === 'br') return '\n';
  if (isElement(node) && (node.tagName === 'script' || node.tagName === 'style')) return '';
  const inner = ('childNodes' in node ? node.childNodes : []).map(textOf).join('');
  return isElement(node) && BLOCKS.has(node.tagName) ? `${inner}\n` : inner;
}

const span = (element: Element, name: string): number => {
  const value = Number(element.attrs.find((a) => a.name === name)?.value ?? 1);
  return Number.isInteger(value) && value > 0 ? Math.min(value, 64) : 1;
};

/**
 * Reads a web page (or a pasted HTML table) into rows for the domain's reader, with a maintained
 * HTML parser: text outside tables becomes rows of one cell (the page's title lines), each table
 * row a row of cells at their grid columns, rowspan and colspan repeated as merged cells.
 */
export function readHtmlGrid(html: string): SourceGrid {
  const document = parse(html);
  const rows: GridRow[] = [];
  let line = 0;
  const pending: string[] = [];
  const flushText = () => {
    for (const text of pending.join('').split('\n')) {
      const t = text.trim();
      if (t !== '') rows.push({ cells: [{ text: t, at: { line: ++line, ref: `A${line}` } }] });
    }
    pending.length = 0;
  };
  const table = (element: Element) => {
    flushText();
    const cells: Array<{ row: number; col: number; text: string }> = [];
    const merges: Array<{ top: number; left: number; bottom: number; right: number }> = [];
    const taken = new Set<string>();
    let r = 0;
    const visitRows = (node: Element) => {
      for (const child of node.childNodes) {
        if (!isElement(child)) continue;
        if (child.tagName === 'table') continue; // a nested table is not this table's rows
        if (child.tagName !== 'tr') {
          visitRows(child);
          continue;
        }
        r += 1;
        let c = 1;
        for (const td of child.childNodes) {
          if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
          while (taken.has(`${r}:${c}`)) c += 1;
          const rs = span(td, 'rowspan');
          const cs = span(td, 'colspan');
          cells.push({
            row: r,
            col: c,
            text: textOf(td)
              .replace(/\n+$/, '')
              .replace(/[ \t]+\n/g, '\n'),
          });
          for (let y = r; y < r + rs; y++) for (let x = c; x < c + cs; x++) taken.add(`${y}:${x}`);
          if (rs > 1 || cs > 1) merges.push({ top: r, left: c, bottom: r + rs - 1, right: c + cs - 1 });
          c += cs;
        }
      }
    };
    visitRows(element);
    const grid = gridFromCells('', cells, merges);
    for (const gridRow of grid.rows) {
      line += 1;
      rows.push({ cells: gridRow.cells.map((cell) => ({ ...cell, at: { line, ref: cell.at.ref?.replace(/\d+$/, String(line)) } })) });
    }
  };
  const walk = (node: Node) => {
    if (isElement(node) && node.tagName === 'table') return table(node);
    if (isElement(node) && (node.tagName === 'script' || node.tagName === 'style' || node.tagName === 'head')) return;
    if (node.nodeName === '#text' || (isElement(node) && node.tagName === 'br')) {
      pending.push(textOf(node));
      return;
    }
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
    if (isElement(node) && BLOCKS.has(node.tagName)) pending.push('\n');
  };
  walk(document);
  flushText();
  return { label: '', shape: 'grid', rows };
}
