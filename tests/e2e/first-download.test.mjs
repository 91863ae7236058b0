// What the form downloads before it is ready: its own checker module once (pkg/form/: its JS and
// its .wasm), not the full checker, not the importer of published reports, and no spare copy of
// the JS for trap recovery. The full checker (prose, last year's report, reports of any shape) is
// fetched once, when the report first has prose or last year's report, or an import begins; the
// importer when the import dialog first opens. Whatever loads when, the findings are the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openForm, ready, root, perFile, stack, page, violations, importReport, example, cell, typeInto } from './support.mjs';

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

test('the form is ready with its own checker alone: one copy of its JS, its .wasm, no full checker, no importer', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example()); // (an import fetches the full checker: the reload below does not)
  await typeInto(page, 'requests.new.natural_person', '99'); // a draft of tables only, with an error
  const paths = await requested(async () => {
    await page.reload();
    await ready(page);
    await page.waitForTimeout(300); // nothing more arrives after ready
  });
  // Its inline JS is in its JS itself (scripts/build.mjs): one module, no snippets/ to fetch after it.
  assert.deepEqual(paths.filter((p) => p.endsWith('.js')), ['/pkg/form/nianbao_form.js']);
  assert.deepEqual(paths.filter((p) => p.endsWith('.wasm')), ['/pkg/form/nianbao_form_bg.wasm']);
  assert.equal(await page.evaluate(() => document.body.dataset.checker), 'form');
  // The draft's error is found and shown by it, with the fix.
  assert.equal(await cell(page, 'requests.new.natural_person').inputValue(), '99');
  await page.locator('li.problem.error').first().waitFor();
  assert.match(await page.locator('li.problem.error').first().textContent(), /应为/);
});

test('prose typed in: the full checker is fetched once, then the prose is checked against the tables', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example()); // an import fetches the full checker already: start afresh
  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => document.body.dataset.checker), 'form');
  const paths = await requested(async () => {
    await page.locator('#text').focus();
    await page.keyboard.type('2024年，本机关共收到政府信息公开申请20件。');
    await page.keyboard.press('Tab');
    await page.waitForSelector('body[data-checker="full"]');
    await page.locator('#text-messages li.problem.warning').waitFor();
  });
  assert.deepEqual(paths.sort(), ['/pkg/checker.js', '/pkg/nianbao_bg.wasm']);
  assert.match(await page.locator('#text-messages li.problem.warning').textContent(), /写明收到 20 件，而表中为 15 件/);
  // Every value is as it was, and a keystroke goes on being checked by the full checker.
  assert.equal(await cell(page, 'requests.new.total').inputValue(), '15');
  await typeInto(page, 'requests.new.natural_person', '99');
  await page.locator('li.problem.error').first().waitFor();
  assert.deepEqual(violations, []);
});

test('a draft with prose is ready on the form’s checker, and its prose findings follow when the full one is there', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  await page.locator('#text').fill('2024年，本机关共收到政府信息公开申请20件。');
  await page.locator('#text').blur();
  await page.locator('#text-messages li.problem.warning').waitFor();
  const paths = await requested(async () => {
    await page.reload();
    await ready(page);
    await page.waitForSelector('body[data-checker="full"]');
    await page.locator('#text-messages li.problem.warning').waitFor();
  });
  assert.deepEqual(paths.filter((p) => p.endsWith('.wasm')), ['/pkg/form/nianbao_form_bg.wasm', '/pkg/nianbao_bg.wasm']);
  assert.equal(await page.locator('#text').inputValue(), '2024年，本机关共收到政府信息公开申请20件。');
  assert.deepEqual(violations, []);
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
  // With it the full checker, which reads reports of any shape.
  assert.deepEqual(paths.sort(), ['/pkg/checker.js', '/pkg/import/nianbao_import.js', '/pkg/import/nianbao_import_bg.wasm', '/pkg/nianbao_bg.wasm']);
  assert.deepEqual(violations, []);
});

test('submitted before the full checker is there, the report waits for it and is judged whole', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  await page.reload();
  await ready(page);
  // The full checker arrives late: the clerk has typed prose and pressed 提交 by then.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/pkg\/checker\.js$/, async (route) => { await held; await route.continue(); });
  const posted = [];
  const post = (request) => { if (request.method() === 'POST') posted.push(request.url()); };
  page.on('request', post);
  try {
    await page.locator('#text').fill('2024年，本机关共收到政府信息公开申请20件。');
    await page.locator('#submit').click();
    assert.equal(await page.evaluate(() => document.body.dataset.checker), 'form');
    release();
    // The prose's warning stands in the way (it needs a reason): nothing is posted.
    await page.waitForSelector('#summary[role="alert"]');
    assert.match(await page.locator('#summary').textContent(), /写明收到 20 件，而表中为 15 件/);
    assert.equal(await page.evaluate(() => document.body.dataset.checker), 'full');
    assert.deepEqual(posted, [], 'nothing is posted: the form judged it whole first');
  } finally {
    release();
    page.off('request', post);
    await page.unroute(/\/pkg\/checker\.js$/);
  }
});

test('when the full checker cannot load, the clerk is told, the tables are still checked and nothing is submitted unchecked', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  await page.reload();
  await ready(page);
  await page.route(/\/pkg\/(checker\.js|nianbao_bg\.wasm)$/, (route) => route.abort());
  try {
    await page.locator('#text').fill('2024年，本机关共收到政府信息公开申请20件。');
    await page.locator('#text').blur();
    await page.waitForFunction(() => /正文与上年数据的核对模块未能加载/.test(document.getElementById('notice').textContent));
    await typeInto(page, 'requests.new.natural_person', '99');
    await page.locator('li.problem.error').first().waitFor();
    await page.locator('#submit').click();
    await page.waitForFunction(() => /暂不能提交/.test(document.getElementById('server').textContent));
    assert.equal(await page.evaluate(() => document.body.dataset.checker), 'form');
    assert.equal(await page.locator('#text').inputValue(), '2024年，本机关共收到政府信息公开申请20件。');
  } finally {
    await page.unroute(/\/pkg\/(checker\.js|nianbao_bg\.wasm)$/);
  }
  // Back online, the next edit of the prose loads it and checks the prose.
  await page.locator('#text').fill('2024年，本机关共收到政府信息公开申请21件。');
  await page.locator('#text').blur();
  await page.waitForSelector('body[data-checker="full"]');
  await page.locator('#text-messages li.problem.warning').waitFor();
});
