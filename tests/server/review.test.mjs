// The review area over HTTP: signing in and out, the closed pages, the cookie's flags, cross-site
// POSTs refused, the login rate limit, the list and the report page, and a dropped report checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startTemp, addReviewer, login, formPost, getPage, csrfOf, postReport, longde, longdeText, CSP } from './support.mjs';

const PASSWORD = 'correct horse battery';
let s;
before(async () => {
  s = await startTemp();
  addReviewer(s.dataDir, 'alice', PASSWORD);
  addReviewer(s.dataDir, 'bob', PASSWORD);
}, { timeout: 60_000 });
after(async () => { await s?.close(); }, { timeout: 30_000 });

test('without a session every page redirects to the login, and a POST is refused', async () => {
  for (const path of ['/review', '/review/', '/review/report/2024-20250101T000000-00000000', '/review/check', '/review/logout']) {
    const res = await getPage(s.base, path);
    assert.equal(res.status, 303, path);
    assert.equal(res.headers.get('location'), '/review/login', path);
    assert.equal(res.headers.get('content-security-policy'), CSP, path);
  }
  const res = await formPost(s.base, '/review/logout', { csrf: 'x' });
  assert.equal(res.status, 401);
  const page = await getPage(s.base, '/review/login');
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<form method="post" action="\/review\/login">/);
  assert.doesNotMatch(html, /<script|style=|<style/i, 'no inline script or style: the CSP allows none');
  assert.match(html, /<link rel="stylesheet" href="\/review\/review.css">/);
  const css = await getPage(s.base, '/review/review.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /text\/css/);
});

test('signing in: the cookie is HttpOnly, SameSite=Strict, Path=/, and Secure only over HTTPS', async () => {
  const wrong = await login(s.base, 'alice', 'not the password');
  assert.equal(wrong.res.status, 401);
  assert.equal(wrong.setCookie, null);

  const { res, setCookie, cookie } = await login(s.base, 'alice', PASSWORD);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/review');
  const flags = setCookie.split(';').map((p) => p.trim());
  assert.match(flags[0], /^nianbao_session=[A-Za-z0-9_-]{43}$/);
  for (const flag of ['HttpOnly', 'SameSite=Strict', 'Path=/']) assert.ok(flags.includes(flag), flag);
  assert.ok(!flags.includes('Secure'), 'not Secure over plain HTTP: the browser would drop it');
  assert.ok(flags.some((f) => /^Max-Age=\d+$/.test(f)));

  // A forwarded "https" is believed only from a trusted proxy.
  const spoofed = await login(s.base, 'bob', PASSWORD, { 'X-Forwarded-Proto': 'https' });
  assert.ok(!spoofed.setCookie.includes('Secure'), 'X-Forwarded-Proto is ignored unless trusted');
  const proxied = await startTemp({ trustProxy: true });
  try {
    addReviewer(proxied.dataDir, 'carol', PASSWORD);
    const behind = await login(proxied.base, 'carol', PASSWORD, { 'X-Forwarded-Proto': 'https' });
    assert.equal(behind.res.status, 303);
    assert.ok(behind.setCookie.split(';').map((p) => p.trim()).includes('Secure'));
  } finally {
    await proxied.close();
  }

  const list = await getPage(s.base, '/review', cookie);
  assert.equal(list.status, 200);
  const html = await list.text();
  assert.match(html, /alice/);
  assert.doesNotMatch(html, /<script|style=|<style/i);
  const api = await fetch(`${s.base}/api/submissions`, { headers: { Cookie: cookie } });
  assert.equal(api.status, 200);
  assert.ok(Array.isArray((await api.json()).submissions));
});

test('signing out ends the session on the server: the old cookie opens nothing', async () => {
  const { cookie } = await login(s.base, 'bob', PASSWORD);
  const csrf = await csrfOf(s.base, cookie);
  assert.ok(csrf);
  // Without the form's token the sign-out is refused, and the session lives on.
  let res = await formPost(s.base, '/review/logout', { csrf: 'forged' }, { cookie });
  assert.equal(res.status, 403);
  assert.equal((await getPage(s.base, '/review', cookie)).status, 200);
  res = await formPost(s.base, '/review/logout', { csrf }, { cookie });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/review/login');
  assert.match(res.headers.get('set-cookie'), /nianbao_session=;.*Max-Age=0/);
  assert.equal((await getPage(s.base, '/review', cookie)).status, 303, 'the old cookie is no longer a session');
  assert.equal((await fetch(`${s.base}/api/submissions`, { headers: { Cookie: cookie } })).status, 401);
});

