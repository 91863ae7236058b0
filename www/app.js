// The form: renders the report from schema(), keeps it in a wasm Checker, and shows what the
// Checker finds. No rule is computed here; every judgement comes from the package.
import * as firstInstance from './pkg/nianbao.js';
import { t, setLang, getLang, label, message, translatePage } from './i18n.js';
import { buildTable, domId, Labels } from './render.js';
import { loadDraft, saveDraft, loadUndo, saveUndo, dropUndo, loadPrefs, savePrefs, loadPrevious, savePrevious } from './draft.js';

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

const S = {
  schema: null,
  info: new Map(), // cell id → CellInfo
  order: new Map(), // cell id → position in the report
  raw: null, // the wasm Checker itself; the form calls it only through C (see guard)
  findings: new Map(), // finding id → Finding, kept current from Checker.set's changes
  totals: new Map(), // total cell id → computed value
  inputs: new Map(), // cell id → input
  sums: new Map(), // total cell id → output beside it
  messageRows: new Map(), // cell id → the message row under its row
  grids: [], // per table: rows of inputs in visual order
  pos: new Map(), // input → { g, r, c }
  labels: null,
  editing: null, // the cell being typed in: its findings wait until the clerk leaves it
  submitted: false,
  auto: false,
  undo: null,
  yearText: '',
  yearEditing: false, // a half-typed year is not judged until the clerk leaves the field
  textEditing: false,
  previous: null, // last year's report, for the cross-year rules
  parts: new Map(), // total cell id → the cells it adds up (CellInfo.parts)
  tabAnchor: null,
  lastCell: null, // the cell last focused, to return to after dismissing a note
  problemNodes: new Map(),
  summaryKeys: null,
};

// ---------------------------------------------------------------- the package, behind one guard

// A trap (a Rust panic, an out-of-bounds access) leaves a wasm instance unusable. Every call into
// the package goes through guard(): on a trap it starts a fresh instance of the same compiled
// module, rebuilds the Checker from what the form shows (every value is in the DOM and the draft),
// says so, and retries the call once. The clerk loses nothing and checking goes on.
const P = {
  ns: firstInstance, // the package's JS bound to the current wasm instance
  module: null, // the compiled wasm, instantiated afresh after a trap
  spare: null, // another copy of the package's JS, loaded ahead so recovery needs no network
  generation: 0, // how many instances have been started
  recovering: false,
};

const isTrap = (err) => err instanceof WebAssembly.RuntimeError;

function guard(call) {
  try {
    return call();
  } catch (err) {
    if (!isTrap(err) || P.recovering) throw err;
    recover(err);
    return call(); // a second trap on the same call is not retried: it is a bug to report
  }
}

/** The Checker as the form uses it: `C.set(…)` is `S.raw.set(…)` through the guard. */
const C = new Proxy({}, { get: (_, method) => (...args) => guard(() => S.raw[method](...args)) });
const pkg = {
  schema: () => guard(() => P.ns.schema()),
  importReport: (text) => guard(() => P.ns.importReport(text)),
  checker: (report, options = null) => guard(() => new P.ns.Checker(report, options)),
  /**
   * What `report` holds, read with a Checker of its own that is freed after (a retry after a
   * trap starts over). Throws on what is not a report at all.
   */
  inspect: (report) => guard(() => {
    const probe = new P.ns.Checker(report);
    try {
      return {
        values: new Map(S.schema.cells.map((c) => [c.id, probe.value(c.id)])),
        report: probe.report(),
        result: probe.result(),
      };
    } finally {
      discard(probe);
    }
  }),
};

/** Frees a Checker the form no longer uses; one from an instance that trapped cannot be. */
function discard(checker) {
  try { checker?.free(); } catch { /* it lived in the instance that trapped */ }
}

