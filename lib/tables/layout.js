// What the three tables look like in the official format (国办公开办函〔2021〕30号), computed from
// schema() alone: header rows with their spans, row labels, and where each cell id sits. Pure data:
// no DOM, no browser globals, so the form, its print view, the import preview and any page built
// in Node (the review page, lib/review/view.js) and the Word export (lib/export/grid.mjs) use this
// very layout; draw.js draws it.
//
//   import { tableLayout } from './tables/layout.js';
//   const layout = tableLayout(schema.tables[1]);          // table 三
//   layout.parts     → [{ tag: 'thead'|'tbody', rows: [{ className, cells: [LayoutCell] }] }]
//   layout.grid      → [['requests.new.natural_person', …], …]   cell ids by visual row (Tab order)
//   layout.headers   → Map cell id → local ids of the header cells that name it
//
// A LayoutCell is { tag: 'th'|'td', item?, id?, scope?, colspan?, rowspan?, className?, cell?, row?,
// column? }: `item` is the schema object whose label it shows (a table, group, row, column or note),
// `id` a header's id local to the table (drawn as `${prefix}-${table.key}-${id}`), `cell` the cell
// id of a data cell (`row` and `column` are its schema row and column). With `{ messageRows: true }`
// a row `{ className: 'messages empty', messages: { span, cells } }` follows each data row, for the
// form's inline messages; group labels on the left then span those rows too.

// Table 四 is printed transposed in the official format: its three rows become column groups
// over one row of fifteen cells. The schema does not say so; this is the one layout fact kept here.
export const TRANSPOSED = new Set(['appeals']);

/** The chain of groups above an item, outermost first. */
function chain(groups, key) {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const out = [];
  for (let g = byKey.get(key); g; g = byKey.get(g.parent)) out.unshift(g);
  return out;
}

/** Groups that have child groups are whole-table captions (三、本年度办理结果, 申请人情况). */
const isCaption = (groups, g) => groups.some((other) => other.parent === g.key);

/** How many consecutive entries from `i` share `g` at `level`. */
function runLength(chains, i, level, g) {
  let span = 0;
  while (i + span < chains.length && chains[i + span][level] === g) span++;
  return span;
}

const dataClass = (column) => (column.key === 'total' ? 'num total' : column.kind === 'amount' ? 'num amount' : 'num');
const span = (n) => (n > 1 ? n : undefined);

/** Header levels for columns under groups: rows of { item, colspan, rowspan, isColumn, index }. */
function headerLevels(chains, columns) {
  const depth = Math.max(0, ...chains.map((c) => c.length)) + 1;
  const rows = Array.from({ length: depth }, () => []);
  for (let level = 0; level < depth; level++) {
    for (let i = 0; i < columns.length; i++) {
      const ch = chains[i];
      if (level < ch.length) {
        const g = ch[level];
        if (i > 0 && chains[i - 1][level] === g) continue;
        rows[level].push({ item: g, colspan: runLength(chains, i, level, g), rowspan: 1, isColumn: false, index: i });
      } else if (level === ch.length) {
        rows[level].push({ item: columns[i], colspan: 1, rowspan: depth - ch.length, isColumn: true, index: i });
      }
    }
  }
  return rows;
}

/** Keeps the ids, the grid and the header names of one table as it is laid out. */
function builder(table, messageRows) {
  let serial = 0;
  const b = {
    table,
    parts: [],
    grid: [],
    headers: new Map(),
    hid: () => `h${serial++}`,
    data(row, column, headerIds) {
      const cell = `${table.key}.${row.key}.${column.key}`;
      b.headers.set(cell, headerIds);
      return { tag: 'td', className: dataClass(column), cell, row, column };
    },
    /** Ends a data row: records it in the grid, and adds its message row when asked. */
    dataRow(rows, tr, cellIds, messageSpan) {
      rows.push(tr);
      b.grid.push(cellIds);
      if (messageRows) rows.push({ className: 'messages empty', cells: [], messages: { span: messageSpan, cells: cellIds } });
    },
    done: () => ({ key: table.key, table, parts: b.parts, grid: b.grid, headers: b.headers }),
  };
  return b;
}

/**
 * Table 四: one data row; the schema's rows become column groups, their groups a level above. As
 * the template prints it, a row with fewer groups above it (行政复议) has its label on top and
 * its columns reaching down to the last header row, level with the deeper rows' columns.
 */
function transposed(b, table) {
  const section = table.sections[0];
  const cols = section.columns;
  const chains = section.rows.map((r) => chain(table.row_groups, r.group));
  const depth = Math.max(0, ...chains.map((c) => c.length)) + 2;
  const levels = Array.from({ length: depth }, () => []);
  const cells = [];
  section.rows.forEach((row, i) => {
    const ch = chains[i];
    const names = [];
    ch.forEach((g, level) => {
      if (i > 0 && chains[i - 1][level] === g) return;
      const n = runLength(chains, i, level, g);
      levels[level].push({ tag: 'th', item: g, id: b.hid(), scope: 'colgroup', colspan: span(n * cols.length) });
    });
    // A cell is named by its innermost group, its row and its column (行政诉讼 复议后起诉 尚未审结).
    if (ch.length) names.push(levels[ch.length - 1].findLast((h) => h.item === ch[ch.length - 1]).id);
    const rowId = b.hid();
    levels[ch.length].push({ tag: 'th', item: row, id: rowId, scope: 'colgroup', colspan: span(cols.length) });
    names.push(rowId);
    for (const column of cols) {
      const id = b.hid();
      levels[ch.length + 1].push({ tag: 'th', item: column, id, scope: 'col', rowspan: span(depth - 1 - ch.length) });
      cells.push([row, column, [...names, id]]);
    }
  });
  b.parts.push({ tag: 'thead', rows: levels.filter((l) => l.length > 0).map((l) => ({ cells: l })) });
  const rows = [];
  const tr = { cells: cells.map(([row, column, names]) => b.data(row, column, names)) };
  b.dataRow(rows, tr, tr.cells.map((c) => c.cell), cells.length);
  b.parts.push({ tag: 'tbody', rows });
}

