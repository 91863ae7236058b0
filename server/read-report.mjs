// Reads a published report dropped in the review area. The PDF/Word/HTML readers (lib/read/,
// `readReport(bytes, { name })`) are used when this build has them; without them JSON, text and
// HTML still work through the package's importReport.
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importReport } from 'nianbao';

const READERS = new URL('../lib/read/index.mjs', import.meta.url);
let readers; // loaded on first use: the PDF and Word readers are heavy

async function loadReaders() {
  if (readers === undefined) readers = existsSync(fileURLToPath(READERS)) ? await import(READERS.href) : null;
  return readers;
}

/** Accepted without lib/read/ (and, with it, whatever it reads besides). */
export const BASIC_TYPES = ['.json', '.txt', '.md', '.html', '.htm'];

/**
 * `{ report, unplaced, missing_rows, format, notes }` from a file's bytes; `report` is JSON text or
 * an object. Throws an Error saying what is wrong with the file.
 */
export async function readDropped(bytes, name) {
  const lib = await loadReaders();
  if (lib?.readReport) return lib.readReport(bytes, { name });
  const ext = extname(name).toLowerCase();
  if (!BASIC_TYPES.includes(ext)) {
    throw new Error(`“${name}”：此服务器只能读取 ${BASIC_TYPES.join(' ')} 文件（读取 PDF 和 Word 的模块 lib/read/ 未安装）。`);
  }
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  if (ext === '.json') return { report: text, unplaced: [], missing_rows: [], format: 'json', notes: [] };
  const imported = importReport(text);
  return { ...imported, format: ext === '.htm' || ext === '.html' ? 'html' : 'text', notes: [] };
}
