// www/components/server-previous.js in the form, against the real server: once issuer and year are
// filled in, last year's report is fetched (once per issuer and year), used for the cross-year
// checks and said where it came from; none stored is said so; a file the clerk loaded wins until
// removed; the draft restored at start asks too; no API behind the page only says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openForm, example, importReport, perFile, stack, page, violations } from './support.mjs';

const asked = []; // every GET of last year's report the page made
perFile((p) => {
  p.on('request', (r) => { if (r.method() === 'GET' && r.url().includes('/api/reports?')) asked.push(decodeURIComponent(new URL(r.url()).search)); });
});

const T = { timeout: 90_000 };
const status = () => page.locator('#previous-status').textContent();
const waitStatus = (re) => page.waitForFunction((src) => new RegExp(src).test(document.getElementById('previous-status').textContent), re.source);
// 现行有效 of 规范性文件 in 2024 is 14 (制发 1, 废止 2): with 20 last year it should be 19.
const inForce = () => page.locator('li.problem.warning', { hasText: '现行有效件数为 14，按上年现行有效加本年制发减本年废止应为 19' });

let posted;
async function post2023() {
  if (posted) return posted;
  const report = await example();
  report.year = 2023;
  report.proactive.normative_documents.in_force = 20;
  const res = await fetch(new URL('/api/reports', stack.url), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(report),
  });
  posted = await res.json();
  assert.equal(res.status, 201, JSON.stringify(posted));
  return posted;
}

test('an imported 2024 report gets the server’s 2023 report: its source is shown and cross_year.in_force found', T, async () => {
  const { id } = await post2023();
  await openForm(page, stack.url);
  asked.length = 0;
  await importReport(page, await example());
  await waitStatus(/服务器上的年报/);
  assert.equal(await status(), `隆德县人民政府 2023 年：服务器上的年报（编号 ${id}，第 1 版，${new Date().toISOString().slice(0, 10)} 接收）`);
  assert.equal(await page.locator('#previous-status').getAttribute('aria-live'), 'polite');
  await inForce().waitFor();
  assert.deepEqual(asked, ['?issuer=隆德县人民政府&year=2023']);
  assert.equal(await page.locator('#previous-remove').isVisible(), true);
  // Said again in English when the language changes.
  await page.locator('#lang').click();
  await waitStatus(/the server’s report/);
  assert.equal(await status(), `隆德县人民政府, 2023: the server’s report (${id}, version 1, received ${new Date().toISOString().slice(0, 10)})`);
  await page.locator('#lang').click();
  await waitStatus(/服务器上的年报/);

  // The same issuer and year again: not asked twice.
  await page.locator('#year').fill('2024');
  await page.locator('#year').blur();
  // Another issuer with nothing stored: said, and the server's report is no longer used.
  await page.locator('#issuer').fill('没有上年年报的单位');
  await page.locator('#issuer').blur();
  await waitStatus(/服务器上没有/);
  assert.equal(await status(), '服务器上没有“没有上年年报的单位”2023 年度的年报；可以从文件载入上年年报。');
  await inForce().waitFor({ state: 'detached' });
  assert.deepEqual(asked, ['?issuer=隆德县人民政府&year=2023', '?issuer=没有上年年报的单位&year=2023']);
  assert.deepEqual(violations, []);
});

test('a file the clerk loaded is not replaced by the server’s report until removed', T, async () => {
  await post2023();
  await openForm(page, stack.url);
  asked.length = 0;
  const file = { ...(await example()), year: 2023 }; // 16 + 1 − 2 = 15 ≠ 14: a warning of its own
  file.proactive = { ...file.proactive, normative_documents: { ...file.proactive.normative_documents, in_force: 16 } };
  await page.setInputFiles('#previous-file', { name: 'longde-2023.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.waitForFunction(() => /已载入上年年报/.test(document.getElementById('notice').textContent));
  await importReport(page, await example());
  await page.locator('li.problem.warning', { hasText: '现行有效件数为 14，按上年现行有效加本年制发减本年废止应为 15' }).waitFor();
  assert.equal(await status(), '隆德县人民政府 2023 年');
  assert.deepEqual(asked, [], 'the server is not asked while a file is in use');

  await page.locator('#previous-remove').click();
  await waitStatus(/服务器上的年报/);
  await inForce().waitFor();
  assert.deepEqual(asked, ['?issuer=隆德县人民政府&year=2023']);
  assert.deepEqual(violations, []);
});

test('the draft restored at start asks the server for last year’s report', T, async () => {
  await post2023();
  await openForm(page, stack.url);
  await importReport(page, await example());
  await waitStatus(/服务器上的年报/);
  // Forget last year's report as kept, so that only the server can bring it back.
  await page.evaluate(() => { localStorage.removeItem('nianbao.previous.v1'); localStorage.removeItem('nianbao.previous.v1.source'); });
  asked.length = 0;
  await openForm(page, stack.url, { keep: true });
  await waitStatus(/服务器上的年报/);
  await inForce().waitFor();
  // Restored on the form's own checker, which has no cross-year rules: the full one took it over.
  assert.equal(await page.evaluate(() => document.body.dataset.checker), 'full');
  assert.deepEqual(asked, ['?issuer=隆德县人民政府&year=2023']);
  assert.deepEqual(violations, []);
});

test('with no API behind the page (or offline) the form says so quietly and keeps working', T, async () => {
  await openForm(page, stack.url);
  // A static host: its 404 is a page, not the API's answer that no report exists.
  await page.route('**/api/reports?*', (r) => r.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' }));
  await importReport(page, await example());
  await waitStatus(/服务器暂时取不到/);
  assert.equal(await status(), '未载入（服务器暂时取不到上年年报；可以从文件载入）');
  await page.unroute('**/api/reports?*');
  // Offline: the request fails; asked again on the next change, still quiet.
  await page.route('**/api/reports?*', (r) => r.abort('internetdisconnected'));
  await page.locator('#issuer').fill('另一个单位');
  await page.locator('#issuer').blur();
  await waitStatus(/服务器暂时取不到/);
  await page.unroute('**/api/reports?*');
  // The form works on: the imported report is in it and a cell typed is taken.
  assert.match(await page.locator('#tally').textContent(), /^已填 [1-9]/);
  await page.locator('input.cell[name="proactive.rules.issued"]').fill('3');
  await page.locator('input.cell[name="proactive.rules.issued"]').blur();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('nianbao.draft.v1') ?? '{}').report?.proactive?.rules?.issued === 3);
  assert.equal(await page.locator('#report').isVisible(), true);
  assert.deepEqual(violations.filter((v) => !/Failed to load resource/.test(v)), []);
});
