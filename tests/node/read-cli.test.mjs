// The command line on published files: `nianbao import FILE.pdf|.docx|.html`, `nianbao check` on
// them, and a bulk check of a directory holding every kind plus files that cannot be read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schema } from 'nianbao';

const BIN = fileURLToPath(new URL('../../bin/nianbao.mjs', import.meta.url));
const data = (name) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
const CLEAN = JSON.parse(readFileSync(data('longde-2024.json'), 'utf8'));
const PLANTED = 'requests.unable_not_held.natural_person';
const at = (report, id) => id.split('.').reduce((o, k) => o?.[k], report);

function run(...args) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-read-cli-'));
  for (const name of readdirSync(data('files'))) copyFileSync(data(`files/${name}`), join(dir, name));
  mkdirSync(join(dir, 'bad'));
  copyFileSync(data('hostile/encrypted.pdf'), join(dir, 'bad', 'encrypted.pdf'));
  const ole = new Uint8Array(1024);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  writeFileSync(join(dir, 'bad', 'old.doc'), ole);
  writeFileSync(join(dir, 'bad', 'scan.pdf'), readFileSync(data('files/longde-2024.pdf')).subarray(0, 20000));
});
after(() => rmSync(dir, { recursive: true, force: true }));

for (const name of ['longde-2024.pdf', 'longde-2024.docx', 'longde-2024.gbk.html']) {
  test(`import ${name}: the canonical JSON on stdout, every cell as published, nothing on stderr`, () => {
    const r = run('import', join(dir, name));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const report = JSON.parse(r.stdout);
    const wrong = schema().cells.map((c) => c.id).filter((id) => String(at(report, id)) !== String(at(CLEAN, id)));
    assert.deepEqual(wrong, []);
    assert.equal(report.issuer, '隆德县人民政府');
  });
}

test('check FILE.pdf with the planted error: exit 1, the cell named with the value it should have', () => {
  const r = run('check', join(dir, 'longde-2024-error.pdf'), '--json');
  assert.equal(r.code, 1, r.stderr);
  const [result] = JSON.parse(r.stdout);
  assert.deepEqual([...new Set(result.findings.map((f) => f.cell))], [PLANTED]);
  assert.deepEqual(result.suggestions[0].changes.map((c) => [c.cell, String(c.to)]), [[PLANTED, '3']]);
  assert.deepEqual(result.unplaced, []);
  assert.deepEqual(result.missing_rows, []);
});

test('import of a file that cannot be read: exit 2 and the reason, naming the file', () => {
  for (const [name, reason] of [
    ['bad/encrypted.pdf', /encrypted \(password-protected\)/],
    ['bad/old.doc', /save it as \.docx or PDF/],
    ['bad/scan.pdf', /not a readable PDF/],
  ]) {
    const r = run('import', join(dir, name));
    assert.equal(r.code, 2, name);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.startsWith(`nianbao: ${join(dir, name)}: `), r.stderr);
    assert.match(r.stderr, reason);
  }
});

test('check DIR: every PDF, .docx and page checked on the pool; the unreadable named; the run goes on', () => {
  const r = run('check', dir, '--jobs', '2');
  assert.equal(r.code, 2, 'an unreadable file makes it 2');
  const checked = r.stdout.match(/^\S.*$/gm).slice(0, -2);
  assert.equal(checked.length, 8);
  for (const file of checked.filter((f) => f.includes('error'))) {
    assert.ok(r.stdout.includes(`${file}\n  未通过：2 个错误，0 个警告`), file);
  }
  for (const file of checked.filter((f) => !f.includes('error'))) assert.ok(r.stdout.includes(`${file}\n  通过`), file);
  const problems = r.stderr.trimEnd().split('\n').sort();
  assert.equal(problems.length, 3, r.stderr);
  assert.match(problems[0], /bad\/encrypted\.pdf: the PDF is encrypted/);
  assert.match(problems[1], /bad\/old\.doc: an old Word \.doc file/);
  assert.match(problems[2], /bad\/scan\.pdf: not a readable PDF/);
  assert.match(r.stdout, /共 11 个文件：3 个有错误，0 个有警告，3 个无法读取。/);
});
