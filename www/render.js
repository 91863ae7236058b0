// Builds the three tables in their official layout from schema(): the same code draws the form
// (an input per cell) and the print view (the values as text). Every label comes from the schema.
import { label } from './i18n.js';

/** `requests.new.natural_person` → `cell-requests-new-natural_person` (keys never contain "-"). */
export const domId = (cellId) => 'cell-' + cellId.replaceAll('.', '-');
export const cellIdOf = (dom) => dom.replace(/^cell-/, '').replaceAll('-', '.');

/** Elements whose text is a schema label, so that the language switch can redraw them. */
export class Labels {
  constructor() { this.items = []; }
  /** Creates `tag` showing `item`'s label (Label or Group or Column or Row). */
  make(tag, item, attrs = {}) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) el.setAttribute(k, v === true ? '' : String(v));
    el.textContent = label(item);
    this.items.push([el, item]);
    return el;
  }
  refresh() { for (const [el, item] of this.items) el.textContent = label(item); }
}

// Table 四 is printed transposed in the official format: its three rows become column groups
// over one row of fifteen cells. The schema does not say so; this is the one layout fact kept here.
const TRANSPOSED = new Set(['appeals']);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** The chain of groups above an item, outermost first. */
function chain(groups, key) {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const out = [];
  for (let g = byKey.get(key); g; g = byKey.get(g.parent)) out.unshift(g);
  return out;
}

/** Groups that have child groups are whole-table captions (三、本年度办理结果, 申请人情况). */
const isCaption = (groups, g) => groups.some((other) => other.parent === g.key);

/** Column header chains, outermost group first (申请人情况 › 法人或其他组织 › 商业企业). */
const columnChains = (table, columns) => columns.map((c) => chain(table.column_groups, c.group));

/**
 * Header rows for columns under groups: returns rows of {item, colspan, rowspan, isColumn, index}.
 */
function headerRows(chains, columns) {
  const depth = Math.max(0, ...chains.map((c) => c.length)) + 1;
  const rows = Array.from({ length: depth }, () => []);
  for (let level = 0; level < depth; level++) {
    for (let i = 0; i < columns.length; i++) {
      const ch = chains[i];
      if (level < ch.length) {
        const g = ch[level];
        if (i > 0 && chains[i - 1][level] === g) continue;
        let span = 1;
        while (i + span < columns.length && chains[i + span][level] === g) span++;
        rows[level].push({ item: g, colspan: span, rowspan: 1, isColumn: false, index: i });
      } else if (level === ch.length) {
        rows[level].push({ item: columns[i], colspan: 1, rowspan: depth - ch.length, isColumn: true, index: i });
      }
    }
  }
  return rows;
}

/**
 * Builds one table. `cell(cellId, info)` returns the content of a data cell; it is called once per
 * cell in document (= Tab) order. Returns { table, grid: [[cellId]], messageRows: Map cellId → tr,
 * names: Map cellId → [header element ids] }.
 */
