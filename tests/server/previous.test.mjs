// www/components/server-previous.js in Chromium, against the real server: once issuer and year are
// filled in, last year's report is fetched and handed to the form with where it came from; an
// issuer with none is said so, and the server's report is then forgotten. A small page of its own
// (the form that uses the component is wired by the coordinator), under the same strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTemp, postReport, longde, CSP } from './support.mjs';
import { CHROMIUM, ARGS, watchForViolations } from '../e2e/support.mjs';

const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>上年年报</title>
<script type="module" src="/previous-test.js"></script></head><body>
<form id="f"><label>单位 <input id="issuer"></label><label>年度 <input id="year"></label></form>
<p id="status" aria-live="polite"></p></body></html>`;
const SCRIPT = `import { init } from '/components/server-previous.js';
window.calls = [];
init(document.getElementById('status'), {
  read: () => ({ issuer: document.getElementById('issuer').value, year: document.getElementById('year').value }),
  setPrevious: (report, source) => window.calls.push({ report, source }),
  watch: document.getElementById('f'),
});
document.body.dataset.ready = 'true';`;

let s;
let browser;
before(async () => {
  s = await startTemp();
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
}, { timeout: 60_000 });
after(async () => { await browser?.close(); await s?.close(); }, { timeout: 30_000 });

test('the form fetches last year\'s report from the server once issuer and year are filled in', { timeout: 60_000 }, async () => {
  const posted = await (await postReport(s.base, longde({ year: 2023 }))).json();
  assert.ok(posted.ok);
  const page = await browser.newPage();
  const problems = [];
  watchForViolations(page, problems);
  const requests = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) requests.push(r.url()); });
  const headers = { 'Content-Security-Policy': CSP };
  await page.route(`${s.base}/previous-test.html`, (r) => r.fulfill({ body: PAGE, contentType: 'text/html; charset=utf-8', headers }));
  await page.route(`${s.base}/previous-test.js`, (r) => r.fulfill({ body: SCRIPT, contentType: 'text/javascript', headers }));
  await page.goto(`${s.base}/previous-test.html`);
  await page.waitForSelector('body[data-ready="true"]');

  await page.fill('#issuer', '隆德县 人民政府'); // the server matches by issuerKey: spaces do not count
  await page.fill('#year', '2024');
  await page.locator('#year').blur();
  await page.waitForFunction(() => window.calls.length === 1);
  const [{ report, source }] = await page.evaluate(() => window.calls);
  assert.equal(report.year, 2023);
  assert.equal(report.issuer, '隆德县人民政府');
  assert.equal(report.proactive.fees.amount, '611.1281');
  assert.deepEqual({ ...source, receivedAt: undefined }, {
    from: 'server', id: posted.id, issuer: '隆德县人民政府', year: '2023', version: 1, receivedAt: undefined, url: `/api/reports/${posted.id}`,
  });
  assert.match(source.receivedAt, /^\d{4}-\d\d-\d\dT/);
  assert.match(await page.textContent('#status'), new RegExp(`已从服务器取得隆德县人民政府2023 年度年报（编号 ${posted.id}，第 1 版`));

  // Same question again: not asked twice. Another issuer with nothing stored: said, and forgotten.
  await page.locator('#issuer').focus();
  await page.locator('#year').focus();
  await page.fill('#issuer', '没有上年年报的单位');
  await page.locator('#issuer').blur();
  await page.waitForFunction(() => window.calls.length === 2);
  const second = await page.evaluate(() => window.calls[1]);
  assert.equal(second.report, null);
  assert.equal(second.source.found, false);
  assert.match(await page.textContent('#status'), /服务器上没有“没有上年年报的单位”2023 年度的年报；可以从文件载入上年年报。/);
  assert.equal(requests.length, 2, requests.join('\n'));
  assert.ok(requests[0].endsWith(`/api/reports?issuer=${encodeURIComponent('隆德县 人民政府').replace(/%20/g, '+')}&year=2023`), requests[0]);
  assert.deepEqual(problems, [], 'no CSP violation or script error');
  await page.close();
});
