// 从已发布年报导入 (www/components/import-dialog.js), under the real CSP: the clerk sees what was
// read (and what was not) before anything is replaced, and what an imported page holds never runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  openForm, example, cell, importReport, confirmImport, typeInto, screenshot, root, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const T = { timeout: 60_000 };
const dialog = () => page.locator('#import-dialog');
const isOpen = () => dialog().evaluate((d) => d.open);
const formValues = () => page.$$eval('input.cell', (els) => Object.fromEntries(els.map((e) => [e.name, e.value])));
const draft = () => page.evaluate(() => JSON.parse(localStorage.getItem('nianbao.draft.v1')).report);

/**
 * The published text of 隆德县 2024 as a clerk might paste it, with two slips: the row 2.重复申请
 * lost, and a stray note with two numbers after 1.属于国家秘密 (9 numbers for 7 columns).
 */
async function textWithGaps() {
  const text = await readFile(join(root, 'tests', 'data', 'longde-2024.txt'), 'utf8');
  return text.split('\n')
    .filter((line) => !line.includes('2.重复申请'))
    .map((line) => (line.includes('1.属于国家秘密') ? `${line}\n\t\t另有咨询件（不计入）\t4\t2` : line))
    .join('\n');
}

test('the import preview shows the lines not placed and the rows not found; cancel changes nothing; replace can be undone', T, async () => {
  await openForm(page, stack.url);
  const mine = { ...(await example()), issuer: '原来的单位' };
  mine.requests = { ...mine.requests, new: { ...mine.requests.new, natural_person: 13, total: 14 } };
  await importReport(page, mine, 'mine.json');
  const before = await formValues();
  const draftBefore = await draft();

  // Paste, then 预览: nothing is replaced yet.
  await page.locator('#import').click();
  assert.ok(await isOpen());
  assert.equal(await page.evaluate(() => document.activeElement.id), 'import-text', 'focus starts in the text box');
  await page.locator('#import-text').fill(await textWithGaps());
  await page.locator('#import-read').click();
  await page.locator('#import-preview').waitFor();
  assert.match(await page.locator('#import-summary').textContent(), /填报单位 隆德县人民政府，年度 2024，表格已填 186\/200 格/);
  const unplaced = page.locator('#import-unplaced');
  assert.equal(await unplaced.locator('h3').textContent(), '1 处数字未能放入表格');
  const line = await unplaced.locator('li').textContent();
  assert.match(line, /^第 \d+ 行/);
  assert.ok(line.includes('“0 0 0 0 0 0 0 4 2”') || line.includes('0 0 0 0 0 0 0 4 2'), line);
  assert.match(line, /「1\.属于国家秘密」应有 7 个数，找到 9 个/);
  const missing = page.locator('#import-missing');
  assert.equal(await missing.locator('h3').textContent(), '2 行未找到，这些格子将标为“未读出”（不按空白核对）');
  assert.deepEqual(await missing.locator('li').allTextContents(), [
    '三、收到和处理政府信息公开申请情况：（三）不予公开 1.属于国家秘密',
    '三、收到和处理政府信息公开申请情况：（五）不予处理 2.重复申请',
  ]);
  // The tables as read, the cells of the rows not found marked.
  assert.equal(await page.locator('#import-tables td.missing').count(), 14);
  assert.equal(await page.locator('#import-tables table').count(), 3);
  await screenshot(page, 'import-preview.png', { fullPage: false });

  // 取消: the form, the draft and the preview are as before.
  await dialog().getByRole('button', { name: '取消' }).click();
  assert.equal(await isOpen(), false);
  assert.deepEqual(await formValues(), before);
  assert.equal(await page.locator('#issuer').inputValue(), '原来的单位');
  assert.deepEqual(await draft(), draftBefore);
  assert.equal(await page.locator('#import-tables').evaluate((n) => n.childElementCount), 0);

  // A file opened, then Escape: nothing changes either.
  await page.setInputFiles('#import-file', join(root, 'tests', 'data', 'longde-2024.txt'));
  await page.locator('#import-preview').waitFor();
  assert.match(await page.locator('#import-summary').textContent(), /^“longde-2024\.txt”：/);
  assert.equal(await page.locator('#import-unplaced').isVisible(), false, 'nothing unplaced: no empty box');
  await page.keyboard.press('Escape');
  assert.equal(await isOpen(), false);
  assert.deepEqual(await formValues(), before);

  // 替换: the report read replaces the form; the rows not found are blank.
  await page.locator('#import').click();
  await page.locator('#import-text').fill(await textWithGaps());
  await page.locator('#import-read').click();
  await confirmImport(page);
  assert.match(await page.locator('#notice').textContent(), /已导入粘贴的文字。有 2 行未找到、1 处数字未能放入表格/);
  assert.equal(await page.locator('#issuer').inputValue(), '隆德县人民政府');
  assert.equal(await cell(page, 'requests.new.natural_person').inputValue(), '14');
  assert.equal(await cell(page, 'requests.not_processed_repeated.natural_person').inputValue(), '');
  assert.equal(await cell(page, 'requests.withheld_state_secret.total').inputValue(), '');
  assert.match(await page.locator('#text').inputValue(), /隆德县/);
  assert.equal((await draft()).issuer, '隆德县人民政府', 'the draft follows');

  // 撤销, as after 清空.
  await page.locator('#notice').getByRole('button', { name: '撤销' }).click();
  assert.deepEqual(await formValues(), before);
  assert.equal(await page.locator('#issuer').inputValue(), '原来的单位');
  assert.equal((await draft()).issuer, '原来的单位');
  assert.deepEqual(violations, []);
});