/** Table 二: a block per 第二十条 item, each with its own 信息内容 header row. */
function sectioned(b, table) {
  const width = Math.max(...table.sections.map((s) => s.columns.length));
  for (const section of table.sections) {
    const rows = [];
    if (section.header) {
      const item = { label: section.header, label_en: section.header_en ?? section.header };
      rows.push({ className: 'section', cells: [{ tag: 'th', item, id: b.hid(), scope: 'colgroup', colspan: span(width + 1) }] });
    }
    // The last column takes up what a narrower block leaves, so the blocks line up.
    const colspan = (i) => span(i === section.columns.length - 1 ? width - section.columns.length + 1 : 1);
    const corner = section.row_header ? { tag: 'th', item: section.row_header, id: b.hid(), scope: 'col' } : { tag: 'td' };
    const colIds = [];
    const heads = section.columns.map((c, i) => {
      const id = b.hid();
      colIds.push(id);
      return { tag: 'th', item: c, id, scope: 'col', colspan: colspan(i) };
    });
    rows.push({ className: 'colheads', cells: [corner, ...heads] });
    for (const row of section.rows) {
      const rowId = b.hid();
      const data = section.columns.map((c, i) => ({ ...b.data(row, c, [rowId, colIds[i]]), colspan: colspan(i) }));
      b.dataRow(rows, { cells: [{ tag: 'th', item: row, id: rowId, scope: 'row' }, ...data] }, data.map((d) => d.cell), width + 1);
    }
    b.parts.push({ tag: 'tbody', rows });
  }
}

/** Table 三: spanning row groups on the left, spanning column groups on top, the note in the corner. */
function matrix(b, table, messageRows) {
  const section = table.sections[0];
  const cols = section.columns;
  const levels = headerLevels(cols.map((c) => chain(table.column_groups, c.group)), cols);
  const rchains = section.rows.map((r) => chain(table.row_groups, r.group));
  const labelCols = Math.max(0, ...rchains.map((c) => c.length)) + 1;
  const colHeaders = cols.map(() => []);
  const head = levels.map((level, i) => {
    const cells = [];
    if (i === 0) {
      cells.push({ tag: 'td', item: table.note ?? undefined, className: table.note ? 'note' : undefined, rowspan: span(levels.length), colspan: span(labelCols) });
    }
    for (const h of level) {
      const id = b.hid();
      cells.push({ tag: 'th', item: h.item, id, scope: h.isColumn ? 'col' : 'colgroup', colspan: span(h.colspan), rowspan: span(h.rowspan) });
      // A column is named by its innermost groups that are not captions, then its own label.
      for (let c = h.index; c < h.index + h.colspan; c++) {
        if (h.isColumn || !isCaption(table.column_groups, h.item)) colHeaders[c].push(id);
      }
    }
    return { cells };
  });
  b.parts.push({ tag: 'thead', rows: head });
  const rows = [];
  section.rows.forEach((row, r) => {
    const ch = rchains[r];
    const cells = [];
    const names = [];
    ch.forEach((g, level) => {
      const id = `g-${g.key}`;
      if (r === 0 || rchains[r - 1][level] !== g) {
        const n = runLength(rchains, r, level, g);
        // Message rows sit between data rows, so a group's label spans them too.
        cells.push({ tag: 'th', item: g, id, scope: 'rowgroup', rowspan: span(messageRows ? n * 2 : n), className: 'group' });
      }
      if (!isCaption(table.row_groups, g)) names.push(id);
    });
    const rowId = b.hid();
    cells.push({ tag: 'th', item: row, id: rowId, scope: 'row', colspan: span(labelCols - ch.length) });
    names.push(rowId);
    const data = cols.map((c, i) => b.data(row, c, [...names, ...colHeaders[i]]));
    // The message cell spans the row label and the data: the group labels on the left span it.
    b.dataRow(rows, { cells: [...cells, ...data] }, data.map((d) => d.cell), labelCols - ch.length + cols.length);
  });
  b.parts.push({ tag: 'tbody', rows });
}

/**
 * The layout of one table of schema().tables. `messageRows`: add a row for messages under each
 * data row (the form does; a printed table does not).
 */
export function tableLayout(table, { messageRows = false } = {}) {
  const b = builder(table, messageRows);
  if (TRANSPOSED.has(table.key)) transposed(b, table);
  else if (table.sections.length > 1 || table.sections[0].header) sectioned(b, table);
  else matrix(b, table, messageRows);
  return b.done();
}

/** The layouts of all three tables, in the order of the report. */
export const tableLayouts = (schema, options) => schema.tables.map((table) => tableLayout(table, options));
