// The draft (www/components/draft.js): saved as the clerk types, brought back on reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openForm, ready, cell, typeInto, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const T = { timeout: 60_000 };

test('reload brings the draft back, with a note saying so', T, async () => {
  await openForm(page, stack.url);
  await page.locator('#issuer').fill('隆德县人民政府');
  await typeInto(page, 'requests.new.natural_person', '14');
  await typeInto(page, 'proactive.fees.amount', '611.1281');
  await page.reload();
  await ready(page);
  assert.equal(await cell(page, 'requests.new.natural_person').inputValue(), '14');
  assert.equal(await cell(page, 'proactive.fees.amount').inputValue(), '611.1281');
  assert.equal(await page.locator('#issuer').inputValue(), '隆德县人民政府');
  assert.match(await page.locator('#notice').textContent(), /已恢复 .* 保存在本机的草稿/);
  // The time is written by hand (no Intl on the way to ready), as the browser's zh-CN writes it.
  const { notice, expected } = await page.evaluate(() => ({
    notice: document.getElementById('notice').textContent,
    expected: new Date(JSON.parse(localStorage.getItem('nianbao.draft.v1')).savedAt).toLocaleString('zh-CN', { hour12: false }),
  }));
  assert.ok(notice.includes(`已恢复 ${expected} 保存`), `${notice} names ${expected}`);
});

test('when another tab saves the same draft, the clerk is told to fill it in one tab only', T, async () => {
  await openForm(page, stack.url);
  const other = await stack.context.newPage();
  try {
    await other.goto(stack.url);
    await ready(other);
    assert.doesNotMatch(await page.locator('#notice').textContent(), /另一个标签页/, 'opening a tab saves nothing');
    await typeInto(other, 'requests.new.natural_person', '3');
    await page.waitForFunction(() => /这份草稿刚在另一个标签页中被修改/.test(document.getElementById('notice').textContent));
    assert.equal(await other.evaluate(() => JSON.parse(localStorage.getItem('nianbao.draft.v1')).report.requests.new.natural_person), 3);
  } finally {
    await other.close();
  }
  assert.deepEqual(violations, []);
});

// A keystroke goes into a small journal at once and the whole draft is saved when the clerk pauses
// (draft.js): whatever ends the page right after a keystroke, the next page has that keystroke.
const JOURNAL = 'nianbao.draft.v1.journal';

/** In a page of its own with a fresh form: fills one cell and, without leaving it, types one more digit. */
async function typeLastKey(tab) {
  await openForm(tab, stack.url);
  await typeInto(tab, 'requests.new.natural_person', '14');
  await tab.waitForFunction((key) => localStorage.getItem(key) === null, JOURNAL); // the pause saved it whole
  await cell(tab, 'requests.new.natural_person').focus();
  await tab.keyboard.press('End');
  await tab.keyboard.type('5');
}

/** What a new page of the same browser shows in the cell (the draft it restored). */
async function restoredValue() {
  const tab = await stack.context.newPage();
  try {
    await tab.goto(stack.url);
    await ready(tab);
    return await cell(tab, 'requests.new.natural_person').inputValue();
  } finally {
    await tab.close();
  }
}

test('a keystroke followed at once by a reload is in the draft', T, async () => {
  await typeLastKey(page);
  await page.reload();
  await ready(page);
  assert.equal(await cell(page, 'requests.new.natural_person').inputValue(), '145');
});

test('a keystroke followed at once by closing the tab is in the draft', T, async () => {
  const tab = await stack.context.newPage();
  await typeLastKey(tab);
  await tab.close();
  assert.equal(await restoredValue(), '145');
});

test('a keystroke followed at once by navigating away is saved whole before the page goes', T, async () => {
  const tab = await stack.context.newPage();
  try {
    await typeLastKey(tab);
    await tab.goto('about:blank'); // pagehide saves the whole draft
    assert.equal(await restoredValue(), '145');
  } finally {
    await tab.close();
  }
});

test('a keystroke followed at once by a crash of the tab is in the draft (the journal)', T, async () => {
  const tab = await stack.context.newPage();
  await typeLastKey(tab);
  // No pagehide, no idle time: only what the keystroke itself wrote survives.
  const crashed = new Promise((resolve) => tab.once('crash', resolve));
  const cdp = await stack.context.newCDPSession(tab);
  cdp.send('Page.crash').catch(() => { /* the tab is gone before it answers */ });
  await crashed;
  await tab.close().catch(() => {});
  assert.equal(await restoredValue(), '145');
});

test('the journal of keystrokes is folded into the whole draft at the next pause', T, async () => {
  await typeLastKey(page);
  assert.match(await page.evaluate((key) => localStorage.getItem(key), JOURNAL), /"requests\.new\.natural_person":"145"/);
  await page.waitForFunction((key) => localStorage.getItem(key) === null, JOURNAL);
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('nianbao.draft.v1')).report.requests.new.natural_person), 145);
});