async function loadPackage() {
  const url = new URL('./pkg/nianbao_bg.wasm', import.meta.url);
  try {
    P.module = await WebAssembly.compileStreaming(fetch(url));
  } catch {
    P.module = await WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
  await P.ns.default({ module_or_path: P.module });
  P.generation = 1;
  loadSpare();
}

function loadSpare() {
  P.spare = null;
  import(`./pkg/nianbao.js?instance=${P.generation + 1}`).then((ns) => { P.spare = ns; }, () => {});
}

/** A fresh instance and a Checker holding the form's current values; the page redraws after. */
function recover(err) {
  console.warn('nianbao: the checking module trapped; starting a fresh instance.', err);
  if (!P.spare) {
    // The spare copy is not loaded yet (a second trap at once): load one, and fail this call.
    // Every value is still in the form, and the Checker is rebuilt from it when the copy is in.
    import(`./pkg/nianbao.js?instance=${P.generation + 1}`).then(restart);
    throw err;
  }
  restart(P.spare);
}

function restart(ns) {
  if (ns === P.ns) return;
  P.recovering = true;
  const old = S.raw;
  try {
    ns.initSync({ module: P.module });
    P.ns = ns;
    P.generation += 1;
    S.raw = makeChecker(formReport());
  } finally {
    P.recovering = false;
  }
  discard(old);
  loadSpare();
  document.body.dataset.instance = String(P.generation);
  // Redraw once the interrupted handler has finished with the fresh Checker.
  queueMicrotask(() => {
    redrawAll();
    saveNow();
    notify(t('recovered'), { pinned: true });
  });
}

/**
 * The report as the form shows it: every cell, issuer, year and text from the fields, reasons
 * from the inputs on the page and the draft. Used to rebuild the Checker after a trap.
 */
function formReport() {
  const draft = loadDraft()?.report ?? {};
  const report = { format: draft.format, proactive: {}, requests: {}, appeals: {} };
  for (const [id, input] of S.inputs) {
    const [table, row, column] = id.split('.');
    const value = input.value.trim();
    (report[table][row] ??= {})[column] = value === '' ? null : value;
  }
  const issuer = $('issuer').value.trim();
  if (issuer) report.issuer = issuer;
  const year = $('year').value.trim();
  if (year) report.year = year;
  if ($('text').value) report.text = $('text').value;
  const reasons = { ...(draft.reasons ?? {}) };
  for (const input of document.querySelectorAll('input.reason')) {
    const reason = input.value.trim();
    if (reason) reasons[input.dataset.finding] = reason;
    else delete reasons[input.dataset.finding];
  }
  if (Object.keys(reasons).length) report.reasons = reasons;
  return report;
}

/**
 * For the end-to-end test of recovery: makes the current Checker's next call trap for real (an
 * out-of-bounds access in wasm), as a bug in the package would.
 */
export function simulateTrap() {
  S.raw.__wbg_ptr = 0xfffffff0;
  return P.generation;
}

// ---------------------------------------------------------------- the checker and its findings

function absorb(changes) {
  for (const id of changes.resolved) S.findings.delete(id);
  for (const f of changes.changed) S.findings.set(f.id, f);
  for (const total of changes.totals) S.totals.set(total.cell, total.value);
}

function reloadFindings() {
  const result = C.result();
  S.findings = new Map(result.findings.map((f) => [f.id, f]));
  S.totals = new Map(C.totals().map((x) => [x.cell, x.value]));
}

/** A Checker for `report`, with last year's report for the cross-year rules when there is one. */
const makeChecker = (report) => pkg.checker(report ?? null, S.previous ? { previous: S.previous } : null);

/** Sets issuer, year or text; their findings come back like a cell's. */
function setField(key, value) {
  absorb(C.setField(key, value));
}

/** Sets one cell as typed (the keystroke path: only what changed crosses); totals may follow. */
function setCell(id, value) {
  if (C.setAt(S.order.get(id), value === '' ? null : value)) absorb(C.lastChanges());
  if (S.auto && !S.info.get(id).total) fillTotals();
}

/** Writes every computed total into its cell until nothing changes (totals of totals settle). */
function fillTotals() {
  for (let round = 0; round < 8; round++) {
    let moved = false;
    for (const [cell, value] of S.totals) {
      const want = value ?? '';
      if (C.value(cell) !== want) {
        absorb(C.set(cell, value));
        S.inputs.get(cell).value = want;
        moved = true;
      }
    }
    if (!moved) break;
  }
}

const filled = (id) => C.value(id) !== '';

/**
 * With 自动合计 on, a total is filled by the form, so it counts as filled only once its parts
 * are: otherwise a half-typed table would already show broken column equations.
 */
function ready(id) {
  if (!S.auto || !S.parts.has(id)) return filled(id);
  return S.parts.get(id).every(ready);
}

/**
 * Whether a finding is shown yet. Before the first submission a sum is judged only once every
 * cell in it is filled, and never while the clerk is still typing in one of them; blanks wait for
 * submission.
 */
function shown(f) {
  if (S.editing && f.cells.includes(S.editing)) return false;
  if (S.textEditing && f.field === 'text') return false;
  if (S.yearEditing && f.field === 'year') return false;
  if (S.submitted) return true;
  if (f.rule === 'cell.blank' || f.rule === 'report.missing_field') return false;
  return f.cells.every(ready);
}

const position = (cell) => (cell ? S.order.get(cell) ?? -1 : -1);

/**
 * Problems as the clerk sees them: errors that one changed cell would fix are one problem at that
 * cell (「（一）予以公开」「自然人」应为 10), with the broken equations listed under it.
 */
function problems(findings) {
  const out = [];
  const byFix = new Map();
  const sorted = [...findings].sort((a, b) => position(a.fix?.cell ?? a.cell) - position(b.fix?.cell ?? b.cell));
  for (const f of sorted) {
    if (f.severity === 'error' && f.fix) {
      const key = `fix:${f.fix.cell}=${f.fix.value}`;
      let p = byFix.get(key);
      if (!p) {
        p = { key, kind: 'fix', severity: 'error', anchor: f.fix.cell, fix: f.fix, findings: [] };
        byFix.set(key, p);
        out.push(p);
      }
      p.findings.push(f);
    } else {
      out.push({
        key: f.id,
        kind: f.severity === 'warning' ? 'warning' : f.rule === 'cell.blank' ? 'blank' : 'finding',
        severity: f.severity,
        anchor: f.field ? null : f.cell ?? f.cells[0] ?? null,
        fix: null,
        findings: [f],
      });
    }
  }
  return out;
}

/** 「（一）予以公开」「自然人」应为 10（现为 12）: the package's words for a fix, else the finding's. */
const headText = (p) => message(p.kind === 'fix' ? p.fix : p.findings[0]);

function fixButton(p) {
  const text = t('fix_to', { value: p.fix.value });
  const b = el('button', { type: 'button', class: 'fix', 'data-fix-cell': p.fix.cell, 'data-fix-value': p.fix.value, text });
  b.setAttribute('aria-label', t('fix_to_name', { cell: label(S.info.get(p.fix.cell)), value: p.fix.value }));
  return b;
}

/** The equations behind a fix, in the package's own words. */
function reasonsList(p) {
  if (p.kind !== 'fix') return null;
  const ul = el('ul', { class: 'why' });
  for (const f of p.findings) ul.append(el('li', { text: message(f) }));
  return ul;
}

function reasonField(f) {
  const id = 'reason-' + f.id.replace(/[^\w-]/g, '_');
  const current = C.report().reasons?.[f.id] ?? '';
  const input = el('input', { type: 'text', id, class: 'reason', 'data-finding': f.id, autocomplete: 'off', 'aria-describedby': `${id}-hint` });
  input.value = current;
  return el('div', { class: 'reason-field' },
    el('label', { for: id, text: t('reason') }),
    input,
    el('span', { class: 'hint', id: `${id}-hint`, text: t('reason_hint') }));
}

const messageId = (key) => 'msg-' + key.replace(/[^\w-]/g, '_');

/** One problem under its cell. Warnings carry the field for the clerk's reason. */
function inlineNode(p) {
  const sig = `${getLang()}|${p.severity}|${headText(p)}|${p.fix?.value ?? ''}|${p.findings.map((f) => f.id + message(f)).join('|')}`;
  const cached = S.problemNodes.get(p.key);
  if (cached && cached.sig === sig) return cached.node;
  let node = cached?.node;
  if (p.kind === 'warning' && node) {
    // Keep the reason input (and the clerk's cursor in it); only the wording changes.
    node.querySelector('.head').textContent = headText(p);
    node.querySelector('.sev').textContent = t('warning');
  } else {
    node = el('li', { class: `problem ${p.severity}`, id: messageId(p.key), 'data-key': p.key },
      el('span', { class: 'sev', text: t(p.severity === 'error' ? 'error' : 'warning') }),
      el('span', { class: 'head', text: headText(p) }),
      p.fix ? fixButton(p) : null,
      reasonsList(p),
      p.kind === 'warning' ? reasonField(p.findings[0]) : null);
  }
  S.problemNodes.set(p.key, { sig, node });
  return node;
}

function blankRowNode(blanks) {
  const key = 'blanks:' + blanks.map((p) => p.anchor).join(' ');
  const sig = `${getLang()}|${blanks.length}`;
  const cached = S.problemNodes.get(key);
  if (cached && cached.sig === sig) return cached.node;
  const node = el('li', { class: 'problem error blank-row', 'aria-hidden': 'true' },
    el('span', { class: 'sev', text: t('error') }),
    el('span', { class: 'head', text: t('row_blanks', { n: blanks.length }) }),
    el('button', { type: 'button', class: 'fill-row', 'data-cells': blanks.map((p) => p.anchor).join(' '), tabindex: '-1', text: t('fill_row_zero') }));
  S.problemNodes.set(key, { sig, node });
  return node;
}

function hiddenNode(p) {
  const sig = `${getLang()}|hidden|${message(p.findings[0])}`;
  const key = 'hidden:' + p.key;
  const cached = S.problemNodes.get(key);
  if (cached && cached.sig === sig) return cached.node;
  const node = el('li', { class: 'visually-hidden', id: messageId(p.key), text: message(p.findings[0]) });
  S.problemNodes.set(key, { sig, node });
  return node;
}

/** Sets (or with null removes) an attribute only when it changes: this runs on every keystroke. */
function attr(node, name, value) {
  if (node.getAttribute(name) === value) return;
  if (value === null) node.removeAttribute(name);
  else node.setAttribute(name, value);
}

/** Puts `nodes` into `list`, moving as little as possible (a focused reason input stays put). */
function reconcile(list, nodes) {
  const want = new Set(nodes);
  for (const child of [...list.children]) if (!want.has(child)) child.remove();
  nodes.forEach((node, i) => {
    if (list.children[i] !== node) list.insertBefore(node, list.children[i] ?? null);
  });
}

function renderFindings() {
  const visible = [...S.findings.values()].filter(shown);
  const all = problems(visible);
  const byRow = new Map();
  const byCell = new Map();
  const loose = { text: [], report: [] };
  const fields = new Map();
  for (const p of all) {
    const row = p.anchor && S.messageRows.get(p.anchor);
    if (row) {
      if (!byRow.has(row)) byRow.set(row, []);
      byRow.get(row).push(p);
      if (!byCell.has(p.anchor)) byCell.set(p.anchor, []);
      byCell.get(p.anchor).push(p);
    } else if (p.findings[0].field === 'text') loose.text.push(p);
    else if (COVER.has(p.findings[0].field)) fields.set(p.findings[0].field, p);
    else loose.report.push(p); // format, reasons, and what is about no cell (cross_year.previous)
  }
  for (const row of new Set(S.messageRows.values())) {
    const ps = byRow.get(row) ?? [];
    // Several blanks in a row: one visible line for the row; each cell keeps its own message
    // for screen readers (linked by aria-describedby), so the table stays readable.
    const blanks = ps.filter((p) => p.kind === 'blank');
    const nodes = [];
    if (blanks.length > 1) {
      nodes.push(blankRowNode(blanks));
      for (const p of blanks) nodes.push(hiddenNode(p));
    }
    for (const p of ps) if (p.kind !== 'blank' || blanks.length <= 1) nodes.push(inlineNode(p));
    reconcile(row.querySelector('ul'), nodes);
    row.classList.toggle('empty', ps.length === 0);
  }
  reconcile($('text-messages'), loose.text.map(inlineNode));
  reconcile($('report-messages'), loose.report.map(inlineNode));
  renderFieldErrors(fields);
  for (const [id, input] of S.inputs) {
    const ps = byCell.get(id) ?? [];
    const error = ps.some((p) => p.severity === 'error');
    const warning = ps.some((p) => p.severity === 'warning');
    attr(input, 'aria-invalid', error ? 'true' : null);
    const described = [];
    if (S.sums.has(id) && !S.auto) described.push(S.sums.get(id).id);
    for (const p of ps) described.push(messageId(p.key));
    attr(input, 'aria-describedby', described.length ? described.join(' ') : null);
    const td = input.parentElement;
    if (td.classList.contains('has-error') !== error) td.classList.toggle('has-error', error);
    if (td.classList.contains('has-warning') !== (warning && !error)) td.classList.toggle('has-warning', warning && !error);
  }
  for (const [key, { node }] of [...S.problemNodes]) if (!node.isConnected) S.problemNodes.delete(key);
  renderTally(visible);
  if (S.submitted) renderSummary();
}

function renderTally(visible) {
  let count = 0;
  for (const id of S.inputs.keys()) if (filled(id)) count++;
  const errors = visible.filter((f) => f.severity === 'error').length;
  const warnings = visible.filter((f) => f.severity === 'warning').length;
  const parts = [t('tally_filled', { filled: count, total: S.inputs.size })];
  if (errors) parts.push(t('status_errors', { n: errors }));
  if (warnings) parts.push(t('status_warnings', { n: warnings }));
  const tally = $('tally');
  tally.textContent = parts.join(' · ');
  tally.classList.toggle('bad', errors > 0);
}

/** The computed total beside each typed one; a differing one says what it should be. */
function renderSums() {
  for (const [id, out] of S.sums) {
    const computed = S.totals.get(id);
    const typed = C.value(id);
    // Nothing to tell while the row is empty.
    out.hidden = S.auto || computed === null || computed === undefined || (computed === '0' && typed === '');
    if (out.hidden) {
      out.textContent = ''; // aria-describedby would still read a hidden sum
      continue;
    }
    const differs = typed !== '' && typed !== computed && S.editing !== id;
    out.className = 'sum' + (differs ? ' differs' : typed === computed ? ' match' : '');
    out.textContent = differs ? t('computed_differs', { value: computed }) : t('computed', { value: computed });
  }
}

// ---------------------------------------------------------------- the error summary

/** The cover fields whose findings (finding.field) are shown under them. */
const COVER = new Set(['issuer', 'year']);

let lastFieldProblems = new Map();
function renderFieldErrors(fields = lastFieldProblems) {
  lastFieldProblems = fields;
  for (const field of COVER) {
    const p = fields.get(field);
    const text = p ? message(p.findings[0]) : '';
    const input = $(field);
    const box = $(`${field}-error`);
    box.hidden = !text;
    box.textContent = text;
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', text ? `${field}-hint ${field}-error` : `${field}-hint`);
  }
}

function summaryItems() {
  const errors = problems([...S.findings.values()].filter((f) => f.severity === 'error'));
  const unexplained = C.unexplainedWarnings();
  const items = [];
  const blanks = errors.filter((p) => p.kind === 'blank');
  for (const p of errors) {
    if (p.kind === 'blank' && blanks.length > 3) continue;
    const field = p.findings[0].field;
    const target = p.anchor ? S.inputs.get(p.anchor) : COVER.has(field) || field === 'text' ? $(field) : $('report-messages');
    items.push({ key: p.key, target, problem: p });
  }
  if (blanks.length > 3) items.push({ key: `blanks:${blanks.length}`, target: S.inputs.get(blanks[0].anchor), blanks });
  for (const f of unexplained) {
    items.push({ key: `reason:${f.id}`, reasonFor: f, text: t('warning_needs_reason', { message: message(f) }) });
  }
  return items;
}

function focusCell(target) {
  if (!target) return;
  target.scrollIntoView({ block: 'center', inline: 'nearest' });
  target.focus({ preventScroll: true });
  if (typeof target.select === 'function') target.select();
}

function summaryLink(text, target, reasonFor) {
  const href = reasonFor ? '#' + 'reason-' + reasonFor.id.replace(/[^\w-]/g, '_') : target ? '#' + target.id : '#';
  const a = el('a', { href, text });
  if (reasonFor) a.dataset.reason = reasonFor.id;
  return a;
}

function renderSummary({ force = false } = {}) {
  const box = $('summary');
  if (!S.submitted) {
    box.hidden = true;
    return;
  }
  const items = summaryItems();
  const keys = getLang() + '|' + items.map((i) => i.key + (i.problem ? headText(i.problem) : '')).join('\n');
  if (!force && keys === S.summaryKeys) return;
  S.summaryKeys = keys;
  box.replaceChildren();
  box.hidden = false;
  if (items.length === 0) {
    box.className = 'summary clean';
    box.removeAttribute('role');
    box.append(el('p', { text: t('summary_clean') }));
    return;
  }
  box.className = 'summary';
  box.setAttribute('role', 'alert');
  box.setAttribute('aria-labelledby', 'summary-title');
  box.append(el('h2', { id: 'summary-title', text: items.length === 1 ? t('summary_heading_one') : t('summary_heading', { n: items.length }) }));
  const ul = el('ul');
  for (const item of items) {
    const li = el('li');
    if (item.problem) {
      li.append(summaryLink(headText(item.problem), item.target));
      if (item.problem.fix) li.append(' ', fixButton(item.problem));
      const why = reasonsList(item.problem);
      if (why) li.append(why);
    } else if (item.blanks) {
      li.append(summaryLink(t('blanks', { n: item.blanks.length }), item.target), ' ',
        el('button', { type: 'button', class: 'fill-zero', text: t('fill_zero') }));
      const list = el('ul', { class: 'why' });
      for (const p of item.blanks) list.append(el('li', {}, summaryLink(message(p.findings[0]), S.inputs.get(p.anchor))));
      li.append(el('details', {}, el('summary', { text: t('blanks_list') }), list));
    } else {
      li.append(summaryLink(item.text, item.target, item.reasonFor));
    }
    ul.append(li);
  }
  box.append(ul);
}

// ---------------------------------------------------------------- saving, undo, notices

function saveNow() {
  try {
    const at = saveDraft(C.report(), { yearText: S.yearText });
    $('saved').textContent = t('saved_at', { time: new Date(at).toLocaleTimeString(getLang() === 'en' ? 'en-GB' : 'zh-CN') });
    $('saved').classList.remove('bad');
  } catch (err) {
    $('saved').textContent = t('not_saved', { error: err.message ?? err });
    $('saved').classList.add('bad');
  }
}

/** A note at the top; `pinned` ones stay in view under the bar (the clerk may be far down). */
function notify(text, { undo = false, pinned = false } = {}) {
  const box = $('notice');
  box.replaceChildren(el('p', { text }));
  box.classList.toggle('pinned', pinned);
  if (undo && S.undo) box.append(el('button', { type: 'button', class: 'undo', text: t('undo') }));
  if (pinned) box.append(el('button', { type: 'button', class: 'dismiss', text: t('dismiss') }));
}

function snapshot() {
  S.undo = { report: C.report(), yearText: S.yearText };
  saveUndo(S.undo);
}

function replaceReport(report, yearText = '') {
  S.yearText = yearText || (report?.year != null ? String(report.year) : '');
  const next = makeChecker(withYearText(report));
  discard(S.raw);
  S.raw = next;
  S.editing = null;
  syncAll();
  saveNow();
}

/** A year the package could not read is not kept in the report; the form keeps it as typed. */
const withYearText = (report) => (S.yearText ? { ...(report ?? {}), year: S.yearText } : report);

function undo() {
  const snap = S.undo ?? loadUndo();
  if (!snap) return;
  S.undo = null;
  dropUndo();
  replaceReport(snap.report, snap.yearText);
  notify(t('undone'));
  $('notice').focus();
}

/** Puts the checker's report into every field. */
function syncAll() {
  for (const [id, input] of S.inputs) input.value = C.value(id);
  const report = C.report();
  $('issuer').value = report.issuer ?? '';
  $('year').value = S.yearText || (report.year != null ? String(report.year) : '');
  $('text').value = report.text ?? '';
  redrawAll();
}

/** Every finding, sum and message drawn afresh from the checker; the fields are left as they are. */
function redrawAll() {
  S.problemNodes.clear();
  for (const list of document.querySelectorAll('.inline-messages')) list.replaceChildren();
  reloadFindings();
  if (S.auto) fillTotals();
  applyAutoMode();
  renderSums();
  renderFindings();
  renderSummary({ force: true });
  renderPrevious();
}

function applyAutoMode() {
  $('auto').checked = S.auto;
  for (const [id, input] of S.inputs) {
    if (!S.info.get(id).total) continue;
    input.readOnly = S.auto;
    input.closest('td').classList.toggle('auto', S.auto);
  }
}

// ---------------------------------------------------------------- building the form

function buildForm() {
  const host = $('tables');
  S.labels = new Labels();
  S.schema.tables.forEach((table, g) => {
    const heading = S.labels.make('h2', table, { id: `h-${table.key}` });
    const section = el('section', { class: `table-block table-${table.key}`, 'aria-labelledby': heading.id }, heading);
    if (table.key === 'requests') {
      // Plain text, not a disclosure: no Tab stop between table 二 and table 三.
      section.append(el('div', { class: 'help' },
        el('p', { class: 'help-title', 'data-t': 'help_title' }),
        el('ul', {}, el('li', { 'data-t': 'help_1' }), el('li', { 'data-t': 'help_2' }), el('li', { 'data-t': 'help_3' }))));
    }
    const built = buildTable(table, { labels: S.labels, prefix: 'f', withMessages: true, cell: cellInput });
    built.table.setAttribute('aria-labelledby', heading.id);
    section.append(el('div', { class: 'table-wrap' }, built.table));
    host.append(section);
    for (const [id, ids] of built.names) S.inputs.get(id).setAttribute('aria-labelledby', ids.join(' '));
    for (const [id, row] of built.messageRows) S.messageRows.set(id, row);
    const rows = built.grid.map((ids) => ids.map((id) => S.inputs.get(id)));
    rows.forEach((row, r) => row.forEach((input, c) => S.pos.set(input, { g, r, c })));
    S.grids.push(rows);
    if (g === 0) host.prepend(el('ul', { class: 'inline-messages report-messages', id: 'report-messages' }));
  });
  host.prepend(el('p', { class: 'keys-help', 'data-t': 'help_keys' }));
}

function cellInput(id) {
  const info = S.info.get(id);
  const input = el('input', {
    type: 'text',
    name: id,
    id: domId(id),
    class: 'cell',
    inputmode: info.kind === 'amount' ? 'decimal' : 'numeric',
    autocomplete: 'off',
    spellcheck: 'false',
    'data-cell': id,
  });
  S.inputs.set(id, input);
  if (!info.total) return input;
  const out = el('output', { id: 'sum-' + domId(id).slice(5), class: 'sum' });
  S.sums.set(id, out);
  const frag = document.createDocumentFragment();
  frag.append(input, out);
  return frag;
}

// ---------------------------------------------------------------- keyboard and paste

/** Focuses row r, column c of table g; above or below a table goes on to the next one. */
function moveTo(g, r, c) {
  let grid = S.grids[g];
  if (r < 0) {
    if (g === 0) return false;
    g -= 1;
    grid = S.grids[g];
    r = grid.length - 1;
  } else if (r >= grid.length) {
    if (g === S.grids.length - 1) return false;
    g += 1;
    grid = S.grids[g];
    r = 0;
  }
  const row = grid[r];
  if (c < 0) return false;
  focusCell(row[Math.min(c, row.length - 1)]); // table 二's one-column rows take any column
  return true;
}

function wholeSelected(input) {
  return input.selectionStart === 0 && input.selectionEnd === input.value.length;
}

function onCellKey(event) {
  const input = event.target;
  const p = S.pos.get(input);
  if (!p || event.altKey || event.ctrlKey || event.metaKey) return;
  const row = S.grids[p.g][p.r];
  switch (event.key) {
    case 'ArrowUp':
      event.preventDefault();
      S.tabAnchor = null;
      moveTo(p.g, p.r - 1, p.c);
      break;
    case 'ArrowDown':
      event.preventDefault();
      S.tabAnchor = null;
      moveTo(p.g, p.r + 1, p.c);
      break;
    case 'ArrowLeft':
      if ((wholeSelected(input) || (input.selectionStart === 0 && input.selectionEnd === 0)) && p.c > 0) {
        event.preventDefault();
        S.tabAnchor = null;
        focusCell(row[p.c - 1]);
      }
      break;
    case 'ArrowRight': {
      const end = input.value.length;
      if ((wholeSelected(input) || (input.selectionStart === end && input.selectionEnd === end)) && p.c < row.length - 1) {
        event.preventDefault();
        S.tabAnchor = null;
        focusCell(row[p.c + 1]);
      }
      break;
    }
    case 'Enter': {
      // As in Excel: Enter goes down; after Tabbing along a row, back to the column the Tabs began in.
      event.preventDefault();
      const anchor = S.tabAnchor;
      S.tabAnchor = null;
      const col = anchor && anchor.g === p.g && anchor.r === p.r ? anchor.c : p.c;
      if (event.shiftKey) moveTo(p.g, p.r - 1, col);
      else if (!moveTo(p.g, p.r + 1, col)) $('text').focus();
      break;
    }
    case 'Tab':
      if (!event.shiftKey && p.c < row.length - 1) {
        if (!(S.tabAnchor && S.tabAnchor.g === p.g && S.tabAnchor.r === p.r)) S.tabAnchor = { ...p };
      } else S.tabAnchor = null;
      break;
    default:
  }
}

/** A block copied from Excel or WPS: tab-separated columns, one line per row. */
function onPaste(event) {
  const input = event.target;
  const p = S.pos.get(input);
  if (!p) return;
  const text = event.clipboardData?.getData('text/plain') ?? '';
  const body = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  if (!/[\t\n]/.test(body)) return; // one value: the browser pastes it into the cell
  event.preventDefault();
  snapshot();
  const lines = body.split('\n').map((line) => line.split('\t'));
  const grid = S.grids[p.g];
  let clipped = 0;
  let cols = 0;
  let rows = 0;
  lines.forEach((values, i) => {
    const row = grid[p.r + i];
    values.forEach((raw, j) => {
      const target = row?.[p.c + j];
      const value = raw.trim().replace(/^"(.*)"$/, '$1').trim();
      if (!target) {
        if (value !== '') clipped++;
        return;
      }
      rows = Math.max(rows, i + 1);
      cols = Math.max(cols, j + 1);
      const id = target.dataset.cell;
      if (S.auto && S.info.get(id).total) return;
      setCell(id, value);
      target.value = C.value(id);
    });
  });
  S.editing = null;
  renderSums();
  renderFindings();
  saveNow();
  notify(clipped ? t('pasted_clipped', { rows, cols, n: clipped }) : t('pasted', { rows, cols }), { undo: true });
}

function highlightHeaders(input, on) {
  const ids = input.getAttribute('aria-labelledby');
  if (!ids) return;
  for (const id of ids.split(' ')) document.getElementById(id)?.classList.toggle('current', on);
}

// ---------------------------------------------------------------- submission

async function submit() {
  if (S.editing) leaveCell(S.inputs.get(S.editing));
  S.submitted = true;
  reloadFindings();
  renderFieldErrors();
  renderFindings();
  renderSummary({ force: true });
  $('server').replaceChildren();
  if (!$('summary').hidden && $('summary').getAttribute('role') === 'alert') {
    $('summary').scrollIntoView({ block: 'start' });
    $('summary').focus({ preventScroll: true });
    return;
  }
  $('summary').hidden = true;
  const button = $('submit');
  button.disabled = true;
  button.textContent = t('submitting');
  const server = $('server');
  server.className = 'server';
  try {
    const response = await fetch($('report').action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(C.report()),
    });
    const answer = await response.json().catch(() => null);
    const said = answer ? (getLang() === 'en' ? answer.message_en : answer.message) : response.statusText;
    if (response.status === 201) {
      server.classList.add('ok');
      server.append(el('p', { text: t('server_accepted', { message: said }) }));
    } else {
      server.classList.add('bad');
      server.append(el('p', { text: t('server_rejected', { message: said || String(response.status) }) }));
      if (answer?.findings?.length) {
        server.append(el('p', { text: t('server_findings') }));
        const ul = el('ul');
        for (const f of answer.findings) ul.append(el('li', { text: message(f) }));
        server.append(ul);
      }
    }
  } catch (err) {
    server.classList.add('bad');
    server.append(el('p', { text: t('server_failed', { error: err.message ?? err }) }));
  } finally {
    button.disabled = false;
    button.textContent = t('submit');
    server.tabIndex = -1;
    server.scrollIntoView({ block: 'center' });
    server.focus({ preventScroll: true });
  }
}

