// One report as a reviewer looks at it: its findings, each linking to its cell, and its three
// tables in the official layout (lib/tables) with the cells the findings point to marked and the
// expected value beside the printed one. Written against the same minimal DOM as draw.js, so that
// it builds HTML in Node (html.js: the review page of `nianbao check --html`, the collecting
// server) and elements in the browser (the review page draws a report's tables when it is opened).
//
//   import { htmlDocument } from '../tables/html.js';   // in Node
//   String(reportView(result, report, { doc: htmlDocument, schema: schema(), prefix: 'r1' }))
//
// Element ids: the report's tables under `${prefix}-…`, a cell's element `${prefix}-c-${cell id}`,
// so that `#${prefix}-c-requests.new.total` links to it. Every data cell carries
// `data-cell="<cell id>"`; a cell a finding points to also `data-severity="error" | "warning"`.

import { drawTables } from '../tables/draw.js';

const WORDS = {
  zh: {
    error: '错误', warning: '警告', expected: '应为', findings: '发现的问题', none: '未发现问题。',
    fix: '改法：', reason: '填报说明的原因：', likely: '最可能的改法：', several: (n) => `有 ${n} 种同样小的改法，请核对原件后选择：`,
    previous: (p) => `与上年年报比较：${p.file}${p.issuer || p.year ? `（${p.issuer ?? ''}${p.year ? ` ${p.year} 年` : ''}）` : ''}`,
    noPrevious: '未找到同一机关的上年年报，跨年度规则未核对。',
    mismatch: (p, r) => `注意：上年年报是「${p.issuer ?? '?'}」${p.year ?? '?'} 年的，本报告是「${r.issuer ?? '?'}」${r.year ?? '?'} 年的。`,
    tables: '表格',
  },
  en: {
    error: 'Error', warning: 'Warning', expected: 'should be', findings: 'Findings', none: 'No findings.',
    fix: 'Fix: ', reason: 'Reason given: ', likely: 'Most likely fix: ', several: (n) => `${n} equally small corrections; check the original and pick one:`,
    previous: (p) => `Compared with last year's report: ${p.file}${p.issuer || p.year ? ` (${[p.issuer, p.year].filter(Boolean).join(' ')})` : ''}`,
    noPrevious: 'No report of the same issuer for last year was found; the cross-year rules were not checked.',
    mismatch: (p, r) => `Note: last year's report is ${p.issuer ?? '?'} ${p.year ?? '?'}, this one is ${r.issuer ?? '?'} ${r.year ?? '?'}.`,
    tables: 'Tables',
  },
};
export const words = (lang) => WORDS[lang === 'en' ? 'en' : 'zh'];

// Icons beside the words, so that neither colour nor an icon alone tells error from warning.
export const ICON = { error: '✖', warning: '⚠' };
const RANK = { error: 2, warning: 1 };

/**
 * The cells findings point to: cell id → { severity, expected } (the worst finding wins; the
 * expected value is the fix the package names for that very cell, else null).
 */
export function cellMarks(findings) {
  const marks = {};
  for (const f of findings) {
    if (!f.cell) continue;
    const expected = f.fix?.cell === f.cell ? f.fix.value : null;
    const old = marks[f.cell];
    if (!old || RANK[f.severity] > RANK[old.severity]) marks[f.cell] = { severity: f.severity, expected: expected ?? old?.expected ?? null };
    else old.expected ??= expected;
  }
  return marks;
}

/** An element of `doc` with attributes (null and undefined left out) and children (likewise, and ''). */
export function el(doc, tag, attrs = {}, ...children) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  for (const child of children) if (child !== null && child !== undefined && child !== '') node.append(child);
  return node;
}

/** ✖ 错误 / ⚠ Warning: the icon hidden from screen readers, the word not. */
export function flag(doc, severity, lang) {
  return el(doc, 'span', { class: `flag ${severity}` }, el(doc, 'span', { 'aria-hidden': 'true' }, `${ICON[severity]} `), words(lang)[severity]);
}

/**
 * The three tables of `tables` (schema().tables) as one element. `value(id)` gives a cell's
 * printed value ('' or null for a blank); `marks` is cellMarks(findings).
 */
export function drawReportTables(tables, { doc, prefix, lang = 'zh', value, marks = {}, headingTag = 'h3' }) {
  const w = words(lang);
  const label = (item) => (lang === 'en' ? item.label_en ?? item.label : item.label);
  const drawn = drawTables({ tables }, {
    doc,
    prefix,
    headingTag,
    label,
    cell: (id) => {
      const printed = value(id) ?? '';
      const mark = marks[id];
      if (!mark) return printed;
      const wrap = el(doc, 'span', { class: 'marked' }, flag(doc, mark.severity, lang), el(doc, 'span', { class: 'printed' }, printed));
      if (mark.expected !== null && mark.expected !== undefined) wrap.append(el(doc, 'span', { class: 'expected' }, `${w.expected} ${mark.expected}`));
      return wrap;
    },
    onCell: (node, id, headers) => {
      node.setAttribute('id', `${prefix}-c-${id}`);
      node.setAttribute('headers', headers.join(' '));
      node.setAttribute('data-cell', id);
      if (marks[id]) node.setAttribute('data-severity', marks[id].severity);
    },
  });
  const out = el(doc, 'div', { class: 'tables' });
  // A wide table scrolls inside its own box (keyboard users reach it: tabindex, named by its heading).
  for (const { heading, table } of drawn) out.append(heading, el(doc, 'div', { class: 'scroll', tabindex: '0', role: 'group', 'aria-labelledby': heading.getAttribute('id') }, table));
  return out;
}

