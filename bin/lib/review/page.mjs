// The review page of `nianbao check … --html FILE`: one self-contained HTML file (CSS and script
// inline, nothing fetched) with a sortable, filterable summary of every report and, for each, its
// findings and its three tables (lib/review/view.js, drawn by lib/tables). It takes the results of
// the bulk check as they are (bin/worker.mjs, with `report` asked for): no second checking path.
// Every text of a report — issuer, file name, findings — goes through html.js, which escapes it.
import { readFileSync } from 'node:fs';
import { htmlDocument as doc } from '../../../lib/tables/html.js';
import { findingsView, cellMarks, printedValue, el as element, ICON, words } from '../../../lib/review/view.js';
import { inlineModules } from './inline.mjs';
import { TEXT, rowLabel } from '../text.mjs';

const CSS = new URL('../../../lib/review/page.css', import.meta.url);
const CLIENT = new URL('../../../lib/review/client.js', import.meta.url);

const WORDS = {
  zh: {
    title: '政府信息公开工作年度报告审查',
    count: (s) => `共 ${s.files} 个文件：${s.errors} 个有错误，${s.warnings} 个有警告，${s.unreadable} 个无法读取。`,
    summary: '汇总',
    caption: '每份年报一行；点击表头排序。',
    columns: ['发布机关', '年度', '源文件', '错误', '警告', '无法核对的单元格'],
    filter: '筛选', status: '显示', all: '全部', withErrors: '有错误', withWarnings: '只有警告', clean: '没有问题', unreadable: '无法读取',
    shown: '显示 {n} / {total} 份',
    reports: '各份年报',
    noIssuer: '（未写明发布机关）',
    cannotRead: '无法读取：',
    noscript: '表格需要启用脚本才能显示；上方列出了全部问题。',
    imported: '导入时未能放入表格的内容：',
    counts: (r, w) => `${r.errors} ${w.error}，${r.warnings} ${w.warning}`,
  },
  en: {
    title: 'Review of annual reports on government information disclosure',
    count: (s) => `${s.files} files: ${s.errors} with errors, ${s.warnings} with warnings, ${s.unreadable} could not be read.`,
    summary: 'Summary',
    caption: 'One row per report; click a column heading to sort.',
    columns: ['Issuer', 'Year', 'Source file', 'Errors', 'Warnings', 'Cells not assessable'],
    filter: 'Filter', status: 'Show', all: 'All', withErrors: 'With errors', withWarnings: 'Warnings only', clean: 'No findings', unreadable: 'Unreadable',
    shown: '{n} of {total} shown',
    reports: 'Reports',
    noIssuer: '(no issuer given)',
    cannotRead: 'Cannot be read: ',
    noscript: 'The tables need script to be drawn; every finding is listed above.',
    imported: 'What the import could not place in the tables:',
    counts: (r, w) => `${r.errors} ${w.error.toLowerCase()}(s), ${r.warnings} ${w.warning.toLowerCase()}(s)`,
  },
};

const el = (tag, attrs, ...children) => element(doc, tag, attrs, ...children);

const icon = (severity) => el('span', { class: `flag ${severity}`, 'aria-hidden': 'true' }, `${ICON[severity]} `);

/** error, warning, ok or unreadable: what the status filter and the row colour go by. */
const statusOf = (r) => (r.error !== undefined ? 'unreadable' : r.errors ? 'error' : r.warnings ? 'warning' : 'ok');
// Cells the reader could not read (a blurred scan): none yet, until a reader reports them.
const unassessable = (r) => (Array.isArray(r.unassessable) ? r.unassessable.length : 0);

function summaryRow(r, id, w) {
  const status = statusOf(r);
  const file = el('td', { class: 'file' }, r.file);
  if (status === 'unreadable') {
    const reason = el('th', { scope: 'row' }, icon('error'), w.cannotRead, r.error);
    return el('tr', { 'data-status': status }, reason, el('td', {}), file, el('td', { class: 'n' }), el('td', { class: 'n' }), el('td', { class: 'n' }));
  }
  // The column names the severity; the icon marks the rows that have some, beside the number.
  const count = (n, severity) => el('td', { class: 'n', 'data-value': n }, n ? icon(severity) : null, String(n));
  return el('tr', { 'data-status': status },
    el('th', { scope: 'row' }, el('a', { href: `#${id}` }, r.issuer ?? w.noIssuer)),
    el('td', { class: 'n', 'data-value': r.year ?? '' }, r.year ? String(r.year) : ''),
    file,
    count(r.errors, 'error'),
    count(r.warnings, 'warning'),
    el('td', { class: 'n', 'data-value': unassessable(r) }, String(unassessable(r))));
}

