// The form's 「导出 Word」 component in Chromium, from the dev server under its strict CSP: the
// exporter (pkg/docx.js) is fetched on the first export and not before, a report with errors is
// exported only after the clerk confirms, and the file saved is a .docx the independent reader
// opens with the three tables.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDocx, tablesOf } from './docx-grid.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const BUNDLE = new URL('../../pkg/docx.js', import.meta.url);
const LONGDE = JSON.parse(readFileSync(new URL('../data/longde-2024.json', import.meta.url), 'utf8'));
const skip = !existsSync(CHROMIUM) ? `Chromium is not installed at ${CHROMIUM} (set CHROMIUM)`
  : !existsSync(BUNDLE) ? 'pkg/docx.js is missing: run node scripts/build.mjs' : false;

let server;
let browser;
let dataDir;
let origin;
before(async () => {
  if (skip) return;
  const { startServer } = await import('../../scripts/serve.mjs');
  dataDir = mkdtempSync(join(tmpdir(), 'nianbao-docx-form-'));
  server = await startServer({ port: 0, dataDir });
  origin = `http://127.0.0.1:${server.port}`;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'], timeout: 60_000 });
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The form page with the component wired to a button; records requests and problems. */
async function formPage() {
  const page = await browser.newPage();
  const problems = [];
  const requested = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${origin}/`);
  await page.evaluate(async (report) => {
    const { init } = await import('/components/export-docx.js');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = '导出 Word';
    document.body.append(button);
    window.exportTest = { asked: [], saved: null, notified: [], errors: 0, answer: false };
    const state = window.exportTest;
    window.exportButton = init(button, {
      getReport: () => report,
      getResult: () => ({ errors: state.errors }),
      confirm: async (message) => { state.asked.push(message); return state.answer; },
      t: (key) => key,
      notify: (message) => state.notified.push(message),
      save: (bytes, name) => { state.saved = { name, bytes: Array.from(bytes) }; },
    });
  }, LONGDE);
  return { page, problems, requested };
}

test('the exporter loads on the first export only, under the CSP, and saves the .docx', { skip, timeout: 120_000 }, async () => {
  const { page, problems, requested } = await formPage();
  await page.waitForTimeout(500);
  assert.ok(!requested.includes('/pkg/docx.js'), 'pkg/docx.js is not loaded with the form');
  assert.equal(await page.evaluate(() => window.exportButton.run()), true);
  assert.ok(requested.includes('/pkg/docx.js'));
  const saved = await page.evaluate(() => window.exportTest.saved);
  assert.equal(saved.name, '隆德县人民政府-2024-年报.docx');
  const tables = tablesOf(readDocx(new Uint8Array(saved.bytes)).body);
  assert.equal(tables.length, 3);
  assert.equal(tables[0].grid[13][1].text, '611.1281');
  assert.deepEqual(await page.evaluate(() => window.exportTest.asked), [], 'no question for a clean report');
  assert.deepEqual(await page.evaluate(() => {
    const button = document.querySelector('body > button:last-of-type');
    return [button.textContent, button.disabled, button.hasAttribute('aria-busy')];
  }), ['导出 Word', false, false], 'the button is back as it was');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a report with errors: the clerk is asked; no file when declined, exported with force when confirmed', { skip, timeout: 120_000 }, async () => {
  const { page, problems } = await formPage();
  await page.evaluate(() => { window.exportTest.errors = 2; });
  assert.equal(await page.evaluate(() => window.exportButton.run()), false);
  const declined = await page.evaluate(() => window.exportTest);
  assert.equal(declined.asked.length, 1);
  assert.match(declined.asked[0], /2 处错误/);
  assert.equal(declined.saved, null);
  await page.evaluate(() => { window.exportTest.answer = true; });
  assert.equal(await page.evaluate(() => window.exportButton.run()), true);
  assert.ok(await page.evaluate(() => window.exportTest.saved !== null));
  assert.deepEqual(problems, []);
  await page.close();
});

test('the exporter\'s own refusal is shown when the form thought the report clean', { skip, timeout: 120_000 }, async () => {
  const { page } = await formPage();
  // The report handed over has an error that the (stale) result given by the form does not know of.
  const bad = structuredClone(LONGDE);
  bad.requests.disclosed.natural_person = 12;
  const result = await page.evaluate(async (report) => {
    const { init } = await import('/components/export-docx.js');
    const notified = [];
    const { run } = init(document.createElement('button'), {
      getReport: () => report, getResult: () => ({ errors: 0 }), confirm: () => true, t: (k) => k,
      notify: (m) => notified.push(m), save: () => notified.push('saved'),
    });
    return { ok: await run(), notified };
  }, bad);
  assert.equal(result.ok, false);
  assert.equal(result.notified.length, 1);
  assert.match(result.notified[0], /未能导出 Word：年报有 2 处错误/);
  await page.close();
});
