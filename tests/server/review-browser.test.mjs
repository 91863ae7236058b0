// The review area in Chromium, as a reviewer uses it: sign in, the list, a report with its history,
// a dropped published report checked, sign out. Real cookies and real same-origin form posts; no
// CSP violation, and no serious or critical axe violation on any page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTemp, addReviewer, postReport, longde, root } from './support.mjs';
import { CHROMIUM, ARGS, watchForViolations, screenshot } from '../e2e/support.mjs';

const PASSWORD = 'correct horse battery';
const axeSource = await readFile(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
let s;
let browser;
before(async () => {
  s = await startTemp();
  addReviewer(s.dataDir, 'alice', PASSWORD);
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
}, { timeout: 60_000 });
after(async () => { await browser?.close(); await s?.close(); }, { timeout: 30_000 });

/** Serious and critical axe violations of the page as it stands. */
async function axe(page) {
  await page.evaluate(axeSource); // evaluated by the test, not the page: the CSP does not apply
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

test('a reviewer signs in, opens a report with its history, checks a dropped file, and signs out', { timeout: 90_000 }, async () => {
  const doc = longde({ issuer: '浏览器审核县' });
  doc.proactive.rules.issued = 3;
  doc.reasons = { 'proactive.in_force_floor:rules': '年底发布' };
  await postReport(s.base, doc);
  const latest = await (await postReport(s.base, doc)).json();

  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const problems = [];
  watchForViolations(page, problems);

  await page.goto(`${s.base}/review`);
  assert.match(page.url(), /\/review\/login$/, 'sent to the login');
  assert.deepEqual(await axe(page), []);
  await page.fill('#name', 'alice');
  await page.fill('#password', 'wrong password');
  await page.click('button[type=submit]');
  assert.match(await page.textContent('[role=alert]'), /用户名或密码不正确/);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/review$/);
  const cookie = (await context.cookies()).find((c) => c.name === 'nianbao_session');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.equal(await page.evaluate(() => document.cookie), '', 'the session is out of the page\'s reach');
  assert.deepEqual(await axe(page), []);

  await page.click('text=浏览器审核县');
  await page.waitForURL(new RegExp(`/review/report/${latest.id}$`));
  assert.match(await page.textContent('table.history'), /第 2 版（本页）[\s\S]*第 1 版/);
  assert.equal(await page.locator('td[data-cell="proactive.rules.in_force"]').getAttribute('data-severity'), 'warning');
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'review-report.png');

  await page.goto(`${s.base}/review`);
  await page.setInputFiles('#report-file', join(root, 'tests', 'data', 'longde-2024.txt'));
  await page.click('form[action="/review/check"] button[type=submit]');
  await page.waitForURL(/\/review\/check$/);
  assert.match(await page.title(), /核对：longde-2024.txt/);
  assert.match(await page.textContent('main'), /此次核对不保存/);
  assert.deepEqual(await axe(page), []);

  await page.click('nav button[type=submit]');
  await page.waitForURL(/\/review\/login$/);
  await page.goto(`${s.base}/review`);
  assert.match(page.url(), /\/review\/login$/, 'signed out');
  assert.deepEqual(problems, [], 'no CSP violation or script error');
  await context.close();
});
