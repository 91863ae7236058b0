// Shared by the end-to-end tests: the real server on a free port with a temporary data dir, one
// Chromium per test file (Debian's, driven by playwright-core), and helpers to fill the form.
import { before, after } from 'node:test';
import { mkdtemp, rm, readFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from '../support/browser.mjs';
import { LONGDE_PATH } from '../support/reports.mjs';

// Shared with the Node, hostile-input and packaging tests (tests/support/).
export { cellsOf } from '../support/reports.mjs';
export { CHROMIUM, ARGS };

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const resultsDir = join(root, 'test-results');
export const examplePath = LONGDE_PATH;

if (!existsSync(join(root, 'pkg', 'node.js'))) {
  throw new Error('pkg/ is missing: run `npm run build` before the end-to-end tests');
}

const { startServer } = await import('../../scripts/serve.mjs');

export async function example() {
  return JSON.parse(await readFile(examplePath, 'utf8'));
}

/** Starts the server (port 0, temp data dir). Browser optional, so the HTTP tests need none. */
export async function startStack({ browser = true, bypassCSP = false } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'nianbao-e2e-'));
  const server = await startServer({ port: 0, dataDir });
  const stack = { dataDir, server, url: server.url, browser: null, context: null };
  if (browser) {
    const { chromium } = await import('playwright-core');
    stack.browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
    stack.context = await stack.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', bypassCSP });
    stack.context.setDefaultTimeout(10_000);
    stack.context.setDefaultNavigationTimeout(15_000);
  }
  stack.close = async () => {
    await stack.context?.close().catch(() => {});
    await stack.browser?.close().catch(() => {});
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return stack;
}

/** Opens the form with nothing saved (unless `keep`), and waits for the wasm to be ready. */
export async function openForm(page, url, { keep = false } = {}) {
  await page.goto(url);
  await ready(page);
  if (!keep) {
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await ready(page);
    await page.waitForFunction(() => /^已填 0\//.test(document.getElementById('tally').textContent));
  }
}

/** Waits for the form to say it is ready; when it does not, says what the page shows instead. */
export async function ready(page) {
  try {
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  } catch (err) {
    const shows = await page.evaluate(() => `${document.readyState}; loading: ${document.getElementById('loading')?.textContent}`).catch((e) => e.message);
    throw new Error(`the form did not get ready (${shows}): ${err.message}`);
  }
}

/** Loads a report through the form's own 导入 (a file, the preview, 替换), as a clerk would. */
export async function importReport(page, report, name = 'report.json') {
  await page.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(report)) });
  await confirmImport(page);
}

/** In the import preview: 替换为导入的内容, then wait for the form to say it was imported. */
export async function confirmImport(page) {
  await page.locator('#import-preview').waitFor();
  await page.locator('#import-confirm').click();
  await page.waitForFunction(() => !document.getElementById('import-dialog').open
    && /已导入|Imported/.test(document.getElementById('notice').textContent));
}

export const cell = (page, id) => page.locator(`input.cell[name="${id}"]`);

/** Types into a cell as a person would: focus, type, Tab away. */
export async function typeInto(page, id, value) {
  await cell(page, id).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(value));
  await page.keyboard.press('Tab');
}

export const activeName = (page) => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.id ?? null);

/** Every stored submission (each version), read from the server's database on a connection of its own. */
export async function storedReports(dataDir) {
  const { openStorage } = await import('../../server/storage.mjs');
  const storage = openStorage(dataDir);
  try {
    return storage.listLatest().flatMap((s) => storage.history(s.issuerKey, s.year))
      .map((s) => ({ id: s.id, report: JSON.parse(s.report) }));
  } finally {
    storage.close();
  }
}

export async function screenshot(page, name, options = {}) {
  await mkdir(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, name), fullPage: true, ...options });
}

/** Collects every CSP violation and script error a page reports. */
export function watchForViolations(page, into) {
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|evaluate|compile)/i.test(text)) into.push(`console: ${text}`);
  });
  page.on('pageerror', (err) => into.push(`pageerror: ${err.message}`));
}

/**
 * Records every securitypolicyviolation event of every page load in `into` (a binding survives
 * reloads, and the init script runs before the page's own scripts).
 */
export async function recordViolationEvents(context, into) {
  await context.exposeBinding('__nianbaoViolation', (_source, text) => { into.push(`securitypolicyviolation: ${text}`); });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__nianbaoViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

// The stack and page of the running test file, and the CSP violations and page errors seen on it,
// set by perFile(). Exported as live bindings: node --test runs each test file in a process of its
// own, so each file sees its own.
export let stack;
export let page;
export const violations = [];

/**
 * One server, browser and page for the test file that calls it, as `stack` and `page` above;
 * `onPage(page)`, if given, runs (and is awaited) before any test: a place for page.route().
 */
export function perFile(onPage = () => {}) {
  before(async () => {
    stack = await startStack();
    await recordViolationEvents(stack.context, violations);
    page = await stack.context.newPage();
    watchForViolations(page, violations);
    await onPage(page);
  }, { timeout: 60_000 });
  after(async () => {
    await stack?.close();
  }, { timeout: 30_000 });
}
