// What the form downloads before it is ready: the checker module once (its JS and its .wasm), not
// the importer of published reports, and no spare copy of the JS for trap recovery. The importer
// is fetched when the import dialog first opens, once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openForm, ready, root, perFile, stack, page, violations } from './support.mjs';

perFile();

const T = { timeout: 60_000 };

/** The paths under /pkg/ that `page` requests while `action` runs. */
async function requested(action) {
  const paths = [];
  const seen = (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/pkg/')) paths.push(url.pathname + url.search);
  };
  page.on('request', seen);
  try {
    await action();
  } finally {
    page.off('request', seen);
  }
  return paths;
}

test('the form is ready with the checker alone: one copy of its JS, its .wasm, no importer', T, async () => {
  await openForm(page, stack.url);
  const paths = await requested(async () => {
    await page.reload();
    await ready(page);
  });
  // Its inline JS is in checker.js itself (scripts/build.mjs): one module, no snippets/ to fetch after it.
  assert.deepEqual(paths.filter((p) => p.endsWith('.js')), ['/pkg/checker.js']);
  assert.deepEqual(paths.filter((p) => p.endsWith('.wasm')), ['/pkg/nianbao_bg.wasm']);
  assert.deepEqual(paths.filter((p) => p.includes('/import/') || p.includes('?')), []);
});

test('the importer is fetched when the import dialog opens, once, and reads a published report', T, async () => {
  await openForm(page, stack.url);
  const text = await readFile(join(root, 'tests', 'data', 'longde-2024.txt'), 'utf8');
  const paths = await requested(async () => {
    await page.locator('#import').click();
    await page.locator('#import-text').fill(text);
    await page.locator('#import-read').click();
    await page.locator('#import-preview').waitFor();
    await page.locator('#import-back').click();
    await page.locator('#import-read').click();
    await page.locator('#import-preview').waitFor();
  });
  assert.deepEqual(paths.sort(), ['/pkg/import/nianbao_import.js', '/pkg/import/nianbao_import_bg.wasm']);
  assert.deepEqual(violations, []);
});
