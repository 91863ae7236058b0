// The Word export, read back by an independent reader (fflate + @xmldom/xmldom, docx-grid.mjs):
// three tables whose merged cells and every one of the 200 numbers sit where the 2021 template
// has them; refusal of a report with errors; and, where LibreOffice is installed, a render to PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, schema } from 'nianbao';
import { exportDocx } from 'nianbao/docx';
import { blocksOf, paragraphsOf, readDocx, tablesOf, templatePosition } from './docx-grid.mjs';

const LONGDE = readFileSync(new URL('../data/longde-2024.json', import.meta.url), 'utf8');
const PROSE = readFileSync(new URL('../data/longde-2024.txt', import.meta.url), 'utf8');
const longde = () => JSON.parse(LONGDE);
const SCHEMA = schema();
const TITLE = '隆德县人民政府2024年政府信息公开工作年度报告';

const valueAt = (report, id) => id.split('.').reduce((node, key) => node?.[key], report);
const asPrinted = (value) => (value === null || value === undefined ? '' : String(value));

async function exported(report, options) {
  const { body, files, doc } = readDocx(await exportDocx(report, options));
  return { body, files, doc, tables: tablesOf(body) };
}

/** Asserts the slot's cell starts at [r, c] and spans `span` columns and `rowSpan` rows. */
function assertMerged(grid, [r, c], text, span, rowSpan) {
  const cell = grid[r][c];
  assert.equal(cell.text, text, `cell at ${r},${c}`);
  assert.deepEqual([cell.origin, cell.span, cell.rowSpan], [[r, c], span, rowSpan], `merge of 「${text}」`);
}

test('three tables, every one of the 200 numbers in its template position, right-aligned', async () => {
  const report = longde();
  const { tables, body } = await exported(LONGDE);
  assert.equal(tables.length, 3, 'exactly the three tables of the template; the title is a paragraph');
  assert.equal(paragraphsOf(body)[0], TITLE);
  assert.equal(SCHEMA.cells.length, 200);
  const index = Object.fromEntries(SCHEMA.tables.map((t, i) => [t.key, i]));
  for (const cell of SCHEMA.cells) {
    const [r, c, span] = templatePosition(SCHEMA, cell);
    const slot = tables[index[cell.table]].grid[r]?.[c];
    assert.ok(slot, `${cell.id}: no cell at ${r},${c}`);
    assert.equal(slot.text, asPrinted(valueAt(report, cell.id)), `${cell.id} at ${r},${c}`);
    assert.deepEqual([slot.origin, slot.span, slot.rowSpan], [[r, c], span, 1], `${cell.id}: its own cell`);
    assert.ok(['right', 'end'].includes(slot.align), `${cell.id} is right-aligned, not ${slot.align}`);
  }
  assert.equal(tables[0].grid[13][1].text, '611.1281');
});

