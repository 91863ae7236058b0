// Files of npm packages the form loads on first use, served read-only from node_modules: only
// the paths listed here (a package name and a pattern over its own files), nothing else in
// node_modules. `npm start` installs the packages, so they are there.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { inside, serveFile } from './http.mjs';

// pdf.js for the import of a PDF: the library and its worker (legacy build: the same pdf.js as
// in Node), the CMaps CJK fonts need, and the standard fonts of PDFs that do not embed theirs.
const ALLOWED = {
  'pdfjs-dist': /^(?:legacy\/build\/pdf(?:\.worker)?\.min\.mjs|cmaps\/[\w.-]+\.bcmap|standard_fonts\/[\w.-]+\.(?:pfb|ttf))$/,
};

const require = createRequire(import.meta.url);
const roots = new Map();
function packageRoot(name) {
  if (!roots.has(name)) {
    let dir = null;
    try { dir = dirname(require.resolve(`${name}/package.json`)); } catch { /* not installed: 404 */ }
    roots.set(name, dir);
  }
  return roots.get(name);
}

/** The file on disk for `/vendor/<package>/<path>` (the part after /vendor/), or null. */
export function vendorFile(rest) {
  const slash = rest.indexOf('/');
  if (slash < 0) return null;
  const name = rest.slice(0, slash);
  const path = rest.slice(slash + 1);
  const allowed = Object.hasOwn(ALLOWED, name) ? ALLOWED[name] : null;
  if (!allowed || !allowed.test(path)) return null;
  const dir = packageRoot(name);
  return dir && inside(dir, path);
}

/** Answers a GET or HEAD of `/vendor/<rest>` with its file; false (not answered) for anything else. */
export async function serveVendor(req, res, rest) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const file = vendorFile(rest);
  return Boolean(file) && serveFile(req, res, file);
}