export function buildTable(table, { labels, cell, prefix, withMessages }) {
  const t = el('table', { class: `grid grid-${table.key}` });
  const grid = [];
  const names = new Map();
  const messageRows = new Map();
  let serial = 0;
  const hid = () => `${prefix}-${table.key}-h${serial++}`;
  const messageRow = (span, cellIds) => {
    if (!withMessages) return null;
    const tr = el('tr', { class: 'messages empty' });
    tr.append(el('td', { colspan: span }, el('ul', { class: 'inline-messages' })));
    for (const id of cellIds) messageRows.set(id, tr);
    return tr;
  };

  if (TRANSPOSED.has(table.key)) {
    // One data row; the schema's rows become column groups, row groups a level above them.
    const section = table.sections[0];
    const cols = section.columns;
    const chains = section.rows.map((r) => chain(table.row_groups, r.group));
    const depth = Math.max(0, ...chains.map((c) => c.length)) + 2;
    const thead = el('thead');
    const levels = Array.from({ length: depth }, () => el('tr'));
    const rowHeader = new Map();
    section.rows.forEach((row, i) => {
      const ch = chains[i];
      ch.forEach((g, level) => {
        if (i > 0 && chains[i - 1][level] === g) return;
        let span = 0;
        for (let j = i; j < section.rows.length && chains[j][level] === g; j++) span++;
        const id = hid();
        levels[level].append(labels.make('th', g, { id, colspan: span * cols.length, scope: 'colgroup' }));
        for (let j = i; j < i + span; j++) rowHeader.set(j, [...(rowHeader.get(j) ?? []), id]);
      });
      const id = hid();
      levels[ch.length].append(labels.make('th', row, { id, colspan: cols.length, rowspan: depth - 1 - ch.length, scope: 'colgroup' }));
      rowHeader.set(i, [...(rowHeader.get(i) ?? []), id]);
    });
    const colIds = [];
    section.rows.forEach((row, i) => {
      for (const c of cols) {
        const id = hid();
        levels[depth - 1].append(labels.make('th', c, { id, scope: 'col' }));
        colIds.push([i, c, id]);
      }
    });
    thead.append(...levels.filter((tr) => tr.childElementCount > 0));
    const tbody = el('tbody');
    const tr = el('tr');
    const ids = [];
    for (const [i, c, colId] of colIds) {
      const row = section.rows[i];
      const id = `${table.key}.${row.key}.${c.key}`;
      ids.push(id);
      const groupIds = (rowHeader.get(i) ?? []).slice(-2);
      names.set(id, [...groupIds, colId]);
      tr.append(el('td', { class: c.key === 'total' ? 'num total' : 'num' }, cell(id, { row, column: c })));
    }
    grid.push(ids);
    tbody.append(tr);
    const mr = messageRow(colIds.length, ids);
    if (mr) tbody.append(mr);
    t.append(thead, tbody);
    return { table: t, grid, names, messageRows };
  }

  if (table.sections.length > 1 || table.sections[0].header) {
    // Table 二: a block per 第二十条 item, each with its own 信息内容 header row.
    const width = Math.max(...table.sections.map((s) => s.columns.length));
    for (const section of table.sections) {
      const tbody = el('tbody');
      if (section.header) {
        tbody.append(el('tr', { class: 'section' }, labels.make('th', { label: section.header, label_en: section.header_en ?? section.header }, { colspan: width + 1, scope: 'colgroup', id: hid() })));
      }
      const head = el('tr', { class: 'colheads' });
      head.append(section.row_header ? labels.make('th', section.row_header, { scope: 'col', id: hid() }) : el('td'));
      const colIds = section.columns.map((c, i) => {
        const id = hid();
        const span = i === section.columns.length - 1 ? width - section.columns.length + 1 : 1;
        head.append(labels.make('th', c, { scope: 'col', id, colspan: span > 1 ? span : null }));
        return id;
      });
      tbody.append(head);
      for (const row of section.rows) {
        const tr = el('tr');
        const rowId = hid();
        tr.append(labels.make('th', row, { scope: 'row', id: rowId }));
        const ids = [];
        section.columns.forEach((c, i) => {
          const id = `${table.key}.${row.key}.${c.key}`;
          ids.push(id);
          names.set(id, [rowId, colIds[i]]);
          const span = i === section.columns.length - 1 ? width - section.columns.length + 1 : 1;
          tr.append(el('td', { class: c.kind === 'amount' ? 'num amount' : 'num', colspan: span > 1 ? span : null }, cell(id, { row, column: c })));
        });
        grid.push(ids);
        tbody.append(tr);
        const mr = messageRow(width + 1, ids);
        if (mr) tbody.append(mr);
      }
      t.append(tbody);
    }
    return { table: t, grid, names, messageRows };
  }

  // Table 三: spanning row groups on the left, spanning column groups on top, the note in the corner.
  const section = table.sections[0];
  const cols = section.columns;
  const cchains = columnChains(table, cols);
  const hrows = headerRows(cchains, cols);
  const rchains = section.rows.map((r) => chain(table.row_groups, r.group));
  const labelCols = Math.max(0, ...rchains.map((c) => c.length)) + 1;
  const thead = el('thead');
  const colHeader = cols.map(() => []);
  hrows.forEach((cells, level) => {
    const tr = el('tr');
    if (level === 0) {
      const corner = table.note ? labels.make('td', table.note, { class: 'note' }) : el('td');
      corner.setAttribute('rowspan', hrows.length);
      corner.setAttribute('colspan', labelCols);
      tr.append(corner);
    }
    for (const h of cells) {
      const id = hid();
      const th = labels.make('th', h.item, {
        id,
        scope: h.isColumn ? 'col' : 'colgroup',
        colspan: h.colspan > 1 ? h.colspan : null,
        rowspan: h.rowspan > 1 ? h.rowspan : null,
      });
      tr.append(th);
      // A column's name: its innermost non-caption group, then its own label.
      for (let i = h.index; i < h.index + h.colspan; i++) {
        if (h.isColumn || !isCaption(table.column_groups, h.item)) colHeader[i].push(id);
      }
    }
    thead.append(tr);
  });
  const tbody = el('tbody');
  section.rows.forEach((row, r) => {
    const tr = el('tr');
    const ch = rchains[r];
    const rowIds = [];
    ch.forEach((g, level) => {
      let first = r;
      while (first > 0 && rchains[first - 1][level] === g) first--;
      let span = 0;
      for (let j = first; j < section.rows.length && rchains[j][level] === g; j++) span++;
      const id = `${prefix}-${table.key}-g-${g.key}`;
      if (first === r) {
        // Message rows sit between data rows, so a group's cell spans them too.
        const th = labels.make('th', g, { id, scope: 'rowgroup', rowspan: withMessages ? span * 2 : span, class: 'group' });
        tr.append(th);
      }
      if (!isCaption(table.row_groups, g)) rowIds.push(id);
    });
    const rowId = hid();
    tr.append(labels.make('th', row, { scope: 'row', id: rowId, colspan: labelCols - ch.length > 1 ? labelCols - ch.length : null }));
    rowIds.push(rowId);
    const ids = [];
    cols.forEach((c, i) => {
      const id = `${table.key}.${row.key}.${c.key}`;
      ids.push(id);
      names.set(id, [...rowIds, ...colHeader[i]]);
      tr.append(el('td', { class: c.key === 'total' ? 'num total' : 'num' }, cell(id, { row, column: c })));
    });
    grid.push(ids);
    tbody.append(tr);
    if (withMessages) {
      // The message cell spans the data columns only: the group labels on the left span this row.
      const mr = el('tr', { class: 'messages empty' });
      const reach = labelCols - ch.length;
      mr.append(el('td', { colspan: reach + cols.length }, el('ul', { class: 'inline-messages' })));
      for (const id of ids) messageRows.set(id, mr);
      tbody.append(mr);
    }
  });
  t.append(thead, tbody);
  return { table: t, grid, names, messageRows };
}
