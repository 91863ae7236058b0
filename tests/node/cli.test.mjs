// The command line, run as a user runs it: a separate process on real files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, runWith } from '../support/cli.mjs';
import { CELL, LONGDE_TEXT as LONGDE, longde } from '../support/reports.mjs';

let dir;
const file = {};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));
  const write = (name, text) => {
    file[name] = join(dir, `${name}.json`);
    writeFileSync(file[name], text);
  };
  const edited = (edit) => {
    const report = longde();
    edit(report);
    return JSON.stringify(report, null, 2);
  };
  write('good', LONGDE);
  write('mistyped', edited((r) => { r.requests.disclosed.natural_person = 12; }));
  write('blank', edited((r) => { r.requests.disclosed.research = null; })); // was 0: only the blank is wrong
  write('ambiguous', edited((r) => { r.appeals.review.upheld = 6; })); // total, upheld or corrected could be wrong
  write('invalid', '{"format": "2021", "year": 2024,');
  // Numbers a JSON.parse round trip would change: 2^53 + 1, and 17 significant digits.
  write('exact', LONGDE.replace('"research": 0', '"research": 9007199254740993').replace(/"amount": "[^"]*"/, '"amount": 611.12810000000001'));
  write('array', '[]');
  file.missing = join(dir, 'missing.json');
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('a good report: exit 0, verdict and summary', () => {
  const r = run('check', file.good);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.ok(r.stdout.includes(file.good));
  assert.match(r.stdout, /通过：没有错误，没有警告/);
  assert.match(r.stdout, /共 1 个文件：0 个有错误，0 个有警告。\n$/);
});

test('a mistyped cell: exit 1, the cell id and the value it should have', () => {
  const r = run('check', file.mistyped);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /未通过：2 个错误，0 个警告/);
  assert.ok(r.stdout.includes(`[${CELL}]`), 'findings name the cell');
  assert.match(r.stdout, /最可能填错的单元格：「（一）予以公开」「自然人」应为 10（现为 12）/);
  assert.ok(r.stdout.includes(`${CELL}: 12 → 10`));
  assert.match(r.stdout, /共 1 个文件：1 个有错误，0 个有警告。/);
});

test('numbers are checked as written in the file, not as a JSON.parse round trip leaves them', () => {
  const r = run('check', file.exact, '--lang', 'en');
  assert.equal(r.code, 1, r.stderr);
  assert.ok(r.stdout.includes('is 9007199254740993, above'), r.stdout);
  assert.ok(r.stdout.includes('is 611.12810000000001 (10,000 yuan), more than 4 decimal places'), r.stdout);
  const [result] = JSON.parse(run('check', file.exact, '--json').stdout);
  const actual = (rule) => result.findings.find((f) => f.rule === rule)?.actual;
  assert.deepEqual([actual('cell.too_large'), actual('fees.precision')], ['9007199254740993', '611.12810000000001']);
});

test('--previous: last year\'s numbers reach the check as written in its file, not rounded by JSON.parse', () => {
  const big = (from, row, value) => from.replace(new RegExp(`("${row}": \\{"natural_person": )0`), `$1${value}`);
  const last = join(dir, 'last-2023.json');
  const now = join(dir, 'now-2024.json');
  // 2^53 + 1 last year, 2^53 this year: equal once rounded to a JS number, so only exact numbers tell them apart.
  writeFileSync(last, big(LONGDE.replace('"year": 2024', '"year": 2023'), 'carried_forward', '9007199254740993'));
  writeFileSync(now, big(LONGDE, 'carried_over', '9007199254740992'));
  assert.notEqual(readFileSync(last, 'utf8'), LONGDE, 'last year edited');
  assert.notEqual(readFileSync(now, 'utf8'), LONGDE, 'this year edited');
  const [result] = JSON.parse(run('check', now, '--previous', last, '--json').stdout);
  assert.equal(result.previous, last);
  const carried = result.findings.filter((f) => f.rule === 'cross_year.carried_over' && f.cells[0] === 'requests.carried_over.natural_person');
  assert.deepEqual(carried.map((f) => [f.expected, f.actual]), [['9007199254740993', '9007199254740992']]);

  // The same number both years: no finding for the column.
  writeFileSync(now, big(LONGDE, 'carried_over', '9007199254740993'));
  const [same] = JSON.parse(run('check', now, '--previous', last, '--json').stdout);
  assert.ok(!same.findings.some((f) => f.rule === 'cross_year.carried_over' && f.cells[0] === 'requests.carried_over.natural_person'));
});

