// The form's three tables as elements of `doc`: the browser's document, or lib/tables/html.js's
// htmlDocument in Node, where scripts/bundle-form.mjs writes them into the form's bundle as HTML
// (www/prebuilt.js) for tables.js to adopt. Only what draw.js uses of a document is used here:
// createElement, setAttribute, append and textContent. No wording of the page is written (data-t:
// translatePage fills it); the report's labels are written with `label` and marked data-l, in the
// order `labelledItems` gives their schema items, so that another language can rewrite them.
import { drawTables } from '../../lib/tables/draw.js';
import { domId, sumId } from '../dom.js';

const LAYOUT = { prefix: 'f', headingTag: 'h2', messageRows: true };

/** The nodes to put into #tables, in order. */
export function drawFormTables(schema, { doc, label }) {
  const make = (tag, attrs = {}, ...children) => {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };
  const cells = new Map(schema.cells.map((c) => [c.id, c]));
  const inputs = new Map();
  function cellInput(id) {
    const info = cells.get(id);
    const input = make('input', {
      type: 'text', name: id, id: domId(id), class: 'cell', inputmode: info.kind === 'amount' ? 'decimal' : 'numeric',
      autocomplete: 'off', spellcheck: 'false', 'data-cell': id,
    });
    inputs.set(id, input);
    // A total has the sum the package computed beside it.
    return info.total ? [input, make('output', { id: sumId(id), class: 'sum' })] : input;
  }
  const nodes = [
    make('p', { class: 'keys-help', 'data-t': 'help_keys' }),
    make('ul', { class: 'inline-messages report-messages', id: 'report-messages' }),
    // What an unread cell's mark means, for screen readers (messages.js links each such cell to it).
    make('span', { id: 'unread-note', class: 'visually-hidden', 'data-t': 'cell_unread' }),
  ];
  const drawn = drawTables(schema, { ...LAYOUT, doc, label, cell: cellInput, onLabel: (node) => node.setAttribute('data-l', '') });
  for (const { layout, heading, table, names } of drawn) {
    const section = make('section', { class: `table-block table-${layout.key}`, 'aria-labelledby': heading.getAttribute('id') }, heading);
    if (layout.key === 'requests') {
      // Plain text, not a disclosure: no Tab stop between table 二 and table 三.
      section.append(make('div', { class: 'help' },
        make('p', { class: 'help-title', 'data-t': 'help_title' }),
        make('ul', {}, make('li', { 'data-t': 'help_1' }), make('li', { 'data-t': 'help_2' }), make('li', { 'data-t': 'help_3' }))));
    }
    section.append(make('div', { class: 'table-wrap' }, table));
    nodes.push(section);
    for (const [id, ids] of names) inputs.get(id).setAttribute('aria-labelledby', ids.join(' '));
  }
  return nodes;
}

/** The schema item of each element drawFormTables marks data-l, in document order. */
export function labelledItems(schema) {
  const items = [];
  const node = { setAttribute() {}, append() {}, getAttribute: () => null, set textContent(_) { /* not kept */ } };
  const doc = { createElement: () => ({ ...node }) };
  drawTables(schema, { ...LAYOUT, doc, label: () => '', cell: () => null, onLabel: (_, item) => items.push(item) });
  return items;
}
