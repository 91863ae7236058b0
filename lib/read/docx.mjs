// Reads a Word .docx from its own structure: word/document.xml, unzipped with fflate within a
// size limit (a .docx that unzips to gigabytes is refused, never inflated), parsed with
// htmlparser2 in XML mode. Paragraphs become lines; each table becomes rows of cells with merges
// resolved from the document itself: w:gridSpan (across) and w:vMerge (down, a continued cell is
// the trace of the merge and holds no value).
import { ReadError } from './errors.mjs';
import { tableLines } from './cells.mjs';

// A report's document.xml is well under 5 MB; past this, it is not a report (or it is a bomb).
export const MAX_XML_BYTES = 64 * 1024 * 1024;

let libs;
async function library() {
  libs ??= { fflate: await import('fflate'), htmlparser2: await import('htmlparser2') };
  return libs;
}

/** word/document.xml of a .docx, inflated chunk by chunk and abandoned past `limit` bytes. */
function documentXml(fflate, bytes, limit) {
  const chunks = [];
  let size = 0;
  let found = false;
  let error = null;
  const unzip = new fflate.Unzip();
  unzip.register(fflate.UnzipInflate);
  unzip.onfile = (file) => {
    if (file.name !== 'word/document.xml' || error) return;
    found = true;
    file.ondata = (err, chunk) => {
      if (err) {
        error = new ReadError(`the Word file is damaged: ${err.message}`, 'corrupt');
        return;
      }
      size += chunk.length;
      if (size > limit) {
        error ??= new ReadError(
          `the Word file's text unpacks to more than ${Math.round(limit / 1048576)} MB: not a report (a zip bomb?); refused`,
          'too-large',
        );
        file.terminate();
        return;
      }
      chunks.push(chunk);
    };
    file.start();
  };
  try {
    // Fed a little at a time: inflate gives its output per push, and deflate packs up to 1032
    // bytes into one, so a push of 8 KB never unpacks to more than about 8 MB at once.
    const step = 8192;
    for (let at = 0; at < bytes.length && !error; at += step) unzip.push(bytes.subarray(at, at + step), at + step >= bytes.length);
  } catch (e) {
    if (!error) throw new ReadError(`not a readable Word file (the zip archive is damaged: ${e.message})`, 'corrupt');
  }
  if (error) throw error;
  if (!found) throw new ReadError('a zip archive without word/document.xml: not a Word .docx file', 'not-docx');
  return new TextDecoder('utf-8').decode(concat(chunks));
}

function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const isTag = (node) => node.type === 'tag';
const kids = (node) => (node.children ?? []).filter(isTag);
const child = (node, name) => kids(node).find((k) => k.name === name);

/** The text of runs under a node: w:t, tabs and breaks; deleted text (w:delText) is not text. */
function textOf(node) {
  let out = '';
  for (const k of node.children ?? []) {
    if (k.type === 'text') continue;
    if (!isTag(k)) continue;
    if (k.name === 'w:t') out += (k.children ?? []).map((c) => c.data ?? '').join('');
    else if (k.name === 'w:tab') out += ' ';
    else if (k.name === 'w:br' || k.name === 'w:cr') out += '\n';
    else if (k.name === 'w:p') out += `${textOf(k)}\n`;
    else if (k.name !== 'w:tcPr' && k.name !== 'w:pPr' && k.name !== 'w:rPr') out += textOf(k);
  }
  return out;
}

/** A table's rows: each cell's text, with continued vertical merges left out. */
function rowsOf(tbl) {
  const rows = [];
  for (const tr of kids(tbl).filter((k) => k.name === 'w:tr')) {
    const cells = [];
    for (const tc of kids(tr).filter((k) => k.name === 'w:tc' || k.name === 'w:sdt')) {
      const cell = tc.name === 'w:sdt' ? child(child(tc, 'w:sdtContent') ?? tc, 'w:tc') : tc;
      if (!cell) continue;
      const vMerge = child(child(cell, 'w:tcPr') ?? cell, 'w:vMerge');
      const continued = vMerge && (vMerge.attribs['w:val'] ?? 'continue') === 'continue';
      if (!continued) cells.push(textOf(cell));
    }
    rows.push(cells);
  }
  return rows;
}

function linesOf(node, out) {
  for (const k of kids(node)) {
    if (k.name === 'w:p') out.push(...textOf(k).split('\n'));
    else if (k.name === 'w:tbl') out.push(...tableLines(rowsOf(k)));
    else if (k.name === 'w:sdt' || k.name === 'w:sdtContent' || k.name === 'w:customXml' || k.name === 'w:body') linesOf(k, out);
  }
}

/** Bytes of a .docx → { text, notes } for the importer. */
export async function readDocx(bytes, options = {}) {
  const { fflate, htmlparser2 } = await library();
  const xml = documentXml(fflate, bytes, options.maxXmlBytes ?? MAX_XML_BYTES);
  const doc = htmlparser2.parseDocument(xml, { xmlMode: true });
  const body = [...(doc.children ?? [])].filter(isTag).flatMap((d) => (d.name === 'w:document' ? kids(d) : [])).find((k) => k.name === 'w:body');
  if (!body) throw new ReadError('word/document.xml has no body: not a Word document', 'not-docx');
  const out = [];
  linesOf(body, out);
  return { text: out.filter((l) => l.trim() !== '').join('\n') + '\n', notes: [] };
}
