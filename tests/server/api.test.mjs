// The collecting server's API over HTTP: every accepted submission kept as a version, the latest
// one found by issuer (the core's issuerKey rule) and year, and last year's stored report used for
// the cross-year checks of each new submission.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTemp, longde, longdeText, postReport, stored, CSP } from './support.mjs';

let s;
before(async () => { s = await startTemp(); }, { timeout: 30_000 });
after(async () => { await s?.close(); }, { timeout: 30_000 });

const latest = (issuer, year) => fetch(`${s.base}/api/reports?${new URLSearchParams({ issuer, year })}`);

test('a resubmission adds a version and never overwrites; GET finds the latest by issuer and year', async () => {
  const first = await postReport(s.base, longde({ issuer: '版本测试县人民政府' }));
  assert.equal(first.status, 201);
  const a = await first.json();
  assert.equal(a.version, 1);
  const second = await postReport(s.base, longde({ issuer: '版本测试县人民政府', text: '第二次报送。' }));
  assert.equal(second.status, 201);
  const b = await second.json();
  assert.equal(b.version, 2);
  assert.match(b.message, /第 2 版/);
  assert.notEqual(a.id, b.id);

  // Both kept, each with its own content.
  const mine = stored(s.dataDir).filter((x) => x.issuer === '版本测试县人民政府');
  assert.deepEqual(mine.map((x) => x.version), [2, 1]);
  assert.equal(JSON.parse(mine.find((x) => x.id === a.id).report).text, JSON.parse(longdeText).text);
  assert.equal(JSON.parse(mine.find((x) => x.id === b.id).report).text, '第二次报送。');
  const old = await fetch(`${s.base}/api/reports/${a.id}`);
  assert.equal((await old.json()).text, JSON.parse(longdeText).text, 'version 1 is still served');

  // The issuer is matched by the core's rule: spaces do not make another agency.
  const res = await latest(' 版本测试县 人民政府 ', '2024');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-security-policy'), CSP);
  assert.equal(res.headers.get('x-nianbao-id'), b.id);
  assert.equal(res.headers.get('x-nianbao-version'), '2');
  assert.equal(res.headers.get('content-location'), `/api/reports/${b.id}`);
  assert.ok(res.headers.get('x-nianbao-received-at'));
  const body = await res.json();
  assert.equal(body.text, '第二次报送。');
  assert.equal(body.issuer, '版本测试县人民政府');
});

test('no report of that issuer or year is a 404 that says which; a bad question is a 400', async () => {
  let res = await latest('没有这个单位', '2024');
  assert.equal(res.status, 404);
  let body = await res.json();
  assert.equal(body.error, 'not_found');
  assert.match(body.message, /没有这个单位/);
  assert.match(body.message_en, /2024/);
  await postReport(s.base, longde({ issuer: '只有2024年的单位' }));
  assert.equal((await latest('只有2024年的单位', '2023')).status, 404);
  for (const query of ['issuer=x', 'year=2024', 'issuer=x&year=24', 'issuer=%20&year=2024', 'issuer=x&year=2024x']) {
    res = await fetch(`${s.base}/api/reports?${query}`);
    assert.equal(res.status, 400, query);
    body = await res.json();
    assert.equal(body.error, 'bad_query');
  }
  assert.equal((await fetch(`${s.base}/api/reports/2024-20250101T000000-00000000`)).status, 404);
});

test('the stored report is canonical JSON with the reasons, its decimals as text, and its check result kept', async () => {
  const doc = longde({ issuer: '精确数字县', reasons: { 'proactive.in_force_floor:rules': '年底发布' } });
  doc.proactive.rules.issued = 3;
  // Money as the form sends it, text; and as a JSON number. Both are kept as the core's exact text.
  doc.proactive.fees.amount = '12345678.0001';
  const res = await postReport(s.base, JSON.stringify(doc).replace('"amount":"12345678.0001"', '"amount":12345678.0001'));
  const answer = await res.json();
  assert.equal(res.status, 201, JSON.stringify(answer));
  const [row] = stored(s.dataDir).filter((x) => x.id === answer.id);
  assert.match(row.report, /"amount":"12345678\.0001"/, 'the decimal as text, never a float');
  const report = JSON.parse(row.report);
  assert.equal(report.reasons['proactive.in_force_floor:rules'], '年底发布');
  assert.equal(report.proactive.rules.issued, 3);
  assert.equal(row.warnings, 1);
  assert.equal(row.explained, 1);
  assert.equal(row.errors, 0);
  assert.deepEqual(row.result.findings.map((f) => f.id), ['proactive.in_force_floor:rules']);
  assert.ok(/^\d{4}-\d\d-\d\dT/.test(row.receivedAt));
});

test('each submission is checked against last year\'s stored report: cross_year findings in the 422 and the 201', async () => {
  const issuer = '跨年核对县人民政府';
  // 2023 as stored: 14 in force; 2024 issues 1 and repeals 2, so 13 would follow, but it says 14.
  const y2023 = longde({ issuer, year: 2023 });
  let res = await postReport(s.base, y2023);
  assert.equal(res.status, 201);
  const previousId = (await res.json()).id;

  res = await postReport(s.base, longde({ issuer: ` ${issuer}` }));
  assert.equal(res.status, 422);
  let body = await res.json();
  assert.deepEqual(body.unexplained, ['cross_year.in_force:normative_documents']);
  const finding = body.findings.find((f) => f.id === 'cross_year.in_force:normative_documents');
  assert.equal(finding.expected, '13');
  assert.equal(finding.actual, '14');
  assert.equal(body.previous.id, previousId);
  assert.equal(body.previous.year, '2023');

  res = await postReport(s.base, longde({ issuer, reasons: { 'cross_year.in_force:normative_documents': '上年数字有误，已更正' } }));
  assert.equal(res.status, 201);
  body = await res.json();
  assert.equal(body.previous.id, previousId);
  assert.ok(body.findings.some((f) => f.id === 'cross_year.in_force:normative_documents'), 'the 201 names the finding');
  const row = stored(s.dataDir).find((x) => x.id === body.id);
  assert.equal(row.previousId, previousId);
  assert.equal(row.explained, 1);

  // A 2023 report that agrees with 2024: no cross-year finding, and still paired.
  const other = '跨年一致县';
  const agreeing = longde({ issuer: other, year: 2023 });
  agreeing.proactive.normative_documents.in_force = 15;
  assert.equal((await postReport(s.base, agreeing)).status, 201);
  res = await postReport(s.base, longde({ issuer: other }));
  assert.equal(res.status, 201);
  body = await res.json();
  assert.ok(body.previous, 'last year\'s report was used');
  assert.equal(body.findings.filter((f) => f.rule.startsWith('cross_year.')).length, 0);

  // With no report of last year stored, nothing is paired.
  res = await postReport(s.base, longde({ issuer: '无上年年报县' }));
  assert.equal((await res.json()).previous, null);
});

test('GET /api/submissions, the list of everything, is closed without a session', async () => {
  const res = await fetch(`${s.base}/api/submissions`);
  assert.equal(res.status, 401);
  assert.equal((await res.json()).error, 'unauthorized');
  assert.equal(res.headers.get('content-security-policy'), CSP);
  const forged = await fetch(`${s.base}/api/submissions`, { headers: { Cookie: 'nianbao_session=' + 'A'.repeat(43) } });
  assert.equal(forged.status, 401);
});