test('text that holds no table is refused in the dialog, and the form is untouched', T, async () => {
  await openForm(page, stack.url);
  await page.locator('#import').click();
  await page.locator('#import-read').click();
  assert.equal(await page.locator('#import-error').textContent(), '请先粘贴年报文字或打开文件。');
  await page.locator('#import-text').fill('2024年，本机关共收到政府信息公开申请20件。');
  await page.locator('#import-read').click();
  // The importer is a module of its own, loaded on first use: its answer comes asynchronously.
  await page.waitForFunction(() => /^未能读取/.test(document.getElementById('import-error').textContent));
  assert.match(await page.locator('#import-error').textContent(), /^未能读取粘贴的文字：/);
  assert.equal(await page.locator('#import-preview').isVisible(), false);
  await page.keyboard.press('Escape');
  assert.match(await page.locator('#tally').textContent(), /^已填 0\//);
});

test('an imported HTML report runs nothing, and the prose a finding quotes is shown as text', T, async () => {
  await openForm(page, stack.url);
  const scriptsBefore = await page.$$eval('script', (els) => els.map((e) => e.src));
  const source = await readFile(join(root, 'tests', 'data', 'import', 'demo-2023.html'), 'utf8');
  const sentence = '<p>本局&lt;b&gt;bold&lt;/b&gt;&lt;img src=x onerror=window.__pwned=6&gt;共收到政府信息公开申请<b>1900</b>件。</p>';
  const hostile = source
    .replace('<script>window.pwned=1</script>', '<script>window.__pwned=1</script>')
    .replace('<img src="x" onerror="window.pwned=2">', '<img src=x onerror="window.__pwned=2">')
    .replace('javascript:alert(1)', 'javascript:window.__pwned=3')
    .replace('<iframe src="javascript:alert(2)"></iframe>', '<iframe src="javascript:window.__pwned=4"></iframe><iframe srcdoc="<script>parent.__pwned=5</script>"></iframe>')
    .replace('<p>一、总体情况</p>', `<p>一、总体情况</p>${sentence}`);
  assert.ok(hostile.includes('window.__pwned=1') && hostile.includes('window.__pwned=2') && hostile.includes('__pwned=5'));

  await page.setInputFiles('#import-file', { name: 'demo.html', mimeType: 'text/html', buffer: Buffer.from(hostile) });
  await page.locator('#import-preview').waitFor();
  assert.match(await page.locator('#import-summary').textContent(), /示范市教育局/);
  assert.equal(await page.locator('#import-dialog').locator('script, iframe, img, a').count(), 0, 'the preview holds none of it');
  await confirmImport(page);
  const quoted = page.locator('#text-messages li.problem', { hasText: '写明收到 1900 件' });
  await quoted.waitFor();
  const said = await quoted.locator('.head').textContent();
  assert.ok(said.startsWith('正文“本局<b>bold</b><img src=x onerror=window.__pwned=6>共收到'), said);
  assert.equal(await page.locator('#text-messages b, #text-messages img').count(), 0, 'the quoted prose is text, not markup');
  assert.ok((await page.locator('#text').inputValue()).includes('<b>bold</b><img src=x onerror=window.__pwned=6>'));
  await page.locator('#open-print').click();
  await page.locator('#close-print').click();

  await page.waitForTimeout(300); // an onerror or an iframe would have fired by now
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
  assert.deepEqual(await page.$$eval('script', (els) => els.map((e) => e.src)), scriptsBefore, 'no script added');
  assert.equal(await page.locator('iframe, img, object, embed, a[href^="javascript:"]').count(), 0);
  await screenshot(page, 'imported-html.png', { fullPage: false });
  assert.deepEqual(violations, []);
});

/**
 * 隆德县 2024 as published, with one row label no reader could place (「1.本单位没有该项信息」 for
 * 1.本机关不掌握相关政府信息) and one label with a one-character typo (「行政规范姓文件」).
 */
async function textWithStrangeLabels() {
  const text = await readFile(join(root, 'tests', 'data', 'longde-2024.txt'), 'utf8');
  assert.ok(text.includes('1.本机关不掌握相关政府信息') && text.includes('行政规范性文件'));
  return text.replace('1.本机关不掌握相关政府信息', '1.本单位没有该项信息').replace('行政规范性文件', '行政规范姓文件');
}

const UNREAD_ROW = 'requests.unable_not_held';
const unreadCells = () => page.$$eval('td.unread input.cell', (els) => els.map((e) => e.name));

test('an unread row is not blank: not assessable rather than a sum error, marked in the tables until typed into, kept across a reload', T, async () => {
  await openForm(page, stack.url);
  await page.locator('#import').click();
  await page.locator('#import-text').fill(await textWithStrangeLabels());
  await page.locator('#import-read').click();
  await page.locator('#import-preview').waitFor();
  // The preview names the row not found, and the label read by a near match, with its line.
  assert.deepEqual(await page.locator('#import-missing li').allTextContents(),
    ['三、收到和处理政府信息公开申请情况：（四）无法提供 1.本机关不掌握相关政府信息']);
  const matched = page.locator('#import-matched');
  assert.ok(await matched.isVisible());
  assert.equal(await matched.locator('h3').textContent(), '1 个行标题不是规范写法，已按下列对应读入，请核对');
  const item = await matched.locator('li').textContent();
  assert.match(item, /^第 \d+ 行「行政规范姓文件」→ 二、主动公开政府信息情况：.*行政规范性文件（近似匹配）$/);
  assert.equal(await matched.locator('li').getAttribute('data-row'), 'proactive.normative_documents');
  // The preview's own check does not count the unread row's sums as errors either.
  assert.match(await page.locator('#import-check').textContent(), /^按本表核对：0 处错误、2 条提醒/);

  await confirmImport(page);
  const rowCells = ctxCells(UNREAD_ROW);
  assert.deepEqual((await unreadCells()).sort(), rowCells.sort(), 'the cells of the row not found are marked');
  for (const id of rowCells) {
    const input = cell(page, id);
    assert.equal(await input.getAttribute('placeholder'), '未读出', 'marked in words, not by colour alone');
    assert.notEqual(await input.getAttribute('aria-invalid'), 'true', `${id}: no error`);
    assert.ok((await input.getAttribute('aria-describedby')).split(' ').includes('unread-note'), id);
  }
  assert.equal(await page.locator('#unread-note').textContent(), '未能从文件中读出');
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'no error anywhere: the sums needing the row are not judged');
  const said = await page.locator('#tables').textContent();
  assert.match(said, /无法核对（（四）无法提供 1\.本机关不掌握相关政府信息）/, 'one not-assessable warning names the row');
  assert.doesNotMatch(said, /本机关不掌握相关政府信息」未填/, 'no blank finding for an unread cell');
  assert.deepEqual((await storedDraft()).unread.sort(), rowCells.sort(), 'the unread cells are kept with the draft');

  // Typed into, a cell is read: its mark goes, the others stay.
  await typeInto(page, `${UNREAD_ROW}.natural_person`, '3'); // as published
  assert.deepEqual((await unreadCells()).sort(), rowCells.filter((id) => !id.endsWith('.natural_person')).sort());
  const typed = cell(page, `${UNREAD_ROW}.natural_person`);
  assert.equal(await typed.getAttribute('placeholder'), null);
  assert.ok(!(await typed.getAttribute('aria-describedby') ?? '').includes('unread-note'));

  // A reload keeps the marks (the draft and its journal), the typed cell read — checked by the
  // full checker, which the form waits for when the draft has unread cells.
  await openForm(page, stack.url, { keep: true });
  assert.equal(await page.evaluate(() => document.body.dataset.checker), 'full');
  assert.deepEqual((await unreadCells()).sort(), rowCells.filter((id) => !id.endsWith('.natural_person')).sort());
  assert.equal(await cell(page, `${UNREAD_ROW}.natural_person`).inputValue(), '3');
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
  assert.match(await page.locator('#tables').textContent(), /无法核对/);

  // In English too.
  await page.locator('#lang').click();
  assert.equal(await cell(page, `${UNREAD_ROW}.commercial`).getAttribute('placeholder'), 'not read');
  assert.equal(await page.locator('#unread-note').textContent(), 'Could not be read from the file');
  await page.locator('#import').click();
  await page.locator('#import-text').fill(await textWithStrangeLabels());
  await page.locator('#import-read').click();
  await page.locator('#import-preview').waitFor();
  assert.match(await page.locator('#import-matched li').textContent(),
    /^Line \d+ “行政规范姓文件” → II\. .*: .* \(a near match\)$/);
  assert.match(await page.locator('#import-missing h3').textContent(), /^A row not found; its cells will be marked “not read”/);
  await page.keyboard.press('Escape');
  await page.locator('#lang').click();

  // 清空 forgets them; undo brings them back with the report.
  await page.locator('#clear').click();
  await page.locator('#confirm-clear').getByRole('button', { name: '清空' }).click();
  await page.waitForFunction(() => /已清空全部内容/.test(document.getElementById('notice').textContent));
  assert.deepEqual(await unreadCells(), []);
  assert.deepEqual((await storedDraft()).unread, []);
  await page.locator('#notice').getByRole('button', { name: '撤销' }).click();
  assert.equal((await unreadCells()).length, rowCells.length - 1);

  // A new import replaces them: our JSON has every cell read.
  await importReport(page, await example());
  assert.deepEqual(await unreadCells(), []);
  assert.deepEqual(violations, []);
});

