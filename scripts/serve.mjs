#!/usr/bin/env node
// The server `npm start` runs: the form (www/) at `/`, the wasm package (pkg/) at `/pkg/`, and
// `POST /api/reports`, which re-checks every report with the same package in Node (the browser is
// never trusted) and stores the accepted ones as JSON files under data/.
import { createServer } from 'node:http';
import { readFile, mkdir, writeFile, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Checker } from 'nianbao';

const root = fileURLToPath(new URL('..', import.meta.url));

// Every response carries it, errors included: the page must work with no inline script or style.
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
};

const baseHeaders = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

function send(res, status, body, headers = {}) {
  const buf = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const type = typeof body === 'string' || Buffer.isBuffer(body) ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  res.writeHead(status, { ...baseHeaders, 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// An error answer the form can show as it is: both languages, and a machine-readable code.
const problem = (code, message, message_en, extra = {}) => ({ ok: false, error: code, message, message_en, ...extra });

/** Resolves a URL path inside `dir`, or null when it would leave it. */
function inside(dir, urlPath) {
  let decoded;
  try { decoded = decodeURIComponent(urlPath); } catch { return null; }
  if (decoded.includes('\0')) return null;
  const file = resolve(dir, '.' + sep + normalize(decoded).replace(/^([/\\])+/, ''));
  return file === dir || file.startsWith(dir + sep) ? file : null;
}

async function serveFile(req, res, file) {
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

function readBody(req, limit) {
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
 * Judges a report the way the form does: errors block, and so does a warning with no reason.
 * `report` is the body's JSON text, read by the core once and never parsed here first, so that
 * numbers reach it as written (README: reports are best passed as their text).
 */
export function judge(report) {
  const checker = new Checker(report);
  try {
    return { result: checker.result(), unexplained: checker.unexplainedWarnings(), canonical: checker.report() };
  } finally {
    checker.free();
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The body as a report's JSON text, or the problem to answer with. Only a body that is not an
 * object is parsed here, to tell bad JSON from JSON that is no report; an object is left to the core.
 */
function reportText(raw) {
  const badJson = (reason) => ({ problem: problem('bad_json', `不是有效的 JSON：${reason}`, `Not valid JSON: ${reason}`) });
  let text;
  try {
    text = utf8.decode(raw);
  } catch {
    return badJson('the body is not UTF-8 text');
  }
  // JSON text has no byte-order mark (RFC 8259 §8.1); the core would skip one, so it is refused here.
  if (text.startsWith('\uFEFF')) return badJson('the body starts with a byte-order mark (U+FEFF)');
  if (text.trimStart().startsWith('{')) return { text };
  try {
    JSON.parse(text);
  } catch (err) {
    return badJson(err.message);
  }
  return { problem: problem('not_a_report', '年报应为一个 JSON 对象。', 'A report is a JSON object.') };
}

async function postReport(req, res, dataDir) {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    return send(res, 415, problem('unsupported_media_type',
      '请以 JSON 提交年报（Content-Type: application/json）。',
      'Send the report as JSON (Content-Type: application/json).'), { Accept: 'application/json' });
  }
  let raw;
  try {
    raw = await readBody(req, MAX_BODY);
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
      return send(res, 413, problem('too_large',
        `年报过大：上限为 ${MAX_BODY / 1024} KB。`, `The report is too large: the limit is ${MAX_BODY / 1024} KB.`));
    }
    // The client closed the connection mid-body: nobody to answer, and not a server error.
    if (err.code === 'ECONNRESET' || req.destroyed) return;
    throw err;
  }
  const { text, problem: unreadable } = reportText(raw);
  if (unreadable) return send(res, 400, unreadable);
  let judged;
  try {
    judged = judge(text);
  } catch (err) {
    // The core names what is wrong: "the report is not valid JSON: <the parser's reason>".
    const message = String(err.message ?? err);
    // JSON nested thousands deep exhausts the JS stack on its way into the core.
    if (/call stack/i.test(message)) {
      return send(res, 400, problem('not_a_report', '年报嵌套过深，无法读取。', 'The report is nested too deeply to be read.'));
    }
    const syntax = /not valid JSON: ([\s\S]*)/.exec(message);
    if (syntax) return send(res, 400, problem('bad_json', `不是有效的 JSON：${syntax[1]}`, `Not valid JSON: ${syntax[1]}`));
    return send(res, 400, problem('not_a_report', `无法读取此年报：${message}`, `This report cannot be read: ${message}`));
  }
  const { result, unexplained, canonical } = judged;
  if (!result.ok || unexplained.length > 0) {
    return send(res, 422, {
      ok: false,
      error: 'report_has_problems',
      message: result.ok
        ? `年报有 ${unexplained.length} 条提醒未填写原因，未接收。`
        : `年报有 ${result.errors} 处错误，未接收。`,
      message_en: result.ok
        ? `${plural(unexplained.length, 'warning has', 'warnings have')} no reason; the report was not accepted.`
        : `The report has ${plural(result.errors, 'error')} and was not accepted.`,
      errors: result.errors,
      warnings: result.warnings,
      findings: result.findings,
      suggestions: result.suggestions,
      unexplained: unexplained.map((f) => f.id),
    });
  }
  // The file name is the server's own: year, time and random bytes; never anything the clerk typed.
  const year = /^\d{4}$/.test(String(canonical.year)) ? String(canonical.year) : 'report';
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const id = `${year}-${stamp}-${randomBytes(4).toString('hex')}`;
  await mkdir(dataDir, { recursive: true });
  const stored = { ...canonical, received_at: new Date().toISOString() };
  await writeFile(join(dataDir, `${id}.json`), JSON.stringify(stored, null, 2) + '\n', { flag: 'wx' });
  send(res, 201, {
    ok: true,
    id,
    message: `已接收，编号 ${id}。`,
    message_en: `Accepted as ${id}.`,
    warnings: result.warnings,
  }, { Location: `/api/reports/${id}` });
}

async function getReport(req, res, dataDir, id) {
  if (!/^[0-9a-z]+-\d{8}T\d{6}-[0-9a-f]{8}$/.test(id)) return send(res, 404, problem('not_found', '没有这份年报。', 'No such report.'));
  try {
    const body = await readFile(join(dataDir, `${id}.json`));
    res.writeHead(200, { ...baseHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    send(res, 404, problem('not_found', '没有这份年报。', 'No such report.'));
  }
}

/**
 * Starts the server. `port` 0 picks a free one. Resolves to `{ server, url, port, close() }`.
 */
export async function startServer({ port = 8080, host = '127.0.0.1', dataDir = join(root, 'data'), wwwDir = join(root, 'www'), pkgDir = join(root, 'pkg') } = {}) {
  const www = resolve(wwwDir);
  const pkg = resolve(pkgDir);
  const data = resolve(dataDir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      const path = url.pathname;
      if (path === '/api/reports' || path === '/api/reports/') {
        if (req.method === 'POST') return await postReport(req, res, data);
        return send(res, 405, problem('method_not_allowed', '只接受 POST。', 'Only POST is accepted.'), { Allow: 'POST' });
      }
      if (path.startsWith('/api/reports/')) {
        if (req.method === 'GET' || req.method === 'HEAD') return await getReport(req, res, data, path.slice('/api/reports/'.length));
        return send(res, 405, problem('method_not_allowed', '只接受 GET。', 'Only GET is accepted.'), { Allow: 'GET, HEAD' });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, problem('method_not_allowed', '此地址只接受 GET。', 'Only GET is accepted here.'), { Allow: 'GET, HEAD' });
      }
      let file = null;
      if (path.startsWith('/pkg/')) file = inside(pkg, path.slice('/pkg/'.length));
      else file = inside(www, path.endsWith('/') ? path + 'index.html' : path);
      if (file && await serveFile(req, res, file)) return;
      send(res, 404, problem('not_found', '没有这个页面。', 'Not found.'));
    } catch (err) {
      console.error(err);
      if (!res.headersSent) send(res, 500, problem('internal', '服务器出错，请稍后再试。', 'Server error; please try again later.'));
      else res.destroy();
    }
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => { server.off('error', fail); ok(); });
  });
  const actual = server.address().port;
  const url = `http://${host}:${actual}/`;
  return {
    server,
    url,
    port: actual,
    close: () => new Promise((ok) => {
      server.close(() => ok());
      server.closeAllConnections?.();
    }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.env.PORT ?? 8080);
  try {
    const { url } = await startServer({ port, dataDir: process.env.DATA_DIR ?? join(root, 'data') });
    console.log(`nianbao: the form is at ${url}  (reports are stored in ${process.env.DATA_DIR ?? 'data/'}; Ctrl+C stops)`);
  } catch (err) {
    if (err.code !== 'EADDRINUSE') throw err;
    console.error(`nianbao: port ${port} is already in use; start with another, e.g. PORT=8081 npm start`);
    process.exit(1);
  }
}
