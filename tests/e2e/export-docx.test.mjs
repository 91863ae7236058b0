// 「导出 Word」 in the form (www/components/export-docx.js), in Chromium from the real server under
// its CSP: the exporter (pkg/docx.js) is fetched on the first click and not before; the file
// downloaded holds the numbers the form shows, read back by an independent reader; a report with
// errors is exported only after the clerk confirms in the form's dialog; the exporter's refusal and
// a failed load are said in the notice; the button follows the language; the bar fits 1280 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { schema } from 'nianbao';
import { readDocx, tablesOf, templatePosition } from '../node/docx-grid.mjs';
import {
  openForm, example, importReport, typeInto, screenshot, perFile, stack, page, violations,
} from './support.mjs';

const requested = [];
const downloads = [];
perFile((p) => {
  p.on('request', (r) => requested.push(new URL(r.url()).pathname));
  p.on('download', (d) => downloads.push(d));
});

const T = { timeout: 90_000 };
const SCHEMA = schema();
const BUNDLE = '/pkg/docx.js';
const isBundle = (url) => url.pathname === BUNDLE && url.search === '';
const button = () => page.locator('#export-docx');
const dialog = () => page.locator('#confirm-export');
const notice = () => page.locator('#notice').textContent();

/** Clicks 导出 Word (and, when given, a button of the dialog) and returns the download's tables. */
async function exportWord(answer) {
  const saved = page.waitForEvent('download');
  await button().click();
  if (answer) await dialog().getByRole('button', { name: answer }).click();
  const download = await saved;
  const bytes = await readFile(await download.path());
  return { name: download.suggestedFilename(), tables: tablesOf(readDocx(bytes).body) };
}

/** Every cell as the form shows it: cell id → the input's value. */
const formCells = () => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('input.cell')].map((input) => [input.name, input.value])));

/** Asserts each of the 200 cells of the document holds what the form shows in that cell. */
function assertSameNumbers(tables, shown) {
  const index = Object.fromEntries(SCHEMA.tables.map((t, i) => [t.key, i]));
  assert.equal(Object.keys(shown).length, 200);
  for (const cell of SCHEMA.cells) {
    const [r, c] = templatePosition(SCHEMA, cell);
    assert.equal(tables[index[cell.table]].grid[r][c].text, shown[cell.id], cell.id);
  }
}

test('the exporter is fetched on the first click only, and the .docx holds the form\'s numbers', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example(), 'longde-2024.json');
  await page.waitForTimeout(500); // anything the form would load after start has been asked for
  assert.ok(requested.includes('/pkg/nianbao_bg.wasm'), 'the requests are being recorded');
  assert.ok(!requested.includes(BUNDLE), 'pkg/docx.js is not loaded with the form');

  const { name, tables } = await exportWord();
  assert.equal(requested.filter((p) => p === BUNDLE).length, 1);
  assert.equal(name, '2024-隆德县人民政府-年报.docx', 'named as 导出 JSON names its file');
  assert.equal(tables.length, 3);
  assert.equal(tables[0].grid[13][1].text, '611.1281');
  assertSameNumbers(tables, await formCells());
  assert.equal(await dialog().evaluate((d) => d.open), false, 'a clean report is exported without a question');
  assert.match(await notice(), /已导出 Word 文件“2024-隆德县人民政府-年报\.docx”/);
  assert.equal(await button().textContent(), '导出 Word');
  assert.equal(await button().getAttribute('aria-disabled'), null, 'the button is back as it was');
  assert.deepEqual(violations, [], 'no CSP violation or script error');
});

test('a report with errors: the dialog asks; declined, no file; confirmed, the file has the form\'s numbers', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  await typeInto(page, 'requests.disclosed.natural_person', '12');
  const before = downloads.length;

  await button().click();
  assert.equal(await dialog().evaluate((d) => d.open), true);
  assert.match(await dialog().textContent(), /年报还有 2 处错误，导出的 Word 文件会带着这些错误。/);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '取消', 'the safe answer has the focus');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('confirm-export').open);
  await page.waitForTimeout(1000); // a download, had one started, would have been reported by now
  assert.equal(downloads.length, before, 'declined: no file');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'export-docx', 'focus back on the button');

  await button().click();
  await dialog().getByRole('button', { name: '取消' }).click();
  await page.waitForTimeout(1000);
  assert.equal(downloads.length, before, 'cancelled: no file');

  const { tables } = await exportWord('仍然导出');
  const shown = await formCells();
  assert.equal(shown['requests.disclosed.natural_person'], '12');
  assertSameNumbers(tables, shown);
  assert.deepEqual(violations, []);
});

