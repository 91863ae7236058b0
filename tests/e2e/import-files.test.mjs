// 导入 and 载入上年年报 with the files agencies publish — PDF, Word .docx, web pages — opened or
// dropped, under the server's real CSP: the preview says what was read, the reader's notes and
// what could not be read, and confirming fills every cell as published. The readers and pdf.js
// are fetched only when a file of their kind is opened, never with the form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pdf } from '../support/pdf.mjs';
import { openForm, example, cellsOf, cell, confirmImport, root, perFile, stack, page, violations } from './support.mjs';

const requests = [];
perFile((p) => p.on('request', (r) => requests.push(new URL(r.url()).pathname)));

const T = { timeout: 90_000 };
const fixture = (name) => join(root, 'tests', 'data', 'files', name);
const pdfjs = () => requests.filter((path) => /pdfjs-dist|pdf\.min\.mjs|pdf\.worker/.test(path));
const readers = () => requests.filter((path) => path.startsWith('/pkg/read/'));

/** Drops `bytes` as a file named `name` on the element matching `selector`, as a file manager would. */
async function drop(selector, name, bytes, type = '') {
  const transfer = await page.evaluateHandle(({ b64, name: fileName, type: mime }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], fileName, { type: mime }));
    return dt;
  }, { b64: Buffer.from(bytes).toString('base64'), name, type });
  await page.locator(selector).dispatchEvent('dragover', { dataTransfer: transfer });
  await page.locator(selector).dispatchEvent('drop', { dataTransfer: transfer });
}

async function expectEveryCell() {
  const expected = await example();
  for (const [id, value] of cellsOf(expected)) assert.equal(await cell(page, id).inputValue(), String(value), id);
  assert.equal(await page.locator('#issuer').inputValue(), expected.issuer);
}

test('the form loads neither the readers nor pdf.js; the file picker offers PDF, Word and web pages', T, async () => {
  await openForm(page, stack.url);
  assert.deepEqual(pdfjs(), []);
  assert.deepEqual(readers(), []);
  const accept = await page.locator('#import-file').getAttribute('accept');
  for (const kind of ['.pdf', '.docx', '.html', '.htm', '.txt', '.md', '.json']) assert.ok(accept.split(',').includes(kind), kind);
  assert.equal(await page.locator('#previous-file').getAttribute('accept'), accept);
});

test('a Word file dropped on the dialog: preview, confirm, every cell as published — and still no pdf.js', T, async () => {
  await openForm(page, stack.url);
  await page.locator('#import').click();
  await drop('#import-dialog', 'longde-2024.docx', await readFile(fixture('longde-2024.docx')));
  await page.locator('#import-preview').waitFor();
  assert.match(await page.locator('#import-summary').textContent(), /^“longde-2024\.docx”：填报单位 隆德县人民政府，年度 2024，表格已填 \d+\/200 格/);
  assert.equal(await page.locator('#import-missing').isVisible(), false);
  assert.equal(await page.locator('#import-unplaced').isVisible(), false);
  await confirmImport(page);
  await expectEveryCell();
  assert.ok(readers().length > 0, 'the readers were fetched for the Word file');
  assert.deepEqual(pdfjs(), [], 'no PDF opened: pdf.js not fetched');
  assert.deepEqual(violations, []);
});

test('a PDF picked: pdf.js and its worker fetched then, the notes shown in zh and en, every cell as published', T, async () => {
  await openForm(page, stack.url);
  assert.deepEqual(pdfjs(), []);
  await page.locator('#import').click();
  await page.setInputFiles('#import-file', fixture('longde-2024.pdf'));
  await page.locator('#import-preview').waitFor({ timeout: 30_000 });
  assert.ok(pdfjs().some((p) => p.endsWith('/legacy/build/pdf.min.mjs')), pdfjs().join());
  assert.ok(pdfjs().some((p) => p.endsWith('/legacy/build/pdf.worker.min.mjs')), pdfjs().join());
  const summary = await page.locator('#import-summary').textContent();
  assert.match(summary, /^“longde-2024\.pdf”：填报单位 隆德县人民政府，年度 2024/);
  const notes = page.locator('#import-notes');
  assert.ok(await notes.isVisible());
  assert.equal(await notes.locator('h3').textContent(), '读取说明（6 条）');
  const said = await notes.locator('li').allTextContents();
  assert.ok(said.includes('第 3 页：页码「- 3 -」已略去'), said.join('\n'));
  assert.ok(said.includes('第 3 页：重复的表头已略去'), said.join('\n'));
  assert.equal(await page.locator('#import-missing').isVisible(), false);
  await confirmImport(page);
  await expectEveryCell();

  // The same notes in English, and a page's note too.
  await page.locator('#lang').click();
  await page.locator('#import').click();
  await page.setInputFiles('#import-file', fixture('longde-2024.pdf'));
  await page.locator('#import-preview').waitFor({ timeout: 30_000 });
  assert.equal(await notes.locator('h3').textContent(), 'Notes from reading (6)');
  assert.ok((await notes.locator('li').allTextContents()).includes('Page 3: repeated table header left out'));
  await page.locator('#import-back').click();
  await page.setInputFiles('#import-file', fixture('longde-2024.mso.html'));
  await page.locator('#import-preview').waitFor();
  assert.equal(await notes.locator('h3').textContent(), 'A note from reading');
  assert.match(await notes.locator('li').textContent(), /^Only the article holding the tables was read/);
  await page.keyboard.press('Escape');
  await page.locator('#lang').click();
  assert.deepEqual(violations, [], 'pdf.js and its worker ran under the CSP');
});

