// The installed tarball in headless Chromium: a plain page with an import map, the README's form
// wired to a Checker and posting to the README's server, and the README's check built with Vite
// and with webpack 5. Every page is served from 127.0.0.1 with the README's CSP.
// The three consumer projects install concurrently, once, when the file starts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BROWSER_EPILOGUE, BROWSER_PRELUDE, CELL, assertClean, assertMistyped, cellsOf, consumer, cspHash, launchChromium,
  longde, mistyped, newPage, pack, readmeCsp, removeTempRoot, resultOf, run, sample, serve, tempRoot, write, writeReports,
} from './support.mjs';

let tmp;
let browser;
const installs = {}; // name → Promise of the consumer's directory
const closers = [];

before(async () => {
  tmp = tempRoot('browser');
  const tarball = pack(tmp);
  const install = (name, deps) => tarball.then((t) => consumer(tmp, name, { tarball: t, deps })).then((dir) => {
    writeReports(dir);
    return dir;
  });
  installs.plain = install('plain', []);
  // "If Vite 8 does not install, use vite@7."
  installs.vite = install('vite', ['vite@8']).catch((err) => {
    console.log(`# vite@8 did not install, trying vite@7: ${err.message.split('\n')[0]}`);
    return install('vite7', ['vite@7']);
  });
  // webpack-cli 7 wants Node ≥ 22.15 (rechoir); 6 supports Node ≥ 18.12.
  installs.webpack = install('webpack', ['webpack@5', 'webpack-cli@6']);
  for (const p of Object.values(installs)) p.catch(() => {}); // reported by the tests that await them
  browser = await launchChromium();
});

after(async () => {
  for (const close of closers.splice(0)) await close();
  await browser?.close();
  removeTempRoot(tmp);
});

async function serveDir(dir, options) {
  const server = await serve(dir, options);
  closers.push(server.close);
  return server;
}

/** A page from the README's HTML samples: doctype, charset and title around them. */
const htmlPage = (title, body) => `<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"></head>
<body>
${body}</body>
</html>
`;

test('a plain page: import map, await init(), check (README importmap.html, check-browser.js, csp.txt)', { timeout: 240_000 }, async () => {
  const dir = await installs.plain;
  const importmap = sample('importmap.html');
  write(join(dir, 'check.html'), htmlPage('check', importmap));
  write(join(dir, 'js/check.js'), BROWSER_PRELUDE + sample('check-browser.js') + BROWSER_EPILOGUE);
  // The README's policy, plus the inline import map's hash, as the README says.
  const inlineMap = importmap.match(/<script type="importmap">([\s\S]*?)<\/script>/)[1];
  const csp = `${readmeCsp()} ${cspHash(inlineMap)}`;
  const server = await serveDir(dir, { headers: { 'content-security-policy': csp } });
  const page = await newPage(browser);
  try {
    assertClean(await resultOf(page, `${server.url}/check.html`));
    assertMistyped(await resultOf(page, `${server.url}/check.html?report=/data/mistyped.json`));
    assert.deepEqual(page.problems.filter((p) => /Content Security Policy|Refused/i.test(p)), []);
  } finally {
    await page.close();
  }
});

test("without 'wasm-unsafe-eval' the same page cannot compile the .wasm (README csp.txt)", { timeout: 240_000 }, async () => {
  const dir = await installs.plain; // check.html and js/check.js from the test above
  const inlineMap = sample('importmap.html').match(/<script type="importmap">([\s\S]*?)<\/script>/)[1];
  const csp = `${readmeCsp().replace(" 'wasm-unsafe-eval'", '')} ${cspHash(inlineMap)}`;
  assert.ok(!csp.includes('wasm-unsafe-eval'));
  const server = await serveDir(dir, { headers: { 'content-security-policy': csp } });
  const page = await newPage(browser);
  try {
    const error = page.waitForEvent('pageerror', { timeout: 20_000 });
    await page.goto(`${server.url}/check.html`);
    assert.match((await error).message, /WebAssembly|wasm/i);
    assert.equal(await page.$('#result'), null);
  } finally {
    await page.close();
  }
});

