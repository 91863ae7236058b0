// Issue 7, item 3, in headless Chromium: the same hostile cases (cases.mjs) run inside a page that
// loads pkg/ the way a browser consumer does (`init()`, then the named exports). The hostile values
// are built in the page's realm; the outcomes come back as plain data and are judged as in Node.
// A case that does not answer within its bound is a hang: its page is closed and a new one opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from '../support/browser.mjs';
import { cases, judge, LIMIT } from './cases.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
if (!existsSync(join(root, 'pkg', 'nianbao.js'))) {
  throw new Error('pkg/ is missing: run `npm run build` before the hostile-input tests');
}

const GRACE = 2_000; // for the answer to cross from the page

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>nianbao: hostile input</title>
<script type="module">
import init, * as api from '/pkg/nianbao.js';
import { runCase } from '/hostile/cases.mjs';
await init();
const longde = await (await fetch('/data/longde-2024.json')).text();
window.runCase = (name) => runCase(name, api, longde);
document.documentElement.dataset.ready = 'true';
</script>`;

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
// What the static server serves: URL prefix → directory. Nothing else of the repository.
const DIRS = { '/pkg/': join(root, 'pkg'), '/hostile/': join(root, 'tests', 'hostile'), '/data/': join(root, 'tests', 'data') };

function startStatic() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(PAGE);
    }
    for (const [prefix, dir] of Object.entries(DIRS)) {
      if (!path.startsWith(prefix)) continue;
      const file = join(dir, normalize(decodeURIComponent(path.slice(prefix.length))));
      const type = TYPES[extname(file)];
      if (!type || !file.startsWith(dir + sep)) break;
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
        return res.end(body);
      } catch {
        break;
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** One page that runs cases one at a time; replaced when a case hangs or crashes it. */
class PageRunner {
  page = null;

  constructor(context, url) {
    this.context = context;
    this.url = url;
  }

  async open() {
    this.page = await this.context.newPage();
    this.page.on('pageerror', (error) => console.error('page error:', error.message));
    await this.page.goto(this.url);
    await this.page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
  }

  async close() {
    const p = this.page;
    this.page = null;
    // A page stuck in a call closes at once (its renderer is ended); still, do not wait forever.
    await Promise.race([p?.close({ runBeforeUnload: false }).catch(() => {}), new Promise((ok) => setTimeout(ok, 5_000))]);
  }

  /** The case's outcome from the page, or { timedOut } past its bound, or { crashed }. */
  async run(name, limit) {
    try {
      if (!this.page) await this.open();
    } catch (error) {
      await this.close();
      return { name, crashed: `the page did not load: ${error.message.split('\n')[0]}` };
    }
    let timer;
    const outcome = await Promise.race([
      this.page.evaluate((n) => window.runCase(n), name).catch((error) => ({ name, crashed: error.message.split('\n')[0] })),
      new Promise((resolve) => { timer = setTimeout(() => resolve({ name, timedOut: true, ms: limit + GRACE }), limit + GRACE); }),
    ]);
    clearTimeout(timer);
    if (outcome.timedOut || outcome.crashed) await this.close();
    return outcome;
  }
}

const limitOf = (c) => c.limit ?? LIMIT;
let server;
let browser;
let url;
let runner;

before(async () => {
  server = await startStatic();
  url = `http://127.0.0.1:${server.address().port}/`;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  runner = new PageRunner(context, url);
  await runner.open();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close().catch(() => {});
  await new Promise((ok) => (server ? server.close(ok) : ok()));
}, { timeout: 30_000 });

test('the page serves the package with .wasm as application/wasm', async () => {
  const res = await fetch(new URL('/pkg/nianbao_bg.wasm', url));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  await res.arrayBuffer();
});

for (const c of cases) {
  test(c.name, { todo: c.todo, timeout: limitOf(c) + 30_000 }, async () => {
    const problems = judge(c, await runner.run(c.name, limitOf(c)));
    assert.ok(problems.length === 0, problems.join('\n'));
  });
}
