// An independent reader of .docx files for the export tests: fflate unzips, @xmldom/xmldom parses
// word/document.xml, and every table is expanded into a grid where a merged cell (gridSpan across,
// vMerge down) fills each slot it covers; and where the 2021 template puts each cell, to find the
// numbers in that grid. Nothing here shares code with lib/export/.
import { unzipSync } from 'fflate';
import { DOMParser } from '@xmldom/xmldom';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const children = (node, name) => Array.from(node.childNodes).filter((n) => n.namespaceURI === W && n.localName === name);
const child = (node, name) => children(node, name)[0];
const attr = (node, name) => node?.getAttributeNS(W, name) ?? node?.getAttribute(`w:${name}`) ?? null;
const textOf = (node) => Array.from(node.getElementsByTagNameNS(W, 't')).map((t) => t.textContent).join('');

/** The parts of a .docx: its files by name and the parsed main document. */
export function readDocx(bytes) {
  const files = unzipSync(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  const xml = new TextDecoder().decode(files['word/document.xml']);
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const body = doc.getElementsByTagNameNS(W, 'body')[0];
  return { files, doc, body };
}

/** The body's top-level tables, each as { rows, grid, gridColumns }. */
export function tablesOf(body) {
  return children(body, 'tbl').map(expand);
}

/** The text of the body's paragraphs outside tables, in order. */
export function paragraphsOf(body) {
  return children(body, 'p').map(textOf);
}

/**
 * A table as a grid: grid[r][c] is { text, align, origin: [r0, c0], span, rowSpan } — the same
 * object in every slot a merged cell covers, so origin and spans can be compared slot by slot.
 */
function expand(tbl) {
  const gridColumns = children(child(tbl, 'tblGrid'), 'gridCol').map((g) => Number(attr(g, 'w')));
  const grid = [];
  children(tbl, 'tr').forEach((tr, r) => {
    const row = (grid[r] = []);
    let c = 0;
    for (const tc of children(tr, 'tc')) {
      const pr = child(tc, 'tcPr');
      const span = Number(attr(pr && child(pr, 'gridSpan'), 'val') ?? 1);
      const vMerge = pr && child(pr, 'vMerge');
      const continues = vMerge && attr(vMerge, 'val') !== 'restart';
      let cell;
      if (continues) {
        cell = grid[r - 1]?.[c];
        if (!cell) throw new Error(`vMerge continue at row ${r}, column ${c} with nothing above`);
        cell.rowSpan++;
      } else {
        const p = child(tc, 'p');
        const jc = p && child(p, 'pPr') && child(child(p, 'pPr'), 'jc');
        cell = { text: textOf(tc), align: attr(jc, 'val') ?? 'left', origin: [r, c], span, rowSpan: 1 };
      }
      for (let k = 0; k < span; k++) row[c + k] = cell;
      c += span;
    }
  });
  for (const [r, row] of grid.entries()) {
    if (row.length !== gridColumns.length) throw new Error(`row ${r} covers ${row.length} of ${gridColumns.length} grid columns`);
  }
  return { grid, gridColumns };
}

/** The body's blocks in order: { kind: 'p', text } or { kind: 'tbl' }. */
export function blocksOf(body) {
  return Array.from(body.childNodes)
    .filter((n) => n.namespaceURI === W && (n.localName === 'p' || n.localName === 'tbl'))
    .map((n) => (n.localName === 'p' ? { kind: 'p', text: textOf(n) } : { kind: 'tbl' }));
}

/**
 * Where the template puts each cell: [grid row, first grid column, columns spanned], worked out
 * from the template itself — 二: per sub-table a 第二十条 row and a 信息内容 row above its rows,
 * one label column, a single value spanning the three value columns; 三: three header rows and
 * three label columns; 四: three header rows, then 15 numbers, five per group.
 */
export function templatePosition(schema, cell) {
  const table = schema.tables.find((t) => t.key === cell.table);
  if (cell.table === 'proactive') {
    let r = 0;
    for (const section of table.sections) {
      r += 2;
      const i = section.rows.findIndex((row) => row.key === cell.row);
      if (i >= 0) {
        const j = section.columns.findIndex((c) => c.key === cell.column);
        return section.columns.length === 1 ? [r + i, 1, 3] : [r + i, 1 + j, 1];
      }
      r += section.rows.length;
    }
  }
  const [section] = table.sections;
  const i = section.rows.findIndex((row) => row.key === cell.row);
  const j = section.columns.findIndex((c) => c.key === cell.column);
  if (cell.table === 'requests') return [3 + i, 3 + j, 1];
  return [3, i * section.columns.length + j, 1];
}
