// `nianbao check … --html FILE`: the page's structure, escaping of hostile issuers, file names and
// values, unreadable files in the summary, --lang en, --previous-dir pairs, several equally small
// corrections; and the per-report view the collecting server reuses. The page in a browser:
// tests/e2e/review-page.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { check, schema } from 'nianbao';
import { htmlDocument } from '../../lib/tables/html.js';
import { reportView, cellMarks } from '../../lib/review/view.js';
import { inlineModules } from '../../bin/lib/review/inline.mjs';
import { renderReport } from '../../lib/review/render.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'bin', 'nianbao.mjs');
const EXAMPLE = JSON.parse(readFileSync(join(ROOT, 'tests', 'data', 'longde-2024.json'), 'utf8'));
const HOSTILE = '<img src=x onerror=alert(1)>';
const HOSTILE_FILE = `b-"<i>&x'.json`;
let dir;

/** Runs the CLI; resolves to { code, stdout, stderr, html } (html: the page written, if any). */
async function run(args, out = join(dir, `page-${Math.random().toString(36).slice(2)}.html`)) {
  let code = 0;
  let stdout;
  let stderr;
  try {
    ({ stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, 'check', ...args, '--html', out, '--jobs', '2']));
  } catch (e) {
    ({ code, stdout, stderr } = e);
  }
  let html = null;
  try { html = readFileSync(out, 'utf8'); } catch { /* not written */ }
  return { code, stdout, stderr, html };
}

