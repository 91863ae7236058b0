// Draws a table layout (layout.js) against a minimal DOM-like interface, so that the browser's
// `document` and html.js's `htmlDocument` in Node give the same table. The interface used:
// `doc.createElement(tag)` → a node with `setAttribute(name, value)`, `append(...nodesOrStrings)`
// and a `textContent` setter. Nothing else.
//
//   const { table, names, messageRows } = drawTable(layout, {
//     doc: document, prefix: 'p', label: (item) => item.label, cell: (id) => values.get(id),
//   });
//
// `drawTables(schema, options)` draws all three, each with its heading (`<h3 id="p-h-requests">`).
//
// `cell(id, { row, column })` gives a data cell's content (a node, a string, an array of them or null), called once
// per cell in Tab order. `onLabel(el, item)`, if given, sees every element showing a schema label,
// so that a language switch can rewrite them. `onCell(el, id, headerIds)`, if given, sees every data
// cell's element with the DOM ids of the header cells naming it (a page that shows values rather
// than inputs sets `headers` and its own data attributes there). Returns the table, `names` (cell id → the DOM ids of
// its header cells, for aria-labelledby) and `messageRows` (cell id → the message row under it).

import { tableLayout } from './layout.js';

const ORDER = ['id', 'scope', 'colspan', 'rowspan', 'class'];

function make(doc, tag, attrs = {}) {
  const node = doc.createElement(tag);
  for (const name of ORDER) {
    const value = attrs[name];
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  return node;
}

export function drawTable(layout, { doc, prefix, label, cell, onLabel, onCell, labelledBy }) {
  const domId = (local) => `${prefix}-${layout.key}-${local}`;
  const table = make(doc, 'table', { class: `grid grid-${layout.key}` });
  if (labelledBy) table.setAttribute('aria-labelledby', labelledBy);
  const messageRows = new Map();
  for (const part of layout.parts) {
    const group = make(doc, part.tag);
    for (const row of part.rows) {
      const tr = make(doc, 'tr', { class: row.className });
      if (row.messages) {
        const td = make(doc, 'td', { colspan: row.messages.span });
        td.append(make(doc, 'ul', { class: 'inline-messages' }));
        tr.append(td);
        for (const id of row.messages.cells) messageRows.set(id, tr);
      }
      for (const c of row.cells) {
        const node = make(doc, c.tag, { id: c.id && domId(c.id), scope: c.scope, colspan: c.colspan, rowspan: c.rowspan, class: c.className });
        if (c.cell) {
          const content = cell(c.cell, { row: c.row, column: c.column });
          if (content !== null && content !== undefined) node.append(...[content].flat());
          onCell?.(node, c.cell, layout.headers.get(c.cell).map(domId));
        } else if (c.item) {
          node.textContent = label(c.item);
          onLabel?.(node, c.item);
        }
        tr.append(node);
      }
      group.append(tr);
    }
    table.append(group);
  }
  const names = new Map([...layout.headers].map(([id, locals]) => [id, locals.map(domId)]));
  return { table, names, messageRows };
}

/**
 * The three tables of `schema`, each with its heading (`headingTag`, id `${prefix}-h-${key}`, which
 * labels the table), as [{ layout, heading, table, names, messageRows }]. `messageRows` as in
 * tableLayout; the other options as in drawTable.
 */
export function drawTables(schema, { headingTag = 'h3', messageRows = false, ...options }) {
  return schema.tables.map((table) => {
    const layout = tableLayout(table, { messageRows });
    const heading = options.doc.createElement(headingTag);
    heading.setAttribute('id', `${options.prefix}-h-${table.key}`);
    heading.textContent = options.label(table);
    options.onLabel?.(heading, table);
    return { layout, heading, ...drawTable(layout, { ...options, labelledBy: `${options.prefix}-h-${table.key}` }) };
  });
}
