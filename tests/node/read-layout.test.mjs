// lib/read/layout.mjs on synthetic text runs, as pdf.js gives them: each case is a geometry real
// published PDFs have (wrapped labels in a narrow column, a vertical label printed character by
// character, a page break with a page number and a repeated header, table 四's 15 numbers under a
// three-level header, blanks, numbers under no column).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layout } from '../../lib/read/layout.mjs';

const H = 10.5;
// A run as pdf.js reports it: left edge x, baseline y from the page top, width from its text.
function run(text, x, y, h = H) {
  const w = [...text].reduce((n, c) => n + (c.charCodeAt(0) < 128 ? 0.55 : 1) * h, 0);
  return { text, x, y, w, h };
}
// Numbers centred in columns whose centres are given.
const numbers = (values, centres, y) => values.map((v, i) => (v === null ? null : run(String(v), centres[i] - 2.9 * String(v).length, y))).filter(Boolean);
const page = (number, runs) => ({ number, width: 595, height: 842, runs });
const rows = (text) => text.trimEnd().split('\n').map((line) => line.split('\t'));

// Table 三's columns (自然人 … 总计): header cells over them, numbers centred under them.
const CENTRES = [235, 279, 323, 367, 411, 455, 499];
const HEADER = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
// Each header cell centred over its column, wrapped after three characters as narrow cells are.
const header = (y) => [
  run('申请人情况', 340, y),
  ...HEADER.flatMap((h, i) => [h.slice(0, 3), h.slice(3)].filter(Boolean).map((part, k) => run(part, CENTRES[i] - 3.5 * part.length, y + 14 + 9 * k, 7))),
];

test('labels wrapped in a narrow column are joined to the row whose numbers they surround', () => {
  const { text, unplaced } = layout([
    page(1, [
      ...header(100),
      // A label centred on its numbers: one line above them, one below.
      run('一、本年新收政府信息', 71, 130), run('公开申请数量', 71, 142),
      ...numbers([14, 1, 0, 0, 0, 0, 15], CENTRES, 136),
      // The next label starts with its enumerator, under the previous row's last line.
      run('二、上年结转政府信息', 71, 160), run('公开申请数量', 71, 172),
      ...numbers([0, 0, 0, 0, 0, 0, 0], CENTRES, 166),
    ]),
  ]);
  assert.deepEqual(unplaced, []);
  const lines = rows(text);
  assert.deepEqual(lines.at(-2), ['一、本年新收政府信息公开申请数量', '14', '1', '0', '0', '0', '0', '15']);
  assert.deepEqual(lines.at(-1), ['二、上年结转政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0']);
});

test('top-aligned labels: the lines under a row\'s numbers are its own, up to the next label', () => {
  const { text } = layout([
    page(1, [
      ...header(100),
      run('（一）予以公', 113, 130), ...numbers([10, 1, 0, 0, 0, 0, 11], CENTRES, 130), run('开', 113, 142),
      run('（二）部分公开（区', 113, 156), ...numbers([0, 0, 0, 0, 0, 0, 0], CENTRES, 156),
      run('分处理的，只计这一', 113, 168), run('情形，不计其他情形）', 113, 180),
      run('（七）总计', 113, 196), ...numbers([14, 1, 0, 0, 0, 0, 15], CENTRES, 196),
    ]),
  ]);
  const lines = rows(text);
  assert.deepEqual(lines.slice(-3).map((l) => l[0]), [
    '（一）予以公开',
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    '（七）总计',
  ]);
});