test('--lang en prints English', () => {
  const r = run('check', file.mistyped, '--lang', 'en');
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /FAILED: 2 errors, 0 warnings/);
  assert.match(r.stdout, /error: Row “\(1\) Disclosed”/);
  assert.match(r.stdout, /Most likely wrong: “\(1\) Disclosed” \/ “Natural persons” should be 10 \(now 12\)/);
  assert.ok(r.stdout.includes(`${CELL}: 12 → 10`));
  assert.match(r.stdout, /1 file checked: 1 with errors, 0 with warnings\./);
  assert.doesNotMatch(r.stdout, /最可能|未通过|予以公开/, 'no Chinese left in English output');
});

test('several equally small corrections are all listed, none picked', () => {
  const r = run('check', file.ambiguous);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /有 3 种同样小的改法/);
  assert.doesNotMatch(r.stdout, /最可能填错的单元格/);
  for (const change of ['appeals.review.total: 6 → 7', 'appeals.review.upheld: 6 → 5', 'appeals.review.corrected: 1 → 0']) {
    assert.ok(r.stdout.includes(change), `missing ${change}`);
  }
});

test('--blanks warning turns a blank-cell error into a warning', () => {
  const strict = run('check', file.blank);
  assert.equal(strict.code, 1);
  assert.match(strict.stdout, /错误：.*\[requests\.disclosed\.research\]/);

  const lenient = run('check', file.blank, '--blanks', 'warning');
  assert.equal(lenient.code, 0, lenient.stderr);
  assert.match(lenient.stdout, /警告：.*\[requests\.disclosed\.research\]/);
  assert.match(lenient.stdout, /0 个有错误，1 个有警告/);
});

test('English counts are singular for one: "1 error", "1 warning", "1 file"', () => {
  const strict = run('check', file.blank, '--lang', 'en');
  assert.match(strict.stdout, /FAILED: 1 error, 0 warnings\n/);
  assert.match(strict.stdout, /1 file checked: 1 with errors, 0 with warnings\./);
  const lenient = run('check', file.blank, file.good, '--blanks', 'warning', '--lang', 'en');
  assert.match(lenient.stdout, /passed, but 1 warning to confirm\n/);
  assert.match(lenient.stdout, /2 files checked: 0 with errors, 1 with warnings\./);
  assert.doesNotMatch(strict.stdout + lenient.stdout, /\b1 (errors|warnings|files)\b/);
});

test('checking JSON reports compiles the wasm in the worker threads only, never on the main thread', () => {
  // A preload that counts WebAssembly modules compiled on the main thread and prints the count.
  const hook = `import { isMainThread } from 'node:worker_threads';
if (isMainThread) {
  let compiled = 0;
  WebAssembly.Module = new Proxy(WebAssembly.Module, { construct(target, args) { compiled++; return new target(...args); } });
  for (const name of ['compile', 'instantiate']) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => { compiled++; return original(...args); };
  }
  process.on('exit', () => process.stderr.write('main-thread wasm modules: ' + compiled + '\\n'));
}`;
  const preload = ['--import', `data:text/javascript,${encodeURIComponent(hook)}`];
  const checked = runWith(preload, 'check', file.good, file.mistyped, '--previous-dir', dir);
  assert.equal(checked.code, 1, checked.stderr);
  assert.match(checked.stderr, /main-thread wasm modules: 0\n/);
  // The hook does see a compile: the import command loads the package on the main thread.
  const imported = runWith(preload, 'import', file.good);
  assert.match(imported.stderr, /main-thread wasm modules: [1-9]/);
});

test('unreadable files: exit 2, reason on stderr naming the file', () => {
  for (const [name, reason] of [['missing', /no such file/], ['invalid', /not valid JSON/], ['array', /not a report/]]) {
    const r = run('check', file[name]);
    assert.equal(r.code, 2, `${name}: exit ${r.code}`);
    assert.ok(r.stderr.includes(file[name]), `${name}: stderr should name the file`);
    assert.match(r.stderr, reason);
  }
  // A directory is searched for reports now; one holding none is named, not skipped silently.
  const empty = join(dir, 'empty.json');
  mkdirSync(empty);
  const r = run('check', empty);
  assert.equal(r.code, 2);
  assert.ok(r.stderr.includes(empty));
  assert.match(r.stderr, /no report files \(\.json, \.txt, \.md, \.html, \.htm, \.pdf, \.docx, \.doc\) in this directory/);
});

