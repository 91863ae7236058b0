// Reads the text runs of a PDF, with their positions, through pdf.js. No geometry is decided
// here: lib/read/layout.mjs rebuilds the tables from the runs.
import { ReadError } from './errors.mjs';

// A report is a few pages; past this many, the tables have long been read (or are not there).
export const MAX_PAGES = 60;

let pdfjs;
async function library() {
  // The legacy build runs in Node ≥ 20 and in older browsers; loaded only when a PDF is opened.
  pdfjs ??= await import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

// Where pdf.js finds the CMaps that CJK fonts need and its standard fonts: beside the package in
// Node; a browser passes URLs (options.cMapUrl, options.standardFontDataUrl).
async function assetUrls() {
  if (typeof process === 'undefined' || !process.versions?.node) return {};
  const { fileURLToPath } = await import('node:url');
  const root = new URL('./', import.meta.resolve('pdfjs-dist/package.json'));
  return {
    cMapUrl: fileURLToPath(new URL('cmaps/', root)),
    standardFontDataUrl: fileURLToPath(new URL('standard_fonts/', root)),
  };
}

/**
 * Returns { pages: [{ number, width, height, runs: [{ text, x, y, w, h, vertical? }] }], pageCount,
 * truncated }. x, y: the run's left edge and baseline in points from the page's top-left; h: its
 * font size. Throws a ReadError for an encrypted, corrupt or text-less (scanned) PDF.
 */
export async function readPdfRuns(bytes, options = {}) {
  const { getDocument, GlobalWorkerOptions } = await library();
  // A browser runs pdf.js's parser in a worker it must be told where to find (Node needs none).
  if (options.workerSrc) GlobalWorkerOptions.workerSrc = options.workerSrc;
  const maxPages = options.maxPages ?? MAX_PAGES;
  const task = getDocument({
    data: new Uint8Array(bytes), // pdf.js takes ownership of (detaches) the buffer it is given
    cMapPacked: true,
    ...(await assetUrls()),
    ...options.pdfjs,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy();
    if (e?.name === 'PasswordException') {
      throw new ReadError('the PDF is encrypted (password-protected): save an unprotected copy or give its text', 'encrypted');
    }
    if (e?.name === 'InvalidPDFException') {
      throw new ReadError(`not a readable PDF (corrupt or cut short): ${e.message}`, 'corrupt');
    }
    throw new ReadError(`the PDF cannot be read: ${e.message}`, 'corrupt');
  }
  try {
    const pageCount = doc.numPages;
    const pages = [];
    let chars = 0;
    for (let number = 1; number <= Math.min(pageCount, maxPages); number++) {
      const page = await doc.getPage(number);
      const [x0, , x1, y1] = page.view;
      const content = await page.getTextContent({ disableNormalization: false });
      const runs = [];
      for (const item of content.items) {
        if (!item.str || !item.str.trim()) continue;
        const [a, b, c, d, e, f] = item.transform;
        const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height;
        // Vertical writing (a vertical font, or text turned a quarter): one run down its column,
        // as wide as a character, placed by its top.
        const turned = Math.abs(b) > Math.abs(a);
        const vertical = turned || Boolean(content.styles[item.fontName]?.vertical);
        const upward = turned && b > 0; // turned anticlockwise: read from the bottom up
        runs.push({
          text: item.str,
          x: e - x0 - (upward ? size : 0),
          y: y1 - f - (upward ? item.width : 0),
          w: vertical ? size : item.width,
          h: size,
          ...(vertical && { vertical: true }),
        });
        chars += item.str.length;
      }
      pages.push({ number, width: x1 - x0, height: page.view[3] - page.view[1], runs });
      page.cleanup();
    }
    if (chars === 0) {
      throw new ReadError(
        `the PDF has no text layer (${pageCount} page${pageCount === 1 ? '' : 's'} of images, a scan?): ` +
          'it cannot be read without OCR; give the published text or a PDF exported from Word/WPS',
        'no-text',
      );
    }
    return { pages, pageCount, truncated: pageCount > maxPages };
  } finally {
    await doc.destroy();
  }
}