test('blanks are counted as what they are; the button and the dialog follow the language', T, async () => {
  await openForm(page, stack.url);
  await button().click();
  assert.match(await dialog().textContent(), /其中 200 格未填写。/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('confirm-export').open);

  await page.locator('#lang').click();
  assert.equal(await button().textContent(), 'Export to Word');
  await importReport(page, await example());
  await typeInto(page, 'appeals.review.total', '7');
  await button().click();
  const text = await dialog().textContent();
  assert.match(text, /The report has errors\. Export to Word anyway\?/);
  assert.match(text, /The report still has 1 error; the Word file would carry them\./);
  assert.doesNotMatch(text, /blank|\(s\)/);
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await page.locator('#lang').click();
  assert.equal(await button().textContent(), '导出 Word');
  assert.deepEqual(violations, []);
});

test('the exporter\'s own refusal is said in the notice, in the form\'s words, and no file is saved', T, async () => {
  // An exporter that drops the clerk's confirmation stands in for any disagreement between the form
  // and the exporter: the refusal below is the real exporter's, about the form's real errors.
  await page.route(isBundle, (route) => route.fulfill({
    contentType: 'text/javascript',
    body: `import { exportDocx as real } from '${BUNDLE}?unforced';
      export const exportDocx = (report, options) => real(report, { ...options, force: false });`,
  }));
  try {
    await openForm(page, stack.url); // a fresh page: its module map has no docx.js yet
    await importReport(page, await example());
    await typeInto(page, 'requests.disclosed.natural_person', '12');
    const before = downloads.length;
    await button().click();
    await dialog().getByRole('button', { name: '仍然导出' }).click();
    await page.waitForFunction(() => /未能导出 Word/.test(document.getElementById('notice').textContent));
    assert.match(await notice(), /未能导出 Word：年报有 2 处错误。第一处：「（一）予以公开」行：总计应为/);
    assert.equal(downloads.length, before);
    assert.equal(await button().getAttribute('aria-disabled'), null);
  } finally {
    await page.unroute(isBundle);
  }
  assert.deepEqual(violations, []);
});

test('an exporter that cannot be loaded is said in the notice; the button is usable again', T, async () => {
  await page.route(isBundle, (route) => route.abort());
  try {
    await openForm(page, stack.url);
    await importReport(page, await example());
    await button().click();
    await page.waitForFunction(() => /未能导出 Word：/.test(document.getElementById('notice').textContent));
    assert.equal(await button().textContent(), '导出 Word');
    assert.equal(await button().getAttribute('aria-disabled'), null);
  } finally {
    await page.unroute(isBundle);
  }
});

test('the toolbar with 导出 Word fits a 1280-pixel window in Chinese and English', T, async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  try {
    await openForm(page, stack.url);
    await importReport(page, await example());
    await typeInto(page, 'appeals.review.total', '7'); // the tally at its longer: 「· 1 处错误」
    for (const lang of ['zh', 'en']) {
      const bar = await page.evaluate(() => {
        const inner = document.querySelector('#bar .bar-inner');
        const box = inner.getBoundingClientRect();
        const outside = [...inner.children].filter((c) => c.getClientRects().length)
          .filter((c) => { const r = c.getBoundingClientRect(); return r.left < box.left || r.right > box.right; })
          .map((c) => c.id || c.className);
        return { outside, scrolls: inner.scrollWidth > inner.clientWidth, page: document.documentElement.scrollWidth };
      });
      assert.deepEqual(bar.outside, [], `${lang}: toolbar items outside the bar`);
      assert.equal(bar.scrolls, false, `${lang}: the bar overflows`);
      assert.ok(bar.page <= 1280, `${lang}: the page is ${bar.page} px wide`);
      await screenshot(page, `toolbar-1280-${lang}.png`, { fullPage: false, clip: { x: 0, y: 0, width: 1280, height: 220 } });
      await page.locator('#lang').click();
    }
  } finally {
    await page.setViewportSize({ width: 1366, height: 900 });
  }
  assert.deepEqual(violations, []);
});
