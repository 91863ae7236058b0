// The budget of what the form downloads before it is ready (issue 13): its checker module,
// pkg/form/ (.wasm and glue), at most 60 KB gzip -9 — `npm run bench` prints the figure; this test
// fails the change that crosses it. Everything else loads on first use and stays out of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));
const gzip = (path) => gzipSync(readFileSync(`${pkg}${path}`), { level: 9 }).length;
const BUDGET = 60 * 1024;

test('the form\'s first download, its checker module, is within 60 KB gzip', () => {
  const first = gzip('form/nianbao_form_bg.wasm') + gzip('form/nianbao_form.js');
  assert.ok(first <= BUDGET, `pkg/form/ is ${first} bytes gzip, over the budget of ${BUDGET} by ${first - BUDGET}`);
});

test('the form module is only the checker: no serde, no prose checks, no importer in it', () => {
  const glue = readFileSync(`${pkg}form/nianbao_form.js`, 'utf8');
  for (const absent of ['importReport', 'setPrevious', 'schema(', 'report_json']) {
    assert.ok(!glue.includes(absent), `the form's glue has ${absent}`);
  }
});

test('the form module\'s glue asks Chromium to compile its functions as it streams in', () => {
  // V8 reads the hint as the file's first line (scripts/build.mjs); the form calls most of the glue on the way to ready.
  assert.equal(readFileSync(`${pkg}form/nianbao_form.js`, 'utf8').split('\n', 1)[0], '//# allFunctionsCalledOnLoad');
});

test('the form module links no substring search, and none of the panic and char-formatting code it brings', () => {
  // The module as cargo built it, with its function names (scripts/build.mjs keeps it for twiggy).
  const named = fileURLToPath(new URL('../../target/nianbao_form.wasm', import.meta.url));
  assert.ok(existsSync(named), `${named} is missing: run \`npm run build\``);
  const names = readFileSync(named).toString('latin1');
  // One `str::contains` of a char was ~3.5 KB gzip of the first download with these (value.rs).
  for (const absent of ['StrSearcher', 'slice_error_fail', 'unicode::printable']) {
    assert.ok(!names.includes(absent), `the form's module links ${absent}: twiggy paths target/nianbao_form.wasm says from where`);
  }
});
