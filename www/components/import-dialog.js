// 从已发布年报导入: paste, open or drop a report (PDF, Word, web page, text, our JSON), see what was read and what was not (lines of numbers
// not placed, rows not found, labels matched only by a variant or a near match, the tables as they
// would be filled), then replace — or not; the cells not read stay marked in the form. Nothing
// is replaced until the clerk confirms, and a replacement can be undone.
//
// init(root = #import-dialog, ctx): opened by the toolbar's #import button.
import { el, onFileDrop } from '../dom.js';
import { readReport, readFile, noteText, gapsNote, ACCEPT } from '../read.js';
import { drawTables } from '../../lib/tables/draw.js';

export function init(root, ctx) {
  const { t, label, lang } = ctx.i18n;
  const $ = (id) => root.querySelector(`#${id}`);
  const cellIds = ctx.schema.cells.map((c) => c.id);
  let pending = null;
  let reading = 0; // the file being read: a later one wins over a slower earlier one
  $('import-file').accept = ACCEPT;

  function open() {
    ctx.pkg.loadImporter(); // fetched and compiled while the clerk pastes or picks a file
    pending = null;
    $('import-source').hidden = false;
    $('import-preview').hidden = true;
    $('import-error').hidden = true;
    $('import-status').textContent = '';
    root.returnValue = '';
    if (!root.open) root.showModal();
    $('import-text').focus();
  }

  function refuse(text) {
    if (!root.open) open();
    $('import-status').textContent = '';
    $('import-error').textContent = text;
    $('import-error').hidden = false;
  }

  /** Reads pasted `text` and shows what it holds; the form is left as it is. */
  async function preview(text, name) {
    if (!text.trim()) return refuse(t('import_empty'));
    let read;
    try {
      read = await readReport(ctx, text);
    } catch (err) {
      return refuse(t('import_unreadable', { name, error: err.message ?? err }));
    }
    show(read, name);
  }

  /** Reads an opened or dropped file through the readers, then shows it as `preview` does. */
  async function previewFile(file) {
    const name = `“${file.name}”`;
    const mine = ++reading;
    if (!root.open) open();
    $('import-error').hidden = true;
    $('import-status').textContent = t('import_reading', { name });
    let read;
    try {
      read = await readFile(ctx, file);
    } catch (err) {
      if (mine === reading) refuse(t('import_unreadable', { name, error: err.message ?? err }));
      return;
    }
    if (mine !== reading || !root.open) return; // another file was opened, or the dialog closed
    $('import-status').textContent = '';
    show(read, name);
  }

  function show(read, name) {
    pending = { notes: [], unread: [], matched: [], split: [], ...read, name };
    if (!root.open) {
      root.returnValue = '';
      root.showModal();
    }
    draw(pending);
    $('import-source').hidden = true;
    $('import-preview').hidden = false;
    $('import-summary').focus();
  }

  /** A row (or a group) by its full label from the schema, in its table: `{ table, row }`. */
  function rowLabels(rowId) {
    const row = ctx.row(rowId);
    if (!row) return { table: '', row: rowId };
    const table = ctx.schema.tables.find((x) => x.key === row.table);
    return { table: label(table), row: label(row) };
  }

  /** The row not found, by its full label from the schema: 「三、…情况：（三）不予公开 1.属于国家秘密」. */
  const rowName = (rowId) => (ctx.row(rowId) ? t('import_missing_row', rowLabels(rowId)) : rowId);

  /** 「第 12 行「规范性文件」→ 二、…：行政规范性文件（常见写法）」. */
  const matchedText = (m) => t('import_matched_item', {
    line: m.line, printed: m.label, ...rowLabels(m.row), how: t(m.how === 'near' ? 'match_near' : 'match_variant'),
  });

  /** 「第 48 行「640020470」拆分为 64、0、0、2、0、4、70（一、本年新收…）」: the rows by their full labels. */
  const splitText = (s) => t('import_split_item', {
    line: s.line, text: s.text, values: s.values.join(t('list_sep')), rows: s.rows.map(rowName).join(t('list_sep')),
  });

  function draw({ report, unplaced, missing_rows: missing, unread, matched, split, notes, name }) {
    const { values, report: canonical, result } = ctx.pkg.inspect(report, cellIds, { unread });
    $('import-summary').textContent = t('import_summary', {
      name,
      issuer: canonical.issuer ?? t('import_unknown'),
      year: canonical.year ?? t('import_unknown'),
      filled: [...values.values()].filter((v) => v !== '').length,
      total: values.size,
      chars: t('chars', { n: (canonical.text ?? '').length }),
    });
    $('import-check').textContent = result.errors || result.warnings
      ? t('import_check', { errors: t('status_errors', { n: result.errors }), warnings: t('status_warnings', { n: result.warnings }) })
      : t('import_check_ok');

    const lines = $('import-unplaced');
    lines.hidden = unplaced.length === 0;
    lines.querySelector('h3').textContent = t('import_unplaced', { n: unplaced.length });
    lines.querySelector('ul').replaceChildren(...unplaced.map((u) => el('li', {},
      el('span', { class: 'line', text: t('import_line', { line: u.line }) }), ' ',
      el('q', { class: 'quoted', text: u.text }), ' ',
      el('span', { text: lang() === 'en' ? u.reason_en : u.reason }))));

    const said = $('import-notes');
    said.hidden = notes.length === 0;
    said.querySelector('h3').textContent = t('import_notes', { n: notes.length });
    said.querySelector('ul').replaceChildren(...notes.map((note) => el('li', { text: noteText(ctx, note) })));

    const rows = $('import-missing');
    rows.hidden = missing.length === 0;
    rows.querySelector('h3').textContent = t('import_missing', { n: missing.length });
    rows.querySelector('ul').replaceChildren(...missing.map((id) => el('li', { 'data-row': id, text: rowName(id) })));

    // Labels read as a row though not worded as the official one: the clerk checks each.
    const near = $('import-matched');
    near.hidden = matched.length === 0;
    near.querySelector('h3').textContent = t('import_matched', { n: matched.length });
    near.querySelector('ul').replaceChildren(...matched.map((m) => el('li', { 'data-row': m.row, text: matchedText(m) })));

    // Rows printed as one digit string, split the one way the sums allow: the clerk checks each.
    const glued = $('import-split');
    glued.hidden = split.length === 0;
    glued.querySelector('h3').textContent = t('import_split', { n: split.length });
    glued.querySelector('ul').replaceChildren(...split.map((s) => el('li', { 'data-rows': s.rows.join(' '), text: splitText(s) })));

    // The tables as they would be filled, the cells of the rows not found marked.
    const gaps = new Set(missing);
    const host = $('import-tables');
    host.replaceChildren();
    const drawn = drawTables(ctx.schema, { doc: document, prefix: 'i', label, cell: (id) => el('span', { 'data-cell': id, text: values.get(id) }) });
    for (const { heading, table } of drawn) {
      for (const span of table.querySelectorAll('span[data-cell]')) {
        const { table: tableKey, row } = ctx.cell(span.dataset.cell);
        if (gaps.has(`${tableKey}.${row}`)) span.parentElement.classList.add('missing');
      }
      host.append(heading, table);
    }
  }

  function confirm() {
    const chosen = pending;
    pending = null;
    if (!chosen) return;
    ctx.report.snapshot();
    ctx.replace(chosen.report, { restart: true, unread: chosen.unread });
    ctx.notify(t('imported', { name: chosen.name }) + gapsNote(ctx, chosen), { undo: true, focus: true });
  }

  document.getElementById('import').addEventListener('click', open);
  $('import-open').addEventListener('click', () => $('import-file').click());
  $('import-file').addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) previewFile(file);
  });
  // A file dropped anywhere on the dialog is read as if opened.
  onFileDrop(root, previewFile);
  $('import-read').addEventListener('click', () => preview($('import-text').value, t('import_pasted')));
  $('import-back').addEventListener('click', () => {
    $('import-preview').hidden = true;
    $('import-source').hidden = false;
    $('import-text').focus();
  });
  root.addEventListener('close', () => {
    reading++;
    if (root.returnValue === 'replace') confirm();
    pending = null;
    $('import-tables').replaceChildren();
  });
}
