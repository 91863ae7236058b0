// The three tables of the form: an input per cell, named by its cell id, in the official layout
// (lib/tables/layout.js, drawn by lib/tables/draw.js through tables-markup.js); beside each total the
// sum the package computed. Typing goes through the one after-edit path; the keyboard and paste are
// in table-keys.js.
//
// init(root = #tables, ctx): puts the tables into root — the HTML the bundle carries (prebuilt.js),
// else drawn here — takes the inputs, sums and message rows from what is there into ctx.view, and
// keeps every input showing the report's value (except the one being typed in).
import { tablesHtml } from '../prebuilt.js';
import { drawFormTables, labelledItems } from './tables-markup.js';
import { cellKeys } from './table-keys.js';

export function init(root, ctx) {
  const { t, label } = ctx.i18n;
  const { inputs, messageRows } = ctx.view;
  const sums = new Map(); // total cell id → the output beside it
  const cellOf = new WeakMap(); // input → its cell id: a keystroke reads no dataset

  // Written in Chinese when the bundle was built; drawn here in the page's language otherwise.
  if (tablesHtml) root.innerHTML = tablesHtml;
  else root.append(...drawFormTables(ctx.schema, { doc: document, label }));
  // One pass over the inputs, in document order: a new table row starts a row of the grid, a new
  // table a grid; each data row has its message row under it.
  const grids = []; // per table: rows of inputs in visual order
  let row = null;
  for (const input of root.getElementsByClassName('cell')) {
    const id = input.name;
    const tr = input.closest('tr');
    if (tr !== row?.tr) {
      const table = tr.closest('table');
      if (table !== row?.table) grids.push([]);
      row = { tr, table, inputs: [] };
      grids[grids.length - 1].push(row.inputs);
    }
    row.inputs.push(input);
    inputs.set(id, input);
    cellOf.set(input, id);
    if (input.nextElementSibling) sums.set(id, input.nextElementSibling); // the output beside a total
    messageRows.set(id, tr.nextElementSibling);
  }
  const keys = cellKeys(ctx, grids);

  /** Every schema label shown, in the page's language. */
  let labelled = null; // [element, schema item], found on the first relabelling
  function relabel() {
    labelled ??= ((items) => [...root.querySelectorAll('[data-l]')].map((node, i) => [node, items[i]]))(labelledItems(ctx.schema));
    for (const [node, item] of labelled) node.textContent = label(item);
  }
  if (tablesHtml && ctx.i18n.lang() !== 'zh') relabel();

  /** A cell an import could not read: marked by its frame and the words 「未读出」 in it, not by colour alone. */
  const unreadShown = new Set(); // the inputs marked unread: a keystroke reads no attribute to know
  function markUnread(input, unread) {
    if (unreadShown.has(input) === unread) return;
    if (unread) unreadShown.add(input);
    else unreadShown.delete(input);
    const td = input.closest('td');
    td.classList.toggle('unread', unread);
    if (unread) {
      input.dataset.tPlaceholder = 'cell_unread_mark';
      input.placeholder = t('cell_unread_mark');
      td.title = t('cell_unread');
    } else {
      delete input.dataset.tPlaceholder;
      input.removeAttribute('placeholder');
      td.removeAttribute('title');
    }
  }

  /** `computed` or `computed_differs` with `value`: the template split once per language, not parsed each keystroke. */
  const words = new Map(); // `${lang}|${key}` → [before, after]
  function say(key, value) {
    const k = `${ctx.i18n.lang()}|${key}`;
    if (!words.has(k)) words.set(k, t(key, { value: '\u0000' }).split('\u0000'));
    const [before, after] = words.get(k);
    return before + value + after;
  }

  /** The computed total beside each typed one (of `ids`, or all); a differing one says what it should be. */
  const sumShown = new Map(); // output → { hidden, className, text } it shows: compared in JS, not read back from the DOM
  function drawSums(ids) {
    for (const id of ids ?? sums.keys()) {
      const out = sums.get(id);
      if (!out) continue;
      const computed = ctx.report.totals.get(id);
      const typed = ctx.report.value(id);
      // Nothing to tell while the row is empty.
      const hidden = ctx.ui.auto || computed === null || computed === undefined || (computed === '0' && typed === '');
      const differs = !hidden && typed !== '' && typed !== computed && ctx.ui.editing !== id;
      // aria-describedby would still read a hidden sum: it is emptied.
      const text = hidden ? '' : say(differs ? 'computed_differs' : 'computed', computed);
      const was = sumShown.get(out) ?? { hidden: out.hidden, className: out.className, text: out.textContent };
      const className = hidden ? was.className : 'sum' + (differs ? ' differs' : typed === computed ? ' match' : '');
      // Written only when it changes: a keystroke touches the DOM it changed, nothing else.
      if (was.hidden !== hidden) out.hidden = hidden;
      if (was.className !== className) out.className = className;
      if (was.text !== text) {
        // The text node's data, not textContent: no node is removed and made again.
        if (out.firstChild?.nodeType === Node.TEXT_NODE) out.firstChild.data = text;
        else out.textContent = text;
      }
      sumShown.set(out, { hidden, className, text });
    }
  }

  // A keystroke redraws only the cells it changed (`cells`); other draws redraw all.
  ctx.on('draw', ({ cells }) => {
    for (const id of cells ?? inputs.keys()) {
      if (id === ctx.ui.editing) continue; // what the clerk is typing stays as typed
      const input = inputs.get(id);
      const value = ctx.report.value(id);
      if (input.value !== value) input.value = value;
      markUnread(input, ctx.report.unread.has(id));
      if (ctx.cell(id).total && input.readOnly !== ctx.ui.auto) {
        input.readOnly = ctx.ui.auto;
        input.closest('td').classList.toggle('auto', ctx.ui.auto);
      }
    }
    drawSums(cells);
  });
  ctx.on('lang', () => {
    relabel();
    for (const td of root.querySelectorAll('td.unread')) td.title = t('cell_unread');
  });
  ctx.on('collect', (report) => {
    for (const [id, input] of inputs) {
      const [table, row, column] = id.split('.');
      const value = input.value.trim();
      (report[table][row] ??= {})[column] = value === '' ? null : value;
    }
  });

  root.addEventListener('input', (event) => {
    const id = cellOf.get(event.target);
    if (!id) return;
    ctx.ui.editing = id;
    ctx.edit({ cells: [[id, event.target.value]] });
  });
  root.addEventListener('focusin', (event) => {
    if (!event.target.classList.contains('cell')) return;
    highlightHeaders(event.target, true);
    ctx.ui.lastCell = event.target;
  });
  root.addEventListener('focusout', (event) => {
    const input = event.target;
    if (!input.classList.contains('cell')) return;
    highlightHeaders(input, false);
    // Left: the value is shown normalised, and what waited for the clerk to leave is judged.
    if (ctx.ui.editing === cellOf.get(input)) ctx.ui.editing = null;
    ctx.redraw();
  });
  root.addEventListener('keydown', (event) => {
    if (event.target.classList.contains('cell')) keys.onKey(event);
  });
  root.addEventListener('mousedown', keys.forgetTabs);
  root.addEventListener('paste', (event) => {
    if (event.target.classList.contains('cell')) keys.onPaste(event);
  });
}

function highlightHeaders(input, on) {
  const ids = input.getAttribute('aria-labelledby');
  if (!ids) return;
  for (const id of ids.split(' ')) document.getElementById(id)?.classList.toggle('current', on);
}
