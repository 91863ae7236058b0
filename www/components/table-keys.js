// The tables' keyboard and paste, as in a spreadsheet: arrows move, Enter goes down (back to the
// column where a run of Tabs began), and a block copied from Excel or WPS fills in from the focused
// cell. `grids` holds, per table, its rows of inputs in visual order.
import { focusCell } from '../dom.js';

export function cellKeys(ctx, grids) {
  const { t } = ctx.i18n;
  const pos = new Map(); // input → { g, r, c }
  grids.forEach((rows, g) => rows.forEach((row, r) => row.forEach((input, c) => pos.set(input, { g, r, c }))));
  let tabAnchor = null; // where a run of Tabs along a row began

  /** Focuses row r, column c of table g; above or below a table goes on to the next one. */
  function moveTo(g, r, c) {
    if (r < 0) {
      if (g === 0) return false;
      g -= 1;
      r = grids[g].length - 1;
    } else if (r >= grids[g].length) {
      if (g === grids.length - 1) return false;
      g += 1;
      r = 0;
    }
    const row = grids[g][r];
    if (c < 0) return false;
    focusCell(row[Math.min(c, row.length - 1)]); // table 二's one-column rows take any column
    return true;
  }

  const wholeSelected = (input) => input.selectionStart === 0 && input.selectionEnd === input.value.length;
  const caretAt = (input, at) => input.selectionStart === at && input.selectionEnd === at;

  function onKey(event) {
    const input = event.target;
    const p = pos.get(input);
    if (!p || event.altKey || event.ctrlKey || event.metaKey) return;
    const row = grids[p.g][p.r];
    const step = (to) => {
      event.preventDefault();
      tabAnchor = null;
      to();
    };
    switch (event.key) {
      case 'ArrowUp':
        step(() => moveTo(p.g, p.r - 1, p.c));
        break;
      case 'ArrowDown':
        step(() => moveTo(p.g, p.r + 1, p.c));
        break;
      case 'ArrowLeft':
        if ((wholeSelected(input) || caretAt(input, 0)) && p.c > 0) step(() => focusCell(row[p.c - 1]));
        break;
      case 'ArrowRight':
        if ((wholeSelected(input) || caretAt(input, input.value.length)) && p.c < row.length - 1) step(() => focusCell(row[p.c + 1]));
        break;
      case 'Enter': {
        // As in Excel: Enter goes down; after Tabbing along a row, back to the column the Tabs began in.
        const col = tabAnchor && tabAnchor.g === p.g && tabAnchor.r === p.r ? tabAnchor.c : p.c;
        step(() => {
          if (event.shiftKey) moveTo(p.g, p.r - 1, col);
          else if (!moveTo(p.g, p.r + 1, col)) document.getElementById('text').focus();
        });
        break;
      }
      case 'Tab':
        if (!event.shiftKey && p.c < row.length - 1) {
          if (!(tabAnchor && tabAnchor.g === p.g && tabAnchor.r === p.r)) tabAnchor = { ...p };
        } else tabAnchor = null;
        break;
      default:
    }
  }

  /** A block copied from Excel or WPS: tab-separated columns, one line per row. */
  function onPaste(event) {
    const p = pos.get(event.target);
    if (!p) return;
    const text = event.clipboardData?.getData('text/plain') ?? '';
    const body = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
    if (!/[\t\n]/.test(body)) return; // one value: the browser pastes it into the cell
    event.preventDefault();
    const grid = grids[p.g];
    const values = [];
    let clipped = 0;
    let cols = 0;
    let rows = 0;
    body.split('\n').forEach((line, i) => {
      line.split('\t').forEach((raw, j) => {
        const target = grid[p.r + i]?.[p.c + j];
        const value = raw.trim().replace(/^"(.*)"$/, '$1').trim();
        if (!target) {
          if (value !== '') clipped++;
          return;
        }
        rows = Math.max(rows, i + 1);
        cols = Math.max(cols, j + 1);
        values.push([target.dataset.cell, value]);
      });
    });
    ctx.ui.editing = null;
    ctx.edit({ cells: values, undoable: true });
    const size = { rows: t('n_rows', { n: rows }), cols: t('n_cols', { n: cols }) };
    ctx.notify(clipped ? t('pasted_clipped', { ...size, outside: t('outside', { n: clipped }) }) : t('pasted', size), { undo: true });
  }

  return { onKey, onPaste, forgetTabs: () => { tabAnchor = null; } };
}