test('the merged cells of the template: group labels down, 申请人情况 and 法人或其他组织 across, table 四 in three levels', async () => {
  const [proactive, requests, appeals] = (await exported(LONGDE)).tables.map((t) => t.grid);
  const t = Object.fromEntries(SCHEMA.tables.map((table) => [table.key, table]));
  const label = (list, key) => list.find((g) => g.key === key).label;
  // 二: four sub-table headers across the table, 信息内容 over the labels, 本年处理决定数量 over three columns.
  t.proactive.sections.forEach((section, s) => {
    const r = [0, 4, 7, 11][s];
    assertMerged(proactive, [r, 0], section.header, 4, 1);
    assertMerged(proactive, [r + 1, 0], section.row_header.label, 1, 1);
  });
  assertMerged(proactive, [5, 1], '本年处理决定数量', 3, 1);
  // 三: the 勾稽关系 note in the corner (3 × 3), 申请人情况 over 7 columns, 法人或其他组织 over 5,
  // 自然人 and 总计 down two header rows; 三、本年度办理结果 down 22 rows, （三）不予公开 down 8.
  assertMerged(requests, [0, 0], t.requests.note.label, 3, 3);
  assertMerged(requests, [0, 3], label(t.requests.column_groups, 'applicants'), 7, 1);
  assertMerged(requests, [1, 4], label(t.requests.column_groups, 'organisation'), 5, 1);
  assertMerged(requests, [1, 3], '自然人', 1, 2);
  assertMerged(requests, [1, 9], '总计', 1, 2);
  assertMerged(requests, [3, 0], SCHEMA.rows.find((r) => r.id === 'requests.new').label, 3, 1);
  assertMerged(requests, [5, 0], label(t.requests.row_groups, 'results'), 1, 22);
  assertMerged(requests, [5, 1], '（一）予以公开', 2, 1);
  assertMerged(requests, [7, 1], label(t.requests.row_groups, 'withheld'), 1, 8);
  assertMerged(requests, [7, 2], '1.属于国家秘密', 1, 1);
  assertMerged(requests, [15, 1], '（四）无法提供', 1, 3);
  assertMerged(requests, [18, 1], '（五）不予处理', 1, 5);
  assertMerged(requests, [23, 1], '（六）其他处理', 1, 3);
  assertMerged(requests, [26, 1], '（七）总计', 2, 1);
  assertMerged(requests, [27, 0], '四、结转下年度继续办理', 3, 1);
  // 四: 行政复议 / 行政诉讼 → 未经复议直接起诉 / 复议后起诉 → 结果维持 … 总计.
  assertMerged(appeals, [0, 0], '行政复议', 5, 1);
  assertMerged(appeals, [0, 5], '行政诉讼', 10, 1);
  assertMerged(appeals, [1, 0], '结果维持', 1, 2);
  assertMerged(appeals, [1, 4], '总计', 1, 2);
  assertMerged(appeals, [1, 5], '未经复议直接起诉', 5, 1);
  assertMerged(appeals, [1, 10], '复议后起诉', 5, 1);
  const columns = t.appeals.sections[0].columns.map((c) => c.label);
  assert.deepEqual(appeals[2].slice(5).map((c) => c.text), [...columns, ...columns]);
  assert.equal(appeals.length, 4);
});

test('every official label of the schema is printed', async () => {
  const { doc } = await exported(LONGDE);
  const text = doc.documentElement.textContent;
  const labels = [];
  for (const table of SCHEMA.tables) {
    labels.push(table.label, ...table.row_groups.map((g) => g.label), ...table.column_groups.map((g) => g.label));
    if (table.note) labels.push(table.note.label);
    for (const s of table.sections) labels.push(...s.rows.map((r) => r.label), ...s.columns.map((c) => c.label), ...(s.header ? [s.header] : []));
  }
  for (const label of labels) assert.ok(text.includes(label), `「${label}」 printed`);
});

test('A4 portrait, 宋体 and 仿宋_GB2312, table 四 within the text width', async () => {
  const { doc, tables } = await exported(LONGDE);
  const xml = doc.documentElement.toString();
  const size = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(xml);
  assert.deepEqual([Number(size[1]), Number(size[2])], [11906, 16838]);
  const margin = /<w:pgMar [^>]*w:right="(\d+)"[^>]*w:left="(\d+)"/.exec(xml) ?? /<w:pgMar [^>]*w:left="(\d+)"[^>]*w:right="(\d+)"/.exec(xml);
  const textWidth = 11906 - Number(margin[1]) - Number(margin[2]);
  for (const { gridColumns } of tables) assert.ok(gridColumns.reduce((a, b) => a + b) <= textWidth, `${gridColumns.length} columns fit ${textWidth}`);
  assert.equal(tables[2].gridColumns.length, 15);
  assert.match(xml, /w:eastAsia="宋体"/);
  assert.match(xml, /w:eastAsia="仿宋_GB2312"/);
});

test('amounts keep their exact text from JSON: 611.1281 written as a number literal', async () => {
  const text = LONGDE.replace('"611.1281"', '611.1281').replace('"decisions": 4513', '"decisions": 4513.0');
  assert.notEqual(text, LONGDE);
  const [proactive] = (await exported(text)).tables.map((t) => t.grid);
  assert.equal(proactive[13][1].text, '611.1281');
  assert.equal(proactive[6][1].text, '4513');
});

test('a report with errors is refused, naming them, and exported with force', async () => {
  const report = longde();
  report.requests.disclosed.natural_person = 12;
  const result = check(report);
  assert.ok(result.errors > 0);
  await assert.rejects(exportDocx(report), (error) => {
    assert.equal(error.code, 'report_has_errors');
    assert.equal(error.errors, result.errors);
    assert.ok(error.message.includes(`${result.errors} 处错误`), error.message);
    assert.ok(error.message.includes(result.findings.find((f) => f.severity === 'error').message), error.message);
    assert.match(error.message, /force/);
    return true;
  });
  await assert.rejects(exportDocx(report, { lang: 'en' }), /The report has \d+ error\(s\)/);
  const [, requests] = (await exported(report, { force: true })).tables.map((t) => t.grid);
  assert.equal(requests[5][3].text, '12');
});