function leaveCell(input) {
  const id = input.dataset.cell;
  if (S.editing === id) S.editing = null;
  input.value = C.value(id);
  renderSums();
  renderFindings();
}

// ---------------------------------------------------------------- print view

function buildPrint() {
  const labels = new Labels();
  const host = $('print-tables');
  host.replaceChildren();
  for (const table of S.schema.tables) {
    const built = buildTable(table, {
      labels,
      prefix: 'p',
      withMessages: false,
      cell: (id) => document.createTextNode(C.value(id)),
    });
    const heading = labels.make('h3', table, { id: `p-h-${table.key}` });
    built.table.setAttribute('aria-labelledby', heading.id);
    host.append(el('section', { class: 'print-table' }, heading, built.table));
  }
  const report = C.report();
  $('print-title').textContent = report.issuer && report.year != null
    ? t('print_title', { issuer: report.issuer, year: report.year })
    : t('print_title_blank');
}

function openPrint() {
  buildPrint();
  document.body.classList.add('printing');
  $('print-view').hidden = false;
  $('print-title').tabIndex = -1;
  $('print-title').focus();
}

function closePrint() {
  document.body.classList.remove('printing');
  $('print-view').hidden = true;
  $('open-print').focus();
}

// ---------------------------------------------------------------- files