test('unreadable files mixed with good ones: the others are still checked, exit 2 wins', () => {
  const r = run('check', file.good, file.missing, file.mistyped, file.invalid);
  assert.equal(r.code, 2);
  assert.ok(r.stdout.includes(file.good));
  assert.ok(r.stdout.includes(file.mistyped));
  assert.ok(r.stdout.includes(`${CELL}: 12 → 10`), 'the file after the missing one was checked');
  assert.ok(r.stderr.includes(file.missing));
  assert.ok(r.stderr.includes(file.invalid));
  assert.match(r.stdout, /共 4 个文件：1 个有错误，0 个有警告，2 个无法读取。/);
});

test('--json: one parsable array with the documented shape, nothing else on stdout', () => {
  const r = run('check', '--json', file.good, file.mistyped, file.missing);
  assert.equal(r.code, 2);
  assert.ok(r.stderr.includes(file.missing));
  const results = JSON.parse(r.stdout); // throws if anything else is on stdout
  assert.ok(Array.isArray(results));
  assert.deepEqual(results.map((x) => x.file), [file.good, file.mistyped]);
  for (const x of results) {
    // JSON files are not imported: no unplaced / missing_rows, and no previous unless asked for.
    assert.deepEqual(Object.keys(x).sort(), ['errors', 'file', 'findings', 'issuer', 'ok', 'suggestions', 'warnings', 'year']);
    assert.deepEqual([x.issuer, x.year], ['隆德县人民政府', 2024]);
    assert.equal(typeof x.ok, 'boolean');
    assert.equal(typeof x.errors, 'number');
    assert.equal(typeof x.warnings, 'number');
    assert.ok(Array.isArray(x.findings));
    assert.ok(Array.isArray(x.suggestions));
  }
  const [good, bad] = results;
  assert.deepEqual([good.ok, good.errors, good.warnings, good.findings.length], [true, 0, 0, 0]);
  assert.deepEqual([bad.ok, bad.errors, bad.warnings], [false, 2, 0]);
  assert.equal(bad.findings[0].cell, CELL);
  assert.deepEqual(bad.suggestions.map((s) => s.changes), [[{ cell: CELL, from: '12', to: '10' }]]);

  const ok = run('check', file.good, '--json');
  assert.equal(ok.code, 0);
  assert.equal(JSON.parse(ok.stdout).length, 1);
});

test('help, and command-line mistakes', () => {
  for (const args of [['--help'], ['help'], ['check', '-h']]) {
    const r = run(...args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /^Usage: nianbao check FILE_OR_DIR\.\.\. \[options\]\n {7}nianbao import FILE/);
  }
  // Every option the command line accepts is explained.
  const help = run('--help').stdout;
  for (const option of ['--json', '--blanks warning', '--previous LAST', '--previous-dir DIR', '--csv FILE', '--jobs N', '--lang en', '--help']) {
    assert.ok(help.includes(option), `help lacks ${option}`);
  }
  const cases = [
    [['frobnicate', file.good], /unknown command "frobnicate"/],
    [['check', '--frob', file.good], /Unknown option '--frob'/],
    [['check', '--lang', 'fr', file.good], /--lang is "zh" or "en"/],
    [['check', '--blanks', 'never', file.good], /--blanks is "error" or "warning"/],
    [['check'], /no files given/],
    [[], /no command given/],
    [['check', '--jobs', '0', file.good], /--jobs is a whole number of threads, not "0"/],
    [['check', '--previous', file.good, '--previous-dir', dir, file.good], /not both/],
    [['check', '--previous', file.good, file.good, file.mistyped], /--previous compares one report with last year's, not 2: use --previous-dir/],
    [['check', '--previous-dir', file.good, file.good], /--previous-dir .*: not a directory/],
    [['import'], /import reads one file/],
    [['import', file.good, file.mistyped], /import reads one file/],
    [['import', '--csv', 'x.csv', file.good], /--csv is an option of check, not import/],
  ];
  for (const [args, message] of cases) {
    const r = run(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, message);
    assert.match(r.stderr, /Usage: nianbao check/, args.join(' '));
  }
});
