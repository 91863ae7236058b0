// The print view is what clerks paste into the published report; reviewers later import that
// published report. Export → import must give back the same report, cell for cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importReport as importText } from 'nianbao';
import { openForm, importReport, root, perFile, stack, page, violations } from './support.mjs';

perFile();

const withoutText = ({ text, ...report }) => report;

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