function exportReport() {
  const report = C.report();
  const blob = new Blob([JSON.stringify(report, null, 2) + '\n'], { type: 'application/json' });
  const safe = String(report.issuer ?? '').replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40);
  const a = el('a', { href: URL.createObjectURL(blob), download: `${report.year ?? ''}${safe ? '-' + safe : ''}-年报.json`.replace(/^-/, '') });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * Reads a report: our JSON export, or a published report (text, Markdown, HTML) that the package
 * reads into the canonical JSON. Returns { report, unplaced, missing_rows }; throws when the text
 * holds no table, or the JSON is not a report.
 */
function readReport(text) {
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    return pkg.importReport(text);
  }
  pkg.inspect(report); // throws on what is not a report at all
  return { report, unplaced: [], missing_rows: [] };
}

const gapsNote = ({ unplaced, missing_rows: missing }) =>
  (unplaced.length || missing.length ? t('imported_gaps', { rows: missing.length, numbers: unplaced.length }) : '');

/** 「（三）不予公开 1.属于国家秘密」 for `requests.withheld_state_secret`, from the schema. */
function rowName(path) {
  const [tableKey, rowKey] = path.split('.');
  const table = S.schema.tables.find((x) => x.key === tableKey);
  const row = table?.sections.flatMap((sec) => sec.rows).find((r) => r.key === rowKey);
  if (!row) return path;
  const group = table.row_groups.find((g) => g.key === row.group);
  const inner = group && !table.row_groups.some((g) => g.parent === group.key) ? `${label(group)} ` : '';
  return t('import_missing_row', { table: label(table), row: inner + label(row) });
}

