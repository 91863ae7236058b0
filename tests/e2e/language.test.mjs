// The language switch (www/components/language.js, www/i18n.js, www/strings.js): labels and
// messages from the package in English, and plural forms in the page's own wording ("1 error",
// never "1 errors"). The first tests need no browser: www/i18n.js imports in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { strings } from '../../www/strings.js';
import { setLang, t } from '../../www/i18n.js';
import {
  openForm, example, importReport, typeInto, cell, root, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const T = { timeout: 60_000 };
const summary = () => page.locator('#summary');
const tally = () => page.locator('#tally').textContent();

test('every count in the English wording has plural forms, and both languages have the same keys', () => {
  assert.deepEqual(Object.keys(strings.en).sort(), Object.keys(strings.zh).sort());
  for (const [key, en] of Object.entries(strings.en)) {
    if (typeof en === 'string') {
      assert.doesNotMatch(en, /\{n\}/, `en.${key} counts {n}: it needs { one, other }`);
    } else {
      assert.deepEqual(Object.keys(en).sort(), ['one', 'other'], `en.${key}`);
    }
  }
  setLang('en');
  assert.equal(t('status_errors', { n: 1 }), '1 error');
  assert.equal(t('status_errors', { n: 2 }), '2 errors');
  assert.equal(t('status_warnings', { n: 0 }), '0 warnings');
  assert.equal(t('summary_heading', { n: 1 }), 'Fix this problem before submitting');
  assert.equal(t('summary_heading', { n: 3 }), 'Fix these 3 problems before submitting');
  assert.equal(t('filled_zero', { n: 1 }), '1 blank cell set to 0.');
  setLang('zh');
  assert.equal(t('status_errors', { n: 1 }), '1 处错误');
  assert.equal(t('summary_heading', { n: 1 }), '提交前请修正以下 1 处问题');
});

test('every key of the page’s wording is used by the page, and every key the page uses exists', async () => {
  const files = (await readdir(join(root, 'www'), { recursive: true }))
    .filter((f) => /\.(js|html)$/.test(f) && !f.endsWith('strings.js'));
  const text = (await Promise.all(files.map((f) => readFile(join(root, 'www', f), 'utf8')))).join('\n');
  const unused = Object.keys(strings.zh).filter((key) => !new RegExp(`['"]${key}['"]`).test(text));
  assert.deepEqual(unused, [], 'keys no page code uses');
  const used = [...text.matchAll(/\bt\('(\w+)'|data-t(?:-[a-z-]+)?="(\w+)"/g)].map((m) => m[1] ?? m[2]);
  assert.ok(used.length > 50);
  assert.deepEqual(used.filter((key) => !(key in strings.zh)), [], 'keys used but not defined');
});

test('English by a switch: labels and messages from the package', T, async () => {
  await openForm(page, stack.url);
  assert.equal(await page.title(), strings.zh.title);
  await page.locator('#lang').click();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.title(), strings.en.title, 'the window’s title too');
  assert.equal(await page.getByRole('textbox', { name: '(1) Disclosed Natural persons', exact: true }).getAttribute('name'), 'requests.disclosed.natural_person');
  assert.equal(await page.locator('table.grid-proactive tr.section th').first().textContent(), 'Article 20 (1)', 'section headers in English too');
  assert.equal(await page.locator('table.grid-requests th', { hasText: 'Applicants' }).first().getAttribute('colspan'), '7');
  await page.locator('#submit').click();
  await page.waitForSelector('#summary[role="alert"]');
  assert.equal(await summary().locator('h2').textContent(), 'Fix these 3 problems before submitting');
  assert.match(await summary().textContent(), /200 cells are blank; write 0 if there is nothing to report\./);
  await page.locator('#lang').click();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.title(), strings.zh.title);
});

test('in the form, English counts agree with their number: “1 error”, “Fix this problem”, “1 row × 2 columns”', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  await page.locator('#lang').click();
  await typeInto(page, 'requests.new.research', 'twelve');
  assert.equal(await tally(), '200 of 200 cells filled · 1 error');
  await page.locator('#submit').click();
  await page.waitForSelector('#summary[role="alert"]');
  assert.equal(await summary().locator('h2').textContent(), 'Fix this problem before submitting');
  await typeInto(page, 'requests.new.research', '0');
  await typeInto(page, 'proactive.rules.issued', '3');
  assert.equal(await tally(), '200 of 200 cells filled · 1 warning');
  await typeInto(page, 'requests.new.research', 'x');
  await typeInto(page, 'requests.new.social_welfare', 'y');
  assert.equal(await tally(), '200 of 200 cells filled · 2 errors · 1 warning');

  await stack.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(stack.url).origin });
  await page.evaluate((text) => navigator.clipboard.writeText(text), '0\t0\r\n');
  await cell(page, 'requests.new.research').focus();
  await page.keyboard.press('Control+V');
  await page.waitForFunction(() => /Pasted/.test(document.getElementById('notice').textContent));
  assert.equal(await page.locator('#notice p').textContent(), 'Pasted 1 row × 2 columns.');
  await page.evaluate((text) => navigator.clipboard.writeText(text), '1\n1\n1\t9\n');
  await cell(page, 'requests.carried_forward.natural_person').focus();
  await page.keyboard.press('Control+V');
  await page.waitForFunction(() => /left out/.test(document.getElementById('notice').textContent));
  assert.equal(await page.locator('#notice p').textContent(), 'Pasted 1 row × 1 column; 3 values fell outside the table and were left out.');
  await page.locator('#lang').click();
  assert.deepEqual(violations, []);
});
