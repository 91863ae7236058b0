// Lays out one table of `schema()` as the 2021 template prints it: a grid of cells with their
// column and row spans. Pure data in, pure data out — no Word here — so the layout can be read
// and tested on its own. Every label comes from the schema; this file only decides where it goes.

/**
 * Tables printed "across": each of the schema's rows becomes a block of columns under its own
 * header, with the numbers in one row. The template prints table 四 so (行政复议 / 行政诉讼 over
 * 结果维持 … 总计); tables 二 and 三 run down the page, one schema row per printed row.
 */
const ACROSS = new Set(['appeals']);

/**
 * @typedef {{ text: string, role: 'head' | 'label' | 'note' | 'number',
 *             span: number, rowSpan: number, cell?: string }} GridCell
 * @typedef {{ key: string, across: boolean, labelColumns: number, dataColumns: number,
 *             rows: GridCell[][] }} Grid
 */

const head = (text, span = 1, rowSpan = 1) => ({ text, role: 'head', span, rowSpan });

/** The chain of groups above a row or column, outermost first, ending with the item itself. */
function chain(item, groups) {
  const out = [item];
  for (let key = item.group; key; key = groups.get(key)?.parent) {
    const group = groups.get(key);
    if (!group) throw new Error(`schema: unknown group ${key}`);
    out.unshift(group);
  }
  return out;
}

/** How many consecutive items from `i` share the same entry at `level` of their chains. */
function runLength(chains, i, level) {
  let n = 1;
  while (i + n < chains.length && chains[i + n][level] === chains[i][level]) n++;
  return n;
}

/** Whether item `i` starts the run of its entry at `level` (else that cell is covered by a span). */
const startsRun = (chains, i, level) => i === 0 || chains[i - 1][level] !== chains[i][level];

/** The printed value of a cell: as the report holds it, blank for a blank. */
export function printed(value) {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

const valueOf = (report, table, row, column) => report?.[table]?.[row]?.[column] ?? null;

/**
 * The grid of `table` filled from `report`, labelled in Chinese (the official text) or, with
 * `en`, in the schema's English.
 * @returns {Grid}
 */
export function tableGrid(table, report, en = false) {
  const pick = (item) => (en ? item.label_en : item.label);
  const header = (section) => (en ? section.header_en : section.header);
  return ACROSS.has(table.key) ? acrossGrid(table, report, pick) : downGrid(table, report, pick, header);
}

/** Tables 二 and 三: label columns on the left, one printed row per schema row. */
function downGrid(table, report, pick, header) {
  const rowGroups = new Map(table.row_groups.map((g) => [g.key, g]));
  const columnGroups = new Map(table.column_groups.map((g) => [g.key, g]));
  const rowChains = table.sections.flatMap((s) => s.rows.map((r) => chain(r, rowGroups)));
  const labelColumns = Math.max(...rowChains.map((c) => c.length));
  const dataColumns = Math.max(...table.sections.map((s) => s.columns.length));
  const width = labelColumns + dataColumns;
  const rows = [];
  let first = 0; // index of the section's first row in rowChains
  for (const section of table.sections) {
    if (section.header) rows.push([head(header(section), width)]);
    const columnChains = section.columns.map((c) => chain(c, columnGroups));
    const levels = Math.max(...columnChains.map((c) => c.length));
    // A section with fewer columns than the table (table 二's 本年处理决定数量) widens its last one.
    const spanOf = (i) => (i === section.columns.length - 1 ? dataColumns - i : 1);
    for (let level = 0; level < levels; level++) {
      const row = [];
      if (level === 0) {
        const corner = section.row_header ? pick(section.row_header) : table.note ? pick(table.note) : '';
        row.push({ text: corner, role: table.note && !section.row_header ? 'note' : 'head', span: labelColumns, rowSpan: levels });
      }
      columnChains.forEach((c, i) => {
        if (level >= c.length || !startsRun(columnChains, i, level)) return;
        const run = runLength(columnChains, i, level);
        let span = 0;
        for (let j = i; j < i + run; j++) span += spanOf(j);
        const own = level === c.length - 1;
        row.push(head(pick(c[level]), span, own ? levels - level : 1));
      });
      rows.push(row);
    }
    const chains = rowChains.slice(first, first + section.rows.length);
    section.rows.forEach((r, i) => {
      const c = chains[i];
      const row = [];
      for (let level = 0; level < c.length - 1; level++) {
        if (startsRun(chains, i, level)) row.push({ text: pick(c[level]), role: 'label', span: 1, rowSpan: runLength(chains, i, level) });
      }
      row.push({ text: pick(r), role: 'label', span: labelColumns - (c.length - 1), rowSpan: 1 });
      section.columns.forEach((column, j) => {
        const value = valueOf(report, table.key, r.key, column.key);
        row.push({ text: printed(value), role: 'number', span: spanOf(j), rowSpan: 1, cell: `${table.key}.${r.key}.${column.key}` });
      });
      rows.push(row);
    });
    first += section.rows.length;
  }
  return { key: table.key, across: false, labelColumns, dataColumns, rows };
}

/** Table 四: each schema row is a block of columns; the header nests row groups, rows, columns. */
function acrossGrid(table, report, pick) {
  if (table.sections.length !== 1) throw new Error(`schema: table ${table.key} printed across must have one section`);
  const [section] = table.sections;
  const rowGroups = new Map(table.row_groups.map((g) => [g.key, g]));
  const chains = section.rows.map((r) => chain(r, rowGroups));
  const depth = Math.max(...chains.map((c) => c.length));
  const n = section.columns.length;
  const rows = [];
  for (let level = 0; level <= depth; level++) {
    const row = [];
    chains.forEach((c, i) => {
      if (level < c.length) {
        if (startsRun(chains, i, level)) row.push(head(pick(c[level]), n * runLength(chains, i, level)));
      } else if (level === c.length) {
        // The column labels fill the levels this row's shallower chain leaves free.
        for (const column of section.columns) row.push(head(pick(column), 1, depth + 1 - level));
      }
    });
    rows.push(row);
  }
  rows.push(section.rows.flatMap((r) => section.columns.map((column) => ({
    text: printed(valueOf(report, table.key, r.key, column.key)), role: 'number', span: 1, rowSpan: 1,
    cell: `${table.key}.${r.key}.${column.key}`,
  }))));
  return { key: table.key, across: true, labelColumns: 0, dataColumns: n * section.rows.length, rows };
}
