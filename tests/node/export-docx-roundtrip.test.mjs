// The Word export read back by the project's own .docx reader (lib/read): what the clerk exports is
// what a reviewer who receives the .docx imports, cell for cell — with prose and without.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from 'nianbao';
import { exportDocx } from 'nianbao/docx';
import { readReport } from 'nianbao/read';
import { cellsOf, longde, LONGDE_TEXT } from '../support/reports.mjs';

const PROSE = (await import('node:fs')).readFileSync(new URL('../data/longde-2024.txt', import.meta.url), 'utf8');

for (const [name, report] of [
  ['the tables alone', longde()],
  ['with the published prose', { ...longde(), text: PROSE }],
]) {
  test(`an exported .docx imports back into the same report, cell for cell (${name})`, async () => {
    const bytes = await exportDocx(report);
    const read = await readReport(bytes, { name: 'exported.docx' });
    assert.equal(read.format, 'docx');
    assert.deepEqual(read.unplaced, [], 'every number placed');
    assert.deepEqual(read.missing_rows, [], 'every row found');
    assert.deepEqual(cellsOf(read.report), cellsOf(JSON.parse(LONGDE_TEXT)));
    assert.equal(read.report.issuer, report.issuer);
    assert.equal(Number(read.report.year), Number(report.year));
    assert.equal(check(read.report).errors, 0);
  });
}

test('a planted error survives the round trip as exactly that error', async () => {
  const report = longde();
  report.requests.disclosed.natural_person = 12;
  const read = await readReport(await exportDocx(report, { force: true }), { name: 'exported.docx' });
  // Errors only: a document of the tables alone also lacks parts 一, 五 and 六 (structure.parts).
  const errors = (r) => check(r).findings.filter((f) => f.severity === 'error').map((f) => f.id).sort();
  const before = errors(report);
  const after = errors(read.report);
  assert.ok(before.length > 0);
  assert.deepEqual(after, before);
});
