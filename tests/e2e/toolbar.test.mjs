// The toolbar (www/components/toolbar.js): 清空 asked first and undone, export, 自动合计.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  openForm, example, cellsOf, cell, typeInto, importReport, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const T = { timeout: 60_000 };

test('「清空」 asks first and can be undone; export and import round-trip the report', T, async () => {
  await openForm(page, stack.url);
  const report = await example();
  await importReport(page, report, 'longde-2024.json');
  await page.locator('#clear').click();
  const dialog = page.locator('#confirm-clear');
  assert.ok(await dialog.evaluate((d) => d.open));
  await page.keyboard.press('Escape');
  assert.equal(await cell(page, 'requests.new.total').inputValue(), '15', 'cancelled: nothing cleared');

  await page.locator('#clear').click();
  await dialog.getByRole('button', { name: '清空' }).click();
  // The dialog's close event comes a task after the click: wait for what it says.
  await page.waitForFunction(() => /已清空全部内容/.test(document.getElementById('notice').textContent));
  assert.equal(await cell(page, 'requests.new.total').inputValue(), '');
  assert.equal(await page.locator('#issuer').inputValue(), '');
  await page.locator('#notice').getByRole('button', { name: '撤销' }).click();
  assert.equal(await cell(page, 'requests.new.total').inputValue(), '15');
  assert.equal(await page.locator('#issuer').inputValue(), report.issuer);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(download.suggestedFilename(), '2024-隆德县人民政府-年报.json');
  for (const [id, value] of cellsOf(report)) {
    const [t, r, c] = id.split('.');
    assert.equal(String(exported[t][r][c]), String(value), id);
  }
});

test('自动合计 fills every total from the cells as the clerk types', T, async () => {
  await openForm(page, stack.url);
  await page.locator('#auto').check();
  await typeInto(page, 'requests.new.natural_person', '14');
  await typeInto(page, 'requests.new.commercial', '1');
  assert.equal(await cell(page, 'requests.new.total').inputValue(), '15');
  assert.equal(await cell(page, 'requests.new.total').getAttribute('readonly'), '');
  // The filled-in totals do not make a half-typed table look finished: no column equation shouts yet.
  assert.equal(await page.locator('li.problem').count(), 0);
  await typeInto(page, 'appeals.review.upheld', '5');
  await typeInto(page, 'appeals.review.corrected', '1');
  assert.equal(await cell(page, 'appeals.review.total').inputValue(), '6');
  await page.locator('#auto').uncheck();
  assert.equal(await cell(page, 'requests.new.total').getAttribute('readonly'), null);
  assert.deepEqual(violations, [], 'no CSP violation or script error on this page');
});
