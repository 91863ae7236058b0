// `nianbao export`, run as a user runs it: a separate process, real files, the .docx read back by
// the independent reader of docx-grid.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from 'nianbao';
import { readDocx, tablesOf } from './docx-grid.mjs';

const BIN = fileURLToPath(new URL('../../bin/nianbao.mjs', import.meta.url));
const LONGDE = readFileSync(new URL('../data/longde-2024.json', import.meta.url), 'utf8');

let dir;
const mistyped = () => {
  const report = JSON.parse(LONGDE);
  report.requests.disclosed.natural_person = 12;
  return report;
};
const run = (...args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir });

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-export-'));
  writeFileSync(join(dir, 'good.json'), LONGDE);
  writeFileSync(join(dir, 'mistyped.json'), JSON.stringify(mistyped(), null, 2));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('export writes the report as a .docx with its three tables and numbers', () => {
  const r = run('export', 'good.json', '-o', 'good.docx');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /good\.docx: \d+ bytes/);
  const tables = tablesOf(readDocx(readFileSync(join(dir, 'good.docx'))).body);
  assert.equal(tables.length, 3);
  assert.equal(tables[0].grid[13][1].text, '611.1281');
  assert.equal(tables[1].grid[3][9].text, String(JSON.parse(LONGDE).requests.new.total));
});

test('a report with errors: exit 1, the errors named, --force suggested, nothing written', () => {
  const errors = check(mistyped()).findings.filter((f) => f.severity === 'error');
  const r = run('export', 'mistyped.json', '-o', 'mistyped.docx');
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`mistyped\\.json has ${errors.length} errors; mistyped\\.docx was not written`));
  for (const f of errors) assert.ok(r.stderr.includes(f.message), `names 「${f.message}」`);
  assert.match(r.stderr, /requests\.disclosed\.natural_person/);
  assert.match(r.stderr, /--force/);
  assert.equal(existsSync(join(dir, 'mistyped.docx')), false);

  const en = run('export', 'mistyped.json', '-o', 'mistyped.docx', '--lang', 'en');
  assert.ok(en.stderr.includes(errors[0].message_en));

  const forced = run('export', 'mistyped.json', '-o', 'mistyped.docx', '--force');
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(forced.stdout, /--force/);
  assert.equal(tablesOf(readDocx(readFileSync(join(dir, 'mistyped.docx'))).body)[1].grid[5][3].text, '12');
});

test('clear messages for a missing input, an unreadable one, an unwritable output, a missing -o', () => {
  const missing = run('export', 'nothere.json', '-o', 'x.docx');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nothere\.json: no such file/);

  writeFileSync(join(dir, 'broken.json'), '{ "issuer": ');
  const broken = run('export', 'broken.json', '-o', 'x.docx');
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /broken\.json: not valid JSON/);

  const noFolder = run('export', 'good.json', '-o', join('no', 'such', 'x.docx'));
  assert.equal(noFolder.status, 2);
  assert.match(noFolder.stderr, /cannot write no\/such\/x\.docx: its folder does not exist/);
  mkdirSync(join(dir, 'folder.docx'));
  const isDir = run('export', 'good.json', '-o', 'folder.docx');
  assert.equal(isDir.status, 2);
  assert.match(isDir.stderr, /cannot write folder\.docx: it is a directory/);

  const noOutput = run('export', 'good.json');
  assert.equal(noOutput.status, 2);
  assert.match(noOutput.stderr, /export needs -o OUT\.docx/);
  const twoFiles = run('export', 'good.json', 'mistyped.json', '-o', 'x.docx');
  assert.equal(twoFiles.status, 2);
  const forceOnCheck = run('check', 'good.json', '--force');
  assert.equal(forceOnCheck.status, 2);
  assert.match(forceOnCheck.stderr, /--force is an option of export/);
});
