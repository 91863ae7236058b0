// nianbao/read on the committed fixtures (tests/data/files, made by scripts/fixtures/): every cell
// of every file read equal to the canonical report, cell for cell; each file with the planted
// error gets exactly that error from check() and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { check, schema } from 'nianbao';
import { readReport, readText } from 'nianbao/read';

const data = (name) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
const FILES = readdirSync(data('files')).sort();
const CLEAN = JSON.parse(readFileSync(data('longde-2024.json'), 'utf8'));
const WRONG = JSON.parse(readFileSync(data('longde-2024-error.json'), 'utf8'));
const CELLS = schema().cells.map((c) => c.id);
const at = (report, id) => id.split('.').reduce((o, k) => o?.[k], report);
// The one cell where the two canonical reports differ: the planted error.
const [PLANTED] = CELLS.filter((id) => String(at(CLEAN, id)) !== String(at(WRONG, id)));

const FORMATS = { pdf: 'pdf', docx: 'docx', html: 'html' };

test('the fixtures: every kind, each clean and with the planted error', () => {
  assert.equal(CELLS.length, 200);
  assert.equal(PLANTED, 'requests.unable_not_held.natural_person');
  for (const kind of ['.pdf', '.chromium.pdf', '.docx', '.mso.html', '.gbk.html']) {
    assert.ok(FILES.includes(`longde-2024${kind}`), kind);
  }
  for (const kind of ['.pdf', '.docx', '.mso.html']) assert.ok(FILES.includes(`longde-2024-error${kind}`), kind);
});

for (const name of FILES) {
  const expected = name.startsWith('longde-2024-error') ? WRONG : CLEAN;

  test(`${name}: all 200 cells, the issuer and the year read as published`, async () => {
    const bytes = readFileSync(data(`files/${name}`));
    const { report, unplaced, missing_rows, unread, format } = await readReport(bytes, { name });
    assert.equal(format, FORMATS[name.split('.').at(-1)]);
    assert.deepEqual([unplaced, missing_rows, unread], [[], [], []]);
    const wrong = CELLS.filter((id) => String(at(report, id)) !== String(at(expected, id)))
      .map((id) => `${id}: read ${at(report, id)}, published ${at(expected, id)}`);
    assert.deepEqual(wrong, []);
    assert.equal(report.issuer, expected.issuer);
    assert.equal(report.year, expected.year);
  });

  test(`${name}: check() finds ${expected === WRONG ? 'the planted error and nothing else' : 'nothing'}`, async () => {
    const { report } = await readReport(readFileSync(data(`files/${name}`)), { name });
    const result = check(report, { blanks: 'warning' });
    if (expected === CLEAN) {
      assert.deepEqual(result.findings.map((f) => `${f.rule} ${f.cell}`), []);
      return;
    }
    assert.deepEqual(result.findings.map((f) => [f.rule, f.severity, f.cell]).sort(), [
      ['requests.result_total', 'error', PLANTED],
      ['requests.row_total', 'error', PLANTED],
    ]);
    assert.equal(result.suggestions.length, 1);
    assert.deepEqual(result.suggestions[0].changes.map((c) => [c.cell, String(c.to)]), [[PLANTED, String(at(CLEAN, PLANTED))]]);
  });
}

test('the LibreOffice PDF: its page numbers and the header repeated on the next page are dropped, and said so', async () => {
  const { notes, text } = await readText(readFileSync(data('files/longde-2024.pdf')));
  assert.deepEqual(notes.filter((n) => /page number/.test(n)).length, 5, notes.join('\n'));
  assert.equal(notes.filter((n) => /^page \d: repeated table header dropped$/.test(n)).length, 1, notes.join('\n'));
  assert.equal(text.match(/申请人情况/g).length, 1);
  assert.doesNotMatch(text, /^- ?\d+ ?-$/m);
});

