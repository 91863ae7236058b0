// The form's first module (pkg/form/, feature `form` of crates/nianbao-wasm: the Checker alone, no
// serde, no prose checks) against the full package on the same reports: every report it opens
// must give the full Checker's findings, totals, values and report, before and after the same
// edits; every report of another shape it must refuse (undefined), so that the form hands it to
// the full module. Its prose is the full module's job: textUnchecked() says when that is needed.
// Unread cells (only imports make them, and an import loads the full module) it refuses too. It
// has no cellIndex, set or setUnread: the form sets cells by index (setAt), with the package's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Checker, cellIndex, check, schema } from 'nianbao';
import { data, longde } from '../support/reports.mjs';

const dir = fileURLToPath(new URL('../../pkg/form/', import.meta.url));
const form = await import(pathToFileURL(`${dir}nianbao_form.js`).href);
form.initSync({ module: readFileSync(`${dir}nianbao_form_bg.wasm`) });

const PROSE = readFileSync(data('longde-2024.txt'), 'utf8');
const { cells, rules } = schema();
const AMOUNT = cells.find((c) => c.kind === 'amount').id;
const PROSE_RULES = new Set(rules.filter((r) => r.category === 'text' || r.category === 'structure').map((r) => r.id));

/** A copy of the example with cells (by id) and top-level fields set over it. */
function variant(values = {}, fields = {}) {
  const report = { ...longde(), ...fields };
  for (const [id, value] of Object.entries(values)) {
    const [table, row, column] = id.split('.');
    report[table][row][column] = value;
  }
  return report;
}

const READS = ['result', 'totals', 'values', 'report', 'unexplainedWarnings'];

/** Everything both checkers say about the report they hold, deep-equal and as the same JSON. */
function same(small, full, what) {
  for (const read of READS) {
    const [a, b] = [small[read](), full[read]()];
    assert.deepEqual(a, b, `${what}: ${read}()`);
    assert.equal(JSON.stringify(a), JSON.stringify(b), `${what}: ${read}() as JSON`);
  }
  assert.equal(small.textUnchecked(), false, `${what}: no prose left unchecked`);
}

/** Opens the report in both modules, compares, makes the same edits in both, compares again. */
function agree(report, unread, what) {
  const small = form.Checker.open(structuredClone(report), unread);
  assert.ok(small, `${what}: the form module opens it`);
  const full = new Checker(report, unread ? { unread } : undefined);
  same(small, full, what);
  const both = (call, label) => assert.deepEqual(call(small), call(full), `${what}: ${label}`);
  for (const [cell, value] of [
    ['requests.new.commercial', '7'],
    ['requests.new.commercial', ' 1２ '],
    [AMOUNT, '611.12812'],
    ['appeals.review.upheld', '十二'],
    ['requests.new.research', null],
    ['requests.new.commercial', 1],
  ]) {
    both((c) => c.setAt(cellIndex(cell), value), `setAt ${cell} = ${value}`);
    both((c) => c.lastChanges(), `lastChanges after ${cell} = ${value}`);
  }
  both((c) => c.setAt(cellIndex('requests.disclosed.natural_person'), 12), 'setAt a number');
  both((c) => c.setAt(cellIndex(AMOUNT), '12.5'), 'setAt an amount');
  both((c) => c.setField('issuer', '别的机关'), 'setField issuer');
  both((c) => c.setField('year', '2023'), 'setField year as text');
  both((c) => c.setField('year', 2024), 'setField year');
  const warning = full.unexplainedWarnings()[0];
  if (warning) both((c) => c.setReason(warning.id, '已核实'), `setReason ${warning.id}`);
  both((c) => c.setReason('requests.row_total:new', '见说明'), 'setReason');
  same(small, full, `${what}, after the edits`);
  both((c) => c.setField('issuer', null), 'setField issuer null');
  same(small, full, `${what}, after the edits undone`);
  small.free();
  full.free();
}