// 从已发布年报导入: nothing is replaced until the clerk has seen what was read and confirmed.
const importer = { pending: null };

function openImport() {
  const dialog = $('import-dialog');
  importer.pending = null;
  $('import-source').hidden = false;
  $('import-preview').hidden = true;
  $('import-error').hidden = true;
  dialog.returnValue = '';
  if (!dialog.open) dialog.showModal();
  $('import-text').focus();
}

function importError(text) {
  if (!$('import-dialog').open) openImport();
  $('import-error').textContent = text;
  $('import-error').hidden = false;
}

/** Reads `text` and shows what it holds; the form is left as it is. */
function previewImport(text, name) {
  if (!text.trim()) return importError(t('import_empty'));
  let read;
  try {
    read = readReport(text);
  } catch (err) {
    return importError(t('import_unreadable', { name, error: err.message ?? err }));
  }
  importer.pending = { ...read, name };
  const dialog = $('import-dialog');
  if (!dialog.open) {
    dialog.returnValue = '';
    dialog.showModal();
  }
  drawPreview(importer.pending);
  $('import-source').hidden = true;
  $('import-preview').hidden = false;
  $('import-summary').focus();
}

function drawPreview({ report, unplaced, missing_rows: missing, name }) {
  const { values, report: canonical, result } = pkg.inspect(report);
  const filled = [...values.values()].filter((v) => v !== '').length;
  $('import-summary').textContent = t('import_summary', {
    name,
    issuer: canonical.issuer ?? t('import_unknown'),
    year: canonical.year ?? t('import_unknown'),
    filled,
    total: values.size,
    chars: (canonical.text ?? '').length,
  });
  $('import-check').textContent = result.errors || result.warnings
    ? t('import_check', { errors: result.errors, warnings: result.warnings })
    : t('import_check_ok');

  const lines = $('import-unplaced');
  lines.hidden = unplaced.length === 0;
  lines.querySelector('h3').textContent = t('import_unplaced', { n: unplaced.length });
  lines.querySelector('ul').replaceChildren(...unplaced.map((u) => el('li', {},
    el('span', { class: 'line', text: t('import_line', { line: u.line }) }), ' ',
    el('q', { class: 'quoted', text: u.text }), ' ',
    el('span', { text: getLang() === 'en' ? u.reason_en : u.reason }))));

  const rows = $('import-missing');
  rows.hidden = missing.length === 0;
  rows.querySelector('h3').textContent = t('import_missing', { n: missing.length });
  rows.querySelector('ul').replaceChildren(...missing.map((path) => el('li', { 'data-row': path, text: rowName(path) })));

  // The tables as they would be filled, the rows not found marked.
  const gaps = new Set(missing);
  const host = $('import-tables');
  host.replaceChildren();
  const labels = new Labels();
  for (const table of S.schema.tables) {
    const built = buildTable(table, {
      labels,
      prefix: 'i',
      withMessages: false,
      cell: (id) => el('span', { 'data-cell': id, text: values.get(id) }),
    });
    for (const span of built.table.querySelectorAll('span[data-cell]')) {
      const id = span.dataset.cell;
      if (gaps.has(id.slice(0, id.lastIndexOf('.')))) span.parentElement.classList.add('missing');
    }
    const heading = labels.make('h3', table, { id: `i-h-${table.key}` });
    built.table.setAttribute('aria-labelledby', heading.id);
    host.append(heading, built.table);
  }
}