const write = (path, value) => writeFileSync(join(dir, path), typeof value === 'string' ? value : JSON.stringify(value));
const dataOf = (html) => JSON.parse(/<script type="application\/json" id="review-data">(.*?)<\/script>/s.exec(html)[1]);
const summaryRows = (html) => /<table id="summary-table">.*?<tbody>(.*?)<\/tbody>/s.exec(html)[1].split('</tr>').filter(Boolean);

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-review-'));
  mkdirSync(join(dir, 'now'));
  mkdirSync(join(dir, 'last'));
  const hostile = structuredClone(EXAMPLE);
  hostile.issuer = HOSTILE;
  hostile.requests.new.natural_person = Number(EXAMPLE.requests.new.natural_person) + 3;
  write('now/a-longde.json', EXAMPLE);
  write(`now/${HOSTILE_FILE}`, hostile);
  write('now/c-broken.json', '{ "issuer": ');
  const last = structuredClone(EXAMPLE);
  last.year = EXAMPLE.year - 1;
  write('last/longde-last.json', last);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('one self-contained page: zh-CN, a summary row per file, a report per readable file, nothing to fetch', async () => {
  const { code, html } = await run([join(dir, 'now')]);
  assert.equal(code, 2, 'a file could not be read');
  assert.match(html, /^<!doctype html>\n<html lang="zh-CN">/);
  assert.equal(summaryRows(html).length, 3);
  assert.equal((html.match(/<details class="report"/g) ?? []).length, 2);
  assert.match(html, /<th scope="col" data-type="text">发布机关<\/th>/);
  assert.match(html, /无法核对的单元格/);
  // Nothing is fetched: no external stylesheet, script, image or frame, no http(s) URL at all.
  assert.doesNotMatch(html, /<link|<script[^>]* src=|<img|<iframe|url\(|https?:\/\//i);
  assert.equal((html.match(/<script/g) ?? []).length, 2, 'the data and the inlined script');
  assert.match(html, /<style>/);
  // The data the script draws from: the schema's tables once, 200 values and the marks a report.
  const data = dataOf(html);
  assert.equal(data.lang, 'zh');
  assert.deepEqual(data.tables.map((t) => t.key), schema().tables.map((t) => t.key));
  assert.equal(data.reports.length, 2);
  assert.equal(data.reports[0].values.length, 200);
  assert.equal(data.reports[0].values[data.index['proactive.fees.amount']], '611.1281', 'exact, as the package reads it');
  assert.deepEqual(data.reports[1].marks, { 'requests.new.natural_person': { severity: 'error', expected: String(EXAMPLE.requests.new.natural_person) } });
});

test('a hostile issuer, file name and cell value appear as text, never as markup', async () => {
  const evil = structuredClone(EXAMPLE);
  evil.issuer = `${HOSTILE}</script><script>alert(2)</script>`;
  evil.requests.new.total = '</script><script>alert(3)</script>';
  write('evil.json', evil);
  const { html } = await run([join(dir, 'evil.json'), join(dir, 'now', HOSTILE_FILE)]);
  assert.doesNotMatch(html, /<img|<i>|alert\(\d\)<\/script>|<script>alert/);
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the issuer, escaped');
  assert.ok(html.includes(`b-"&lt;i&gt;&amp;x'.json`), 'the file name, escaped');
  assert.equal((html.match(/<\/script>/g) ?? []).length, 2, 'no value ends a script element');
  assert.equal(dataOf(html).reports[0].values[dataOf(html).index['requests.new.total']], '</script><script>alert(3)</script>');
});

test('an unreadable file is in the summary with its reason, among the good ones, and the page is still written', async () => {
  const { code, html, stderr } = await run([join(dir, 'now'), join(dir, 'no-such.json')]);
  assert.equal(code, 2);
  assert.match(stderr, /no-such\.json: no such file/);
  const rows = summaryRows(html);
  assert.equal(rows.length, 4);
  const broken = rows.find((r) => r.includes('c-broken.json'));
  assert.match(broken, /data-status="unreadable"/);
  assert.match(broken, /无法读取：not valid JSON/);
  assert.match(rows.find((r) => r.includes('no-such.json')), /无法读取：no such file/);
  assert.match(html, /共 4 个文件：1 个有错误，0 个有警告，2 个无法读取。/);
});

test('--lang en: the page, the columns and the findings in English', async () => {
  const out = join(dir, 'en.html');
  await run([join(dir, 'now'), '--lang', 'en'], out);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /<html lang="en">/);
  assert.match(html, />Cells not assessable</);
  const finding = check(JSON.parse(readFileSync(join(dir, 'now', HOSTILE_FILE), 'utf8'))).findings[0];
  assert.ok(html.includes(finding.message_en.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')));
  assert.ok(!html.includes(finding.message), 'no Chinese message');
  assert.match(html, /Cannot be read: not valid JSON/);
  assert.equal(dataOf(html).lang, 'en');
});

test('--previous-dir: each report names the report it was compared with, or that none was found', async () => {
  const other = structuredClone(EXAMPLE);
  other.issuer = '另一县人民政府';
  write('now/d-other.json', other);
  const { html } = await run([join(dir, 'now'), '--previous-dir', join(dir, 'last')]);
  rmSync(join(dir, 'now', 'd-other.json'));
  const sections = html.split('<details class="report"').slice(1);
  const longde = sections.find((s) => s.includes('a-longde.json'));
  assert.ok(longde.includes(`与上年年报比较：${join(dir, 'last', 'longde-last.json')}（${EXAMPLE.issuer} ${EXAMPLE.year - 1} 年）`), longde.slice(0, 600));
  assert.match(sections.find((s) => s.includes('d-other.json')), /未找到同一机关的上年年报/);
});

test('--previous with another issuer\'s report: the page names the file and says the two do not match', async () => {
  const other = structuredClone(EXAMPLE);
  other.issuer = '另一县人民政府';
  other.year = EXAMPLE.year - 1;
  write('other-last.json', other);
  const { html } = await run([join(dir, 'now', 'a-longde.json'), '--previous', join(dir, 'other-last.json')]);
  assert.ok(html.includes(`与上年年报比较：${join(dir, 'other-last.json')}`));
  assert.ok(html.includes(`注意：上年年报是「另一县人民政府」${EXAMPLE.year - 1} 年的，本报告是「${EXAMPLE.issuer}」${EXAMPLE.year} 年的。`));
});

test('several equally small corrections are all listed, each linking to its cell', async () => {
  const ambiguous = structuredClone(EXAMPLE);
  ambiguous.appeals.review.total = Number(EXAMPLE.appeals.review.total) + 2;
  write('ambiguous.json', ambiguous);
  const { html } = await run([join(dir, 'ambiguous.json')]);
  const result = check(ambiguous);
  assert.ok(result.ambiguous);
  assert.match(html, new RegExp(`有 ${result.suggestions.length} 种同样小的改法`));
  const list = /<ol class="suggestion-list">(.*?)<\/ol>/s.exec(html)[1];
  assert.equal((list.match(/<li>/g) ?? []).length, result.suggestions.length);
  for (const s of result.suggestions) assert.ok(list.includes(`href="#r1-c-${s.changes[0].cell}"`), s.changes[0].cell);
});

test('a prose finding quotes its sentence and links to the cell it is about', () => {
  const report = structuredClone(EXAMPLE);
  report.text = '一、总体情况\n本年度共收到政府信息公开申请 99 件。';
  const result = check(report);
  const html = String(reportView(result, report, { doc: htmlDocument, schema: schema(), prefix: 'x' }));
  const item = /<li data-severity="warning" data-rule="text.count"[^>]*>.*?<\/li>/s.exec(html)[0];
  assert.match(item, /“本年度共收到政府信息公开申请 99 件”/);
  assert.match(item, /⚠ <\/span>警告/);
  assert.match(item, /href="#x-c-requests\.new\.total"/);
});

test('reportView (the server’s review area): findings and the three tables, every cell with data-cell, the marked one with the fix', () => {
  const report = structuredClone(EXAMPLE);
  report.proactive.rules.issued = 'x';
  const result = check(report);
  const html = String(reportView(result, report, { doc: htmlDocument, schema: schema(), prefix: 'one', lang: 'en' }));
  assert.equal((html.match(/<td [^>]*data-cell="/g) ?? []).length, schema().cells.length);
  const marked = /<td [^>]*data-cell="proactive\.rules\.issued"[^>]*>.*?<\/td>/.exec(html)[0];
  assert.match(marked, /data-severity="error"/);
  assert.match(marked, /headers="one-proactive-h\d+ one-proactive-h\d+"/);
  assert.match(marked, /Error<\/span><span class="printed">x<\/span>/);
  assert.deepEqual(Object.keys(cellMarks(result.findings)), ['proactive.rules.issued']);
});

test('renderReport (for the server): JSON text read by the package, the clerk\'s reason shown with its warning', () => {
  const report = structuredClone(EXAMPLE);
  report.proactive.rules.in_force = 0;
  report.proactive.rules.issued = 1; // in force below issued: a warning
  const result = check(report);
  const warning = result.findings.find((f) => f.severity === 'warning' && f.cell);
  assert.ok(warning, JSON.stringify(result.findings.map((f) => f.id)));
  report.reasons = { [warning.id]: '年底<发布>' };
  const text = JSON.stringify(report).replace('"amount":"611.1281"', '"amount":611.1281');
  assert.ok(text.includes('"amount":611.1281'), 'a number in the JSON text');
  const html = renderReport(text, check(text), { prefix: 's1' });
  assert.equal((html.match(/<td [^>]*data-cell="/g) ?? []).length, schema().cells.length);
  assert.match(html, /data-cell="proactive\.fees\.amount"[^>]*>611\.1281/);
  assert.match(html, new RegExp(`data-cell="${warning.cell.replace(/\./g, '\\.')}" data-severity="warning"`));
  assert.match(html, /<span class="reason">填报说明的原因：年底&lt;发布&gt;<\/span>/);
});

test('the inliner joins the client and the drawing into one script, and refuses a form it does not know', () => {
  const script = inlineModules(new URL('../../lib/review/client.js', import.meta.url));
  assert.doesNotMatch(script, /^\s*(import|export)\b/m);
  for (const name of ['function tableLayout', 'function drawTable', 'function drawReportTables']) assert.ok(script.includes(name), name);
  new Function(script); // it parses as a classic script
  const odd = join(dir, 'odd.js');
  writeFileSync(odd, "export default 1;\n");
  assert.throws(() => inlineModules(new URL(`file://${odd}`)), /import or export form/);
});

test('a page that cannot be written is a clear message and exit status 2, after the check', async () => {
  const { code, stderr, stdout } = await run([join(dir, 'now', 'a-longde.json')], join(dir, 'no-such-folder', 'page.html'));
  assert.equal(code, 2);
  assert.match(stderr, /--html .*no-such-folder.*page\.html: its folder does not exist/);
  assert.match(stdout, /共 1 个文件/, 'the check itself was still printed');
});