test('a session expires on the server: past its time the cookie opens nothing', async () => {
  const { cookie } = await login(s.base, 'bob', PASSWORD);
  assert.equal((await getPage(s.base, '/review', cookie)).status, 200);
  const db = new Database(join(s.dataDir, 'nianbao.db'));
  try {
    const { changes } = db.prepare('UPDATE sessions SET expires_at = ? WHERE expires_at > ?').run(Date.now() - 1, Date.now());
    assert.ok(changes >= 1);
  } finally {
    db.close();
  }
  assert.equal((await getPage(s.base, '/review', cookie)).status, 303);
  assert.equal((await fetch(`${s.base}/api/submissions`, { headers: { Cookie: cookie } })).status, 401);
});

test('cross-site POSTs are refused: another site, no Origin at all, a foreign Origin', async () => {
  const { cookie } = await login(s.base, 'alice', PASSWORD);
  const csrf = await csrfOf(s.base, cookie);
  const attempts = [
    { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
    { 'Sec-Fetch-Site': 'same-site', Origin: s.base },
    { 'Sec-Fetch-Site': '', Origin: '' },
  ];
  for (const headers of attempts) {
    for (const path of ['/review/logout', '/review/login']) {
      const res = await fetch(`${s.base}${path}`, {
        method: 'POST', redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, ...Object.fromEntries(Object.entries(headers).filter(([, v]) => v)) },
        body: new URLSearchParams({ csrf, name: 'alice', password: PASSWORD }).toString(),
      });
      assert.equal(res.status, 403, `${path} with ${JSON.stringify(headers)}`);
      assert.equal(res.headers.get('set-cookie'), null);
    }
  }
  // An older browser: no Sec-Fetch-Site, the Origin decides.
  const foreign = await formPost(s.base, '/review/logout', { csrf }, { cookie, headers: { 'Sec-Fetch-Site': undefined, Origin: 'http://evil.example' } });
  assert.equal(foreign.status, 403);
  const old = await startTemp();
  try {
    addReviewer(old.dataDir, 'erin', PASSWORD);
    const own = await login(old.base, 'erin', PASSWORD, { 'Sec-Fetch-Site': undefined });
    assert.equal(own.res.status, 303, 'the same Origin without Sec-Fetch-Site signs in');
  } finally {
    await old.close();
  }
  assert.equal((await getPage(s.base, '/review', cookie)).status, 200, 'still signed in after all of that');
});

test('the login is rate-limited per name (even with the right password) and per address', async () => {
  const limited = await startTemp();
  try {
    addReviewer(limited.dataDir, 'dora', PASSWORD);
    for (let i = 0; i < 5; i++) assert.equal((await login(limited.base, 'dora', `wrong ${i}`)).res.status, 401);
    const blocked = await login(limited.base, 'dora', PASSWORD);
    assert.equal(blocked.res.status, 429);
    assert.ok(Number(blocked.res.headers.get('retry-after')) > 0);
    assert.equal(blocked.setCookie, null);
    // Per address: many names from one client.
    let status;
    for (let i = 0; i < 25 && status !== 429; i++) status = (await login(limited.base, `nobody${i}`, 'x')).res.status;
    assert.equal(status, 429);
  } finally {
    await limited.close();
  }
});

