// Reads one report file, of any kind the command line accepts, into the canonical JSON.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { importReport, issuerKey } from 'nianbao';
import { readReport } from '../../lib/read/index.mjs';
import { KINDS } from './files.mjs';
import { isUrl, fetchUrl, headerCharset, attachmentLink } from './fetch.mjs';

// Published reports saved on Chinese Windows machines are often GBK, not UTF-8: read as UTF-8
// they would turn into replacement characters and "no table found", which hides the real cause.
function decode(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a BOM too
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readBytes(file) {
  try {
    return readFileSync(file);
  } catch (err) {
    if (err.code === 'ENOENT') throw new Error('no such file');
    if (err.code === 'EISDIR') throw new Error('is a directory, not a report file');
    throw new Error(err.message);
  }
}

function parseJson(text) {
  let report;
  try {
    report = JSON.parse(text);
  } catch (err) {
    throw new Error(`not valid JSON: ${err.message}`);
  }
  // Checked here rather than left to check(): check() reads a string as JSON text,
  // and it would echo the whole value back in its message.
  if (report === null || typeof report !== 'object' || Array.isArray(report)) {
    const kind = report === null ? 'null' : Array.isArray(report) ? 'an array' : `a ${typeof report}`;
    throw new Error(`not a report: the file holds ${kind}, not a JSON object`);
  }
  return report;
}

/**
 * Returns { report, source, imported, unplaced, missing_rows, unread, matched, split, format, notes }. `source` is the JSON
 * text of a JSON file: check() reads it a third faster than the object (which it would turn back
 * into JSON), and sees numbers as typed. `imported` is true for every other kind (PDF, .docx, web
 * pages, text), read by lib/read then importReport; its `unread` cells are to be checked as
 * unknown (check(report, { unread })), not as blanks. Rejects with an Error whose message is the
 * reason the file cannot be read.
 */
export async function load(file, fetchOptions = {}) {
  if (isUrl(file)) return loadUrl(file, fetchOptions);
  const bytes = readBytes(file);
  // A file of unknown kind is JSON if it looks like JSON: the reason then says what is wrong with it.
  const named = KINDS[extname(file).toLowerCase()];
  if (named === 'json' || (!named && /^\s*[{[]/.test(decode(bytes.subarray(0, 64))))) {
    const text = decode(bytes);
    const none = { unplaced: [], missing_rows: [], unread: [], matched: [], split: [] };
    return { report: parseJson(text), source: text, imported: false, ...none, format: 'json', notes: [] };
  }
  const { report, format, notes, ...read } = await readReport(bytes, { name: file, importReport });
  const { unplaced, missing_rows, unread, matched, split } = read;
  return { report, source: report, imported: true, unplaced, missing_rows, unread, matched, split, format, notes };
}

async function readFetched({ url, bytes, contentType }) {
  const name = new URL(url).pathname;
  const read = await readReport(bytes, { name, charset: headerCharset(contentType), importReport });
  return { ...read, source: read.report, imported: read.format !== 'json' };
}

/**
 * A report at an http(s) URL, as load() returns it, with `url` (where it was read from after
 * redirects) and, when the page held no report but linked to its PDF or Word attachment,
 * `followed` (the attachment's URL, which was read instead).
 */
async function loadUrl(address, fetchOptions) {
  const page = await fetchUrl(address, fetchOptions);
  try {
    return { ...(await readFetched(page)), url: page.url };
  } catch (err) {
    // A page that only links to the report: read the attachment it names, and say so.
    if (!/html|text\/plain/i.test(page.contentType) && !/^\s*</.test(page.bytes.subarray(0, 512).toString('latin1'))) throw err;
    const { decode: decodePage } = await import('../../lib/read/html.mjs');
    const link = await attachmentLink(decodePage(page.bytes, headerCharset(page.contentType)), page.url);
    if (!link) throw err;
    const attachment = await fetchUrl(link, fetchOptions).catch((e) => {
      throw new Error(`the page links to the report's attachment ${link}, which could not be fetched: ${e.message}`);
    });
    const read = await readFetched(attachment).catch((e) => {
      throw new Error(`the page links to the report's attachment ${link}, which cannot be read: ${e.message}`);
    });
    return { ...read, url: attachment.url, followed: link };
  }
}

/** The issuer and year a report names, as pairing with last year's needs them (year as a number). */
export function identity(report) {
  const issuer = typeof report.issuer === 'string' && report.issuer.trim() ? report.issuer.trim() : null;
  // Number('') and Number(null) are 0, which is no year.
  const year = ['number', 'string'].includes(typeof report.year) ? Number(report.year) : NaN;
  return { issuer, year: Number.isInteger(year) && year > 0 ? year : null };
}

// What pairs a report with last year's: the issuer as the core identifies agencies (issuerKey:
// 「隆德县 人民政府」, a title split over PDF lines, is 「隆德县人民政府」), and the year.
export const pairKey = (issuer, year) => `${issuerKey(issuer)} ${year}`;
