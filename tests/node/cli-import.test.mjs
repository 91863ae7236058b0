// `nianbao import`, and `nianbao check` on published text and HTML, with last year's report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../support/cli.mjs';
import { data, longde, withoutText } from '../support/reports.mjs';

const LONGDE_TXT = data('longde-2024.txt');
const LONGDE = longde();

let dir;
const file = {};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-import-'));
  const write = (name, text) => {
    file[name] = join(dir, name);
    writeFileSync(file[name], text);
  };
  const text = readFileSync(LONGDE_TXT, 'utf8');
  write('no-tables.txt', '# 隆德县 2024 年政府信息公开工作年度报告\n\n一、总体情况\n\n今年没有表格。\n');
  // Row 四 split from its numbers, with three stray numbers among them: the numbers cannot be
  // placed and the row is missing.
  const row = '四、结转下年度继续办理';
  assert.ok(text.includes(row));
  write('broken.txt', text.replace(row, `${row}\n一些数字 5 6 7\n`));
  // Last year's report: it carried 3 requests forward, but this year's 二、上年结转 says 0.
  const last = structuredClone(LONGDE);
  last.year = 2023;
  last.requests.carried_forward.natural_person = 3;
  last.requests.carried_forward.total = 3;
  write('longde-2023.json', JSON.stringify(last, null, 2));
  write('longde-2022.json', JSON.stringify({ ...last, year: 2022 }, null, 2));
  // The same text with the title's year changed: a previous report given as text.
  const title = '隆德县 2024 年政府信息公开工作年度报告';
  assert.ok(text.includes(title));
  write('longde-2023.txt', text.replace(title, '隆德县 2023 年政府信息公开工作年度报告'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('import of a published report prints its canonical JSON, equal to the hand-made one', () => {
  const r = run('import', LONGDE_TXT);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^\{\n {2}"format": "2021",\n {2}"year": 2024,\n/, 'pretty, 2-space indent');
  const report = JSON.parse(r.stdout);
  assert.deepEqual(withoutText(report), LONGDE);
  assert.match(report.text, /隆德县 2024 年政府信息公开工作年度报告/, 'the prose is kept, for the text rules');
});

test('import of Markdown and HTML', () => {
  for (const [input, expected] of [['demo-2023.md', 'demo-2023.json'], ['demo-2023.html', 'demo-2023-html.json']]) {
    const r = run('import', data(`import/${input}`));
    assert.equal(r.code, 0, `${input}: ${r.stderr}`);
    assert.deepEqual(withoutText(JSON.parse(r.stdout)), JSON.parse(readFileSync(data(`import/${expected}`), 'utf8')), input);
  }
});

test('what import prints, check accepts', () => {
  const imported = join(dir, 'imported.json');
  writeFileSync(imported, run('import', LONGDE_TXT).stdout);
  const r = run('check', imported);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /通过：没有错误，没有警告/);
});

test('import of a text without tables, or of no file: exit 2 with the reason, nothing on stdout', () => {
  const r = run('import', file['no-tables.txt']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.ok(r.stderr.includes(file['no-tables.txt']));
  assert.match(r.stderr, /no table of the annual report was found/);

  const missing = run('import', join(dir, 'missing.txt'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /missing\.txt: no such file/);
});

test('import with numbers it cannot place: exit 1, each on stderr with its line, JSON still on stdout', () => {
  const r = run('import', file['broken.txt']);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.ok(Object.values(report.requests.carried_forward).every((v) => v === null), 'the missing row stays blank');
  assert.equal(report.requests.new.total, 15, 'the other rows are placed');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 2, r.stderr);
  assert.match(lines[0], /broken\.txt: 第 \d+ 行的「5 6 7[\d ]*」未能归位：「四、结转下年度继续办理」应有 7 个数/);
  assert.match(lines[1], /broken\.txt: 未找到「四、结转下年度继续办理」一行（requests\.carried_forward），其单元格留空/);

  const en = run('import', file['broken.txt'], '--lang', 'en');
  assert.equal(en.code, 1);
  assert.match(en.stderr, /line \d+, “5 6 7[\d ]*” not placed: /);
  assert.match(en.stderr, /row “IV\. Carried forward to next year” \(requests\.carried_forward\) not found/);
  assert.doesNotMatch(en.stderr, /未能归位|未找到/);

  // --json: stdout stays the report (still pipeable), stderr is one JSON object.
  const json = run('import', file['broken.txt'], '--json');
  assert.equal(json.code, 1);
  assert.deepEqual(JSON.parse(json.stdout), report);
  const problems = JSON.parse(json.stderr);
  assert.deepEqual(problems.missing_rows, ['requests.carried_forward']);
  assert.equal(problems.unplaced.length, 1);
  assert.deepEqual(Object.keys(problems.unplaced[0]).sort(), ['line', 'reason', 'reason_en', 'text']);
  assert.equal(`第 ${problems.unplaced[0].line} 行`, lines[0].match(/第 \d+ 行/)[0]);
});

test('a missing row is named by its full label from schema().rows, group and all', async () => {
  const { schema } = await import('nianbao');
  const { label, label_en } = schema().rows.find((row) => row.id === 'requests.withheld_state_secret');
  assert.equal(label, '（三）不予公开 1.属于国家秘密');
  // The row's line without its label: its numbers cannot be placed and the row is missing.
  const text = readFileSync(LONGDE_TXT, 'utf8').replace('1.属于国家秘密\t', '');
  assert.notEqual(text, readFileSync(LONGDE_TXT, 'utf8'));
  writeFileSync(join(dir, 'no-secret-row.txt'), text);
  const zh = run('import', join(dir, 'no-secret-row.txt'));
  assert.ok(zh.stderr.includes(`未找到「${label}」一行（requests.withheld_state_secret），其单元格留空`), zh.stderr);
  const en = run('check', join(dir, 'no-secret-row.txt'), '--lang', 'en');
  assert.ok(en.stdout.includes(`row “${label_en}” (requests.withheld_state_secret) not found`), en.stdout);
});

test('check on text and HTML: imported, blanks are warnings, unplaced numbers in the output', () => {
  const txt = run('check', LONGDE_TXT);
  assert.equal(txt.code, 0, txt.stdout + txt.stderr);
  assert.match(txt.stdout, /longde-2024\.txt\n {2}通过：没有错误，没有警告/);

  // The published HTML leaves one cell blank and its totals count it as 1.
  const html = run('check', data('import/demo-2023.html'), '--json');
  assert.equal(html.code, 1);
  const [r] = JSON.parse(html.stdout);
  assert.deepEqual([r.issuer, r.year, r.errors, r.warnings], ['示范市教育局', 2023, 2, 1]);
  assert.deepEqual(r.unplaced, []);
  assert.deepEqual(r.missing_rows, []);
  const blank = r.findings.find((f) => f.rule === 'cell.blank');
  assert.deepEqual([blank.severity, blank.cell], ['warning', 'requests.withheld_process_info.research']);
  // --blanks error makes it an error even in an imported report.
  const strict = JSON.parse(run('check', data('import/demo-2023.html'), '--json', '--blanks', 'error').stdout);
  assert.equal(strict[0].findings.find((f) => f.rule === 'cell.blank').severity, 'error');

  const broken = run('check', file['broken.txt']);
  assert.equal(broken.code, 0, 'the missing row is not an error');
  // Its cells were not read, so they are not 7 blanks but 2 sums that cannot be checked.
  assert.match(broken.stdout, /通过，但有 2 个警告需要确认/);
  assert.match(broken.stdout, /警告：requests\.balance 有 7 项无法核对.*「四、结转下年度继续办理」整行/);
  assert.doesNotMatch(broken.stdout, /cell\.blank|未填写/);
  assert.match(broken.stdout, /\n {2}第 \d+ 行的「5 6 7[\d ]*」未能归位：/);
  assert.match(broken.stdout, /\n {2}未找到「四、结转下年度继续办理」一行（requests\.carried_forward）/);
});

test('--previous: last year carried 3 forward, this year took over 0: a cross_year.carried_over warning', () => {
  const alone = JSON.parse(run('check', LONGDE_TXT, '--json').stdout);
  assert.ok(!alone[0].findings.some((f) => f.rule.startsWith('cross_year.')), 'no cross-year rule without --previous');

  const r = run('check', LONGDE_TXT, '--previous', file['longde-2023.json'], '--json');
  assert.equal(r.code, 0, r.stderr);
  const [result] = JSON.parse(r.stdout);
  assert.equal(result.previous, file['longde-2023.json']);
  const carried = result.findings.filter((f) => f.rule === 'cross_year.carried_over');
  assert.deepEqual(carried.map((f) => [f.severity, f.cells[0], f.expected, f.actual]), [
    ['warning', 'requests.carried_over.natural_person', '3', '0'],
    ['warning', 'requests.carried_over.total', '3', '0'],
  ]);

  const human = run('check', LONGDE_TXT, '--previous', file['longde-2023.json']);
  assert.match(human.stdout, /对比上年年报：.*longde-2023\.json/);
  assert.match(human.stdout, /警告：「自然人」列：二、上年结转为 0，而上年年报的四、结转下年度继续办理为 3/);
  assert.doesNotMatch(human.stdout, /注意：/, 'the right year: no note');
});

test('--previous as published text, and a previous report of the wrong year is pointed out', () => {
  const r = run('check', LONGDE_TXT, '--previous', file['longde-2023.txt'], '--json');
  assert.equal(r.code, 0, r.stderr);
  const [result] = JSON.parse(r.stdout);
  assert.equal(result.previous, file['longde-2023.txt']);
  // The same tables a year earlier: 14 in force + 1 issued − 2 repealed is 13, not 14.
  const inForce = result.findings.find((f) => f.rule === 'cross_year.in_force');
  assert.deepEqual([inForce.expected, inForce.actual], ['13', '14']);
  assert.ok(!result.findings.some((f) => f.rule === 'cross_year.carried_over'));

  const wrong = run('check', LONGDE_TXT, '--previous', file['longde-2022.json'], '--lang', 'en');
  assert.match(wrong.stdout, /note: last year's report is 隆德县人民政府 2022, this one is 隆德县人民政府 2024/);

  const unreadable = run('check', LONGDE_TXT, '--previous', file['no-tables.txt']);
  assert.equal(unreadable.code, 2);
  assert.equal(unreadable.stdout, '', 'nothing checked against a previous report that cannot be read');
  assert.match(unreadable.stderr, /--previous .*no-tables\.txt: no table of the annual report was found/);
});

test('import names each row it matched by a variant or a near label, on stderr', () => {
  const text = readFileSync(LONGDE_TXT, 'utf8')
    .replace('\n行政规范性文件\t', '\n规范性文件\t')
    .replace('1.本机关不掌握相关政府信息', '1.本机关不掌握相关政府信');
  writeFileSync(join(dir, 'variants.txt'), text);
  const zh = run('import', join(dir, 'variants.txt'));
  assert.equal(zh.code, 0, zh.stderr);
  assert.deepEqual(withoutText(JSON.parse(zh.stdout)), LONGDE);
  assert.match(zh.stderr, /第 \d+ 行的「规范性文件」是「行政规范性文件」（proactive\.normative_documents）的另一种写法，按该行读入/);
  assert.match(zh.stderr, /「本机关不掌握相关政府信」与「（四）无法提供 1\.本机关不掌握相关政府信息」（requests\.unable_not_held）相近/);
  const en = run('import', join(dir, 'variants.txt'), '--lang', 'en');
  assert.match(en.stderr, /“本机关不掌握相关政府信” read as “\(4\) Unable to provide 1\. This agency does not hold the information” \(requests\.unable_not_held\): a near match/);
  const json = JSON.parse(run('import', join(dir, 'variants.txt'), '--json').stderr);
  assert.deepEqual(json.matched.map((m) => [m.row, m.how]), [['proactive.normative_documents', 'variant'], ['requests.unable_not_held', 'near']]);
});

test('check of a report with a row it could not read: no error, not-assessable warnings, unread in --json', () => {
  const text = readFileSync(LONGDE_TXT, 'utf8').replace('1.本机关不掌握相关政府信息', '1.本单位没有该项信息');
  const lost = join(dir, 'lost-row.txt');
  writeFileSync(lost, text);
  const json = run('check', lost, '--json');
  assert.equal(json.code, 0, json.stdout + json.stderr);
  const [r] = JSON.parse(json.stdout);
  assert.equal(r.errors, 0);
  assert.equal(r.unread.length, 7);
  assert.ok(r.unread.every((id) => id.startsWith('requests.unable_not_held.')));
  assert.deepEqual(r.findings.map((f) => f.id), ['sums.not_assessable:requests.row_total', 'sums.not_assessable:requests.result_total']);
  const plain = run('check', lost);
  assert.match(plain.stdout, /警告：requests\.result_total 有 7 项无法核对（.*），因为以下单元格未能从文件中读取：「（四）无法提供 1\.本机关不掌握相关政府信息」整行/);
  assert.doesNotMatch(plain.stdout, /错误：/);
});

test('import reads a row printed as one digit string the one way it adds up, and says so; an ambiguous one is unread, not an error', () => {
  const longde = readFileSync(LONGDE_TXT, 'utf8');
  const glued = join(dir, 'glued.txt');
  writeFileSync(glued, longde.replace('1.本机关不掌握相关政府信息\t3\t0\t0\t0\t0\t0\t3', '1.本机关不掌握相关政府信息3000003'));
  const zh = run('import', glued);
  assert.equal(zh.code, 0, zh.stderr);
  assert.deepEqual(withoutText(JSON.parse(zh.stdout)), LONGDE);
  assert.match(zh.stderr, /第 \d+ 行的数字串「3000003」只有一种拆法满足合计，读作 3 0 0 0 0 0 3（requests\.unable_not_held）/);
  const json = JSON.parse(run('import', glued, '--json').stderr);
  assert.deepEqual(json.split, [{ rows: ['requests.unable_not_held'], line: 60, text: '3000003', values: ['3', '0', '0', '0', '0', '0', '3'] }]);

  // 本年新收, （一）予以公开 and （七）总计 glued: each has two splits that add up, and the balance
  // holds either way.
  const rows = ['一、本年新收政府信息公开申请数量\t\t14\t1\t0\t0\t0\t0\t15', '(一) 予以公开\t10\t1\t0\t0\t0\t0\t11', '(七) 总计\t14\t1\t0\t0\t0\t0\t15'];
  let text = longde;
  for (const row of rows) text = text.replace(row, row.replace(/\t/g, ''));
  const ambiguous = join(dir, 'glued-ambiguous.txt');
  writeFileSync(ambiguous, text);
  const checked = run('check', ambiguous, '--json');
  assert.equal(checked.code, 0, checked.stdout + checked.stderr);
  const [r] = JSON.parse(checked.stdout);
  assert.equal(r.errors, 0);
  assert.equal(r.unread.length, 21);
  assert.ok(r.findings.length > 0 && r.findings.every((f) => f.rule === 'sums.not_assessable'), JSON.stringify(r.findings));
  const imported = run('import', ambiguous, '--lang', 'en');
  assert.match(imported.stderr, /“141000015” not placed: glued digits: 2 possible splits/);
});
