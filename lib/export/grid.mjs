// One table of `schema()` as the Word export lays it out: the very layout the form and the review
// page draw (lib/tables/layout.js: spans, label columns, table 四 printed across), turned into
// what Word needs beyond it — the text of every cell filled in, a role that decides its alignment
// and font, and the number of label and data columns that decides the column widths. No span is
// computed here.
import { TRANSPOSED, tableLayout } from '../tables/layout.js';

/**
 * @typedef {{ text: string, role: 'head' | 'label' | 'note' | 'number',
 *             span: number, rowSpan: number, cell?: string }} GridCell
 * @typedef {{ key: string, across: boolean, labelColumns: number, dataColumns: number,
 *             rows: GridCell[][] }} Grid
 */

/** The printed value of a cell: as the report holds it, blank for a blank. */
export function printed(value) {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

const valueOf = (report, table, row, column) => report?.[table]?.[row]?.[column] ?? null;

/** A header names columns (scope col, colgroup), a label names rows; the corner is a header. */
function roleOf(cell) {
  if (cell.cell) return 'number';
  if (cell.className === 'note') return 'note';
  return cell.scope === 'row' || cell.scope === 'rowgroup' ? 'label' : 'head';
}

/**
 * The grid of `table` filled from `report`, labelled in Chinese (the official text) or, with
 * `en`, in the schema's English.
 * @returns {Grid}
 */
export function tableGrid(table, report, en = false) {
  const layout = tableLayout(table);
  const pick = (item) => (en ? item.label_en : item.label);
  const rows = layout.parts.flatMap((part) => part.rows.map((row) => row.cells.map((c) => {
    const out = { text: '', role: roleOf(c), span: c.colspan ?? 1, rowSpan: c.rowspan ?? 1 };
    if (c.cell) Object.assign(out, { text: printed(valueOf(report, table.key, c.row.key, c.column.key)), cell: c.cell });
    else if (c.item) out.text = pick(c.item) ?? '';
    return out;
  })));
  const across = TRANSPOSED.has(table.key);
  const dataColumns = Math.max(...layout.grid.map((cells) => cells.length));
  // The widest row holds every column: for table 三 its first data row, with all group labels.
  const width = Math.max(...rows.map((cells) => cells.reduce((n, c) => n + c.span, 0)));
  return { key: table.key, across, labelColumns: across ? 0 : width - dataColumns, dataColumns, rows };
}
