// The error summary (www/components/error-summary.js): on submission each problem named with its
// right value, a link that focuses the cell, and 「改为 X」 that fixes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openForm, example, cell, activeName, importReport, storedReports, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const T = { timeout: 60_000 };
const summary = () => page.locator('#summary');

test('a mistyped cell of table 三: named with its right value in the summary, link focuses it, 「改为 X」 fixes it', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  const postedBefore = (await storedReports(stack.dataDir)).length;
  const target = 'requests.disclosed.natural_person';
  await cell(page, target).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('12');
  // Not while typing: the total beside it follows, but no error is shown yet.
  assert.equal(await cell(page, target).getAttribute('aria-invalid'), null);
  assert.match(await page.locator('#sum-requests-disclosed-total').textContent(), /应为 13/);
  await page.keyboard.press('Tab');
  // On leaving the cell: the error is inline, linked to the cell.
  assert.equal(await cell(page, target).getAttribute('aria-invalid'), 'true');
  const describedBy = await cell(page, target).getAttribute('aria-describedby');
  const inline = page.locator(`[id="${describedBy.split(' ').pop()}"]`);
  assert.match(await inline.textContent(), /「（一）予以公开」「自然人」应为 10（现为 12）/);

  await page.locator('#submit').click();
  await page.waitForSelector('#summary[role="alert"]');
  assert.equal(await activeName(page), 'summary', 'focus moves to the summary');
  assert.equal(await summary().locator('h2').textContent(), '提交前请修正以下 1 处问题');
  const link = summary().locator('a').first();
  const linkText = await link.textContent();
  assert.equal(linkText, '「（一）予以公开」「自然人」应为 10（现为 12）');
  assert.equal(await inline.locator('.head').textContent(), linkText, 'same words inline and in the summary');
  assert.equal((await storedReports(stack.dataDir)).length, postedBefore, 'nothing was posted');

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), linkText);
  await page.keyboard.press('Enter');
  assert.equal(await activeName(page), target, 'the link moves focus to the cell most likely wrong');

  const fix = summary().getByRole('button', { name: '将「（一）予以公开」「自然人」改为 10' });
  assert.equal(await fix.textContent(), '改为 10');
  await fix.focus();
  await page.keyboard.press('Enter');
  assert.equal(await cell(page, target).inputValue(), '10');
  assert.equal(await cell(page, target).getAttribute('aria-invalid'), null);
  assert.match(await summary().textContent(), /问题已全部修正/);
  assert.deepEqual(violations, [], 'no CSP violation or script error on this page');
});
