// A keystroke redraws only what it changed (www/components/tables.js, messages.js): the computed
// sums it moved, the message rows and marks of the cells that had or have a problem. These tests
// check that what it leaves alone is still right: a sum broken and mended by keystrokes leaves the
// form exactly as it was, marks and messages included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schema } from 'nianbao';
import { openForm, ready, example, cell, perFile, stack, page } from './support.mjs';

perFile();

const T = { timeout: 60_000 };
const TYPED = 'requests.disclosed.natural_person';
/** The totals the typed cell is a part of, directly or not. */
const totals = (() => {
  const cells = schema().cells;
  const out = new Set();
  const add = (id) => {
    for (const c of cells) if (c.parts.includes(id) && !out.has(c.id)) { out.add(c.id); add(c.id); }
  };
  add(TYPED);
  return [...out];
})();
const sumId = (id) => 'sum-' + id.replaceAll('.', '-');

/** What the clerk sees of the tables' checking: every sum beside a total, every mark, every message. */
const state = () => page.evaluate((ids) => ({
  sums: ids.map((id) => document.getElementById(id)?.textContent ?? null),
  classes: ids.map((id) => document.getElementById(id)?.className ?? null),
  invalid: [...document.querySelectorAll('input.cell[aria-invalid="true"]')].map((i) => i.name),
  marked: [...document.querySelectorAll('td.has-error, td.has-warning')].map((td) => td.querySelector('input')?.name),
  described: [...document.querySelectorAll('input.cell')].map((i) => i.getAttribute('aria-describedby')).join('\n'),
  messages: [...document.querySelectorAll('#tables .inline-messages li')].map((li) => li.textContent),
  emptyRows: document.querySelectorAll('#tables tr.empty').length,
  tally: document.getElementById('tally').textContent,
}), totals.map(sumId));

/** The form holding `report` (the example when left out) as its draft, `unread` its cells not read. */
async function openExample(report = null, unread = []) {
  await openForm(page, stack.url);
  const draft = { savedAt: new Date().toISOString(), report: report ?? await example(), unread };
  await page.evaluate((d) => localStorage.setItem('nianbao.draft.v1', JSON.stringify(d)), draft);
  await page.reload();
  await ready(page);
}

/** Presses `keys` at the end of cell `id`, where a clerk adding a digit puts the caret. */
async function typeAtEnd(id, ...keys) {
  await cell(page, id).focus();
  await page.keyboard.press('End');
  for (const key of keys) await page.keyboard.press(key);
}

test('a sum broken by a keystroke shows at once beside its totals; judged on leaving; mended, the form is as before', T, async () => {
  assert.ok(totals.length >= 2, 'the typed cell is in a row and a column sum');
  await openExample();
  const before = await state();
  const input = cell(page, TYPED);
  const was = await input.inputValue();

  await typeAtEnd(TYPED, '1');
  const typing = await state();
  // The computed sums it moved say so while typing; the typed totals now differ from them.
  assert.ok(typing.sums.some((text, i) => text !== before.sums[i]), 'a moved sum is redrawn');
  assert.ok(typing.classes.some((c) => /differs/.test(c)), 'a typed total that no longer adds up is marked');
  // Nothing is judged about the cell being typed in.
  assert.deepEqual(typing.invalid, before.invalid);

  await page.keyboard.press('Tab');
  const left = await state();
  assert.ok(left.invalid.length > before.invalid.length, 'on leaving, the broken sum marks a cell');
  assert.ok(left.messages.length > before.messages.length, 'and says so under its row');
  assert.ok(left.emptyRows < before.emptyRows);

  await typeAtEnd(TYPED, 'Backspace');
  await page.keyboard.press('Tab');
  assert.equal(await input.inputValue(), was);
  assert.deepEqual(await state(), before, 'mended: every sum, mark, message and the tally as before');
});

test('mended by its 「改为」 button (a change of one cell, drawn incrementally), the form is as before', T, async () => {
  await openExample();
  const before = await state();
  const input = cell(page, TYPED);
  const was = await input.inputValue();
  await typeAtEnd(TYPED, '1');
  await page.keyboard.press('Tab');
  const fix = page.locator(`#tables button.fix[data-fix-cell="${TYPED}"]`);
  assert.equal(await fix.count(), 1, 'the package names the typed cell as the one to fix');
  await fix.click();
  assert.equal(await input.inputValue(), was);
  assert.deepEqual(await state(), before, 'every sum, mark, message and the tally as before');
});

test('typing in another cell of a broken sum hides its message at once, and the marks of the cell it was at', T, async () => {
  // 行政复议 is one row sum of its own: while the clerk types in one of its cells, it is not judged —
  // even when the keystroke changes no value (a space), so that nothing but the cell typed in moves.
  await openExample();
  const before = await state();
  await typeAtEnd('appeals.review.upheld', '1');
  await page.keyboard.press('Tab');
  const broken = await state();
  assert.ok(broken.invalid.length > before.invalid.length && broken.messages.length > before.messages.length, 'the broken sum is shown');
  await typeAtEnd('appeals.review.corrected', 'Space');
  const typing = await state();
  assert.deepEqual(typing.invalid, before.invalid, 'no cell is left marked by a sum that is no longer shown');
  assert.deepEqual(typing.marked, before.marked);
  assert.deepEqual(typing.messages, before.messages);
  await page.keyboard.press('Tab');
  assert.deepEqual((await state()).invalid, broken.invalid, 'judged again once the clerk leaves the cell');
});

test('a keystroke in a cell of no sum changes no mark, message or sum', T, async () => {
  await openExample();
  const before = await state();
  await typeAtEnd('proactive.licensing.decisions', '1', '2', 'Backspace', 'Backspace');
  await page.keyboard.press('Tab');
  assert.deepEqual(await state(), before);
});

test('a cell an import could not read is no longer described as not read from the first key typed into it', T, async () => {
  const report = await example();
  const id = 'proactive.licensing.decisions';
  const [table, row, column] = id.split('.');
  report[table][row][column] = null;
  await openExample(report, [id]);
  const input = cell(page, id);
  assert.match(await input.getAttribute('aria-describedby') ?? '', /unread-note/);
  assert.equal(await input.getAttribute('placeholder'), '未读出');
  await input.focus();
  await page.keyboard.type('5');
  assert.doesNotMatch(await input.getAttribute('aria-describedby') ?? '', /unread-note/, 'no longer described as not read');
  await page.keyboard.press('Tab');
  assert.equal(await input.getAttribute('placeholder'), null, 'nor marked, once left');
});

test('what the package reads otherwise than typed — a blank mark, full-width digits — is counted and shown as it reads', T, async () => {
  await openExample();
  const id = 'proactive.licensing.decisions';
  const tally = () => page.locator('#tally').textContent();
  const filled = Number((await tally()).match(/已填 (\d+)\//)[1]);
  await cell(page, id).fill('');
  await page.keyboard.type('－'); // a blank mark: the cell reads blank
  assert.match(await tally(), new RegExp(`已填 ${filled - 1}/`), 'a blank mark is not a filled cell');
  assert.equal(await cell(page, id).inputValue(), '－', 'as typed while in the cell');
  await page.keyboard.press('Tab');
  assert.equal(await cell(page, id).inputValue(), '', 'shown as it reads once left');
  await cell(page, id).focus();
  await page.keyboard.type('４５１４');
  assert.match(await tally(), new RegExp(`已填 ${filled}/`));
  await page.keyboard.press('Tab');
  assert.equal(await cell(page, id).inputValue(), '4514');
});
