// Inline messages: each problem shown where it belongs — under its cell's row, under the text,
// under the issuer or year, or above the tables (what is about no cell) — with its cell marked
// (aria-invalid, a corner mark) and linked to it (aria-describedby). Warnings carry the field for
// the clerk's reason; a fix its 「改为 X」 button; several blanks in a row one 「本行空白格填 0」.
//
// init(root = the form, ctx): draws on 'draw'; reasons typed here go through ctx.edit.
import { el, attr, reconcile, focusCell, safeId, sumId } from '../dom.js';
import { visibleFindings, problems } from '../findings.js';
import { headText, fixButton, reasonsList, reasonField, applyFix } from './problem.js';

/** The cover fields whose findings (finding.field) are shown under them. */
const COVER = ['issuer', 'year'];

const messageId = (key) => safeId('msg-', key);

export function init(root, ctx) {
  const { t, message, lang } = ctx.i18n;
  const { inputs, messageRows } = ctx.view;
  const nodes = new Map(); // problem key → { sig, node }: unchanged problems keep their node
  const $ = (id) => document.getElementById(id);

  /** The node for `key`, made afresh only when its signature (language, words) changes. */
  function cached(key, sig, make) {
    const hit = nodes.get(key);
    if (hit && hit.sig === sig) return hit.node;
    const node = make(hit?.node);
    nodes.set(key, { sig, node });
    return node;
  }

  function inlineNode(p) {
    const sig = `${lang()}|${p.severity}|${headText(ctx, p)}|${p.fix?.value ?? ''}|${p.findings.map((f) => f.id + message(f)).join('|')}`;
    return cached(p.key, sig, (old) => {
      if (p.kind === 'warning' && old) {
        // Keep the reason input (and the clerk's cursor in it); only the wording changes.
        old.querySelector('.head').textContent = headText(ctx, p);
        old.querySelector('.sev').textContent = t('warning');
        return old;
      }
      return el('li', { class: `problem ${p.severity}`, id: messageId(p.key), 'data-key': p.key },
        el('span', { class: 'sev', text: t(p.severity === 'error' ? 'error' : 'warning') }),
        el('span', { class: 'head', text: headText(ctx, p) }),
        p.fix ? fixButton(ctx, p) : null,
        reasonsList(ctx, p),
        p.kind === 'warning' ? reasonField(ctx, p.findings[0]) : null);
    });
  }

  function blankRowNode(blanks) {
    const cells = blanks.map((p) => p.anchor).join(' ');
    return cached(`blanks:${cells}`, `${lang()}|${blanks.length}`, () => el('li', { class: 'problem error blank-row', 'aria-hidden': 'true' },
      el('span', { class: 'sev', text: t('error') }),
      el('span', { class: 'head', text: t('in_this_row', { text: t('blanks', { n: blanks.length }) }) }),
      el('button', { type: 'button', class: 'fill-row', 'data-cells': cells, tabindex: '-1', text: t('fill_row_zero') })));
  }

  function hiddenNode(p) {
    const text = message(p.findings[0]);
    return cached(`hidden:${p.key}`, `${lang()}|hidden|${text}`, () => el('li', { class: 'visually-hidden', id: messageId(p.key), text }));
  }

  const fieldShown = new Map(); // cover field → the error text last shown under it
  function drawFieldErrors(fields) {
    for (const field of COVER) {
      const p = fields.get(field);
      const text = p ? message(p.findings[0]) : '';
      if (fieldShown.get(field) === text) continue;
      fieldShown.set(field, text);
      const box = $(`${field}-error`);
      if (box.hidden !== !text) box.hidden = !text;
      if (box.textContent !== text) box.textContent = text;
      attr($(field), 'aria-invalid', text ? 'true' : null);
      attr($(field), 'aria-describedby', text ? `${field}-hint ${field}-error` : `${field}-hint`);
    }
  }

  let drawn = null; // what the last draw showed: the same visible findings need no redraw
  let rows = null; // the message rows, once
  const rowShown = new Map(); // message row → the nodes last put in it
  const rowsWith = new Set(); // the message rows last drawn with a problem in them
  const cellShown = new Map(); // cell id → its marks last set: only the cells whose marks change are touched
  const looseShown = new Map(); // list (text, report) → the nodes last put in it
  let marked = new Set(); // the cells last drawn with a problem: the only ones besides `cells` whose marks may change
  const same = (a, b) => a?.length === b.length && b.every((x, i) => a[i] === x);
  const sumIds = new Map(); // total cell id → the id of its computed sum, made once
  function draw({ fresh, cells }) {
    const visible = visibleFindings(ctx);
    const unread = ctx.report.unread.size; // a cell typed into is no longer linked to 未读出's note
    if (!fresh && drawn && drawn.visible === visible && drawn.lang === lang() && drawn.auto === ctx.ui.auto && drawn.unread === unread) return;
    // A keystroke visits the rows and cells that had or have a problem, and the cells it changed;
    // a fresh draw, another language or 自动合计 switched visit them all.
    const all = fresh || !drawn || drawn.lang !== lang() || drawn.auto !== ctx.ui.auto || !cells;
    drawn = { visible, lang: lang(), auto: ctx.ui.auto, unread };
    rows ??= [...new Set(messageRows.values())];
    if (fresh) {
      nodes.clear();
      rowShown.clear();
      rowsWith.clear();
      cellShown.clear();
      looseShown.clear();
      fieldShown.clear();
      for (const list of root.querySelectorAll('.inline-messages')) list.replaceChildren();
    }
    const byRow = new Map();
    const byCell = new Map();
    const loose = { text: [], report: [] };
    const fields = new Map();
    const push = (map, key, p) => (map.get(key) ?? map.set(key, []).get(key)).push(p);
    for (const p of problems(ctx, visible)) {
      const row = p.anchor && messageRows.get(p.anchor);
      const field = p.findings[0].field;
      if (row) {
        push(byRow, row, p);
        push(byCell, p.anchor, p);
      } else if (field === 'text') loose.text.push(p);
      else if (COVER.includes(field)) fields.set(field, p);
      else loose.report.push(p); // format, reasons, and what is about no cell (the previous report)
    }
    for (const row of all ? rows : new Set([...rowsWith, ...byRow.keys()])) {
      const ps = byRow.get(row) ?? [];
      // Several blanks in a row: one visible line for the row; each cell keeps its own message
      // for screen readers (linked by aria-describedby), so the table stays readable.
      const blanks = ps.filter((p) => p.kind === 'blank');
      const list = [];
      if (blanks.length > 1) list.push(blankRowNode(blanks), ...blanks.map(hiddenNode));
      for (const p of ps) if (p.kind !== 'blank' || blanks.length <= 1) list.push(inlineNode(p));
      if (list.length) rowsWith.add(row);
      else rowsWith.delete(row);
      if (same(rowShown.get(row), list)) continue;
      rowShown.set(row, list);
      reconcile(row.querySelector('ul'), list);
      row.classList.toggle('empty', ps.length === 0);
    }
    for (const [id, ps] of [['text-messages', loose.text], ['report-messages', loose.report]]) {
      const list = ps.map(inlineNode);
      if (same(looseShown.get(id), list)) continue;
      looseShown.set(id, list);
      reconcile($(id), list);
    }
    drawFieldErrors(fields);
    const visit = all ? inputs.keys() : new Set([...marked, ...byCell.keys(), ...cells]);
    marked = new Set(byCell.keys());
    for (const id of visit) {
      const input = inputs.get(id);
      if (!input) continue;
      const ps = byCell.get(id) ?? [];
      const error = ps.some((p) => p.severity === 'error');
      const warning = !error && ps.some((p) => p.severity === 'warning');
      const described = ps.map((p) => messageId(p.key));
      if (ctx.cell(id).total && !ctx.ui.auto) described.unshift(sumIds.get(id) ?? sumIds.set(id, sumId(id)).get(id));
      if (ctx.report.unread.has(id)) described.push('unread-note'); // 未能从文件中读出 (tables.js)
      const marks = `${error}|${warning}|${described.join(' ')}`;
      if (cellShown.get(id) === marks) continue;
      cellShown.set(id, marks);
      attr(input, 'aria-invalid', error ? 'true' : null);
      attr(input, 'aria-describedby', described.length ? described.join(' ') : null);
      const td = input.parentElement;
      if (td.classList.contains('has-error') !== error) td.classList.toggle('has-error', error);
      if (td.classList.contains('has-warning') !== warning) td.classList.toggle('has-warning', warning);
    }
    for (const [key, { node }] of [...nodes]) if (!node.isConnected) nodes.delete(key);
  }

  ctx.on('draw', draw);
  ctx.on('collect', (report) => {
    report.reasons ??= {};
    for (const input of root.querySelectorAll('input.reason')) {
      const reason = input.value.trim();
      if (reason) report.reasons[input.dataset.finding] = reason;
      else delete report.reasons[input.dataset.finding];
    }
  });

  // A warning's reason: under the tables' rows and under the text.
  root.addEventListener('input', (event) => {
    const input = event.target;
    if (input.classList.contains('reason')) ctx.edit({ reason: [input.dataset.finding, input.value.trim() || null] });
  });
  root.addEventListener('click', (event) => {
    const fix = event.target.closest('button.fix');
    if (fix) {
      focusCell(applyFix(ctx, fix));
      return;
    }
    const fillRow = event.target.closest('button.fill-row');
    if (fillRow) {
      const ids = fillRow.dataset.cells.split(' ');
      ctx.edit({ cells: ids.filter((id) => !ctx.report.filled(id)).map((id) => [id, '0']), undoable: true });
      ctx.notify(t('filled_zero', { n: ids.length }), { undo: true });
      focusCell(inputs.get(ids[0]));
    }
  });
}
