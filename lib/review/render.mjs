// One report's review view as HTML text, for a page built in Node — the collecting server's review
// area: the same findings and tables (view.js, drawn by lib/tables) as `nianbao check --html`.
//
//   import { renderReport } from '../lib/review/render.mjs';   // from server/
//   res.end(`…${renderReport(storedJsonText, check(storedJsonText))}…`);
//
// The page that shows it styles it with lib/review/page.css (no inline style: it fits a strict CSP).
import { schema } from 'nianbao';
import { canonicalReport } from '../canonical.mjs';
import { htmlDocument } from '../tables/html.js';
import { reportView } from './view.js';

let theSchema;

/** The canonical report of JSON text, read by the package (611.1281 stays exact), or the object as given. */
const canonical = (report) => (typeof report === 'string' ? canonicalReport(report) : report);

/**
 * `report`: the report (JSON text or the canonical object); `result`: its CheckResult, with
 * `previous` ({ file, issuer, year }) when it was compared with last year's. `prefix` keeps the
 * element ids of several reports on one page apart.
 */
export function renderReport(report, result, { lang = 'zh', prefix = 'r', pairing = false, headingTag = 'h3' } = {}) {
  theSchema ??= schema();
  return String(reportView(result, canonical(report), { doc: htmlDocument, schema: theSchema, prefix, lang, pairing, headingTag }));
}