test('the list shows the latest submission of each issuer and year; the report page its history and findings', async () => {
  const doc = longde({ issuer: '审核测试县' });
  doc.proactive.rules.issued = 3;
  doc.reasons = { 'proactive.in_force_floor:rules': '年底发布' };
  const first = await (await postReport(s.base, doc)).json();
  const second = await (await postReport(s.base, doc)).json();
  assert.equal(second.version, 2);
  const { cookie } = await login(s.base, 'alice', PASSWORD);
  const html = await (await getPage(s.base, '/review', cookie)).text();
  const row = new RegExp(`<a href="/review/report/${second.id}">审核测试县</a></th><td>2024</td>\\s*<td><time[^>]*>[^<]+</time></td>\\s*`
    + '<td class="n">0</td><td class="n">1</td><td class="n">1</td><td class="n">2</td>');
  assert.match(html, row, 'errors 0, warnings 1, explained 1, versions 2');
  assert.doesNotMatch(html, new RegExp(first.id), 'only the latest version is listed');

  const page = await getPage(s.base, `/review/report/${first.id}`, cookie);
  assert.equal(page.status, 200);
  const report = await page.text();
  assert.match(report, new RegExp(`<a href="/review/report/${second.id}">第 2 版</a>`));
  assert.match(report, /第 1 版（本页）/);
  // The same view as `nianbao check --html` (lib/review/): the finding links to its cell, the cell is marked.
  assert.match(report, /<li data-severity="warning" data-rule="proactive.in_force_floor" data-finding="proactive.in_force_floor:rules">[\s\S]*?href="#r-c-proactive.rules.in_force"/);
  assert.match(report, /<td [^>]*data-cell="proactive.rules.in_force" data-severity="warning">/);
  assert.match(report, /填报说明的原因：年底发布/, 'the clerk\'s reason is shown');
  assert.match(report, /<td [^>]*data-cell="proactive.fees.amount">611.1281<\/td>/);
  assert.doesNotMatch(report, /<script|style=|<style/i);
  assert.equal((await getPage(s.base, '/review/report/nope', cookie)).status, 404);
});

/** Posts a file to /review/check as the page's form would. */
async function drop(cookie, csrf, name, content, type = 'application/octet-stream') {
  const form = new FormData();
  form.set('csrf', csrf);
  form.set('report', new Blob([content], { type }), name);
  return fetch(`${s.base}/review/check`, {
    method: 'POST', redirect: 'manual', body: form, headers: { Cookie: cookie, Origin: s.base, 'Sec-Fetch-Site': 'same-origin' },
  });
}

test('a dropped published report is read and checked (JSON, HTML, text); an unreadable one says why', async () => {
  const { cookie } = await login(s.base, 'alice', PASSWORD);
  const csrf = await csrfOf(s.base, cookie);
  const broken = longdeText.replace('"natural_person": 10', '"natural_person": 12');
  let res = await drop(cookie, csrf, 'longde.json', broken, 'application/json');
  assert.equal(res.status, 200);
  let html = await res.text();
  assert.match(html, /data-finding="requests.row_total:disclosed"/);
  assert.match(html, /此次核对不保存/);

  const text = await readFile(new URL('../data/longde-2024.txt', import.meta.url), 'utf8');
  res = await drop(cookie, csrf, 'longde.txt', text, 'text/plain');
  html = await res.text();
  assert.equal(res.status, 200, html);
  assert.match(html, /隆德县/);
  assert.match(html, /<td [^>]*data-cell="proactive.licensing.decisions">4513<\/td>/);

  const demo = JSON.parse(await readFile(new URL('../data/import/demo-2023-html.json', import.meta.url), 'utf8'));
  const page = await readFile(new URL('../data/import/demo-2023.html', import.meta.url));
  res = await drop(cookie, csrf, 'demo-2023.html', page, 'text/html');
  html = await res.text();
  assert.equal(res.status, 200, html);
  assert.match(html, /读取方式：html/);
  assert.match(html, new RegExp(`<td [^>]*data-cell="proactive.licensing.decisions">${demo.proactive.licensing.decisions}</td>`));

  // A PDF needs lib/read/; without it the reviewer is told so (with it, the reader's own tests apply).
  if (!existsSync(new URL('../../lib/read/index.mjs', import.meta.url))) {
    res = await drop(cookie, csrf, 'published.pdf', '%PDF-1.7 ...', 'application/pdf');
    assert.equal(res.status, 422);
    assert.match(await res.text(), /只能读取 .json .txt .md .html .htm 文件（读取 PDF 和 Word 的模块 lib\/read\/ 未安装）/);
  }

  res = await drop(cookie, csrf, 'scan.json', '{"not": "a report"', 'application/json');
  assert.equal(res.status, 422);
  assert.match(await res.text(), /无法读取“scan.json”/);
  res = await drop(cookie, csrf, 'bytes.txt', new Uint8Array([0xff, 0xfe, 0x00, 0x41]));
  assert.equal(res.status, 422);

  // Without the session's token, or from another site, nothing is read.
  res = await drop(cookie, 'forged', 'longde.json', longdeText);
  assert.equal(res.status, 403);
  res = await fetch(`${s.base}/review/check`, { method: 'POST', redirect: 'manual', body: new FormData(), headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' } });
  assert.equal(res.status, 403);
});