test('a blank cell is printed blank (with force: a blank is an error)', async () => {
  const report = longde();
  report.requests.disclosed.research = null;
  await assert.rejects(exportDocx(report), /错误/);
  const [, requests] = (await exported(report, { force: true })).tables.map((t) => t.grid);
  assert.equal(requests[5][5].text, '');
  assert.equal(requests[5][3].text, '10');
});

test('the prose: paragraphs around the tables in the report\'s order, its copy of the tables and title dropped', async () => {
  const report = { ...longde(), text: PROSE };
  const { body } = await exported(report);
  const blocks = blocksOf(body);
  const at = (text) => blocks.findIndex((b) => b.kind === 'p' && b.text === text);
  const tableAt = blocks.map((b, i) => (b.kind === 'tbl' ? i : -1)).filter((i) => i >= 0);
  assert.equal(tableAt.length, 3);
  assert.ok(at('一、总体情况') > 0 && at('一、总体情况') < tableAt[0]);
  assert.ok(at('五、存在的主要问题及改进情况') > tableAt[2]);
  assert.ok(blocks.filter((b) => b.kind === 'p').some((b) => b.text.startsWith('（一）主动公开。严格按照')), '**bold** markers removed');
  for (const [i, table] of SCHEMA.tables.entries()) assert.equal(blocks[tableAt[i] - 1].text, table.label, 'caption above');
  const prose = paragraphsOf(body);
  assert.equal(prose.filter((p) => p.endsWith('年政府信息公开工作年度报告')).length, 1, 'one title');
  for (const leftover of ['本年新收政府信息公开申请数量', '勾稽关系', '未经复议直接起诉', '本年制发件数']) {
    assert.ok(!prose.some((p) => p.includes(leftover)), `the prose's own table text (${leftover}) is not printed`);
  }
});

test('prose without the tables\' headings: the tables go before 五、, or after prose without parts', async () => {
  const kinds = (blocks) => blocks.map((b) => (b.kind === 'tbl' ? 'T' : b.text.slice(0, 2)));
  const parts = { ...longde(), text: '一、总体情况\n今年收到申请 15 件。\n\n五、存在的主要问题及改进情况\n人手不足。\n六、其他需要报告的事项\n无。' };
  assert.deepEqual(kinds(blocksOf((await exported(parts)).body)),
    ['隆德', '一、', '今年', '二、', 'T', '三、', 'T', '四、', 'T', '五、', '人手', '六、', '无。']);
  const plain = { ...longde(), text: '今年收到申请 15 件。' };
  assert.deepEqual(kinds(blocksOf((await exported(plain)).body)), ['隆德', '今年', '二、', 'T', '三、', 'T', '四、', 'T']);
});

test('lang "en" labels the tables in English', async () => {
  const { doc } = await exported(LONGDE, { lang: 'en' });
  const text = doc.documentElement.textContent;
  assert.ok(text.includes(SCHEMA.tables[2].sections[0].rows[1].label_en));
  assert.ok(text.includes(SCHEMA.tables[1].note.label_en));
  assert.ok(!text.includes('行政复议'));
  await assert.rejects(exportDocx(LONGDE, { lang: 'fr' }), /options\.lang is "zh" or "en", not "fr"/);
});

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
const noOffice = soffice.error || soffice.status !== 0
  ? 'LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui' : false;

test('LibreOffice renders it to PDF without error', { skip: noOffice, timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-docx-'));
  try {
    writeFileSync(join(dir, 'report.docx'), await exportDocx({ ...longde(), text: PROSE }));
    // Its own profile, so that parallel runs and a user's open LibreOffice do not collide.
    const run = spawnSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')],
      { encoding: 'utf8', timeout: 240_000 });
    assert.equal(run.status, 0, run.stderr);
    const pdf = readFileSync(join(dir, 'report.pdf'));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = spawnSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
    if (text.error) {
      assert.ok((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length >= 3, '3+ pages');
      return;
    }
    assert.ok(text.stdout.split('\f').filter((page) => page.trim()).length >= 3, '3+ pages');
    for (const expected of ['611.1281', '28649', '行政复议', '申请人情况', '五、存在的主要问题及改进情况']) {
      assert.ok(text.stdout.includes(expected), `the PDF shows ${expected}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
