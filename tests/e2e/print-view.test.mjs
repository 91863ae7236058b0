// The print view (www/components/print-view.js): the three tables with the values, in the official
// layout, ready to be pasted into the published report — and imported back, cell for cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importReport as importText } from 'nianbao';
import {
  openForm, example, activeName, importReport, screenshot, root, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const withoutText = ({ text, ...report }) => report;

const T = { timeout: 60_000 };

test('the print view shows the three tables in the official layout with the values', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  await page.locator('#open-print').click();
  const view = page.locator('#print-view');
  await view.waitFor();
  assert.equal(await page.locator('#report').isVisible(), false);
  assert.equal(await view.locator('h2').textContent(), '隆德县人民政府2024年政府信息公开工作年度报告');
  assert.equal(await view.locator('table').count(), 3);
  assert.equal(await view.locator('input').count(), 0, 'text, ready to copy into the published report');
  const firstRow = await view.locator('table.grid-requests tbody tr').first().locator('td').allTextContents();
  assert.deepEqual(firstRow, ['14', '1', '0', '0', '0', '0', '15']);
  await screenshot(page, 'print-view.png');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'print-media.png');
  await page.emulateMedia({ media: 'screen' });
  await page.locator('#close-print').click();
  assert.equal(await activeName(page), 'open-print');
});

// The print view is what clerks paste into the published report; reviewers later import that
// published report. Export → import must give back the same report, cell for cell.
test('the print view, imported back as HTML, gives the same report', { timeout: 60_000 }, async () => {
  // Every cell differs from its neighbours, so a shifted column cannot go unnoticed.
  const report = JSON.parse(await readFile(join(root, 'tests/data/import/demo-2023.json'), 'utf8'));
  await openForm(page, stack.url);
  await importReport(page, report);
  await page.locator('#open-print').click();
  await page.locator('#print-view').waitFor();
  const html = await page.locator('#print-view').evaluate((view) => view.outerHTML);
  const imported = importText(`<html><body>${html}</body></html>`);
  assert.deepEqual(imported.unplaced, []);
  assert.deepEqual(imported.missing_rows, []);
  assert.deepEqual(withoutText(imported.report), report);
  assert.deepEqual(violations, []);
});
