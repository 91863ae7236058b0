// Reads a whole web page as government CMSs publish it — navigation, scripts, Word-exported HTML
// with mso styles, &nbsp; padding, <p><span> inside each cell, GBK — into lines for the importer:
// the article's text, and its tables as tab-separated rows. Parsed with htmlparser2 (a
// well-kept, forgiving HTML parser); nothing in the page is run or fetched.
import { tableLines, cellText } from './cells.mjs';

let parser;
async function library() {
  parser ??= await import('htmlparser2');
  return parser;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'head', 'select', 'button', 'form']);
const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'tr', 'table', 'blockquote', 'center', 'dd', 'dt',
]);
const NUMBER = /^[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?$/;

/**
 * The charset a page declares: a byte-order mark, else the one its HTTP answer named
 * (`transport`, from Content-Type: it wins over the page's own, as in browsers), else <meta
 * charset> in its first 4 KB.
 */
export function declaredCharset(bytes, transport = null) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (transport) return transport.toLowerCase();
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return meta ? meta[1].toLowerCase() : null;
}

/**
 * Bytes of a page or text file as text. The declared charset wins; GB2312 and GBK are read as
 * GB18030, their superset (pages labelled gb2312 routinely hold GBK characters). Undeclared: UTF-8
 * if the bytes are valid UTF-8, else GB18030 — what Chinese Windows machines save.
 */
export function decode(bytes, transport = null) {
  const declared = declaredCharset(bytes, transport);
  const label = declared && /^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(declared) ? 'gb18030' : declared;
  if (label) {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown label: fall through to sniffing.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const isElement = (node) => node.type === 'tag' || node.type === 'script' || node.type === 'style';
const children = (node) => node.children ?? [];

function textOf(node) {
  if (node.type === 'text') return node.data;
  if (!isElement(node) || SKIP.has(node.name)) return '';
  const inner = children(node).map(textOf).join('');
  return BLOCK.has(node.name) ? `\n${inner}\n` : inner;
}

function* descendants(node) {
  for (const child of children(node)) {
    if (!isElement(child)) continue;
    yield child;
    yield* descendants(child);
  }
}

const hasTable = (node) => [...descendants(node)].some((n) => n.name === 'table');

/** The rows of a table that holds data, not other tables: each row's cells as text. */
function rowsOf(table) {
  const rows = [];
  const visit = (node) => {
    for (const child of children(node).filter(isElement)) {
      if (child.name === 'tr') rows.push(children(child).filter((c) => isElement(c) && (c.name === 'td' || c.name === 'th')).map(textOf));
      else if (child.name !== 'table') visit(child);
    }
  };
  visit(table);
  return rows;
}

/** Tables with numbers in them: the report's tables, not a layout table or a calendar. */
function numbersIn(table) {
  return rowsOf(table).flat().filter((t) => NUMBER.test(cellText(t))).length;
}

function ancestors(node) {
  const list = [];
  for (let n = node; n; n = n.parent) list.unshift(n);
  return list;
}

/** The article: the innermost element holding every table with numbers, and its title before it. */
function article(doc) {
  const tables = [...descendants(doc)].filter((n) => n.name === 'table' && !hasTable(n) && numbersIn(n) >= 3);
  if (tables.length === 0) return { root: doc, title: null };
  const chains = tables.map(ancestors);
  let depth = 0;
  while (chains.every((c) => c[depth] && c[depth] === chains[0][depth])) depth++;
  const root = chains[0][depth - 1];
  // The report's title is often outside the editor's <div>, in the page's <h1> or <title>.
  const all = [...descendants(doc)];
  const headings = [...all.filter((n) => /^h[1-3]$/.test(n.name)), ...all.filter((n) => n.name === 'title')];
  const title = headings.map((h) => cellText(textOf(h))).find((t) => /年度报告/.test(t)) ?? null;
  return { root, title };
}

function linesOf(node, out) {
  if (node.type === 'text') {
    out.at(-1).push(node.data);
    return;
  }
  if (!isElement(node) && node.type !== 'root') return;
  if (isElement(node) && SKIP.has(node.name)) return;
  if (node.name === 'table' && !hasTable(node)) {
    out.push([], ...tableLines(rowsOf(node)).map((l) => [l]), []);
    return;
  }
  const block = BLOCK.has(node.name);
  if (block) out.push([]);
  for (const child of children(node)) linesOf(child, out);
  if (block) out.push([]);
}

/** Text of a page (already decoded) → { text, notes } for the importer. */
export async function readHtml(html) {
  const { parseDocument } = await library();
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const { root, title } = article(doc);
  const out = [[]];
  linesOf(root, out);
  const lines = out.map((parts) => parts.join('')).join('\n').split(/\r?\n/);
  const text = lines
    .map((l) => l.replace(/^[ \u00a0\u3000]+|[ \t\u00a0\u3000]+$/g, ''))
    .filter((l) => l.replace(/\s/g, '') !== '')
    .join('\n');
  const notes = root === doc ? [] : ['the article holding the tables was read; the page around it (navigation, footer) was left out'];
  // The title first, as the report prints it (the importer takes issuer and year from it).
  const withTitle = title && !text.replace(/\s/g, '').startsWith(title.replace(/\s/g, '')) ? `${title}\n${text}` : text;
  return { text: withTitle + '\n', notes };
}
