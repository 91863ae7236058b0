// Submission (www/components/submit.js): the report typed by keyboard is posted and stored; the
// server's own check, when it refuses, is shown with its findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openForm, example, cellsOf, cell, activeName, importReport, storedReports, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const T = { timeout: 60_000 };

test('typing the example report by keyboard gives no errors; submitting stores it (201, file in data/)', { timeout: 120_000 }, async () => {
  const report = await example();
  await openForm(page, stack.url);
  await page.locator('#issuer').focus();
  await page.keyboard.type(report.issuer);
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(report.year));
  await page.keyboard.press('Tab');
  // As copied from a ledger: thousands separators and full-width digits are accepted as typed.
  const asTyped = { 'proactive.penalty.decisions': '28,649', 'proactive.licensing.decisions': '４５１３' };
  for (const [id, value] of cellsOf(report)) {
    assert.equal(await activeName(page), id, 'Tab moves through the cells in the order of the report');
    await page.keyboard.type(asTyped[id] ?? String(value));
    await page.keyboard.press('Tab');
  }
  assert.equal(await activeName(page), 'text', 'after the last cell comes the text');
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
  assert.match(await page.locator('#tally').textContent(), /已填 200\/200 格$/);
  assert.equal(await cell(page, 'proactive.fees.amount').inputValue(), '611.1281');
  assert.equal(await cell(page, 'proactive.penalty.decisions').inputValue(), '28649', 'shown normalised once left');
  assert.equal(await cell(page, 'proactive.licensing.decisions').inputValue(), '4513');

  await page.keyboard.press('Tab');
  assert.equal(await activeName(page), 'submit');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#server.ok');
  assert.match(await page.locator('#server').textContent(), /已提交。已接收，编号 2024-/);
  assert.equal(await activeName(page), 'server', 'focus moves to the server answer');
  const stored = await storedReports(stack.dataDir);
  assert.equal(stored.length, 1);
  for (const [id, value] of cellsOf(report)) {
    const [t, r, c] = id.split('.');
    assert.equal(String(stored[0].report[t][r][c]), String(value), id);
  }
  assert.equal(stored[0].report.issuer, report.issuer);
});

test('the server’s own check is shown: a 422 answer lists its findings', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  // A portal that cannot check in the browser would post anyway; the server says why it refuses.
  await page.route('**/api/reports', async (route) => {
    const report = JSON.parse(route.request().postData());
    report.requests.new.total = 99;
    await route.continue({ postData: JSON.stringify(report) });
  });
  try {
    await page.locator('#submit').click();
    await page.waitForSelector('#server.bad');
    const text = await page.locator('#server').textContent();
    assert.match(text, /服务器未接收此年报/);
    assert.match(text, /「一、本年新收政府信息公开申请数量」行/);
  } finally {
    await page.unroute('**/api/reports');
  }
  assert.deepEqual(violations, [], 'no CSP violation or script error on this page');
});