test('the form module numbers the cells as the package does: setAt(i) sets schema().cells[i]', () => {
  const small = form.Checker.open(null, null);
  cells.forEach((cell, index) => {
    assert.equal(cellIndex(cell.id), index, cell.id);
    small.setAt(index, String(index + 1));
  });
  assert.deepEqual(small.values(), cells.map((_, index) => String(index + 1)));
  for (const bad of [-1, 1.5, cells.length, '3', null]) {
    assert.throws(() => small.setAt(bad, '1'), /no cell at index .*; an index is a whole number from 0 to 199/, String(bad));
  }
  assert.equal(form.cellIndex, undefined, 'no cellIndex: the form has the order');
  small.free();
});

test('open(null, null) is the blank report of new Checker()', () => {
  const [small, full] = [form.Checker.open(null, null), new Checker()];
  same(small, full, 'blank');
  assert.equal(small.report().year, undefined);
  small.free();
  full.free();
  agree(null, null, 'blank');
});

const CORPUS = {
  'the example': variant(),
  'a broken sum': variant({ 'requests.disclosed.natural_person': 12 }),
  'two broken sums': variant({ 'requests.new.commercial': 3, 'requests.disclosed.natural_person': 12 }),
  'a wrong total of table 四': variant({ 'appeals.review.total': 9 }),
  'blanks': variant({ 'requests.new.research': null, 'appeals.review.upheld': null, [AMOUNT]: null }),
  'every cell blank': Object.fromEntries(
    Object.entries(variant()).map(([k, t]) => [k, typeof t !== 'object' ? t : Object.fromEntries(Object.entries(t).map(([r, row]) => [r, Object.fromEntries(Object.keys(row).map((c) => [c, null]))]))]),
  ),
  'invalid text': variant({ 'requests.new.legal_service': '十二', 'appeals.review.other': 'abc', 'requests.new.research': '/' }),
  'numbers as text': variant({ 'requests.new.commercial': '1', 'requests.new.research': '１２', 'requests.new.other_org': '1,234', 'requests.new.total': ' 15 ' }),
  'a negative count': variant({ 'requests.new.research': -3 }),
  'a count over 2^53, as text': variant({ 'requests.new.other_org': '9007199254740993' }),
  'the largest safe count': variant({ 'proactive.licensing.decisions': Number.MAX_SAFE_INTEGER }),
  'an amount too fine': variant({ [AMOUNT]: '611.12812' }),
  'an amount as a number': variant({ [AMOUNT]: 3 }),
  'an amount with trailing zeros': variant({ [AMOUNT]: '12.50' }),
  'a negative amount': variant({ [AMOUNT]: '-0.5' }),
  'reasons': variant({ 'requests.disclosed.natural_person': 12 }, { reasons: { 'proactive.in_force_floor:rules': '已核实', 'requests.row_total:disclosed': '见说明' } }),
  'reasons null, empty and withdrawn': variant({}, { reasons: { 'a:b': null, 'proactive.in_force_floor:rules': '' } }),
  'reasons null': variant({}, { reasons: null }),
  'a year as text': variant({}, { year: '2024' }),
  'a year as text with spaces and a sign': variant({}, { year: ' +2023 ' }),
  'a year far off': variant({}, { year: 1949 }),
  'no year': variant({}, { year: null }),
  'no issuer': variant({}, { issuer: null }),
  'no format': variant({}, { format: null }),
  'another format': variant({}, { format: '2019' }),
  'no metadata keys at all': (({ format, year, issuer, ...tables }) => tables)(variant()),
  'keys in another order': (({ format, year, issuer, ...tables }) => ({ ...tables, issuer, year, format }))(variant()),
  'the form\'s own draft': new Checker(variant({ 'requests.new.research': '１２' }, { reasons: { 'x:y': 'z' } })).report(),
};

test('the corpus: every report opens and agrees with the full Checker, before and after the same edits', () => {
  for (const [what, report] of Object.entries(CORPUS)) agree(report, null, what);
  agree(longde(), [], 'no unread cells');
});

