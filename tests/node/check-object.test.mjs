// A report given as a JS object is checked exactly as its JSON text is. Objects of the canonical
// shape take a quicker way in (cells written as numbers into wasm memory, the rest as JSON:
// crates/nianbao-wasm/src/lib.rs, read_cells), and anything else the whole way as JSON text: these
// tests hold both ways to the same findings, value by value and shape by shape, and hold Node's
// speed build of the module to the browser's size build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { check, schema, Checker } from 'nianbao';
import { LONGDE_TEXT, longde } from '../support/reports.mjs';

// The contract of check(object): the object as JSON.stringify writes it, except that what JSON
// would turn into null or drop (NaN, Infinity, functions, symbols) stays visible, and a bigint is
// its digits.
const asText = (report) =>
  JSON.stringify(report, (key, v) => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
    if (typeof v === 'bigint') return String(v);
    if (typeof v === 'function' || typeof v === 'symbol') return `[${typeof v}]`;
    return v;
  });

const sameAsText = (report, what) => assert.deepEqual(check(report), check(asText(report)), what);

const cells = schema().cells;
const AMOUNT = cells.find((c) => c.kind === 'amount');
const VALUES = [0, 7, 12, -3, 1.5, 611.1281, 0.00001, 2 ** 31, 2 ** 53 + 2, 1e21, -0, NaN, Infinity, -Infinity, null, '', '12', '１２', '1,234', '/', 'abc', true, 10n, {}, [], [3], () => 1, Symbol('s')];

test('every kind of cell value, in a count cell and in a 万元 cell, checks as its JSON text', () => {
  for (const cell of [cells.find((c) => c.id === 'requests.new.commercial'), AMOUNT]) {
    for (const value of VALUES) {
      const report = longde();
      report[cell.table][cell.row][cell.column] = value;
      sameAsText(report, `${cell.id} = ${String(value)}`);
    }
  }
});

test('reports of every other shape check as their JSON text', () => {
  const shapes = {
    'a missing cell': (r) => delete r.requests.new.total,
    'a missing cell with an unknown key in its place': (r) => { delete r.requests.new.total; r.requests.new.totl = 15; },
    'an unknown key beside every cell': (r) => { r.requests.new.extra = 1; },
    'a missing row': (r) => delete r.appeals.review,
    'an unknown row': (r) => { r.appeals.revew = { upheld: 1 }; },
    'a missing table': (r) => delete r.proactive,
    'a table that is an array': (r) => { r.appeals = []; },
    'a table that is null': (r) => { r.appeals = null; },
    'a row that is a number': (r) => { r.requests.new = 15; },
    'an unknown top-level key': (r) => { r.isuer = 'x'; },
    'an own __proto__ key': (r) => { Object.defineProperty(r, '__proto__', { value: { polluted: 'yes' }, enumerable: true }); },
    'metadata of the wrong types': (r) => { r.year = '二〇二四'; r.issuer = 42; r.format = null; },
    'metadata that JSON cannot carry': (r) => { r.year = NaN; r.issuer = () => 1; },
    'prose': (r) => { r.text = '本年度新收政府信息公开申请 15 件，办结 13 件。'; },
    'reasons': (r) => { r.reasons = { 'requests.row_total:new': '已核实' }; },
    'a row object that says how to serialise itself': (r) => { r.requests.new = { toJSON: () => ({ total: 99 }) }; },
    'the report saying how to serialise itself': (r) => { r.toJSON = () => ({ year: 2020 }); },
    'a row with an inherited enumerable key': (r) => { r.requests.new = Object.assign(Object.create({ inherited: 1 }), r.requests.new); },
    'a cell behind a getter': (r) => { const v = r.requests.new.total; delete r.requests.new.total; Object.defineProperty(r.requests.new, 'total', { get: () => v + 1, enumerable: true }); },
    'the tables written last': (r) => { const { proactive, requests, appeals, ...rest } = r; for (const k of Object.keys(r)) delete r[k]; Object.assign(r, rest, { appeals, requests, proactive }); },
    // read_cells walks keys in the object's own order, trying the schema's first.
    'a row with its keys in reverse order': (r) => { r.requests.new = Object.fromEntries(Object.entries(r.requests.new).reverse()); r.requests.new.total += 1; },
    'a table with its rows in reverse order': (r) => { r.requests = Object.fromEntries(Object.entries(r.requests).reverse()); r.requests.disclosed.research += 2; },
    'a row with its total first and a cell missing': (r) => { const { total, ...rest } = r.requests.new; r.requests.new = { total, ...rest }; delete r.requests.new.research; },
  };
  for (const [name, edit] of Object.entries(shapes)) {
    const report = longde();
    edit(report);
    sameAsText(report, name);
  }
});

