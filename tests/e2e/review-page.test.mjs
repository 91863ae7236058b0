// The review page of `nianbao check --html`, opened from disk (file://) in Chromium as a reviewer
// opens an e-mail attachment: the wrong cells marked and the fix named, no request leaving the
// file, axe clean, the summary sorting and filtering; a screenshot kept under test-results/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ARGS, CHROMIUM, root, resultsDir, example, screenshot } from './support.mjs';

const AXE = join(root, 'node_modules', 'axe-core', 'axe.min.js');
const CLI = join(root, 'bin', 'nianbao.mjs');
let dir;
let browser;
let page;
let pageUrl;
const requests = [];
const errors = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nianbao-review-e2e-'));
  const good = await example();
  const wrong = structuredClone(good);
  wrong.issuer = '错填县人民政府';
  wrong.requests.new.natural_person = Number(good.requests.new.natural_person) + 3; // the fix: back to the old value
  await mkdir(join(dir, 'reports'));
  await writeFile(join(dir, 'reports', 'a-good.json'), JSON.stringify(good));
  await writeFile(join(dir, 'reports', 'b-wrong.json'), JSON.stringify(wrong));
  await writeFile(join(dir, 'reports', 'c-broken.json'), '{ "issuer": ');
  const out = join(dir, 'review.html');
  await promisify(execFile)(process.execPath, [CLI, 'check', join(dir, 'reports'), '--html', out]).catch((e) => {
    if (e.code !== 2) throw e; // 2: a file could not be read, as intended
  });
  pageUrl = pathToFileURL(out).href;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pageUrl);
}, { timeout: 90_000 });
after(async () => {
  await browser?.close().catch(() => {});
  if (dir) await rm(dir, { recursive: true, force: true });
}, { timeout: 30_000 });

test('the wrong cell is marked as an error with the fix beside the printed value; the finding links to it', { timeout: 30_000 }, async () => {
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  const report = page.locator('details.report', { hasText: '错填县人民政府' });
  // Two reports: the run opens those with findings, and draws their tables as they come into view.
  const cell = report.locator('td[data-cell="requests.new.natural_person"]');
  await cell.scrollIntoViewIfNeeded();
  await cell.waitFor();
  assert.equal(await cell.getAttribute('data-severity'), 'error');
  const good = await example();
  const text = await cell.innerText();
  assert.match(text, /错误/, 'the word, not colour alone');
  assert.match(text, new RegExp(`${Number(good.requests.new.natural_person) + 3}`));
  assert.match(text, new RegExp(`应为\\s*${good.requests.new.natural_person}`));
  // Every cell of the three tables is drawn, named by its headers; only the wrong one is marked.
  assert.equal(await report.locator('td[data-cell]').count(), 200);
  assert.equal(await report.locator('td[data-severity]').count(), 1);
  const headers = (await cell.getAttribute('headers')).split(' ');
  const names = await Promise.all(headers.map((id) => page.locator(`[id="${id}"]`).innerText()));
  assert.ok(names.some((n) => n.includes('自然人')) && names.some((n) => n.includes('本年新收')), names.join(' | '));
  // The finding names the fix and links to the cell.
  const finding = report.locator('.finding-list li[data-severity="error"]').first();
  assert.match(await finding.innerText(), new RegExp(`应为 ${good.requests.new.natural_person}`));
  assert.equal(await finding.locator('a').getAttribute('href'), `#${await report.getAttribute('id')}-c-requests.new.natural_person`);
});

test('the good report opens on a click and draws its tables then; the unreadable file is in the summary with its reason', { timeout: 30_000 }, async () => {
  const good = page.locator('details.report', { hasNotText: '错填县' });
  assert.equal(await good.getAttribute('open'), null);
  assert.equal(await good.locator('td[data-cell]').count(), 0, 'not drawn before it is opened');
  await page.locator('#summary-table a', { hasText: '隆德县' }).click();
  await good.locator('td[data-cell]').first().waitFor();
  assert.equal(await good.locator('td[data-cell]').count(), 200);
  assert.equal(await good.locator('td[data-severity]').count(), 0);
  const broken = page.locator('#summary-table tr[data-status="unreadable"]');
  assert.match(await broken.innerText(), /无法读取：not valid JSON/);
  assert.match(await broken.innerText(), /c-broken\.json/);
});

test('the summary sorts by a column and filters by text and by status', { timeout: 30_000 }, async () => {
  const files = () => page.locator('#summary-table tbody tr:not([hidden]) td.file').allInnerTexts();
  const errorsHead = page.locator('#summary-table thead th', { hasText: '错误' });
  await errorsHead.locator('button').click();
  assert.equal(await errorsHead.getAttribute('aria-sort'), 'ascending');
  await errorsHead.locator('button').click();
  assert.equal(await errorsHead.getAttribute('aria-sort'), 'descending');
  assert.match((await files())[0], /b-wrong\.json$/, 'most errors first');
  await page.fill('#filter', '隆德');
  assert.deepEqual((await files()).map((f) => f.replace(/.*[/\\]/, '')), ['a-good.json']);
  await page.fill('#filter', '');
  await page.selectOption('#status', 'unreadable');
  assert.deepEqual((await files()).map((f) => f.replace(/.*[/\\]/, '')), ['c-broken.json']);
  assert.match(await page.locator('#shown').innerText(), /1 \/ 3/);
  await page.selectOption('#status', '');
  assert.equal((await files()).length, 3);
});

test('printing: every report opened and drawn first, one a page', { timeout: 30_000 }, async () => {
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const reports = page.locator('details.report');
  assert.equal(await reports.count(), 2);
  for (const report of await reports.all()) {
    assert.equal(await report.getAttribute('open'), '');
    assert.equal(await report.locator('td[data-cell]').count(), 200);
    assert.equal(await report.evaluate((d) => getComputedStyle(d).breakBefore), 'page');
  }
  assert.equal(await page.locator('#summary-controls').isVisible(), false, 'no filter on paper');
  await page.emulateMedia({ media: 'screen' });
});

test('without script the summary and every finding can still be read; only the filter is hidden', { timeout: 30_000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
  try {
    const plain = await context.newPage();
    await plain.goto(pageUrl);
    assert.equal(await plain.locator('#summary-controls').isVisible(), false);
    assert.equal(await plain.locator('#summary-table tbody tr').count(), 3);
    const wrong = plain.locator('details.report', { hasText: '错填县人民政府' });
    assert.match(await wrong.locator('.finding-list').innerText(), /错误.*应为/s);
    assert.match(await wrong.locator('.tables-slot').innerText(), /表格需要启用脚本才能显示/);
  } finally {
    await context.close();
  }
});

test('no serious or critical axe violation, no request beyond the file itself, no script error; a screenshot is kept', { timeout: 60_000 }, async () => {
  await page.addScriptTag({ content: await readFile(AXE, 'utf8') });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  assert.deepEqual(serious, []);
  const outside = requests.filter((url) => url !== pageUrl && !url.startsWith('data:'));
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'review-page.png');
  await readFile(join(resultsDir, 'review-page.png'));
});
