// The bench's static server (scripts/bench.mjs): pkg/, lib/, bench/ and the test data from the
// repository, and the form (www/) for everything else; cross-origin isolated, which gives
// performance.now() its fine resolution; the form and the package cacheable for the form's warm
// start, the bench pages not. It runs in a worker thread of its own, as `npm start` runs in a process
// of its own: in the bench's main thread, Playwright's work held up the page's responses (the form's
// files arrived ~30 ms later in a cold load).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const TYPES = { '.css': 'text/css', '.svg': 'image/svg+xml', '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };

/** Serves `root` from a worker thread: resolves to { origin, close() }. */
export function serveInThread(root) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { root } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (origin) => resolve({ origin, close: () => worker.terminate() }));
  });
}

if (!isMainThread && workerData?.root) {
  const { root } = workerData;
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    // Everything else is the form (www/), for the keystroke in the real page (bench/form.mjs).
    const allowed = ['/pkg/', '/lib/', '/bench/', '/tests/data/'].some((p) => path.startsWith(p));
    const file = allowed ? join(root, path) : join(root, 'www', path.endsWith('/') ? `${path}index.html` : path);
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cache-control': path.startsWith('/bench/') ? 'no-store' : 'max-age=600',
    });
    res.end(readFileSync(file));
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage(`http://127.0.0.1:${server.address().port}`));
}
