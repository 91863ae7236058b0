// The tables of the form (www/components/tables.js): drawn from the schema in the official layout,
// an input per cell named by its cell id; the keyboard and paste of a spreadsheet; and the three
// tables fitting a 1280-pixel-wide window. Headless Chromium, the real server, the real CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  openForm, ready, example, cellsOf, cell, typeInto, activeName, importReport, screenshot, root, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const T = { timeout: 60_000 };

test('the form is drawn from the schema: 200 named cells, official spans, labels only from the package', T, async () => {
  await openForm(page, stack.url);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  const names = await page.$$eval('input.cell', (els) => els.map((e) => e.name));
  const { Checker } = await import('nianbao');
  const blank = new Checker().report();
  assert.deepEqual(names, cellsOf(blank).map(([id]) => id), 'one input per cell, in the order of the report');

  // Accessible names come from the row and column labels.
  const byName = async (name) => page.getByRole('textbox', { name, exact: true }).getAttribute('name');
  assert.equal(await byName('（一）予以公开 自然人'), 'requests.disclosed.natural_person');
  assert.equal(await byName('（三）不予公开 1.属于国家秘密 法人或其他组织 商业企业'), 'requests.withheld_state_secret.commercial');
  assert.equal(await byName('规章 本年制发件数'), 'proactive.rules.issued');
  assert.equal(await byName('行政诉讼 复议后起诉 尚未审结'), 'appeals.litigation_after_review.pending');

  // Table 三 in its official layout: spanning group labels, the note in the corner.
  const span = (text, attr) => page.locator('table.grid-requests th', { hasText: text }).first().getAttribute(attr);
  assert.ok(Number(await span('三、本年度办理结果', 'rowspan')) >= 22);
  assert.ok(Number(await span('（三）不予公开', 'rowspan')) >= 8);
  assert.ok(Number(await span('（五）不予处理', 'rowspan')) >= 5);
  assert.equal(await span('申请人情况', 'colspan'), '7');
  assert.equal(await span('法人或其他组织', 'colspan'), '5');
  assert.equal(await span('自然人', 'rowspan'), '2', '自然人 spans the two lower header rows');
  assert.equal(await span('总计', 'rowspan'), '2', 'and so does 总计');
  assert.equal(await page.locator('table.grid-requests thead tr').count(), 3);
  assert.match(await page.locator('table.grid-requests td.note').textContent(), /勾稽关系/);
  assert.equal(await page.locator('table.grid-appeals th', { hasText: '行政诉讼' }).first().getAttribute('colspan'), '10');

  // No label of the report is written into the HTML itself.
  const html = await readFile(join(root, 'www', 'index.html'), 'utf8');
  for (const word of ['予以公开', '自然人', '规章', '行政复议', '申请人情况', '勾稽关系', '第二十条']) {
    assert.ok(!html.includes(word), `index.html must not contain the label ${word}`);
  }
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'an empty form does not shout');
  await screenshot(page, 'empty-form.png');
});

test('the tables the bundle carries as HTML are the very tables the page draws itself, in Chinese and English', T, async () => {
  // The same page twice, holding the example with a broken sum as its draft: as served, and with the
  // bundle's prebuilt tables taken out (www/prebuilt.js), so that tables.js draws them itself.
  const report = await example();
  report.requests.disclosed.natural_person += 1;
  const tablesOf = async (prebuilt, lang) => {
    const tab = await stack.context.newPage();
    try {
      if (!prebuilt) {
        await tab.route('**/app.bundle.js', async (route) => {
          const response = await route.fetch();
          const body = (await response.text()).replace(/^var (tablesHtml\d*) = .*;$/m, 'var $1 = null;');
          assert.notEqual(body, await response.text(), 'the bundle carries its tables as HTML');
          await route.fulfill({ response, body });
        });
      }
      await tab.goto(stack.url);
      await ready(tab);
      await tab.evaluate(([report, lang]) => {
        localStorage.setItem('nianbao.draft.v1', JSON.stringify({ savedAt: new Date().toISOString(), report }));
        localStorage.setItem('nianbao.prefs.v1', JSON.stringify({ lang }));
      }, [report, lang]);
      await tab.reload();
      await ready(tab);
      const html = await tab.locator('#tables').evaluate((el) => el.innerHTML);
      await tab.evaluate(() => localStorage.clear()); // the next test starts from an empty form
      return html;
    } finally {
      await tab.close();
    }
  };
  for (const lang of ['zh', 'en']) {
    const carried = await tablesOf(true, lang);
    assert.match(carried, lang === 'en' ? /Natural persons/ : /自然人/);
    assert.match(carried, /class="sum differs"/, 'the broken sum is shown');
    assert.equal(carried, await tablesOf(false, lang), lang);
  }
});