test('a vertical label printed character by character, and a group label on its first row\'s line', () => {
  const chars = [...'三、本年度办理结果'];
  const { text, unplaced } = layout([
    page(1, [
      ...header(100),
      // 「三、本年度办理结果」 one character per line down the first column, beside three rows.
      ...chars.map((c, i) => run(c, 71, 130 + i * 11)),
      run('（一）予以公开', 96, 130), ...numbers([10, 1, 0, 0, 0, 0, 11], CENTRES, 130),
      // The group label 「（三）不予公开」 and its first row 「1.属于国家秘密」 on one line.
      run('（三）不予公开', 96, 160, 7), run('1.属于国家秘密', 150, 160), ...numbers([0, 0, 0, 0, 0, 0, 0], CENTRES, 160),
      run('2.其他法律行', 150, 174), run('政法规禁止公开', 150, 186), ...numbers([0, 0, 0, 0, 0, 0, 0], CENTRES, 180),
    ]),
  ]);
  assert.deepEqual(unplaced, []);
  const lines = rows(text);
  const labels = lines.filter((l) => l.length >= 8).map((l) => l.slice(0, -7).join('|'));
  // The vertical characters never land inside a row label; the row labels are whole.
  assert.ok(labels.some((l) => l.endsWith('（一）予以公开')), labels.join('\n'));
  assert.ok(labels.some((l) => l === '（三）不予公开|1.属于国家秘密'), labels.join('\n'));
  assert.ok(labels.some((l) => l.endsWith('2.其他法律行政法规禁止公开')), labels.join('\n'));
  // Every character of the vertical label is still in the text, in order.
  assert.match(text.replace(/[\s|]|（一）予以公开|\d|\//g, ''), /三、本年度办理结果/);
});

test('a page break inside the table: the page number and the repeated header are dropped', () => {
  const { text, notes, unplaced } = layout([
    page(1, [
      ...header(100),
      run('1.属于国家秘密', 140, 130), ...numbers([0, 0, 0, 0, 0, 0, 0], CENTRES, 130),
      run('-', 287, 803), run('3', 294, 803, 11), run('-', 305, 803),
    ]),
    page(2, [
      ...header(60),
      run('2.其他法律行政', 140, 94), run('法规禁止公开', 140, 106), ...numbers([0, 1, 0, 0, 0, 0, 1], CENTRES, 100),
      run('- 4 -', 285, 803),
    ]),
  ]);
  assert.deepEqual(unplaced, []);
  assert.ok(!/(^|\n)-\s*[34]\s*-/.test(text) && !/\t3\t?$/.test(text), text);
  assert.equal(text.match(/申请人情况/g).length, 1, 'the header once');
  assert.ok(notes.some((n) => /page 1: page number 「- ?3 ?-」 dropped/.test(n)), notes.join('\n'));
  assert.ok(notes.some((n) => /page 2: repeated table header dropped/.test(n)), notes.join('\n'));
  assert.deepEqual(rows(text).at(-1), ['2.其他法律行政法规禁止公开', '0', '1', '0', '0', '0', '0', '1']);
});

test('table 四: a three-level header and one row of 15 numbers; a blank placed by its column', () => {
  const left = 71;
  const width = 30;
  const centre = (i) => left + width * i + width / 2;
  const leaves = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const runs = [
    run('行政复议', left + 40, 100), run('行政诉讼', left + 250, 100),
    run('未经复议直接起诉', left + 160, 114), run('复议后起诉', left + 330, 114),
    // The leaves wrapped one character per line in narrow columns.
    ...Array.from({ length: 15 }, (_, i) => [...leaves[i % 5]].map((c, k) => run(c, centre(i) - 5, 128 + k * 12))).flat(),
  ];
  // 15 numbers, the 7th (未经复议直接起诉·结果纠正) printed blank.
  const values = [5, 1, 0, 0, 6, 0, null, 1, 0, 1, 3, 0, 0, 1, 4];
  runs.push(...numbers(values, Array.from({ length: 15 }, (_, i) => centre(i)), 190));
  const { text, unplaced } = layout([page(1, runs)]);
  assert.deepEqual(unplaced, []);
  assert.deepEqual(rows(text).at(-1), ['5', '1', '0', '0', '6', '0', '/', '1', '0', '1', '3', '0', '0', '1', '4']);
  // The group labels the importer finds the rows by are whole, in order.
  assert.match(text.replace(/\s/g, ''), /行政复议行政诉讼未经复议直接起诉复议后起诉/);
});

test('a number under no column, and two numbers under one, are reported, not guessed', () => {
  const { text, unplaced } = layout([
    page(1, [
      ...header(100),
      run('1.属于国家秘密', 140, 130), ...numbers([0, 0, 0, 0, 0, 0, 0], CENTRES, 130), run('9', 560, 130),
      run('2.重复申请', 140, 150), ...numbers([0, 0, 0, 0, 0, 0], CENTRES.slice(0, 6), 150), run('7', CENTRES[5] + 8, 150),
    ]),
  ]);
  assert.deepEqual(unplaced.map((u) => [u.text, u.reason_en]), [
    ['9', 'under no column of the table header'],
    ['0 0 0 0 0 0 7', 'two numbers under one column: which is which cannot be told'],
  ]);
  // Each names the line of the text it stands on.
  const lines = text.split('\n');
  assert.match(lines[unplaced[0].line - 1], /^1\.属于国家秘密/);
  assert.match(lines[unplaced[1].line - 1], /^2\.重复申请/);
});

test('a row with blank cells: each blank where its column is, the numbers where theirs are', () => {
  const { text } = layout([
    page(1, [...header(100), run('3.其他', 140, 130), ...numbers([2, null, null, 0, 0, 0, null], CENTRES, 130)]),
  ]);
  assert.deepEqual(rows(text).at(-1), ['3.其他', '2', '/', '/', '0', '0', '0', '/']);
});

test('numbers right-aligned in their cells, under centred headers: read by column, a blank too', () => {
  // Cells 44 wide centred at CENTRES: a right-aligned number ends 4 before its cell's right edge,
  // which puts its centre near the midpoint between two headers.
  const rightAligned = (values, y) =>
    values.map((v, i) => (v === null ? null : run(String(v), CENTRES[i] + 18 - 5.8 * String(v).length, y))).filter(Boolean);
  const { text, unplaced } = layout([
    page(1, [
      ...header(100),
      run('（一）予以公开', 113, 130), ...rightAligned([10, 1, 0, 0, 0, 0, 11], 130),
      run('3.其他', 140, 146), ...rightAligned([2, null, 0, 0, 0, 0, 2], 146),
      // A one-column table under a wide header: its number at the right of the wide cell.
      run('信息内容', 71, 170), run('本年处理决定数量', 320, 170),
      run('行政许可', 71, 184), run('4513', 500, 184),
    ]),
  ]);
  assert.deepEqual(unplaced, []);
  const lines = rows(text);
  assert.deepEqual(lines.find((l) => l[0] === '（一）予以公开'), ['（一）予以公开', '10', '1', '0', '0', '0', '0', '11']);
  assert.deepEqual(lines.find((l) => l[0] === '3.其他'), ['3.其他', '2', '/', '0', '0', '0', '0', '2']);
  assert.deepEqual(lines.at(-1), ['行政许可', '4513']);
});

test('table 四 right under table 三: its first columns, left of table 三\'s label edge, are kept', () => {
  const centre = (i) => 71 + 30 * i + 15;
  const { text, unplaced } = layout([
    page(1, [
      ...header(100),
      run('四、结转下年度继续办理', 71, 130), ...numbers([0, 0, 0, 0, 0, 0, 0], CENTRES, 130),
      run('四、政府信息公开行政复议、行政诉讼情况', 71, 160, 16),
      run('行政复议', 111, 184), run('行政诉讼', 340, 184),
      ...Array.from({ length: 15 }, (_, i) => run(['维持', '纠正', '其他', '未结', '总计'][i % 5], centre(i) - 7, 200, 7)),
      ...numbers([5, 1, 0, 0, 6, 0, 0, 1, 0, 1, 3, 0, 0, 1, 4], Array.from({ length: 15 }, (_, i) => centre(i)), 216),
    ]),
  ]);
  assert.deepEqual(unplaced, []);
  assert.deepEqual(rows(text).at(-1), ['5', '1', '0', '0', '6', '0', '0', '1', '0', '1', '3', '0', '0', '1', '4']);
});

test('a label drawn one character at a time, spaced out over its cell, is one label', () => {
  const spaced = (text, x, y, pitch) => [...text].map((c, i) => run(c, x + i * pitch, y));
  const { text, unplaced } = layout([
    page(1, [
      ...header(100),
      // Justified over two lines: each character its own run, 16 pt apart (10.5 pt wide).
      ...spaced('一、本年新收政府信', 71, 130, 16), ...spaced('息公开申请数量', 71, 142, 16),
      ...numbers([14, 1, 0, 0, 0, 0, 15], CENTRES, 136),
    ]),
  ]);
  assert.deepEqual(unplaced, []);
  assert.deepEqual(rows(text).at(-1), ['一、本年新收政府信息公开申请数量', '14', '1', '0', '0', '0', '0', '15']);
});

test('a number drawn in two touching pieces is one number; numbers in neighbouring cells stay apart', () => {
  const { text } = layout([
    page(1, [
      run('信息内容', 71, 100), run('本年处理决定数量', 300, 100),
      run('行政处罚', 71, 120), run('28', 330, 120), run('649', 330 + 2 * 0.55 * H, 120),
    ]),
  ]);
  assert.deepEqual(rows(text).at(-1), ['行政处罚', '28649']);
});
