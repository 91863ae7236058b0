// readReport: a published report as bytes or text — PDF, Word .docx, a web page, text or
// Markdown, canonical JSON — into the canonical report. The format is told from the bytes, not
// the name; each reader turns its format into lines of cells, which the package's importReport
// reads by the official labels. Heavy libraries (pdf.js, fflate, htmlparser2) load on first use of
// their format only, and nothing here touches the file system, so a browser can use it as is.
import { ReadError } from './errors.mjs';
import { decode } from './html.mjs';

export { ReadError };

// Beyond these a file is not an annual report (a few pages, a few hundred KB of text).
export const LIMITS = { bytes: 64 * 1024 * 1024, textBytes: 16 * 1024 * 1024 };

const starts = (bytes, ...magic) => magic.every((b, i) => bytes[i] === b);

/** The format of a file's bytes: pdf, docx, doc, or text (HTML and JSON are told apart later). */
export function detectFormat(bytes) {
  // %PDF- may follow a little garbage (the spec allows it within the first 1024 bytes).
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (starts(bytes, 0x50, 0x4b, 0x03, 0x04)) return 'docx';
  if (starts(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'doc';
  return 'text';
}

const looksLikeHtml = (text) => /<(?:html|body|table|td|p|div|meta|!doctype)\b/i.test(text.slice(0, 200000));

async function nianbao(options) {
  // A page that has the package loaded already (the form) passes its importer, and nothing is imported.
  if (options.importReport) return { importReport: options.importReport };
  const module = await import('nianbao');
  // In a browser the wasm must be fetched first; in Node init() is ready and does nothing.
  if (typeof module.default === 'function') await module.default();
  return { importReport: module.importReport };
}

function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError('readReport reads a Uint8Array, an ArrayBuffer or a string');
}

/** What the reader turned the file into, before the importer: { format, text, unplaced, notes }. */
export async function readText(input, options = {}) {
  if (typeof input === 'string') {
    if (input.length > LIMITS.textBytes) throw new ReadError(`the text is over ${LIMITS.textBytes / 1048576} MB: not a report`, 'too-large');
    return textFormat(input, options);
  }
  const bytes = toBytes(input);
  if (bytes.length === 0) throw new ReadError('empty file', 'empty');
  if (bytes.length > LIMITS.bytes) throw new ReadError(`the file is over ${LIMITS.bytes / 1048576} MB: not a report`, 'too-large');
  const format = detectFormat(bytes);
  if (format === 'doc') {
    throw new ReadError(
      'an old Word .doc file (or a password-protected Office file) cannot be read: save it as .docx or PDF and read that',
      'doc',
    );
  }
  if (format === 'pdf') {
    const [{ readPdfRuns }, { layout }] = await Promise.all([import('./pdf.mjs'), import('./layout.mjs')]);
    const { pages, pageCount, truncated } = await readPdfRuns(bytes.slice(), options);
    const { text, unplaced, notes } = layout(pages);
    if (truncated) notes.unshift(`only the first ${pages.length} of ${pageCount} pages were read`);
    return { format, text, unplaced, notes };
  }
  if (format === 'docx') {
    const { readDocx } = await import('./docx.mjs');
    return { format, unplaced: [], ...(await readDocx(bytes, options)) };
  }
  if (bytes.length > LIMITS.textBytes) throw new ReadError(`the page is over ${LIMITS.textBytes / 1048576} MB: not a report`, 'too-large');
  return textFormat(decode(bytes, options.charset), options);
}

async function textFormat(text, { name } = {}) {
  const plain = /\.(?:txt|md|html?)$/i.test(name ?? '');
  if (!plain && /^\s*[{[]/.test(text)) return { format: 'json', text, unplaced: [], notes: [] };
  if (looksLikeHtml(text)) {
    const { readHtml } = await import('./html.mjs');
    return { format: 'html', unplaced: [], ...(await readHtml(text)) };
  }
  if (text.trim() === '') throw new ReadError('empty file', 'empty');
  return { format: 'text', text: text.replace(/^\uFEFF/, ''), unplaced: [], notes: [] };
}

/**
 * Reads a published report. Returns { report, unplaced, missing_rows, unread, matched, split, format, notes }:
 * `unread` lists the cells the importer could not read (blank in `report`, but not printed blank:
 * pass them on as check(report, { unread })); `matched` the rows found by a label other than the
 * official one ({ row, label, line, how: 'variant' | 'near' }); `split` the rows printed as one
 * digit string and split the one way their sums allow ({ rows, line, text, values }); `format` is
 * pdf, docx, html, text or json; `unplaced` lists numbers that could not be put in a cell (with the
 * line of the text they were read into, and for a PDF the page); `missing_rows` the rows whose
 * label was not found (their cells stay blank); `notes` what the reader did or skipped (page
 * numbers and repeated headers dropped, pages not read). Throws a ReadError with a message saying
 * what is wrong with the file (encrypted, scanned, .doc, damaged, too large, no table).
 * options: { name?, charset? (an HTTP answer's, for a page), importReport? (the caller's own
 * package's, which then is not imported), maxPages?, pdfjs? (extra pdf.js getDocument options:
 * cMapUrl, standardFontDataUrl in a browser) }.
 */
export async function readReport(input, options = {}) {
  const read = await readText(input, options);
  if (read.format === 'json') {
    let report;
    try {
      report = JSON.parse(read.text);
    } catch (e) {
      throw new ReadError(`not valid JSON: ${e.message}`, 'json');
    }
    if (report === null || typeof report !== 'object' || Array.isArray(report)) {
      throw new ReadError('not a report: the JSON is not an object', 'json');
    }
    return { report, unplaced: [], missing_rows: [], unread: [], matched: [], split: [], format: 'json', notes: [] };
  }
  const { importReport } = await nianbao(options);
  let imported;
  try {
    imported = await importReport(read.text); // the form's importer is loaded on first use
  } catch (e) {
    const scanned = read.format === 'pdf' && read.text.replace(/\s/g, '').length < 50;
    throw new ReadError(scanned ? 'the PDF has almost no text (a scan?): it cannot be read without OCR' : e.message, 'no-table');
  }
  return {
    report: imported.report,
    unplaced: [...read.unplaced, ...imported.unplaced],
    missing_rows: imported.missing_rows,
    unread: imported.unread,
    matched: imported.matched,
    split: imported.split,
    format: read.format,
    notes: read.notes,
  };
}