test('the form module refuses every report of another shape (undefined), and stays usable', () => {
  const drop = (path) => (r) => { const keys = path.split('.'); const last = keys.pop(); delete keys.reduce((o, k) => o[k], r)[last]; };
  class Report { constructor() { Object.assign(this, longde()); } }
  const refused = {
    'an unknown key': variant({}, { isuer: 'x' }),
    'an unknown row': (() => { const r = longde(); r.appeals.revew = { ...r.appeals.review }; return r; })(),
    'a missing row': (() => { const r = longde(); drop('appeals.review')(r); return r; })(),
    'a missing table': (() => { const r = longde(); drop('proactive')(r); return r; })(),
    'a missing cell': (() => { const r = longde(); drop('requests.new.total')(r); return r; })(),
    'an extra column': variant({ 'requests.new.extra': 1 }),
    'a cell that is an object': variant({ 'requests.new.total': {} }),
    'a cell that is a boolean': variant({ 'requests.new.total': true }),
    'a cell of 1.5': variant({ 'requests.new.total': 1.5 }),
    'a cell of NaN': variant({ 'requests.new.total': NaN }),
    'a cell over 2^53 as a number': variant({ 'requests.new.total': 2 ** 53 }),
    'a cell that is undefined': variant({ 'requests.new.total': undefined }),
    'a year 二〇二四': variant({}, { year: '二〇二四' }),
    'a year 2024.5': variant({}, { year: 2024.5 }),
    'a year as text that is not whole': variant({}, { year: '2024.0' }),
    'an issuer that is a number': variant({}, { issuer: 42 }),
    'a format that is a number': variant({}, { format: 2021 }),
    'a reason that is a number': variant({}, { reasons: { 'x:y': 1 } }),
    'reasons that are an array': variant({}, { reasons: ['已核实'] }),
    'a class instance': new Report(),
    'an array': [longde()],
    'a table with a prototype': (() => { const r = longde(); r.appeals = Object.assign(Object.create({ inherited: 1 }), r.appeals); return r; })(),
    'an inherited enumerable key': Object.assign(Object.create({ isuer: 'x' }), longde()),
    'a null-prototype report': Object.assign(Object.create(null), longde()),
    'a string': JSON.stringify(longde()),
    'a number': 2024,
  };
  for (const [what, report] of Object.entries(refused)) {
    assert.equal(form.Checker.open(report, null), undefined, what);
  }
  const ok = form.Checker.open(longde(), null);
  assert.deepEqual(ok.result(), new Checker(longde()).result(), 'still usable after refusals');
  ok.free();
});

test('a getter that throws is a clear error out of open(), and the module stays usable', () => {
  for (const at of ['requests.new', null]) {
    const report = longde();
    const target = at ? at.split('.').reduce((o, k) => o[k], report) : report;
    const key = at ? 'total' : 'issuer';
    Object.defineProperty(target, key, { get() { throw new Error('no access'); }, enumerable: true });
    assert.throws(() => form.Checker.open(report, null), (e) => e instanceof Error && /^the report could not be read: no access$/.test(e.message), at ?? 'issuer');
    assert.throws(() => new Checker(report), /the report could not be read: no access/, 'the full module says the same');
  }
  const after = form.Checker.open(variant({ 'requests.disclosed.natural_person': 12 }), null);
  const full = new Checker(variant({ 'requests.disclosed.natural_person': 12 }));
  same(after, full, 'after the throw');
  assert.equal(after.setAt(cellIndex('requests.disclosed.natural_person'), '10'), full.setAt(cellIndex('requests.disclosed.natural_person'), '10'));
  same(after, full, 'after the throw, edited');
});

test('unread cells are the full module\'s (undefined); unread is a list, or a clear error', () => {
  assert.throws(() => form.Checker.open(longde(), 'requests.new.total'), /unread is an array of cell ids/);
  assert.equal(form.Checker.open(longde(), ['appeals.review.upheld']), undefined, 'a report with unread cells');
  assert.equal(form.Checker.open(null, ['requests.new.research']), undefined, 'a blank report with unread cells');
  assert.ok(form.Checker.open(longde(), undefined), 'undefined is no list');
  assert.ok(form.Checker.open(longde(), []), 'an empty list is none');
});