function summarySection(results, ids, stats, w) {
  const option = (value, label) => el('option', { value }, label);
  const controls = el('div', { id: 'summary-controls', class: 'controls', hidden: 'hidden' },
    el('label', { for: 'filter' }, w.filter), el('input', { id: 'filter', type: 'search', autocomplete: 'off' }),
    el('label', { for: 'status' }, w.status),
    el('select', { id: 'status' }, option('', w.all), option('error', w.withErrors), option('warning', w.withWarnings), option('ok', w.clean), option('unreadable', w.unreadable)),
    el('span', { id: 'shown', role: 'status' }));
  const types = ['text', 'number', 'text', 'number', 'number', 'number'];
  const head = el('tr', {}, ...w.columns.map((c, i) => el('th', { scope: 'col', 'data-type': types[i] }, c)));
  const body = el('tbody', {}, ...results.map((r, i) => summaryRow(r, ids[i], w)));
  return el('section', { id: 'summary', 'aria-labelledby': 'summary-h' },
    el('h2', { id: 'summary-h' }, w.summary),
    el('p', {}, w.count(stats)),
    controls,
    el('table', { id: 'summary-table' }, el('caption', {}, w.caption), el('thead', {}, head), body));
}

async function reportSection(r, id, index, { w, lang, pairing, schema, open }) {
  const sw = words(lang);
  const title = `${r.issuer ?? w.noIssuer}${r.year ? ` ${r.year}` : ''}`;
  const summary = el('summary', {}, title, ' ', el('span', { class: 'file' }, r.file), ' ',
    el('span', { class: 'counts' }, w.counts(r, sw)));
  const details = el('details', { class: 'report', id, 'data-index': index, 'data-status': statusOf(r), open: open ? '' : null }, summary);
  details.append(findingsView(r, { doc, prefix: id, lang, cells: schema.cells, pairing, reasons: r.report?.reasons }));
  const lost = [...(r.unplaced ?? []).map((u) => TEXT[lang].unplaced(u))];
  for (const row of r.missing_rows ?? []) lost.push(TEXT[lang].missingRow(row, await rowLabel(row, lang)));
  if (lost.length) details.append(el('div', { class: 'imported' }, el('p', {}, w.imported), el('ul', {}, ...lost.map((t) => el('li', {}, t)))));
  details.append(el('div', { class: 'tables-slot' }, el('p', { class: 'noscript' }, w.noscript)));
  return details;
}

/** JSON inside <script>: no "</script>" or "<!--" can end or bend the element. */
const scriptJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

let client; // the inlined script, built once per process
/**
 * The page as HTML text. `results`: in the order to show, each a result of the bulk check's
 * `check` task with `report` (the canonical report) or `{ file, error }` for a file that could
 * not be read. `schema`: schema(). `pairing`: --previous or --previous-dir was given.
 * Small runs (≤ `openUpTo` reports) open the reports with findings; their tables are drawn as
 * they scroll into view, the others when opened.
 */
export async function reviewPage(results, { schema, lang = 'zh', pairing = false, openUpTo = 20 }) {
  const w = WORDS[lang];
  const ids = results.map((_, i) => `r${i + 1}`);
  const stats = { files: results.length, errors: 0, warnings: 0, unreadable: 0 };
  for (const r of results) {
    const s = statusOf(r);
    if (s === 'unreadable') stats.unreadable++;
    else {
      if (r.errors) stats.errors++;
      if (r.warnings) stats.warnings++;
    }
  }
  const cells = schema.cells.map((c) => c.id);
  const data = { lang, text: { shown: w.shown }, tables: schema.tables, index: Object.fromEntries(cells.map((id, i) => [id, i])), reports: [] };
  const sections = [];
  const checked = results.length - stats.unreadable;
  for (const [i, r] of results.entries()) {
    if (r.error !== undefined) continue;
    const index = data.reports.length;
    // The values in schema order ('' for a blank) and the marks: about 1 KB a report.
    data.reports.push({ values: cells.map((id) => printedValue(r.report, id)), marks: cellMarks(r.findings) });
    sections.push(await reportSection(r, ids[i], index, { w, lang, pairing, schema, open: checked <= openUpTo && r.findings.length > 0 }));
  }
  client ??= inlineModules(CLIENT);
  const main = el('main', {}, summarySection(results, ids, stats, w),
    el('section', { id: 'reports', 'aria-labelledby': 'reports-h' }, el('h2', { id: 'reports-h' }, w.reports), ...sections));
  return '<!doctype html>\n'
    + `<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">\n<head>\n<meta charset="utf-8">\n`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + `${el('title', {}, w.title)}\n`
    + `<style>\n${readFileSync(CSS, 'utf8')}</style>\n</head>\n<body>\n`
    + `${el('header', {}, el('h1', {}, w.title))}\n${main}\n`
    + `<script type="application/json" id="review-data">${scriptJson(data)}</script>\n`
    + `<script>\n${client}</script>\n</body>\n</html>\n`;
}
