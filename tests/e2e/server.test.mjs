// The server on its own, over HTTP: it never trusts the browser, names what it stores, and sends the
// CSP on every answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startStack, example, storedReports } from './support.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
let stack;

before(async () => { stack = await startStack({ browser: false }); }, { timeout: 30_000 });
after(async () => { await stack?.close(); }, { timeout: 30_000 });

const post = (body, type = 'application/json') => fetch(new URL('/api/reports', stack.url), {
  method: 'POST',
  headers: { 'Content-Type': type },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  signal: AbortSignal.timeout(10_000),
});

test('a report with an error is rejected with 422 and its findings, even posted directly', { timeout: 20_000 }, async () => {
  const report = await example();
  report.requests.disclosed.natural_person = 12;
  const res = await post(report);
  assert.equal(res.status, 422);
  assert.equal(res.headers.get('content-security-policy'), CSP);
  const body = await res.json();
  assert.equal(body.ok, false);
  assert.ok(body.errors >= 2);
  const rowTotal = body.findings.find((f) => f.id === 'requests.row_total:disclosed');
  assert.ok(rowTotal, 'the broken row total is named');
  assert.deepEqual({ cell: rowTotal.fix.cell, value: rowTotal.fix.value }, { cell: 'requests.disclosed.natural_person', value: '10' });
  assert.match(rowTotal.fix.message, /应为 10（现为 12）/);
  assert.match(body.message, /错误/);
  assert.deepEqual(await storedReports(stack.dataDir), [], 'nothing is stored');
});

test('a warning without a reason is rejected; with one the report is stored under a name the server chose', { timeout: 20_000 }, async () => {
  const report = await example();
  report.issuer = '../../etc/passwd';
  report.proactive.rules.issued = 3; // 现行有效 0 < 3 − 0: proactive.in_force_floor
  let res = await post(report);
  assert.equal(res.status, 422);
  let body = await res.json();
  assert.deepEqual(body.unexplained, ['proactive.in_force_floor:rules']);
  assert.equal(body.errors, 0);

  report.reasons = { 'proactive.in_force_floor:rules': '3 件规章年底发布，次年施行' };
  res = await post(report);
  assert.equal(res.status, 201);
  body = await res.json();
  assert.equal(body.ok, true);
  assert.match(body.id, /^2024-\d{8}T\d{6}-[0-9a-f]{8}$/);
  assert.equal(res.headers.get('location'), `/api/reports/${body.id}`);
  const stored = await storedReports(stack.dataDir);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].id, body.id);
  assert.equal(stored[0].report.issuer, '../../etc/passwd');
  assert.equal(stored[0].report.reasons['proactive.in_force_floor:rules'], '3 件规章年底发布，次年施行');
  assert.equal(stored[0].report.requests.new.total, 15);

  const back = await fetch(new URL(res.headers.get('location'), stack.url));
  assert.equal(back.status, 200);
  assert.equal((await back.json()).issuer, '../../etc/passwd');
});

test('what is not a JSON report gets a clear 4xx', { timeout: 20_000 }, async () => {
  let res = await post('issuer=x', 'application/x-www-form-urlencoded');
  assert.equal(res.status, 415);
  assert.match((await res.json()).message, /JSON/);

  res = await post('{"issuer": ', 'application/json; charset=utf-8');
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error, 'bad_json');

  res = await post('[1, 2]');
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error, 'not_a_report');

  res = await post({ issuer: 'x'.repeat(1100 * 1024) });
  assert.equal(res.status, 413);
  assert.equal((await res.json()).error, 'too_large');

  res = await fetch(new URL('/api/reports', stack.url));
  assert.equal(res.status, 405);
  assert.equal(res.headers.get('allow'), 'POST');
});

test('serves lib/tables/ and lib/review/ (the drawing and the review view the pages share with the package) and nothing else of lib/ or above it', { timeout: 20_000 }, async () => {
  const paths = {
    '/lib/tables/draw.js': 200,
    '/lib/tables/layout.js': 200,
    '/lib/tables/html.js': 200,
    '/lib/review/page.css': 200,
    '/lib/tables/': 404,
    '/lib/tables/no-such.js': 404,
    '/lib/export/docx.mjs': 404,
    '/lib/tables/%2e%2e/export/docx.mjs': 404,
    '/lib/tables/..%2fexport%2fdocx.mjs': 404,
    '/lib/tables/..%5cexport%5cdocx.mjs': 404,
    '/lib/tables/%2e%2e/%2e%2e/package.json': 404,
    '/lib/tables/draw.js%00.js': 404,
  };
  for (const [path, status] of Object.entries(paths)) {
    const res = await fetch(stack.url.replace(/\/$/, '') + path);
    const body = await res.text();
    assert.equal(res.status, status, path);
    assert.equal(res.headers.get('content-security-policy'), CSP, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    if (status === 200) {
      assert.ok(res.headers.get('content-type').startsWith(path.endsWith('.css') ? 'text/css' : 'text/javascript'), path);
      assert.equal(body, readFileSync(new URL(`../..${path}`, import.meta.url), 'utf8'), `${path} is the file in lib/`);
    }
  }
});

test('serves the page and the package, .wasm as application/wasm, with the CSP on every response', { timeout: 20_000 }, async () => {
  const paths = {
    '/': ['text/html', 200],
    '/app.js': ['text/javascript', 200],
    '/style.css': ['text/css', 200],
    '/pkg/nianbao.js': ['text/javascript', 200],
    '/pkg/nianbao_bg.wasm': ['application/wasm', 200],
    '/no-such-page': ['application/json', 404],
    '/pkg/../package.json': ['application/json', 404],
    '/%2e%2e/package.json': ['application/json', 404],
    '/pkg/%2e%2e/Cargo.toml': ['application/json', 404],
    '/api/reports/..%2f..%2fpackage': ['application/json', 404],
  };
  for (const [path, [type, status]] of Object.entries(paths)) {
    const res = await fetch(stack.url.replace(/\/$/, '') + path);
    assert.equal(res.status, status, path);
    assert.ok(res.headers.get('content-type').startsWith(type), `${path}: ${res.headers.get('content-type')}`);
    assert.equal(res.headers.get('content-security-policy'), CSP, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    await res.arrayBuffer();
  }
});
