#!/usr/bin/env node
// The server `npm start` runs: the form (www/) at `/`, the wasm package (pkg/) at `/pkg/`, the
// table drawing the form shares with the package (lib/tables/) at `/lib/tables/` and the review
// view's stylesheet (lib/review/) at `/lib/review/`, the API
// (server/api.mjs: `POST /api/reports` re-checks every report in Node, as the browser is never
// trusted, and keeps the accepted ones in SQLite), and the reviewers' area (server/review.mjs).
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { send, problem, inside, serveFile } from '../server/http.mjs';
import { openStorage, StorageError, defaultDataDir } from '../server/storage.mjs';
import { createAuth } from '../server/auth.mjs';
import { handleApi } from '../server/api.mjs';
import { handleReview } from '../server/review.mjs';
import { serveVendor } from '../server/vendor.mjs';

export { CSP, MAX_BODY } from '../server/http.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Only this folder of lib/ is the form's: the rest of lib/ (the Word export) is never served.
// The package's browser modules the pages use: the tables the form draws, the review view's CSS.
const LIB = new Map(['tables', 'review'].map((name) => [`/lib/${name}/`, join(root, 'lib', name)]));

/**
 * Starts the server. `port` 0 picks a free one. `trustProxy`: a reverse proxy in front sets
 * X-Forwarded-Proto/-For (see README). Resolves to `{ server, url, port, storage, close() }`;
 * rejects with a StorageError when the database cannot be used.
 */
export async function startServer({ port = 8080, host = '127.0.0.1', dataDir = defaultDataDir(), wwwDir = join(root, 'www'),
  pkgDir = join(root, 'pkg'), trustProxy = process.env.NIANBAO_TRUST_PROXY === '1' } = {}) {
  const www = resolve(wwwDir);
  const pkg = resolve(pkgDir);
  const storage = openStorage(resolve(dataDir));
  const ctx = { storage, auth: createAuth(storage, { trustProxy }) };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      const path = url.pathname;
      if (path.startsWith('/api/') && await handleApi(req, res, ctx, url)) return;
      if ((path === '/review' || path.startsWith('/review/')) && await handleReview(req, res, ctx, url)) return;
      if (path.startsWith('/vendor/') && await serveVendor(req, res, path.slice('/vendor/'.length))) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, problem('method_not_allowed', '此地址只接受 GET。', 'Only GET is accepted here.'), { Allow: 'GET, HEAD' });
      }
      let file = null;
      if (path.startsWith('/pkg/')) file = inside(pkg, path.slice('/pkg/'.length));
      else if (LIB.has(path.slice(0, path.indexOf('/', 5) + 1))) {
        const prefix = path.slice(0, path.indexOf('/', 5) + 1);
        file = inside(LIB.get(prefix), path.slice(prefix.length));
      }
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
  try {
    await new Promise((ok, fail) => {
      server.once('error', fail);
      server.listen(port, host, () => { server.off('error', fail); ok(); });
    });
  } catch (err) {
    storage.close();
    throw err;
  }
  const actual = server.address().port;
  const url = `http://${host}:${actual}/`;
  return {
    server,
    url,
    port: actual,
    storage,
    close: () => new Promise((ok) => {
      server.close(() => { storage.close(); ok(); });
      server.closeAllConnections?.();
    }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.env.PORT ?? 8080);
  const dataDir = defaultDataDir();
  try {
    const { url, close } = await startServer({ port, host: process.env.HOST ?? '127.0.0.1', dataDir });
    // Stopped by Ctrl+C or a service manager: finish, then close the database (checkpointing its WAL).
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => close().then(() => process.exit(0)));
    console.log(`nianbao: the form is at ${url}, the review area at ${url}review  (database: ${join(resolve(dataDir), 'nianbao.db')}; Ctrl+C stops)`);
  } catch (err) {
    if (err instanceof StorageError) {
      console.error(err.message);
      process.exit(2);
    }
    if (err.code !== 'EADDRINUSE') throw err;
    console.error(`nianbao: port ${port} is already in use; start with another, e.g. PORT=8081 npm start`);
    process.exit(1);
  }
}