function confirmImport() {
  const pending = importer.pending;
  importer.pending = null;
  if (!pending) return;
  snapshot();
  S.submitted = false;
  $('server').replaceChildren();
  replaceReport(pending.report);
  notify(t('imported', { name: pending.name }) + gapsNote(pending), { undo: true });
  $('notice').focus();
}

/** Last year's report: its 四、结转下年度 and 现行有效件数 are checked against this year's. */
async function loadPreviousFile(file) {
  try {
    const read = readReport(await file.text());
    setPrevious(read.report);
    notify(t('previous_loaded', { name: file.name }) + gapsNote(read));
  } catch (err) {
    notify(t('import_failed', { name: file.name, error: err.message ?? err }));
  }
}

function setPrevious(report) {
  absorb(C.setPrevious(report));
  S.previous = report;
  savePrevious(report);
  renderPrevious();
  renderFindings();
}

function renderPrevious() {
  const p = S.previous;
  $('previous-status').textContent = p
    ? t('previous_is', { issuer: p.issuer ?? '—', year: p.year ?? '—' })
    : t('previous_none');
  $('previous-remove').hidden = !p;
}

// ---------------------------------------------------------------- events

function wire() {
  const tables = $('tables');
  tables.addEventListener('input', (event) => {
    const input = event.target;
    if (input.classList.contains('cell')) {
      const id = input.dataset.cell;
      S.editing = id;
      setCell(id, input.value);
      renderSums();
      renderFindings();
      saveNow();
    }
  });
  // Reasons for warnings: under the tables' rows and under the text.
  $('report').addEventListener('input', (event) => {
    const input = event.target;
    if (!input.classList.contains('reason')) return;
    C.setReason(input.dataset.finding, input.value.trim() || null);
    saveNow();
    if (S.submitted) renderSummary();
  });
  tables.addEventListener('focusout', (event) => {
    if (event.target.classList.contains('cell')) {
      highlightHeaders(event.target, false);
      leaveCell(event.target);
    }
  });
  tables.addEventListener('focusin', (event) => {
    if (!event.target.classList.contains('cell')) return;
    highlightHeaders(event.target, true);
    S.lastCell = event.target;
  });
  tables.addEventListener('keydown', (event) => {
    if (event.target.classList.contains('cell')) onCellKey(event);
  });
  tables.addEventListener('mousedown', () => { S.tabAnchor = null; });
  tables.addEventListener('paste', (event) => {
    if (event.target.classList.contains('cell')) onPaste(event);
  });

  // 「改为 X」, the summary's links and its 填 0 button.
  document.addEventListener('click', (event) => {
    const fix = event.target.closest('button.fix');
    if (fix) {
      const id = fix.dataset.fixCell;
      const inSummary = !!fix.closest('#summary');
      setCell(id, fix.dataset.fixValue);
      S.inputs.get(id).value = C.value(id);
      renderSums();
      renderFindings();
      saveNow();
      if (inSummary) {
        const next = $('summary').querySelector('a, button');
        (next ?? $('summary')).focus();
      } else focusCell(S.inputs.get(id));
      return;
    }
    const link = event.target.closest('#summary a[href^="#"]');
    if (link) {
      event.preventDefault();
      const target = link.dataset.reason ? document.querySelector(`input.reason[data-finding="${CSS.escape(link.dataset.reason)}"]`) : document.getElementById(link.getAttribute('href').slice(1));
      focusCell(target);
      return;
    }
    const fillRow = event.target.closest('button.fill-row');
    if (fillRow) {
      snapshot();
      const ids = fillRow.dataset.cells.split(' ');
      for (const id of ids) {
        if (filled(id)) continue;
        setCell(id, '0');
        S.inputs.get(id).value = '0';
      }
      renderSums();
      renderFindings();
      saveNow();
      notify(t('filled_zero', { n: ids.length }), { undo: true });
      focusCell(S.inputs.get(ids[0]));
      return;
    }
    if (event.target.closest('button.fill-zero')) {
      snapshot();
      let n = 0;
      for (const [id, input] of S.inputs) {
        if (filled(id) || (S.auto && S.info.get(id).total)) continue;
        setCell(id, '0');
        input.value = '0';
        n++;
      }
      if (S.auto) fillTotals();
      renderSums();
      renderFindings();
      saveNow();
      notify(t('filled_zero', { n }), { undo: true });
      $('summary').focus();
      return;
    }
    if (event.target.closest('#notice button.undo')) undo();
    if (event.target.closest('#notice button.dismiss')) {
      $('notice').replaceChildren();
      $('notice').classList.remove('pinned');
      if (S.lastCell?.isConnected) S.lastCell.focus({ preventScroll: true });
    }
  });

  const afterField = () => {
    renderFindings();
    saveNow();
  };
  $('issuer').addEventListener('input', (event) => {
    setField('issuer', event.target.value.trim() || null);
    afterField();
  });
  $('year').addEventListener('input', (event) => {
    S.yearText = event.target.value;
    S.yearEditing = true;
    setField('year', event.target.value.trim() || null);
    afterField();
  });
  $('year').addEventListener('blur', () => {
    S.yearEditing = false;
    renderFindings();
  });
  $('text').addEventListener('input', (event) => {
    S.textEditing = true;
    setField('text', event.target.value || null);
    renderFindings();
    saveNow();
  });
  $('text').addEventListener('blur', () => {
    S.textEditing = false;
    renderFindings();
  });

  // Enter in a one-line field goes on to the next field instead of submitting the form.
  $('report').addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.target.tagName !== 'INPUT' || event.target.classList.contains('cell')) return;
    event.preventDefault();
    if (event.target.id === 'issuer') $('year').focus();
    else if (event.target.id === 'year') focusCell(S.grids[0][0][0]);
  });
  $('report').addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });

  $('auto').addEventListener('change', (event) => {
    const before = C.report();
    S.auto = event.target.checked;
    savePrefs({ ...loadPrefs(), auto: S.auto });
    if (S.auto) {
      const typed = [...S.totals.keys()].some((id) => filled(id) && C.value(id) !== S.totals.get(id));
      if (typed) {
        S.undo = { report: before, yearText: S.yearText };
        saveUndo(S.undo);
      }
      fillTotals();
      if (typed) notify(t('auto_total_hint'), { undo: true });
    }
    applyAutoMode();
    renderSums();
    renderFindings();
    saveNow();
  });

  $('lang').addEventListener('click', () => {
    setLang(getLang() === 'en' ? 'zh' : 'en');
    savePrefs({ ...loadPrefs(), lang: getLang() });
    translatePage();
    S.labels.refresh();
    $('lang').setAttribute('lang', getLang() === 'en' ? 'zh-CN' : 'en');
    renderSums();
    renderFieldErrors();
    renderFindings();
    renderSummary({ force: true });
    renderPrevious();
    if (!$('print-view').hidden) buildPrint();
  });

  $('open-print').addEventListener('click', openPrint);
  $('close-print').addEventListener('click', closePrint);
  $('print').addEventListener('click', () => window.print());
  window.addEventListener('beforeprint', buildPrint);
  $('export').addEventListener('click', exportReport);
  $('import').addEventListener('click', openImport);
  $('import-open').addEventListener('click', () => $('import-file').click());
  $('import-file').addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) previewImport(await file.text(), `“${file.name}”`);
  });
  $('import-read').addEventListener('click', () => previewImport($('import-text').value, t('import_pasted')));
  $('import-back').addEventListener('click', () => {
    $('import-preview').hidden = true;
    $('import-source').hidden = false;
    $('import-text').focus();
  });
  $('import-dialog').addEventListener('close', () => {
    if ($('import-dialog').returnValue === 'replace') confirmImport();
    importer.pending = null;
    $('import-tables').replaceChildren();
  });
  $('previous-load').addEventListener('click', () => $('previous-file').click());
  $('previous-file').addEventListener('change', (event) => {
    const file = event.target.files?.[0];
    if (file) loadPreviousFile(file);
    event.target.value = '';
  });
  $('previous-remove').addEventListener('click', () => {
    setPrevious(null);
    $('previous-load').focus();
  });
  // Two tabs on one draft would overwrite each other: say so when the other one saves.
  window.addEventListener('storage', (event) => {
    if (event.key === 'nianbao.draft.v1') notify(t('other_tab'));
  });
  const dialog = $('confirm-clear');
  $('clear').addEventListener('click', () => {
    dialog.returnValue = '';
    dialog.showModal();
  });
  dialog.addEventListener('close', () => {
    if (dialog.returnValue !== 'clear') return;
    snapshot();
    S.submitted = false;
    $('server').replaceChildren();
    replaceReport(null);
    notify(t('cleared'), { undo: true });
  });
}