test('a cell that throws when read is a clear error, the same with or without the quick way', () => {
  const report = longde();
  Object.defineProperty(report.requests.new, 'total', { get() { throw new Error('no access'); }, enumerable: true });
  assert.throws(() => check(report), /report could not be read: no access/);
  // The module is not left broken: the next report checks.
  assert.equal(check(longde()).ok, true);
});

test('a cell whose getter checks another, large report (wasm memory grows meanwhile) still counts', () => {
  const report = longde();
  const total = report.requests.new.total;
  Object.defineProperty(report.requests.new, 'total', {
    enumerable: true,
    get() {
      // 16 MB of prose: the module's memory grows, and any view of the old memory is detached.
      check({ ...longde(), text: '本年度新收申请 15 件。'.repeat(1 << 20) });
      return total + 1;
    },
  });
  const result = check(report);
  assert.ok(result.findings.some((f) => f.id === 'requests.row_total:new'), 'the wrong total is seen');
  const plain = longde();
  plain.requests.new.total = total + 1;
  assert.deepEqual(result.findings.map((f) => f.id), check(asText(plain)).findings.map((f) => f.id));
});

test('a Checker built from an object, and last year given as one, hold what their JSON text holds', () => {
  const report = longde();
  report.requests.new.commercial += 2;
  report.proactive.fees.amount = '611.12810';
  const previous = longde();
  previous.year = 2023;
  previous.requests.carried_forward.total = 4;
  const fromObjects = new Checker(report, { previous });
  const fromText = new Checker(asText(report), { previous: JSON.parse(asText(previous)) });
  assert.deepEqual(fromObjects.result(), fromText.result());
  assert.deepEqual(fromObjects.report(), fromText.report());
  fromObjects.free();
  fromText.free();
});

test('300 generated reports: the quick way, the JSON text and the browser build agree', async () => {
  // The browser's module (built for size) in its own module instance beside Node's (built for speed).
  const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-web-'));
  copyFileSync(join(pkg, 'checker.js'), join(dir, 'checker.js'));
  const web = await import(pathToFileURL(join(dir, 'checker.js')).href);
  web.initSync({ module: readFileSync(join(pkg, 'nianbao_bg.wasm')) });
  rmSync(dir, { recursive: true, force: true });
  const cjs = createRequire(import.meta.url)('nianbao');
  assert.notEqual(readFileSync(join(pkg, 'nianbao_bg.wasm')).length, readFileSync(join(pkg, 'nianbao_node_bg.wasm')).length, 'Node loads its own build');

  let state = 11;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 300; i++) {
    const report = longde();
    for (let k = Math.floor(random() * 3); k > 0; k--) {
      const cell = cells[Math.floor(random() * cells.length)];
      report[cell.table][cell.row][cell.column] = VALUES[Math.floor(random() * 12)];
    }
    const expected = check(asText(report));
    assert.deepEqual(check(report), expected, `report ${i}`);
    assert.deepEqual(web.check(report), expected, `report ${i}, browser build`);
    assert.deepEqual(cjs.check(report), expected, `report ${i}, require()`);
  }
  assert.deepEqual(web.check(LONGDE_TEXT), check(LONGDE_TEXT));
});