test('the form: Checker on each input, a fix button, and the server re-checks (README form.html, report-form.js, server.mjs)', { timeout: 240_000 }, async () => {
  const dir = await installs.plain;
  const report = longde();
  const inputs = [
    `<label>填报单位 <input name="issuer" value="${report.issuer}"></label>`,
    `<label>年度 <input name="year" value="${report.year}"></label>`,
    ...cellsOf(report).map(([id, value]) => `<input name="${id}" value="${value}" aria-label="${id}" inputmode="decimal">`),
  ];
  assert.equal(inputs.length, 202);
  const form = sample('form.html');
  const placeholder = /^ *<!-- the portal's inputs:.*-->$/m;
  assert.match(form, placeholder);
  write(join(dir, 'form.html'), htmlPage('form', form.replace(placeholder, inputs.join('\n'))));
  write(join(dir, 'js/report-form.js'), sample('report-form.js'));
  write(join(dir, 'server.mjs'), sample('server.mjs'));
  const { receiveReport } = await import(pathToFileURL(join(dir, 'server.mjs')));
  const received = [];
  const server = await serveDir(dir, {
    headers: { 'content-security-policy': readmeCsp() },
    routes: {
      '/api/report': async (req, res) => {
        res.on('finish', () => received.push(res.statusCode));
        await receiveReport(req, res);
      },
    },
  });
  const page = await newPage(browser);
  try {
    await page.goto(`${server.url}/form.html`);
    // The module's top-level await has finished once a dynamic import of it resolves.
    await page.evaluate(() => import('/js/report-form.js'));
    const submit = page.locator('#report [type=submit]');
    const items = page.locator('#findings li');
    assert.equal(await items.count(), 0, page.problems.join('\n'));
    assert.equal(await submit.isDisabled(), false);

    // The clerk types 12 for 10: the row total and the column total both fail, naming this cell.
    await page.fill(`[name="${CELL}"]`, '12');
    await page.waitForFunction(() => document.querySelectorAll('#findings li').length === 2);
    assert.deepEqual(await items.evaluateAll((lis) => lis.map((li) => li.className)), ['error', 'error']);
    for (const text of await items.allTextContents()) assert.match(text, /自然人/);
    assert.deepEqual(await page.locator('#findings li button').allTextContents(), ['改为 10', '改为 10']);
    assert.equal(await submit.isDisabled(), true);
    assert.equal(await page.textContent('#suggestions'), '');

    // One click on a fix puts 10 back, both findings resolve, and the report may go.
    await page.locator('#findings li button').first().click();
    await page.waitForFunction(() => document.querySelectorAll('#findings li').length === 0);
    assert.equal(await page.inputValue(`[name="${CELL}"]`), '10');
    assert.equal(await submit.isDisabled(), false);

    // Submitting posts checker.report(); the server checks it again and accepts it.
    await submit.click();
    await page.waitForFunction(() => document.querySelector('#status').value !== '');
    assert.equal(await page.textContent('#status'), '已提交');
    assert.deepEqual(received, [201]);
    assert.deepEqual(page.problems.filter((p) => /Content Security Policy|Refused|pageerror/i.test(p)), []);
  } finally {
    await page.close();
  }
});

/** Serves a bundler's dist/ plus the two reports and checks both in Chromium. */
async function checkBuild(dir, dist) {
  const server = await serveDir(join(dir, dist), {
    headers: { 'content-security-policy': readmeCsp() },
    routes: Object.fromEntries(['longde', 'mistyped'].map((name) => [`/data/${name}.json`, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(name === 'longde' ? longde() : mistyped()));
    }])),
  });
  const page = await newPage(browser);
  try {
    assertClean(await resultOf(page, `${server.url}/`));
    assertMistyped(await resultOf(page, `${server.url}/?report=/data/mistyped.json`));
  } finally {
    await page.close();
  }
}

test('a Vite build of import init from "nianbao" (README check-browser.js)', { timeout: 240_000 }, async (t) => {
  const dir = await installs.vite;
  write(join(dir, 'index.html'), htmlPage('vite', '<script type="module" src="/main.js"></script>\n'));
  write(join(dir, 'main.js'), BROWSER_PRELUDE + sample('check-browser.js') + BROWSER_EPILOGUE);
  const { stdout } = await run(process.execPath, [join(dir, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: dir, timeout: 120_000 });
  t.diagnostic(stdout.split('\n').find((l) => /vite v\d/.test(l)) ?? 'vite');
  assert.ok(readdirSync(join(dir, 'dist/assets')).some((f) => /^nianbao_bg-.*\.wasm$/.test(f)), 'no .wasm asset');
  await checkBuild(dir, 'dist');
});

test('a webpack 5 build of import init from "nianbao" (README check-browser.js)', { timeout: 240_000 }, async (t) => {
  const dir = await installs.webpack;
  write(join(dir, 'src/index.js'), BROWSER_PRELUDE + sample('check-browser.js') + BROWSER_EPILOGUE);
  // No webpack.config.js: the defaults (src/index.js → dist/main.js) are what the README promises.
  const { stdout } = await run(process.execPath, [join(dir, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: dir, timeout: 120_000 });
  t.diagnostic(stdout.split('\n').find((l) => /webpack \d/.test(l)) ?? 'webpack');
  assert.ok(existsSync(join(dir, 'dist/main.js')));
  assert.ok(readdirSync(join(dir, 'dist')).some((f) => f.endsWith('.wasm')), 'no .wasm asset');
  write(join(dir, 'dist/index.html'), htmlPage('webpack', '<script src="main.js"></script>\n'));
  await checkBuild(dir, 'dist');
});
