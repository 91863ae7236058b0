// A trap in the wasm module must not cost the clerk anything: the form starts a fresh instance,
// rebuilds its Checker from what is on the page, says so, and goes on checking. The trap is real:
// the form's test hook points the Checker at memory outside the instance, as a bug would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openForm, ready, example, cellsOf, cell, typeInto, importReport, screenshot, perFile, stack, page, violations,
} from './support.mjs';

const traps = [];

perFile((opened) => {
  opened.on('console', (msg) => { if (/trapped/.test(msg.text())) traps.push(msg.text()); });
});

const trap = () => page.evaluate(async () => (await import('/app.js')).simulateTrap());
const instance = () => page.evaluate(() => document.body.dataset.instance);

test('after a trap every value is kept, a fresh instance checks on, and the clerk is told', { timeout: 60_000 }, async () => {
  await openForm(page, stack.url);
  const report = await example();
  await importReport(page, report);
  await page.locator('#text').fill('2024年，本机关共收到政府信息公开申请15件。');
  await typeInto(page, 'proactive.rules.issued', '3'); // a warning, with the clerk's reason
  const reason = page.locator('input.reason[data-finding="proactive.in_force_floor:rules"]');
  await reason.fill('3 件规章年底发布');
  assert.equal(await instance(), '1');

  assert.equal(await trap(), 1);
  // The next call into the checker traps: the edit that made it is kept, and checked.
  await typeInto(page, 'proactive.rules.repealed', '1');
  await page.waitForFunction(() => document.body.dataset.instance === '2');
  assert.match(traps[0] ?? '', /RuntimeError/, 'a real wasm trap happened');
  const notice = page.locator('#notice');
  assert.equal(await notice.getAttribute('role'), 'status');
  await page.waitForFunction(() => /核对模块刚才出错，已自动重新启动/.test(document.getElementById('notice').textContent));
  assert.match(await notice.textContent(), /您填写的内容都还在，核对已恢复/);

  // Nothing lost: on the page, in the draft, in the fresh checker (the warning now says 3 − 1).
  const expected = { ...Object.fromEntries(cellsOf(report).map(([id, v]) => [id, String(v)])),
    'proactive.rules.issued': '3', 'proactive.rules.repealed': '1' };
  const shown = await page.$$eval('input.cell', (els) => Object.fromEntries(els.map((e) => [e.name, e.value])));
  assert.deepEqual(shown, expected);
  assert.equal(await page.locator('#issuer').inputValue(), report.issuer);
  assert.equal(await page.locator('#year').inputValue(), '2024');
  assert.equal(await page.locator('#text').inputValue(), '2024年，本机关共收到政府信息公开申请15件。');
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem('nianbao.draft.v1')).report);
  for (const [id, value] of Object.entries(expected)) {
    const [t, r, c] = id.split('.');
    assert.equal(String(draft[t][r][c]), value, id);
  }
  assert.equal(draft.reasons['proactive.in_force_floor:rules'], '3 件规章年底发布');
  const warning = page.locator('li.problem.warning', { hasText: '现行有效件数 0 少于本年制发件数减本年废止件数（2）' });
  await warning.waitFor();
  assert.equal(await warning.locator('input.reason').inputValue(), '3 件规章年底发布');

  // The next edit is checked as before: a mistyped cell gets its error.
  const target = 'requests.disclosed.natural_person';
  await typeInto(page, target, '12');
  assert.equal(await cell(page, target).getAttribute('aria-invalid'), 'true');
  const describedBy = await cell(page, target).getAttribute('aria-describedby');
  assert.match(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent(), /「（一）予以公开」「自然人」应为 10（现为 12）/);
  await screenshot(page, 'after-trap.png', { fullPage: false });

  // A second trap is recovered from too, and a reload brings back what was typed.
  await trap();
  await typeInto(page, target, '10');
  await page.waitForFunction(() => document.body.dataset.instance === '3');
  assert.equal(await cell(page, target).getAttribute('aria-invalid'), null);
  await page.reload();
  await ready(page);
  assert.equal(await cell(page, 'proactive.rules.repealed').inputValue(), '1');
  assert.equal(await cell(page, target).inputValue(), '10');
  assert.deepEqual(violations, []);
});