for (const name of ['longde-2024.mso.html', 'longde-2024.gbk.html', 'longde-2024.chromium.pdf']) {
  test(`${name} picked: every cell as published`, T, async () => {
    await openForm(page, stack.url);
    await page.locator('#import').click();
    await page.setInputFiles('#import-file', fixture(name));
    await confirmImport(page);
    await expectEveryCell();
    assert.deepEqual(violations, []);
  });
}

test('a .doc, an encrypted, a scanned and a damaged PDF, broken JSON: each its own clear message in the dialog, the form untouched', T, async () => {
  await openForm(page, stack.url);
  const ole = new Uint8Array(1024);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const published = await readFile(fixture('longde-2024.pdf'));
  const cases = [
    [{ name: 'old.doc', mimeType: 'application/msword', buffer: Buffer.from(ole) }, '未能读取“old.doc”：这是旧版 Word（.doc）文件，无法读取。请在 Word 或 WPS 中另存为 .docx 或 PDF 后再导入。'],
    [join(root, 'tests', 'data', 'hostile', 'encrypted.pdf'), /^未能读取“encrypted\.pdf”：这个 PDF 设有密码（已加密），无法读取。/],
    [{ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf(['0.5 g 72 72 451 698 re f'])) },
      /^未能读取“scan\.pdf”：这个 PDF 没有文字层（是扫描件？），需要先做文字识别（OCR）才能读取。/],
    [{ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"issuer": ') }, /^未能读取“broken\.json”：文件不是有效的 JSON 年报（not valid JSON: .+）。$/],
    [{ name: 'cut.pdf', mimeType: 'application/pdf', buffer: published.subarray(0, 20000) }, /^未能读取“cut\.pdf”：文件已损坏或不完整，无法读取。$/],
  ];
  await page.locator('#import').click();
  for (const [file, message] of cases) {
    await page.setInputFiles('#import-file', file);
    const error = page.locator('#import-error');
    await error.waitFor();
    const text = await error.textContent();
    if (message instanceof RegExp) assert.match(text, message);
    else assert.equal(text, message);
    assert.equal(await page.locator('#import-preview').isVisible(), false);
  }
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#tally').textContent().then((t) => /^已填 0\//.test(t)), true);
  assert.deepEqual(violations, []);
});

test('last year’s report: a PDF dropped on 载入上年年报 is loaded; an old .doc is refused with its reason', T, async () => {
  await openForm(page, stack.url);
  await drop('#previous-load', 'longde-2024.pdf', await readFile(fixture('longde-2024.pdf')), 'application/pdf');
  await page.waitForFunction(() => /隆德县人民政府 2024 年/.test(document.getElementById('previous-status').textContent), null, { timeout: 30_000 });
  assert.match(await page.locator('#notice').textContent(), /已载入上年年报“longde-2024\.pdf”/);
  const ole = new Uint8Array(1024);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  await page.setInputFiles('#previous-file', { name: 'old.doc', mimeType: 'application/msword', buffer: Buffer.from(ole) });
  await page.waitForFunction(() => /未能导入“old\.doc”/.test(document.getElementById('notice').textContent));
  assert.match(await page.locator('#notice').textContent(), /另存为 \.docx 或 PDF/);
  assert.match(await page.locator('#previous-status').textContent(), /隆德县人民政府 2024 年/, 'the loaded report stays');
  assert.deepEqual(violations, []);
});
