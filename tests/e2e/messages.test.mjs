// Inline messages (www/components/messages.js): a warning under its row asks for a reason, which
// is submitted with the report; errors marked on their cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { schema } from 'nianbao';
import {
  root, openForm, example, cell, typeInto, importReport, storedReports, screenshot, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const T = { timeout: 60_000 };
const summary = () => page.locator('#summary');

test('no rule id is written in the form: what kind a finding is comes from its rule’s category in schema()', async () => {
  const ids = schema().rules.map((r) => r.id);
  assert.ok(ids.includes('cell.blank') && ids.length > 20);
  const files = (await readdir(join(root, 'www'), { recursive: true })).filter((f) => /\.(js|html)$/.test(f));
  for (const file of files) {
    const text = await readFile(join(root, 'www', file), 'utf8');
    // A whole id, not part of a longer one: the cell id requests.result_total.natural_person (in the
    // schema the bundle carries) names a cell, not the rule requests.result_total.
    const written = (id) => new RegExp(`(?<![\\w.])${id.replaceAll('.', '\\.')}(?![\\w.])`).test(text);
    assert.deepEqual(ids.filter(written), [], `www/${file}`);
  }
});

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

test('several blanks in a row are one line under it; 「本行空白格填 0」 fills them, and can be undone', T, async () => {
  await openForm(page, stack.url);
  await typeInto(page, 'requests.new.natural_person', '14');
  await page.locator('#submit').click();
  await page.waitForSelector('#summary[role="alert"]');
  const under = page.locator('tr', { has: cell(page, 'requests.new.natural_person') }).locator('xpath=following-sibling::tr[1]');
  const line = under.locator('li.blank-row');
  assert.equal(await line.locator('.head').textContent(), '本行有 6 格未填写；没有的请填 0。');
  // Each blank keeps its own message for screen readers, linked from its cell.
  const describedBy = await cell(page, 'requests.new.commercial').getAttribute('aria-describedby');
  assert.match(await page.locator(`[id="${describedBy}"]`).textContent(), /「一、本年新收政府信息公开申请数量」「法人或其他组织·商业企业」未填写；没有的请填 0。/);

  await line.locator('button.fill-row').click();
  const row = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other_org', 'total'];
  const values = () => Promise.all(row.map((c) => cell(page, `requests.new.${c}`).inputValue()));
  assert.deepEqual(await values(), ['14', '0', '0', '0', '0', '0', '0']);
  assert.equal(await page.locator('#notice p').textContent(), '已将 6 个空白格填为 0。');
  assert.equal(await under.locator('li.blank-row').count(), 0);
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('nianbao.draft.v1')).report.requests.new.research), 0, 'saved');
  await page.locator('#notice').getByRole('button', { name: '撤销' }).click();
  assert.deepEqual(await values(), ['14', '', '', '', '', '', '']);
  assert.deepEqual(violations, []);
});
