// 从已发布年报导入: paste or open a report, see what was read and what was not (lines of numbers
// not placed, rows not found, the tables as they would be filled), then replace — or not. Nothing
// is replaced until the clerk confirms, and a replacement can be undone.
//
// init(root = #import-dialog, ctx): opened by the toolbar's #import button.
import { el } from '../dom.js';
import { readReport, gapsNote } from '../read.js';
import { drawTables } from '../tables/draw.js';

export function init(root, ctx) {
  const { t, label, lang } = ctx.i18n;
  const $ = (id) => root.querySelector(`#${id}`);
  const cellIds = ctx.schema.cells.map((c) => c.id);
  let pending = null;

  function open() {
    ctx.pkg.loadImporter(); // fetched and compiled while the clerk pastes or picks a file
    pending = null;
    $('import-source').hidden = false;
    $('import-preview').hidden = true;
    $('import-error').hidden = true;
    root.returnValue = '';
    if (!root.open) root.showModal();
    $('import-text').focus();
  }

  function refuse(text) {
    if (!root.open) open();
    $('import-error').textContent = text;
    $('import-error').hidden = false;
  }

  /** Reads `text` and shows what it holds; the form is left as it is. */
  async function preview(text, name) {
    if (!text.trim()) return refuse(t('import_empty'));
    let read;
    try {
      read = await readReport(ctx, text);
    } catch (err) {
      return refuse(t('import_unreadable', { name, error: err.message ?? err }));
    }
    pending = { ...read, name };
    if (!root.open) {
      root.returnValue = '';
      root.showModal();
    }
    draw(pending);
    $('import-source').hidden = true;
    $('import-preview').hidden = false;
    $('import-summary').focus();
  }

  /** The row not found, by its full label from the schema: 「三、…情况：（三）不予公开 1.属于国家秘密」. */
  function rowName(rowId) {
    const row = ctx.row(rowId);
    if (!row) return rowId;
    const table = ctx.schema.tables.find((x) => x.key === row.table);
    return t('import_missing_row', { table: label(table), row: label(row) });
  }

  function draw({ report, unplaced, missing_rows: missing, name }) {
    const { values, report: canonical, result } = ctx.pkg.inspect(report, cellIds);
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

    const rows = $('import-missing');
    rows.hidden = missing.length === 0;
    rows.querySelector('h3').textContent = t('import_missing', { n: missing.length });
    rows.querySelector('ul').replaceChildren(...missing.map((id) => el('li', { 'data-row': id, text: rowName(id) })));

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
    ctx.replace(chosen.report, { restart: true });
    ctx.notify(t('imported', { name: chosen.name }) + gapsNote(ctx, chosen), { undo: true, focus: true });
  }

  document.getElementById('import').addEventListener('click', open);
  $('import-open').addEventListener('click', () => $('import-file').click());
  $('import-file').addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) preview(await file.text(), `“${file.name}”`);
  });
  $('import-read').addEventListener('click', () => preview($('import-text').value, t('import_pasted')));
  $('import-back').addEventListener('click', () => {
    $('import-preview').hidden = true;
    $('import-source').hidden = false;
    $('import-text').focus();
  });
  root.addEventListener('close', () => {
    if (root.returnValue === 'replace') confirm();
    pending = null;
    $('import-tables').replaceChildren();
  });
}