const storedDraft = () => page.evaluate(() => JSON.parse(localStorage.getItem('nianbao.draft.v1')));
const COLUMNS = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other_org', 'total'];
const ctxCells = (row) => COLUMNS.map((c) => `${row}.${c}`);

/** 隆德县 2024 with row 一、本年新收… printed as one digit string, its cell borders lost (as in crates/nianbao-import/tests/glued.rs). */
async function textWithGluedRow() {
  const text = await readFile(join(root, 'tests', 'data', 'longde-2024.txt'), 'utf8');
  const label = '一、本年新收政府信息公开申请数量';
  const glued = text.split('\n').map((line) => {
    if (!line.startsWith(label)) return line;
    const digits = line.slice(label.length).split('\t').filter((c) => c.trim()).join('');
    assert.equal(digits, '141000015', line);
    return `${label}${digits}`;
  }).join('\n');
  assert.notEqual(glued, text, 'the row was glued');
  return glued;
}

test('a row read from glued digits is listed in the preview with the values it was split into, and fills the form', T, async () => {
  await openForm(page, stack.url);
  await page.locator('#import').click();
  await page.locator('#import-text').fill(await textWithGluedRow());
  await page.locator('#import-read').click();
  await page.locator('#import-preview').waitFor();
  const split = page.locator('#import-split');
  assert.ok(await split.isVisible());
  assert.equal(await split.locator('h3').textContent(), '1 行的数字连在一起，已按本表的合计拆分（只有一种拆法相符），请核对');
  assert.match(await split.locator('li').textContent(),
    /^第 \d+ 行「141000015」拆分为 14、1、0、0、0、0、15（三、收到和处理政府信息公开申请情况：一、本年新收政府信息公开申请数量）$/);
  assert.equal(await split.locator('li').getAttribute('data-rows'), 'requests.new');
  assert.equal(await page.locator('#import-missing li').count(), 0, 'the row is read, not missing');

  await confirmImport(page);
  const values = await formValues();
  const longde = await example();
  const cells = Object.keys(values);
  assert.equal(cells.length, 200);
  for (const id of cells) {
    const value = id.split('.').reduce((at, key) => at?.[key], longde);
    assert.equal(values[id], String(value ?? ''), id);
  }

  // In English too.
  await page.locator('#lang').click();
  await page.locator('#import').click();
  await page.locator('#import-text').fill(await textWithGluedRow());
  await page.locator('#import-read').click();
  await page.locator('#import-preview').waitFor();
  assert.match(await split.locator('h3').textContent(), /^A row’s numbers were run together/);
  assert.match(await split.locator('li').textContent(), /^Line \d+ “141000015” split as 14, 1, 0, 0, 0, 0, 15 \(III\. .*\)$/);
  await page.keyboard.press('Escape');
  await page.locator('#lang').click();
  assert.deepEqual(violations, []);
});
