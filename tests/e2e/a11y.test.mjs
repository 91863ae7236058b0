// An axe-core audit of the form, empty and with errors shown. axe is injected as a script, which
// the page's CSP forbids, so this file alone uses a context that bypasses the CSP; the CSP itself
// is tested without bypass in form.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startStack, openForm, example, importReport, typeInto, root } from './support.mjs';

const AXE = join(root, 'node_modules', 'axe-core', 'axe.min.js');
let stack;
let page;

before(async () => {
  stack = await startStack({ bypassCSP: true });
  page = await stack.context.newPage();
}, { timeout: 60_000 });
after(async () => { await stack?.close(); }, { timeout: 30_000 });

async function audit() {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('the empty form has no serious or critical axe violations', { timeout: 60_000 }, async () => {
  await openForm(page, stack.url);
  assert.deepEqual(await audit(), []);
});

test('the form with errors, warnings and the summary shown has none either', { timeout: 60_000 }, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  await typeInto(page, 'requests.disclosed.natural_person', '12');
  await typeInto(page, 'proactive.rules.issued', '3');
  await typeInto(page, 'appeals.review.total', '7');
  await typeInto(page, 'requests.new.research', '十二');
  await page.locator('#submit').click();
  await page.waitForSelector('#summary[role="alert"]');
  assert.ok(await page.locator('[aria-invalid="true"]').count() >= 3);
  assert.deepEqual(await audit(), []);
});

test('the empty form after a failed submission (every blank shown) and the print view have none', { timeout: 60_000 }, async () => {
  await openForm(page, stack.url);
  await page.locator('#submit').click();
  await page.waitForSelector('#summary[role="alert"]');
  assert.deepEqual(await audit(), []);
  await page.locator('#open-print').click();
  assert.deepEqual(await audit(), []);
});

test('the import dialog, pasting and previewing with gaps, has none', { timeout: 60_000 }, async () => {
  await openForm(page, stack.url);
  await page.locator('#import').click();
  await page.locator('#import-text').fill('2024年，本机关共收到政府信息公开申请20件。');
  await page.locator('#import-read').click();
  await page.locator('#import-error').waitFor();
  assert.deepEqual(await audit(), []);
  const text = (await readFile(join(root, 'tests', 'data', 'longde-2024.txt'), 'utf8'))
    .split('\n').filter((line) => !line.includes('2.重复申请')).join('\n');
  await page.locator('#import-text').fill(text);
  await page.locator('#import-read').click();
  await page.locator('#import-missing li').first().waitFor();
  assert.deepEqual(await audit(), []);
  await page.keyboard.press('Escape');
});

test('the preview of labels matched by a near match, and the form with unread cells marked, have none', { timeout: 60_000 }, async () => {
  await openForm(page, stack.url);
  const text = (await readFile(join(root, 'tests', 'data', 'longde-2024.txt'), 'utf8'))
    .replace('1.本机关不掌握相关政府信息', '1.本单位没有该项信息').replace('行政规范性文件', '行政规范姓文件');
  await page.locator('#import').click();
  await page.locator('#import-text').fill(text);
  await page.locator('#import-read').click();
  await page.locator('#import-matched li').first().waitFor();
  assert.deepEqual(await audit(), []);
  await page.locator('#import-confirm').click();
  await page.waitForSelector('td.unread input.cell');
  assert.deepEqual(await audit(), []);
});

test('导出 Word\'s question about a report with errors has none', { timeout: 60_000 }, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  await typeInto(page, 'appeals.review.total', '7');
  await page.locator('#export-docx').click();
  await page.waitForSelector('#confirm-export[open]');
  assert.deepEqual(await audit(), []);
  await page.keyboard.press('Escape');
});
