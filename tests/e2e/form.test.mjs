// The form in headless Chromium against the real server, under the real CSP (no bypass): what a
// county clerk does in January, with the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  openForm, ready, example, cellsOf, cell, typeInto, activeName, importReport, confirmImport, storedReports,
  screenshot, root, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const T = { timeout: 60_000 };
const summary = () => page.locator('#summary');

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
});

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
});

test('the print view shows the three tables in the official layout with the values', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  await page.locator('#open-print').click();
  const view = page.locator('#print-view');
  await view.waitFor();
  assert.equal(await page.locator('#report').isVisible(), false);
  assert.equal(await view.locator('h2').textContent(), '隆德县人民政府2024年政府信息公开工作年度报告');
  assert.equal(await view.locator('table').count(), 3);
  assert.equal(await view.locator('input').count(), 0, 'text, ready to copy into the published report');
  const firstRow = await view.locator('table.grid-requests tbody tr').first().locator('td').allTextContents();
  assert.deepEqual(firstRow, ['14', '1', '0', '0', '0', '0', '15']);
  await screenshot(page, 'print-view.png');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'print-media.png');
  await page.emulateMedia({ media: 'screen' });
  await page.locator('#close-print').click();
  assert.equal(await activeName(page), 'open-print');
});

test('English by a switch: labels and messages from the package', T, async () => {
  await openForm(page, stack.url);
  await page.locator('#lang').click();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getByRole('textbox', { name: '(1) Disclosed Natural persons', exact: true }).getAttribute('name'), 'requests.disclosed.natural_person');
  assert.equal(await page.locator('table.grid-proactive tr.section th').first().textContent(), 'Article 20 (1)', 'section headers in English too');
  assert.equal(await page.locator('table.grid-requests th', { hasText: 'Applicants' }).first().getAttribute('colspan'), '7');
  await page.locator('#submit').click();
  await page.waitForSelector('#summary[role="alert"]');
  assert.equal(await summary().locator('h2').textContent(), 'Fix these 3 problems before submitting');
  assert.match(await summary().textContent(), /200 cells are blank; write 0 if there is nothing to report\./);
  await page.locator('#lang').click();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
});

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
  assert.equal(await page.locator('#previous-status').textContent(), '未载入');
});

test('numbers in the prose are checked against the tables once the clerk leaves the text', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  await page.locator('#text').focus();
  await page.keyboard.type('2024年，本机关共收到政府信息公开申请20件。');
  assert.equal(await page.locator('#text-messages li').count(), 0, 'not while typing');
  await page.keyboard.press('Tab');
  const warning = page.locator('#text-messages li.problem.warning');
  await warning.waitFor();
  assert.match(await warning.textContent(), /写明收到 20 件，而表中为 15 件/);
  await warning.locator('input.reason').fill('另有 5 件为咨询，未按申请统计');
  await page.locator('#submit').click();
  await page.waitForSelector('#server.ok, #summary[role="alert"]');
  assert.equal(await summary().isVisible(), false, await summary().textContent());
  const stored = await storedReports(stack.dataDir);
  assert.ok(stored.some((s) => s.report.reasons?.['text.count:0'] === '另有 5 件为咨询，未按申请统计'));
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