test('a lone surrogate in a text reads as U+FFFD, as the full Checker reads it when typed', () => {
  const report = variant({ 'requests.new.research': '\uD800' }, { issuer: 'a\uD800b', reasons: { 'x:y': '\uDC00' } });
  const small = form.Checker.open(report, null);
  const full = new Checker(longde());
  full.setAt(cellIndex('requests.new.research'), '\uD800');
  full.setField('issuer', 'a\uD800b');
  full.setReason('x:y', '\uDC00');
  same(small, full, 'lone surrogates');
  assert.equal(small.report().issuer, 'a\uFFFDb');
  // The full module's object path reads the report the same way (it used to refuse it as JSON
  // with a bad escape, naming no cell), and so does check().
  const whole = new Checker(report);
  same(small, whole, 'lone surrogates, the report read whole by the full module');
  assert.deepEqual(check(report), full.result());
  // A text with one in it too (the slow path: not a cell of the canonical shape).
  assert.equal(check({ ...report, text: 'x\uD83D' }).ok, check({ ...report, text: 'x\uFFFD' }).ok);
  assert.deepEqual(new Checker({ ...report, text: 'x\uD83D' }).report().text, 'x\uFFFD');
});

test('textUnchecked: prose is kept, not checked; the full module has its findings', () => {
  const none = form.Checker.open(longde(), null);
  assert.equal(none.textUnchecked(), false, 'no text');
  none.setField('text', '本年度新收政府信息公开申请 15 件。');
  assert.equal(none.textUnchecked(), true, 'after setField text');
  none.setField('text', '   ');
  assert.equal(none.textUnchecked(), false, 'blank text is no prose');
  none.setField('text', null);
  assert.equal(none.textUnchecked(), false, 'text cleared');

  // The example with its published prose, a figure of which the tables now contradict.
  const report = variant({ 'requests.new.total': 40 }, { text: PROSE });
  const small = form.Checker.open(report, null);
  assert.ok(small, 'a report with prose opens');
  assert.equal(small.textUnchecked(), true, 'a report with text');
  const full = new Checker(report);
  for (const read of ['totals', 'values', 'report']) assert.deepEqual(small[read](), full[read](), `${read}() with prose`);
  assert.equal(small.report().text, PROSE, 'the prose is kept as it is');
  const [kept, all] = [small.result().findings, full.result().findings];
  const prose = all.filter((f) => PROSE_RULES.has(f.rule));
  assert.ok(prose.length > 0, 'the full module finds something in the prose');
  assert.ok(!kept.some((f) => PROSE_RULES.has(f.rule)), 'the form module finds nothing in it');
  assert.deepEqual(kept, all.filter((f) => !PROSE_RULES.has(f.rule)), 'every other finding is the same');
  small.free();
  full.free();
  none.free();
});

test('300 generated reports: opened or refused as their shape says, and then the same as the full Checker', () => {
  let state = 2024;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (list) => list[Math.floor(random() * list.length)];
  const OPENS = [0, 1, 7, 12, -3, 99, 4513, 2 ** 40, Number.MAX_SAFE_INTEGER, null, '', '12', '１２', ' 7 ', '1,234', '3.5', '611.12812', '/', '十二', '9007199254740993'];
  const REFUSED = [1.5, NaN, Infinity, true, {}, [], 2 ** 53 + 2];
  const YEARS = [2024, 2023, null, '2024', ' 2022', '-1', 0];
  let opened = 0;
  for (let i = 0; i < 300; i++) {
    const report = longde();
    for (let k = Math.floor(random() * 5); k > 0; k--) {
      const cell = pick(cells);
      report[cell.table][cell.row][cell.column] = pick(random() < 0.05 ? REFUSED : OPENS);
    }
    // A later edit may overwrite a refused value: the report's final cells decide.
    const refuse = cells.some((c) => REFUSED.includes(report[c.table][c.row][c.column]));
    if (random() < 0.3) report.year = pick(YEARS);
    if (random() < 0.2) report.issuer = pick([null, '', '别的机关']);
    if (random() < 0.2) report.reasons = { [`${pick(rules).id}:x`]: pick(['已核实', '', null]) };
    const unread = random() < 0.2 ? [pick(cells).id, pick(cells).id] : null;
    const what = `report ${i} ${JSON.stringify(report, (k, v) => (Number.isNaN(v) ? 'NaN' : v))} unread ${unread}`;
    if (refuse || unread) {
      assert.equal(form.Checker.open(report, unread), undefined, what);
      continue;
    }
    opened++;
    agree(report, unread, what);
  }
  assert.ok(opened > 200, `most generated reports open (${opened})`);
});