/** A link to a cell, named by its full label (「一、本年新收…」「自然人」). */
function cellLink(doc, prefix, id, cellLabels, lang) {
  const cell = cellLabels.get(id);
  return el(doc, 'a', { href: `#${prefix}-c-${id}`, class: 'cell-link' }, cell ? (lang === 'en' ? cell.label_en : cell.label) : id);
}

/**
 * The findings of a check result as a list: each with its severity in words, its message (the
 * prose findings quote their sentence), a link to its cell and the fix; then the suggestions when
 * several corrections are equally small, and the report last year's was compared with.
 * `cells` is schema().cells. `pairing`: whether last year's reports were looked for at all.
 * `reasons`: the report's reasons for warnings (finding id → text), shown with their finding.
 */
export function findingsView(result, { doc, prefix, lang = 'zh', cells, pairing = false, reasons = {} }) {
  const w = words(lang);
  const en = lang === 'en';
  const cellLabels = new Map(cells.map((c) => [c.id, c]));
  const out = el(doc, 'div', { class: 'findings' });
  const p = result.previous;
  if (p) {
    out.append(el(doc, 'p', { class: 'previous' }, w.previous(p)));
    // --previous names one file: it may be another issuer's, or not the year before.
    if (p.sameIssuer === false || (p.year && result.year && p.year !== result.year - 1)) out.append(el(doc, 'p', { class: 'previous mismatch' }, w.mismatch(p, result)));
  }
  else if (pairing) out.append(el(doc, 'p', { class: 'previous none' }, w.noPrevious));
  if (result.findings.length === 0) out.append(el(doc, 'p', { class: 'none' }, w.none));
  const list = el(doc, 'ol', { class: 'finding-list' });
  for (const f of result.findings) {
    const item = el(doc, 'li', { 'data-severity': f.severity, 'data-rule': f.rule, 'data-finding': f.id }, flag(doc, f.severity, lang), ' ');
    const target = f.cell ?? f.cells?.[0];
    if (target) item.append(cellLink(doc, prefix, target, cellLabels, lang), en ? ': ' : '：');
    item.append(el(doc, 'span', { class: 'message' }, en ? f.message_en : f.message));
    if (f.fix) item.append(' ', el(doc, 'span', { class: 'fix' }, w.fix, en ? f.fix.message_en : f.fix.message));
    if (typeof reasons?.[f.id] === 'string') item.append(' ', el(doc, 'span', { class: 'reason' }, w.reason, reasons[f.id]));
    list.append(item);
  }
  if (result.findings.length) out.append(list);
  const suggestions = result.suggestions ?? [];
  if (suggestions.length > 1) {
    const ol = el(doc, 'ol', { class: 'suggestion-list' });
    for (const s of suggestions) {
      const li = el(doc, 'li', {}, en ? s.message_en : s.message, ' ');
      s.changes.forEach((c, i) => li.append(i ? ', ' : '(', cellLink(doc, prefix, c.cell, cellLabels, lang), ` ${c.from} → ${c.to}`));
      li.append(')');
      ol.append(li);
    }
    out.append(el(doc, 'div', { class: 'suggestions' }, el(doc, 'p', {}, w.several(suggestions.length)), ol));
  } else if (suggestions.length === 1) {
    out.append(el(doc, 'p', { class: 'suggestions' }, w.likely, en ? suggestions[0].message_en : suggestions[0].message));
  }
  return out;
}

/** The printed value of a cell of a canonical report: as the report holds it, '' for a blank. */
export function printedValue(report, id) {
  const [table, row, column] = id.split('.');
  const v = report?.[table]?.[row]?.[column];
  return v === null || v === undefined ? '' : String(v).trim();
}

/**
 * One report's whole view — findings, then its tables — for a page built in Node (the collecting
 * server's review area) or the browser: `result` is a CheckResult (with `previous` when paired),
 * `report` the canonical report, `schema` schema(). Returns one element of `doc`.
 */
export function reportView(result, report, { doc, schema, prefix = 'r', lang = 'zh', pairing = false, headingTag }) {
  const out = el(doc, 'div', { class: 'report-view' });
  out.append(findingsView(result, { doc, prefix, lang, cells: schema.cells, pairing, reasons: report?.reasons }));
  out.append(drawReportTables(schema.tables, { doc, prefix, lang, headingTag, value: (id) => printedValue(report, id), marks: cellMarks(result.findings) }));
  return out;
}
