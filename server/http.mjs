// What every route shares: the security headers, JSON and HTML answers, bounded request bodies,
// and static files served strictly from inside their folder.
import { readFile, stat } from 'node:fs/promises';
import { extname, normalize, resolve, sep } from 'node:path';

// Every response carries it, errors included: no page may use inline script or style.
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
// A report is about 10 KB; its prose a few tens of KB. Anything near this is not a report.
export const MAX_BODY = 1024 * 1024;
// How long an oversized upload is drained after its 413, so the client can read the answer.
const LINGER = 5_000;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  // pdf.js's CMaps and standard fonts (server/vendor.mjs)
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
};

export const baseHeaders = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** A JSON (object) or plain-text (string, Buffer) answer, never cached. */
export function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' || Buffer.isBuffer(body);
  const buf = text ? body : JSON.stringify(body);
  const type = text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  res.writeHead(status, { ...baseHeaders, 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

/** JSON that is already text (a stored report): sent byte for byte, so its numbers stay exact. */
export function sendJsonText(res, status, text, headers = {}) {
  send(res, status, text, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

export function sendHtml(res, status, html, headers = {}) {
  send(res, status, html, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
}

export function redirect(res, location, headers = {}) {
  send(res, 303, '', { Location: location, ...headers });
}

// An error answer the form can show as it is: both languages, and a machine-readable code.
export const problem = (code, message, message_en, extra = {}) => ({ ok: false, error: code, message, message_en, ...extra });

/** Resolves a URL path inside `dir`, or null when it would leave it. */
export function inside(dir, urlPath) {
  let decoded;
  try { decoded = decodeURIComponent(urlPath); } catch { return null; }
  if (decoded.includes('\0')) return null;
  const file = resolve(dir, '.' + sep + normalize(decoded).replace(/^([/\\])+/, ''));
  return file === dir || file.startsWith(dir + sep) ? file : null;
}

export async function serveFile(req, res, file) {
  let info;
  try { info = await stat(file); } catch { return false; }
  if (!info.isFile()) return false;
  const type = TYPES[extname(file).toLowerCase()];
  if (!type) return false;
  const body = await readFile(file);
  // no-cache: revalidate every time, so a rebuilt pkg/ or edited page is never stale.
  res.writeHead(200, { ...baseHeaders, 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

/** The body, or a rejection with `status` 413 once it passes `limit` bytes. */
export function readBody(req, limit) {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(Object.assign(new Error('too large'), { status: 413 }));
      req.resume();
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(Object.assign(new Error('too large'), { status: 413 }));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Reads a body of at most `limit` bytes. Resolves to the Buffer, or to null when it has answered
 * already (413) or the client went away; anything else rejects.
 */
export async function readBodyOrAnswer(req, res, limit) {
  try {
    return await readBody(req, limit);
  } catch (err) {
    if (err.status === 413) {
      // No `Connection: close`: with it Node closes the socket as soon as the answer is written,
      // and closing a socket the client is still sending on resets it, which can discard the 413
      // before the client reads it. Instead: answer, end our side, keep draining (readBody
      // resumed the request) until the client closes, for at most LINGER ms.
      res.once('finish', () => {
        const socket = req.socket;
        socket.end();
        const linger = setTimeout(() => socket.destroy(), LINGER);
        socket.once('close', () => clearTimeout(linger));
      });
      send(res, 413, problem('too_large',
        `内容过大：上限为 ${limit / 1024} KB。`, `The content is too large: the limit is ${limit / 1024} KB.`));
      return null;
    }
    // The client closed the connection mid-body: nobody to answer, and not a server error.
    if (err.code === 'ECONNRESET' || req.destroyed) return null;
    throw err;
  }
}

/** The media type of the request, lower-case, without parameters. */
export const mediaType = (req) => String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