test('the GBK page reads as the UTF-8 one: its charset is taken from the meta tag', async () => {
  const gbk = readFileSync(data('files/longde-2024.gbk.html'));
  assert.match(gbk.subarray(0, 400).toString('latin1'), /charset=gbk/);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk), 'the bytes are not UTF-8');
  const [a, b] = await Promise.all([readText(gbk), readText(readFileSync(data('files/longde-2024.mso.html')))]);
  assert.equal(a.text, b.text);
  assert.match(a.text, /^隆德县 2024 年政府信息公开工作年度报告\n/);
});

test('a web page: its navigation, scripts and footer are left out, the article and its title kept', async () => {
  const { text, notes } = await readText(readFileSync(data('files/longde-2024.mso.html')));
  for (const outside of ['首页', '网站标识码', '本年新收 999', 'visits', '浏览次数']) assert.ok(!text.includes(outside), outside);
  assert.ok(notes.some((n) => /article/.test(n)));
  // Cells padded with &nbsp; and wrapped in <p><span>: one clean cell each.
  assert.match(text, /^四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0$/m);
});

test('a .docx: merged cells from gridSpan and vMerge, the merge traces left out', async () => {
  const { text } = await readText(readFileSync(data('files/longde-2024.docx')));
  // vMerge: the group label once, on its first row; gridSpan: 一 spans the three label columns.
  assert.match(text, /^（三）不予公开\t1\.属于国家秘密\t0(\t0){6}$/m);
  assert.match(text, /^2\.其他法律行政法规禁止公开\t0(\t0){6}$/m);
  assert.match(text, /^一、本年新收政府信息公开申请数量\t14\t1\t0\t0\t0\t0\t15$/m);
  assert.match(text, /^行政许可\t4513$/m);
});

test('a row whose label is not found: its cells listed as unread, not taken for printed blanks', async () => {
  // (「2.其他法律行政止公开」, the typo this test used, is now a declared variant: see below.)
  const page = readFileSync(data('files/longde-2024.mso.html'), 'utf8').replace('2.其他法律行政法规禁止公开', '2.法律另有规定的');
  const { missing_rows, unread } = await readReport(page);
  assert.ok(missing_rows.includes('requests.withheld_prohibited_by_law'), missing_rows.join());
  assert.deepEqual(unread.filter((id) => id.startsWith('requests.withheld_prohibited_by_law.')).length, 7);
  assert.equal(unread.length, 7 * missing_rows.length);
});

// 「（四）无法提供 1.本机关不掌握相关政府信息」 holds 3 requests of the 15: a reader that loses it must
// not make （七）总计 look wrong.
const UNABLE = 'requests.unable_not_held';
const unablePage = (label) =>
  readFileSync(data('files/longde-2024.mso.html'), 'utf8').replace('1.本机关不掌握相关政府信息', label);

test('a web page whose row label cannot be recognised: no error, only not-assessable warnings naming that row', async () => {
  const { report, unread, missing_rows, matched } = await readReport(unablePage('1.本单位没有该项信息'), { name: 'page.html' });
  assert.deepEqual(missing_rows, [UNABLE]);
  assert.deepEqual(matched, []);
  const cells = CELLS.filter((id) => id.startsWith(`${UNABLE}.`));
  assert.deepEqual(unread, cells);
  const result = check(report, { blanks: 'warning', unread });
  assert.equal(result.errors, 0, result.findings.map((f) => f.message_en).join('\n'));
  assert.deepEqual(result.findings.map((f) => f.id), ['sums.not_assessable:requests.row_total', 'sums.not_assessable:requests.result_total']);
  for (const f of result.findings) {
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.cells, cells);
    assert.match(f.message, /「（四）无法提供 1\.本机关不掌握相关政府信息」整行/);
  }
  // The rule is in the catalogue the form and the CLI group findings by.
  assert.equal(schema().rules.find((r) => r.id === 'sums.not_assessable')?.category, 'sum');
  // What the option prevents: read as blanks, the lost row is a false （七）总计 error.
  assert.ok(check(report, { blanks: 'warning' }).findings.some((f) => f.rule === 'requests.result_total'));
});

