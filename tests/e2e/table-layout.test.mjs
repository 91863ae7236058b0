// The shared table drawing (lib/tables/layout.js, draw.js, html.js): computed from schema() alone
// and usable in Node, it draws exactly the tables the form's print view shows — the drawing a
// static page built in Node (the review page) is to use, one module, not a copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schema, Checker } from 'nianbao';
import { tableLayout, tableLayouts } from '../../lib/tables/layout.js';
import { drawTable, drawTables } from '../../lib/tables/draw.js';
import { htmlDocument } from '../../lib/tables/html.js';
import { openForm, example, importReport, perFile, stack, page, violations } from './support.mjs';

perFile();

const zh = (item) => item.label;

test('from schema() alone, in Node: every cell once in the order of the report, each named by headers that exist', () => {
  const s = schema();
  const layouts = tableLayouts(s);
  assert.deepEqual(layouts.map((l) => l.key), s.tables.map((t) => t.key));
  assert.deepEqual(layouts.flatMap((l) => l.grid.flat()), s.cells.map((c) => c.id));
  for (const layout of layouts) {
    const headerIds = new Set(layout.parts.flatMap((p) => p.rows.flatMap((r) => r.cells.map((c) => c.id)).filter(Boolean)));
    for (const [cell, names] of layout.headers) {
      assert.ok(names.length >= 2, `${cell} is named by its row and its column`);
      for (const id of names) assert.ok(headerIds.has(id), `${cell}: header ${id} is drawn`);
    }
  }
  // Table 四, transposed: one row of fifteen cells under 行政复议 and 行政诉讼 › 复议后起诉.
  const appeals = layouts[2];
  assert.equal(appeals.grid.length, 1);
  assert.equal(appeals.grid[0].length, 15);
  const heads = appeals.parts[0].rows.flatMap((r) => r.cells);
  assert.equal(heads.find((c) => c.item?.label === '行政诉讼').colspan, 10);
  assert.equal(heads.find((c) => c.item?.label === '复议后起诉').colspan, 5);
  // Message rows are the form's: asked for, one follows each data row, and group labels span them.
  const plain = tableLayout(s.tables[1]);
  const withMessages = tableLayout(s.tables[1], { messageRows: true });
  const body = (l) => l.parts.find((p) => p.tag === 'tbody').rows;
  assert.equal(body(withMessages).length, 2 * body(plain).length);
  const group = (l) => body(l).flatMap((r) => r.cells).find((c) => c.item?.label === '三、本年度办理结果');
  assert.equal(group(withMessages).rowspan, 2 * group(plain).rowspan);
});

test('html.js escapes what it writes, and drawing needs nothing but createElement, setAttribute, append and textContent', () => {
  const s = schema();
  const hostile = { ...s.tables[0], label: '<b>&"' };
  const layout = tableLayout(hostile);
  const { table } = drawTable(layout, { doc: htmlDocument, prefix: 'x', label: zh, cell: () => '1 < 2 & "3"' });
  const html = String(table);
  assert.ok(html.startsWith('<table class="grid grid-proactive"><tbody><tr class="section"><th id="x-proactive-h0" scope="colgroup" colspan="4">'), html.slice(0, 120));
  assert.ok(html.includes('<td class="num">1 &lt; 2 &amp; "3"</td>'));
  assert.equal((html.match(/<td[^>]* class="num/g) ?? []).length, 10);
});

test('drawn in Node, the three tables are the very tables the form’s print view shows', { timeout: 60_000 }, async () => {
  const report = await example();
  await openForm(page, stack.url);
  await importReport(page, report);
  await page.locator('#open-print').click();
  await page.locator('#print-view').waitFor();
  const shown = await page.$$eval('#print-tables section', (sections) => sections.map((s) => [s.children[0].outerHTML, s.children[1].outerHTML]));

  const checker = new Checker(report);
  const drawn = drawTables(schema(), { doc: htmlDocument, prefix: 'p', label: zh, cell: (id) => checker.value(id) })
    .map(({ heading, table }) => [String(heading), String(table)]);
  checker.free();
  // Parsed by the browser, so that both are serialised the same way.
  const parsed = await page.evaluate((pairs) => pairs.map((pair) => pair.map((html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content.firstElementChild.outerHTML;
  })), drawn);
  assert.equal(parsed.length, 3);
  for (let i = 0; i < 3; i++) assert.deepEqual(parsed[i], shown[i]);
  assert.equal(drawn[1][0], '<h3 id="p-h-requests">三、收到和处理政府信息公开申请情况</h3>');
  assert.equal(drawn[1][1].match(/<td[^>]* class="num/g).length, 175);
  assert.deepEqual(violations, []);
});
