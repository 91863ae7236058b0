// The cover fields and the text (www/components/cover.js): numbers in the prose are checked against
// the tables once the clerk leaves the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openForm, example, importReport, storedReports, perFile, stack, page, violations,
} from './support.mjs';

perFile();

const T = { timeout: 60_000 };
const summary = () => page.locator('#summary');

test('numbers in the prose are checked against the tables once the clerk leaves the text', T, async () => {
  await openForm(page, stack.url);
  await importReport(page, await example());
  await page.locator('#text').focus();
  await page.keyboard.type('2024年，本机关共收到政府信息公开申请20件。');
  assert.equal(await page.locator('#text-messages li').count(), 0, 'not while typing');
  await page.keyboard.press('Tab');
  const warning = page.locator('#text-messages li.problem.warning');
  await warning.waitFor();
  assert.match(await warning.textContent(), /写明收到 20 件，而表中为 15 件/);
  await warning.locator('input.reason').fill('另有 5 件为咨询，未按申请统计');
  await page.locator('#submit').click();
  await page.waitForSelector('#server.ok, #summary[role="alert"]');
  assert.equal(await summary().isVisible(), false, await summary().textContent());
  const stored = await storedReports(stack.dataDir);
  // The reason is kept under the claim's own id (rule, figure, the sentence's hash), not a position.
  const reasons = stored.flatMap((s) => Object.entries(s.report.reasons ?? {}));
  assert.ok(reasons.some(([id, r]) => id.startsWith('text.count:received:') && r === '另有 5 件为咨询，未按申请统计'), JSON.stringify(reasons));
  assert.deepEqual(violations, [], 'no CSP violation or script error on this page');
});
