// /vendor/: the files of pdf.js the form's PDF import needs, served from node_modules — exactly
// the allow-listed ones, read-only, under the same CSP — and nothing else there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startTemp, CSP } from './support.mjs';

let s;
before(async () => { s = await startTemp(); }, { timeout: 30_000 });
after(async () => { await s?.close(); }, { timeout: 30_000 });

const pdfjs = createRequire(import.meta.url).resolve('pdfjs-dist/package.json').replace(/package\.json$/, '');

// The path sent as written (fetch would normalise ../ and %2e away before the server saw it).
function get(path, method = 'GET') {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(s.base);
    const req = request({ hostname, port, path, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('pdf.js, its worker, a CMap and a standard font: served byte for byte, typed, under the CSP', async () => {
  for (const [path, type] of [
    ['legacy/build/pdf.min.mjs', 'text/javascript; charset=utf-8'],
    ['legacy/build/pdf.worker.min.mjs', 'text/javascript; charset=utf-8'],
    ['cmaps/UniGB-UCS2-H.bcmap', 'application/octet-stream'],
    ['standard_fonts/FoxitSerif.pfb', 'application/octet-stream'],
    ['standard_fonts/LiberationSans-Regular.ttf', 'font/ttf'],
  ]) {
    const r = await get(`/vendor/pdfjs-dist/${path}`);
    assert.equal(r.status, 200, path);
    assert.equal(r.headers['content-type'], type, path);
    assert.equal(r.headers['content-security-policy'], CSP, path);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', path);
    assert.ok(r.body.equals(readFileSync(pdfjs + path)), path);
  }
});

test('anything else under /vendor/ is not found: other files, other packages, escapes', async () => {
  for (const path of [
    '/vendor/pdfjs-dist/package.json',
    '/vendor/pdfjs-dist/legacy/build/pdf.mjs',
    '/vendor/pdfjs-dist/legacy/build/pdf.mjs.map',
    '/vendor/pdfjs-dist/build/pdf.min.mjs',
    '/vendor/pdfjs-dist/cmaps/LICENSE',
    '/vendor/pdfjs-dist/cmaps/../package.json',
    '/vendor/pdfjs-dist/cmaps/..%2f..%2fpackage.json',
    '/vendor/pdfjs-dist/cmaps/%2e%2e/%2e%2e/package.json',
    '/vendor/pdfjs-dist/standard_fonts/x%00.ttf',
    '/vendor/pdfjs-dist',
    '/vendor/fflate/esm/browser.js',
    '/vendor/__proto__/legacy/build/pdf.min.mjs',
    '/vendor/../package.json',
  ]) {
    const r = await get(path);
    assert.equal(r.status, 404, path);
    assert.equal(r.headers['content-security-policy'], CSP, path);
  }
  assert.equal((await get('/vendor/pdfjs-dist/legacy/build/pdf.min.mjs', 'PUT')).status, 405);
});
