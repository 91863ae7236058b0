// The findings as CSV (RFC 4180), for reviewing hundreds of reports in a spreadsheet.
import { writeFileSync } from 'node:fs';

const HEADER = ['file', 'issuer', 'year', 'rule', 'severity', 'cells', 'expected', 'actual', 'message'];

// A published report chooses its issuer name and its file name, and a spreadsheet runs a cell that
// starts with = + - @ (or a tab or carriage return before one) as a formula: such text gets a leading
// apostrophe, as OWASP advises. Plain numbers such as -1 are left as they are.
const NUMBER = /^[-+]?\d+(\.\d+)?$/;
const defused = (text) => (/^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) ? `'${text}` : text);

// Quoted only where needed: a comma, a quote or a line break inside the value.
const field = (value) => {
  const text = defused(value == null ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Writes one row per finding of the results; messages in lang. Throws when the file cannot be written. */
export function writeCsv(path, results, lang) {
  const rows = [HEADER];
  for (const r of results) {
    for (const f of r.findings) {
      rows.push([r.file, r.issuer, r.year, f.rule, f.severity, f.cells.join(' '), f.expected, f.actual,
        lang === 'en' ? f.message_en : f.message]);
    }
  }
  // The byte-order mark is how Excel knows the file is UTF-8; without it Chinese comes out garbled.
  // CRLF line ends, as RFC 4180 says.
  writeFileSync(path, '\uFEFF' + rows.map((row) => row.map(field).join(',') + '\r\n').join(''));
}
