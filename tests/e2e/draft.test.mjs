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
