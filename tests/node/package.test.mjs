// The npm package as a Node user sees it: imported by name, through package.json "exports".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, schema, Checker } from 'nianbao';
import { CELL, LONGDE_TEXT as LONGDE, longde } from '../support/reports.mjs';

test('the published Longde 2024 report checks clean', () => {
  for (const input of [longde(), LONGDE]) {
    const r = check(input);
    assert.equal(r.ok, true);
    assert.equal(r.errors, 0);
    assert.equal(r.warnings, 0);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.suggestions, []);
    assert.equal(r.ambiguous, false);
  }
});

test('one mistyped cell: exactly one suggestion, naming that cell and its right value', () => {
  const report = longde();
  report.requests.disclosed.natural_person = 12;
  const r = check(report);
  assert.equal(r.ok, false);
  assert.ok(r.errors > 0);
  assert.equal(r.ambiguous, false);
  assert.equal(r.suggestions.length, 1);
  assert.deepEqual(r.suggestions[0].changes, [{ cell: CELL, from: '12', to: '10' }]);
  // The broken row total and column total both point at the crossing cell.
  assert.deepEqual(
    r.findings.map((f) => f.rule).sort(),
    ['requests.result_total', 'requests.row_total'],
  );
  for (const f of r.findings) {
    assert.equal(f.severity, 'error');
    assert.equal(f.cell, CELL);
    assert.ok(f.cells.includes(CELL));
    assert.deepEqual(f.fix, { cell: CELL, value: '10', message: '「（一）予以公开」「自然人」应为 10（现为 12）', message_en: '“(1) Disclosed” / “Natural persons” should be 10 (now 12)' });
    assert.match(f.message, /[\u4e00-\u9fff]/);
    assert.ok(f.message_en.length > 0);
  }
});

// Every misuse must surface as a real Error with a readable message, never a wasm panic
// or a thrown string.
function assertThrowsError(fn, pattern) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error, `expected an Error, got ${typeof err}: ${err}`);
    assert.match(err.message, pattern);
    return true;
  });
}

test('misuse throws Errors with clear messages', () => {
  for (const bad of [null, 42, true, [], [longde()]]) {
    assertThrowsError(() => check(bad), /report is an object/);
  }
  assertThrowsError(() => check('{"format": "2021",'), /not valid JSON/);
  assertThrowsError(() => check(LONGDE, { blank: 'warning' }), /unknown option "blank"/);
  assertThrowsError(() => check(LONGDE, { blanks: 'sometimes' }), /blanks/);
  assertThrowsError(() => new Checker(longde()).set('requests.disclosed.nobody', 1), /unknown cell id "requests\.disclosed\.nobody"/);
  assertThrowsError(() => new Checker(longde()).set('', 1), /unknown cell id/);
});

test('a Checker told which cells an import could not read: not assessable, not blank, until typed in', () => {
  const report = longde();
  report.appeals.review.upheld = null;
  const checker = new Checker(report, { unread: ['appeals.review.upheld'] });
  assert.deepEqual(checker.result().findings.map((f) => [f.id, f.severity]), [['sums.not_assessable:appeals.total', 'warning']]);
  assert.deepEqual(checker.set('appeals.review.upheld', 5).resolved, ['sums.not_assessable:appeals.total']);
  assert.deepEqual(checker.result().findings, []);
  assert.deepEqual(checker.setUnread(['appeals.review.upheld']).changed.map((f) => f.cells), [['appeals.review.upheld']]);
  assertThrowsError(() => checker.setUnread('appeals.review.upheld'), /array of cell ids/);
  assertThrowsError(() => checker.setUnread(['appeals.review.nobody']), /unknown cell id "appeals\.review\.nobody"/);
  assertThrowsError(() => check(report, { unread: ['x.y.z'] }), /"x\.y\.z" is not a cell id/);
  checker.free();
});

test('wrong types inside a report are findings, not throws', () => {
  const values = [NaN, Infinity, -Infinity, [10], { value: 10 }, '十二', '12件', true];
  for (const value of values) {
    const report = longde();
    report.requests.disclosed.natural_person = value;
    const r = check(report); // must not throw
    const f = r.findings.find((x) => x.rule === 'cell.not_a_number');
    assert.ok(f, `no cell.not_a_number finding for ${String(value)}`);
    assert.equal(f.cell, CELL);
    assert.equal(f.severity, 'error');
    assert.equal(r.ok, false);
  }
});

test('numbers typed as text are read, full-width digits included', () => {
  for (const value of ['10', ' 10 ', '１０']) {
    const report = longde();
    report.requests.disclosed.natural_person = value;
    assert.equal(check(report).ok, true, `"${value}" should read as 10`);
  }
});

test('blanks are errors by default and warnings on request', () => {
  const report = longde();
  report.requests.disclosed.research = null; // was 0, so no sum breaks
  const strict = check(report);
  assert.deepEqual(strict.findings.map((f) => [f.rule, f.severity, f.cell]), [['cell.blank', 'error', 'requests.disclosed.research']]);
  const lenient = check(report, { blanks: 'warning' });
  assert.equal(lenient.ok, true);
  assert.equal(lenient.errors, 0);
  assert.equal(lenient.warnings, 1);
});

test('a Checker edit reports only what changed and resolves it when set back', () => {
  const checker = new Checker(longde());
  assert.equal(checker.result().ok, true);
  assert.equal(checker.value(CELL), '10');

  const broken = checker.set(CELL, 12);
  assert.equal(broken.ok, false);
  assert.deepEqual(broken.resolved, []);
  const ids = broken.changed.map((f) => f.id).sort();
  assert.deepEqual(ids, ['requests.result_total:natural_person', 'requests.row_total:disclosed']);
  assert.deepEqual(broken.suggestions.map((s) => s.changes), [[{ cell: CELL, from: '12', to: '10' }]]);

  // An unrelated edit that breaks nothing new must not repeat the findings already shown.
  const unrelated = checker.set('proactive.licensing.decisions', 4514);
  assert.deepEqual(unrelated.changed, []);
  assert.deepEqual(unrelated.resolved, []);
  assert.equal(unrelated.errors, broken.errors);

  const fixed = checker.set(CELL, 10);
  assert.deepEqual(fixed.changed, []);
  assert.deepEqual([...fixed.resolved].sort(), ids);
  assert.equal(fixed.ok, true);
  assert.equal(fixed.errors, 0);
  assert.deepEqual(checker.result().findings, []);
});

test('the schema lists all 200 cells and the rules', () => {
  const s = schema();
  assert.equal(s.cells.length, 200);
  assert.equal(new Set(s.cells.map((c) => c.id)).size, 200);
  assert.ok(s.cells.some((c) => c.id === CELL));
  const rules = new Set(s.rules.map((r) => r.id));
  for (const id of ['cell.blank', 'cell.not_a_number', 'requests.row_total', 'requests.result_total', 'requests.balance', 'appeals.total']) {
    assert.ok(rules.has(id), `schema lacks rule ${id}`);
  }
});