test('a web page with a one-character typo in a row label: the row is read, and the match is named', async () => {
  const { report, unread, matched } = await readReport(unablePage('1.本机关不掌握相关政府信'), { name: 'page.html' });
  assert.deepEqual(unread, []);
  assert.deepEqual(matched.map((m) => [m.row, m.how, m.label]), [[UNABLE, 'near', '本机关不掌握相关政府信']]);
  assert.deepEqual(report.requests.unable_not_held, CLEAN.requests.unable_not_held);
  assert.deepEqual(check(report, { blanks: 'warning', unread }).findings, []);
});

test('a web page whose row lost its cell borders (one <td> of 3000003): split the one way it adds up, and named', async () => {
  const page = readFileSync(data('files/longde-2024.mso.html'), 'utf8');
  const row = page.indexOf('1.本机关不掌握相关政府信息');
  const end = page.indexOf('</tr>', row);
  // The row's seven number cells as one cell holding their digits.
  const cells = [...page.slice(row, end).matchAll(/<td[^>]*>[\s\S]*?<\/td>/g)];
  assert.equal(cells.length, 7);
  const from = row + cells[0].index;
  const to = row + cells[6].index + cells[6][0].length;
  const glued = page.slice(0, from) + '<td>3000003</td>' + page.slice(to);
  const { report, unread, split } = await readReport(glued, { name: 'page.html' });
  assert.deepEqual(unread, []);
  assert.deepEqual(split.map((s) => [s.rows, s.text, s.values.join(' ')]), [[[UNABLE], '3000003', '3 0 0 0 0 0 3']]);
  assert.deepEqual(report.requests.unable_not_held, CLEAN.requests.unable_not_held);
});

test('a web page printing a declared variant (其他法律行政止公开): read into its row, named as a variant', async () => {
  const page = readFileSync(data('files/longde-2024.mso.html'), 'utf8').replace('2.其他法律行政法规禁止公开', '2.其他法律行政止公开');
  const { unread, matched, missing_rows } = await readReport(page, { name: 'page.html' });
  assert.deepEqual([unread, missing_rows], [[], []]);
  assert.deepEqual(matched.map((m) => [m.row, m.how]), [['requests.withheld_prohibited_by_law', 'variant']]);
});

test('a web page whose row ends in a cell printed blank: the blank read as blank, the row kept', async () => {
  let page = readFileSync(data('files/longde-2024.mso.html'), 'utf8');
  const row = page.indexOf('四、结转下年度继续办理');
  const end = page.indexOf('</tr>', row);
  const last = page.lastIndexOf('<td', end);
  page = page.slice(0, last) + page.slice(last, end).replace('>0<', '>&nbsp;<') + page.slice(end);
  const { report, unplaced, missing_rows } = await readReport(page);
  assert.deepEqual([unplaced, missing_rows], [[], []]);
  assert.deepEqual(report.requests.carried_forward, { ...CLEAN.requests.carried_forward, total: null });
  assert.deepEqual(check(report, { blanks: 'warning' }).findings.map((f) => [f.rule, f.severity, f.cell]), [
    ['cell.blank', 'warning', 'requests.carried_forward.total'],
  ]);
});

test('a page laid out in tables (an old CMS): the report\'s tables inside the layout table are read', async () => {
  const page = readFileSync(data('files/longde-2024.mso.html'), 'utf8')
    .replace('<div class="article">', '<table width="100%" class="layout"><tr><td class="left"><a href="/">返回</a></td><td class="main"><div class="article">')
    .replace('<div class="footer">', '</td></tr></table><div class="footer">');
  const { report, unplaced, missing_rows } = await readReport(page);
  assert.deepEqual([unplaced, missing_rows], [[], []]);
  assert.deepEqual(report.requests, CLEAN.requests);
  assert.deepEqual(report.appeals, CLEAN.appeals);
});
