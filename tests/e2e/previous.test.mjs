// Last year's report (www/components/previous.js): loaded as JSON or as published text, it checks
// 二、上年结转 against last year's 四、结转下年度; a report of another year is said to be so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  openForm, example, cellsOf, cell, importReport, confirmImport, root, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const T = { timeout: 60_000 };
const NONE_ON_SERVER = '服务器上没有“隆德县人民政府”2023 年度的年报；可以从文件载入上年年报。';

test('a published report’s text can be imported; last year’s report checks 二、上年结转', T, async () => {
  await openForm(page, stack.url);
  const report = await example();
  await page.setInputFiles('#import-file', join(root, 'tests', 'data', 'longde-2024.txt'));
  await confirmImport(page);
  for (const [id, value] of cellsOf(report)) assert.equal(await cell(page, id).inputValue(), String(value), id);
  assert.match(await page.locator('#text').inputValue(), /隆德县/);

  const previous = { ...report, year: 2023 };
  previous.requests = { ...report.requests, carried_forward: { ...report.requests.carried_forward, natural_person: 2, total: 2 } };
  await page.setInputFiles('#previous-file', { name: 'longde-2023.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(previous)) });
  await page.waitForFunction(() => /已载入上年年报/.test(document.getElementById('notice').textContent));
  assert.equal(await page.locator('#previous-status').textContent(), '隆德县人民政府 2023 年');
  const warning = page.locator('li.problem.warning', { hasText: '「自然人」列：二、上年结转为 0' });
  await warning.waitFor();
  assert.match(await warning.textContent(), /上年年报的四、结转下年度继续办理为 2/);
  assert.equal(await warning.locator('input.reason').count(), 1, 'a warning asks for a reason');
  const describedBy = await cell(page, 'requests.carried_over.natural_person').getAttribute('aria-describedby');
  assert.ok(describedBy.includes(await warning.getAttribute('id')));

  await page.locator('#previous-remove').click();
  await warning.waitFor({ state: 'detached' });
  // With the file removed, the form asks the collecting server, which has none (server-previous.js).
  await page.waitForFunction((none) => document.getElementById('previous-status').textContent === none, NONE_ON_SERVER);
});

test('last year’s published text, loaded for the cross-year checks: a warning on 二、上年结转, gone when removed', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  // Last year's report as published: 2 requests carried forward by 自然人.
  const text = (await readFile(join(root, 'tests', 'data', 'longde-2024.txt'), 'utf8'))
    .replaceAll('2024', '2023')
    .replace(/^(四、结转下年度继续办理)\t\t0(\t0\t0\t0\t0\t0)\t0$/m, '$1\t\t2$2\t2');
  assert.match(text, /结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2/);
  await page.setInputFiles('#previous-file', { name: 'longde-2023.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.waitForFunction(() => /已载入上年年报/.test(document.getElementById('notice').textContent));
  assert.equal(await page.locator('#previous-status').textContent(), '隆德县人民政府 2023 年');
  assert.equal(await page.locator('#previous-remove').isVisible(), true);

  const target = cell(page, 'requests.carried_over.natural_person');
  const warning = page.locator('li.problem.warning', { hasText: '「自然人」列：二、上年结转为 0' });
  await warning.waitFor();
  assert.match(await warning.textContent(), /上年年报的四、结转下年度继续办理为 2/);
  // Under the row of 二、上年结转, linked to its 自然人 cell, marked on that cell.
  const row = page.locator('tr', { has: target });
  assert.equal(await row.locator('xpath=following-sibling::tr[1]').locator('li.problem.warning', { hasText: '「自然人」列' }).count(), 1);
  assert.ok((await target.getAttribute('aria-describedby')).split(' ').includes(await warning.getAttribute('id')));
  assert.equal(await target.locator('xpath=..').getAttribute('class'), 'num has-warning');
  assert.equal(await cell(page, 'requests.carried_over.commercial').locator('xpath=..').getAttribute('class'), 'num');

  // A report of another year is said to be so.
  await page.setInputFiles('#previous-file', { name: 'old.txt', mimeType: 'text/plain', buffer: Buffer.from(text.replaceAll('2023', '2020')) });
  const other = page.locator('#report-messages li.problem.warning', { hasText: '用于跨年核对的上年年报' });
  await other.waitFor();
  assert.match(await other.textContent(), /应为“隆德县人民政府 2023”/);

  await page.locator('#previous-remove').click();
  await other.waitFor({ state: 'detached' });
  assert.equal(await page.locator('li.problem.warning').count(), 0);
  assert.equal(await target.locator('xpath=..').getAttribute('class'), 'num');
  // With the file removed, the form asks the collecting server, which has none (server-previous.js).
  await page.waitForFunction((none) => document.getElementById('previous-status').textContent === none, NONE_ON_SERVER);
  assert.equal(await page.locator('#previous-remove').isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'previous-load');
  assert.deepEqual(violations, []);
});