// ---------------------------------------------------------------- start

async function main() {
  const prefs = loadPrefs();
  setLang(prefs.lang ?? 'zh');
  translatePage();
  $('lang').setAttribute('lang', getLang() === 'en' ? 'zh-CN' : 'en');
  try {
    await loadPackage();
  } catch (err) {
    $('loading').textContent = t('load_failed');
    throw err;
  }
  S.schema = pkg.schema();
  S.schema.cells.forEach((c, i) => {
    S.info.set(c.id, c);
    S.order.set(c.id, i); // = cellIndex(id), for setAt
    if (c.total) S.parts.set(c.id, c.parts);
  });
  buildForm();
  translatePage();
  $('notice').tabIndex = -1;
  S.auto = !!prefs.auto;
  const draft = loadDraft();
  S.undo = loadUndo();
  let restored = false;
  S.previous = loadPrevious();
  S.yearText = draft?.yearText ?? '';
  try {
    S.raw = makeChecker(withYearText(draft?.report));
    restored = !!draft;
  } catch {
    S.previous = null;
    S.yearText = '';
    S.raw = makeChecker(null);
  }
  syncAll();
  wire();
  if (restored) {
    const at = new Date(draft.savedAt);
    notify(t('restored', { time: at.toLocaleString(getLang() === 'en' ? 'en-GB' : 'zh-CN') }));
  } else notify(t('restored_fresh'));
  $('loading').hidden = true;
  $('report').hidden = false;
  document.body.dataset.instance = String(P.generation);
  document.body.dataset.ready = 'true';
}

main();