test('Enter and the arrow keys move through the matrix', T, async () => {
  await openForm(page, stack.url);
  await cell(page, 'requests.new.natural_person').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await activeName(page), 'requests.carried_over.natural_person');
  await page.keyboard.press('ArrowRight');
  assert.equal(await activeName(page), 'requests.carried_over.commercial');
  await page.keyboard.press('ArrowUp');
  assert.equal(await activeName(page), 'requests.new.commercial');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await activeName(page), 'requests.new.natural_person');
  // As in Excel: type along a row with Tab, Enter returns to where the Tabs began, one row down.
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await activeName(page), 'requests.carried_over.natural_person');
  await page.keyboard.press('Enter');
  assert.equal(await activeName(page), 'requests.disclosed.natural_person');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await activeName(page), 'requests.carried_over.natural_person');
  // From the last row of table 二 down into table 三.
  await cell(page, 'proactive.fees.amount').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await activeName(page), 'requests.new.natural_person');
});

test('pasting a 3 × 7 block copied from Excel fills the cells from the focused one', T, async () => {
  await openForm(page, stack.url);
  await stack.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(stack.url).origin });
  const block = '１４\t1\t0\t0\t0\t0\t15\r\n0\t0\t0\t0\t0\t0\t0\r\n10\t1\t0\t0\t0\t0\t１１\r\n';
  await page.evaluate((text) => navigator.clipboard.writeText(text), block);
  await cell(page, 'requests.new.natural_person').focus();
  await page.keyboard.press('Control+V');
  await page.waitForFunction(() => /粘贴/.test(document.getElementById('notice').textContent));
  assert.match(await page.locator('#notice').textContent(), /已粘贴 3 行 × 7 列/);
  const values = await page.$$eval('input.cell', (els) => Object.fromEntries(els.map((e) => [e.name, e.value])));
  assert.deepEqual(
    ['new', 'carried_over', 'disclosed'].map((row) => ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other_org', 'total'].map((c) => values[`requests.${row}.${c}`])),
    [['14', '1', '0', '0', '0', '0', '15'], ['0', '0', '0', '0', '0', '0', '0'], ['10', '1', '0', '0', '0', '0', '11']],
  );
  assert.equal(values['requests.partially_disclosed.natural_person'], '', 'nothing beyond the block');
  assert.equal(await activeName(page), 'requests.new.natural_person');
  // The pasted cells are judged at once: 11 = 10 + 1, 15 = 14 + 1.
  assert.equal(await page.locator('table.grid-requests [aria-invalid="true"]').count(), 0);
});

/** How wide the page and each table are, and whether anything scrolls sideways. */
const widths = () => page.evaluate(() => {
  const doc = document.scrollingElement;
  const viewport = document.documentElement.clientWidth;
  return {
    page: { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth },
    tables: [...document.querySelectorAll('#tables table.grid')].map((table) => {
      const box = table.getBoundingClientRect();
      const wrap = table.closest('.table-wrap');
      return { table: table.className, left: box.left, right: box.right, viewport, wrapScrolls: wrap.scrollWidth > wrap.clientWidth };
    }),
  };
});

function assertFits({ page: doc, tables }, when) {
  assert.ok(doc.scrollWidth <= doc.clientWidth, `${when}: the page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth})`);
  assert.equal(tables.length, 3);
  for (const t of tables) {
    assert.ok(t.left >= 0 && t.right <= t.viewport, `${when}: ${t.table} spans ${t.left}–${t.right}, beyond the window's ${t.viewport}`);
    assert.equal(t.wrapScrolls, false, `${when}: ${t.table} scrolls inside its frame`);
  }
}

test('the three tables fit a 1280 × 800 window with no sideways scrolling, in Chinese and English, messages shown', { timeout: 90_000 }, async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  try {
    await openForm(page, stack.url);
    assertFits(await widths(), 'empty, zh');
    // Table 四's last cell, 复议后起诉 总计, is in view without scrolling sideways.
    const last = await cell(page, 'appeals.litigation_after_review.total').boundingBox();
    assert.ok(last.x + last.width <= 1280, `复议后起诉 总计 ends at ${last.x + last.width}`);

    await importReport(page, await example());
    await typeInto(page, 'appeals.litigation_after_review.total', '12345');
    await typeInto(page, 'requests.disclosed.natural_person', '12');
    await typeInto(page, 'proactive.rules.issued', '3');
    await page.locator('#submit').click();
    await page.waitForSelector('#summary[role="alert"]');
    assertFits(await widths(), 'with errors, zh');
    await page.locator('table.grid-appeals').scrollIntoViewIfNeeded();
    await screenshot(page, 'tables-1280-zh.png', { fullPage: false });

    await page.locator('#lang').click();
    assertFits(await widths(), 'with errors, en');
    // The English toolbar wraps onto two lines: table 三's sticky header stays below it, not under it.
    await cell(page, 'requests.other_misc.total').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 200));
    const [barBottom, headTop] = await page.evaluate(() => [
      document.getElementById('bar').getBoundingClientRect().bottom,
      document.querySelector('table.grid-requests thead').getBoundingClientRect().top,
    ]);
    assert.ok(barBottom > 70, `the bar is two lines high in English at 1280 px (${barBottom})`);
    assert.ok(Math.abs(headTop - barBottom) <= 1, `table 三's header sticks at ${headTop}, the bar ends at ${barBottom}`);
    await page.locator('table.grid-appeals').scrollIntoViewIfNeeded();
    await screenshot(page, 'tables-1280-en.png', { fullPage: false });
    await page.locator('#lang').click();
  } finally {
    await page.setViewportSize({ width: 1366, height: 900 });
  }
  assert.deepEqual(violations, []);
});
