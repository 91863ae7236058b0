// A trap in the wasm module must not cost the clerk anything: the form starts a fresh instance,
// rebuilds its Checker from what is on the page, says so, and goes on checking. The trap is real,
// and the shipped page has no hook for it: this test serves the package's module with a test-only
// export added, which makes the next Checker call run on a pointer outside the instance's memory,
// as a bug in the package would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  openForm, ready, example, cellsOf, cell, typeInto, importReport, screenshot, root, perFile, stack, page, violations,
} from './support.mjs';

const traps = [];

// Appended to pkg/checker.js (the module the form loads) in this test only; a fresh instance after
// a trap is of the same module record, so the hook stays armed for the next trap.
const TRAP_HOOK = `
let trapNext = false;
export function __trapNextCall() { trapNext = true; }
for (const name of Object.getOwnPropertyNames(Checker.prototype)) {
  const method = Object.getOwnPropertyDescriptor(Checker.prototype, name).value;
  if (name === 'constructor' || name === 'free' || typeof method !== 'function') continue;
  Checker.prototype[name] = function (...args) {
    if (!trapNext) return method.apply(this, args);
    trapNext = false;
    return method.apply({ __wbg_ptr: 0xfffffff0 }, args);
  };
}
`;

perFile(async (opened) => {
  opened.on('console', (msg) => { if (/trapped/.test(msg.text())) traps.push(msg.text()); });
  await opened.route(/\/pkg\/checker\.js(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()) + TRAP_HOOK });
  });
});

/** Arms the trap in the module of the instance the form uses now (the same module record). */
const trap = () => page.evaluate(async () => {
  const generation = Number(document.body.dataset.instance);
  (await import('/pkg/checker.js')).__trapNextCall();
  return generation;
});
const instance = () => page.evaluate(() => document.body.dataset.instance);

test('the shipped page holds no test hook: nothing in www/ reaches into the Checker or exports a trap', async () => {
  const files = (await readdir(join(root, 'www'), { recursive: true })).filter((f) => f.endsWith('.js') || f.endsWith('.html'));
  assert.ok(files.length > 10, files.join(' '));
  for (const file of files) {
    const text = await readFile(join(root, 'www', file), 'utf8');
    assert.doesNotMatch(text, /__wbg_ptr|simulateTrap|__trap/, file);
  }
  const app = await readFile(join(root, 'www', 'app.js'), 'utf8');
  assert.doesNotMatch(app, /^export /m, 'the composition root exports nothing for tests to call');
});

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
