// Reading a report the clerk opens or pastes — for 导入 and for last year's report alike.
// Pasted text goes to the package's importer at once; a file goes through the readers
// (lib/read, bundled into pkg/read/ by scripts/bundle-read.mjs), loaded on the first file only, and
// pdf.js (from /vendor/pdfjs-dist/, server/vendor.mjs) only when the file is a PDF.

// What the file picker offers; the readers tell the format from the bytes, not the name.
export const ACCEPT = '.pdf,.docx,.html,.htm,.txt,.md,.json,application/pdf,'
  + 'application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/html,text/plain,text/markdown,application/json';

/** The importer of the form's package (the one place the form reaches it, for the readers too). */
const importer = (ctx) => (text) => ctx.pkg.importReport(text);

/**
 * Our JSON export, or a published report (text, Markdown, HTML) that the package's importer (loaded
 * on first use) reads into the canonical JSON. Resolves to { report, unplaced, missing_rows, unread, matched,
 * split }; rejects when the text holds no table, or the JSON is not a report.
 */
export async function readReport(ctx, text) {
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    return importer(ctx)(text);
  }
  await inspect(ctx, report);
  return { report, unplaced: [], missing_rows: [], unread: [], matched: [], split: [] };
}

/** Throws on what is not a report at all, as the full checker reads it (reports of any shape). */
async function inspect(ctx, report) {
  await ctx.pkg.loadFull();
  ctx.pkg.inspect(report, []);
}

const asset = (path) => new URL(path, document.baseURI).href;

/**
 * A file the clerk opened or dropped — PDF, Word .docx, a web page, text, Markdown or our JSON —
 * read as readReport (lib/read) reads it. Resolves to { report, unplaced, missing_rows, unread,
 * matched, split, notes, format }; rejects with an Error whose message says, in the page's language, what is wrong.
 */
export async function readFile(ctx, file) {
  const { readReport: read } = await import('./pkg/read/index.js');
  let result;
  try {
    result = await read(new Uint8Array(await file.arrayBuffer()), {
      name: file.name,
      importReport: importer(ctx),
      schema: () => ctx.schema,
      workerSrc: asset('vendor/pdfjs-dist/legacy/build/pdf.worker.min.mjs'),
      pdfjs: { cMapUrl: asset('vendor/pdfjs-dist/cmaps/'), standardFontDataUrl: asset('vendor/pdfjs-dist/standard_fonts/') },
    });
  } catch (err) {
    throw new Error(readError(ctx, err));
  }
  if (result.format === 'json') await inspect(ctx, result.report);
  return result;
}

// The readers' errors by their code (lib/read ReadError), said in the page's language; another
// error (the importer's: no table found) is shown as it is.
const READ_ERRORS = {
  doc: 'read_error_doc',
  encrypted: 'read_error_encrypted',
  'no-text': 'read_error_no_text',
  corrupt: 'read_error_corrupt',
  'not-docx': 'read_error_not_docx',
  'too-large': 'read_error_too_large',
  empty: 'read_error_empty',
  json: 'read_error_json',
};

function readError(ctx, err) {
  const key = Object.hasOwn(READ_ERRORS, err?.code) ? READ_ERRORS[err.code] : null;
  return key ? ctx.i18n.t(key, { detail: err.message }) : String(err?.message ?? err);
}

// The readers' notes (lib/read: layout.mjs, html.mjs, index.mjs) in the page's language; one not listed
// here is shown as the reader wrote it.
const NOTES = [
  [/^only the first (\d+) of (\d+) pages were read/, (m) => ['read_note_pages', { n: m[1], of: m[2] }]],
  [/^page (\d+): page number 「(.*)」 dropped/, (m) => ['read_note_page_number', { page: m[1], text: m[2] }]],
  [/^page (\d+): repeated table header dropped/, (m) => ['read_note_header', { page: m[1] }]],
  [/^page (\d+): no column headers above the first numbers/, (m) => ['read_note_columns', { page: m[1] }]],
  [/^the article holding the tables was read/, () => ['read_note_article']],
];

/** A reader's note in the page's language. */
export function noteText(ctx, note) {
  for (const [pattern, say] of NOTES) {
    const m = pattern.exec(note);
    if (m) return ctx.i18n.t(...say(m));
  }
  return note;
}

/** 「有 2 行未找到、1 处数字未能放入表格，请逐一核对。」, or nothing when all was read. */
export function gapsNote(ctx, { unplaced, missing_rows: missing }) {
  const { t } = ctx.i18n;
  if (!unplaced.length && !missing.length) return '';
  return t('imported_gaps', { rows: t('gap_rows', { n: missing.length }), numbers: t('gap_numbers', { n: unplaced.length }) });
}
