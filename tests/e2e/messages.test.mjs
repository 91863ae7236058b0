// Inline messages (www/components/messages.js): a warning under its row asks for a reason, which
// is submitted with the report; errors marked on their cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openForm, example, cell, typeInto, importReport, storedReports, screenshot, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const T = { timeout: 60_000 };
const summary = () => page.locator('#summary');

test('a warning without a reason blocks submission; with a reason it is submitted and kept', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  const postedBefore = (await storedReports(stack.dataDir)).length;
  await typeInto(page, 'proactive.rules.issued', '3');
  const warning = page.locator('li.problem.warning');
  await warning.waitFor();
  assert.match(await warning.textContent(), /现行有效件数 0 少于本年制发件数减本年废止件数（3）/);
  assert.equal(await cell(page, 'proactive.rules.in_force').getAttribute('aria-invalid'), null, 'a warning is not an error');

  await page.locator('#submit').click();
  await page.waitForSelector('#summary[role="alert"]');
  assert.equal(await summary().locator('h2').textContent(), '提交前请修正以下 1 处问题');
  assert.match(await summary().textContent(), /请填写原因/);
  assert.equal((await storedReports(stack.dataDir)).length, postedBefore, 'blocked: nothing posted');

  await summary().locator('a').first().click();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.finding), 'proactive.in_force_floor:rules');
  await page.keyboard.type('3 件规章于12月底公布，次年1月1日起施行');
  await page.locator('#submit').click();
  await page.waitForSelector('#server.ok');
  const stored = await storedReports(stack.dataDir);
  assert.equal(stored.length, postedBefore + 1);
  const mine = stored.find((s) => s.report.proactive.rules.issued === 3);
  assert.equal(mine.report.reasons['proactive.in_force_floor:rules'], '3 件规章于12月底公布，次年1月1日起施行');
});

test('the screenshot with errors, and no CSP violation was logged by any of the above', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  await typeInto(page, 'requests.disclosed.natural_person', '12');
  await typeInto(page, 'proactive.rules.issued', '3');
  await page.locator('#submit').click();
  await page.waitForSelector('#summary[role="alert"]');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'with-errors.png');
  assert.deepEqual(violations, []);
});
