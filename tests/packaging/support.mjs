// Shared by the packaging tests: they `npm pack` the package, install the tarball into throw-away
// consumer projects, and use it there as portal developers would, with the README's samples copied
// in verbatim. Everything lives under one temp root per test file, removed when the file ends;
// npm's own cache (~/.npm, or $NIANBAO_NPM_CACHE) is shared so that a second run installs offline.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser.mjs';
import { CELL, LONGDE_TEXT, longde } from '../support/reports.mjs';

export { CELL, cellsOf, longde } from '../support/reports.mjs';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

// ---------------------------------------------------------------------------------------------
// The example report and its one-cell typo

export function mistyped() {
  const report = longde();
  report.requests.disclosed.natural_person = 12;
  return report;
}

/** The published report checks clean. */
export function assertClean(result) {
  assert.equal(result.ok, true, JSON.stringify(result.findings));
  assert.equal(result.errors, 0);
  assert.equal(result.warnings, 0);
  assert.deepEqual(result.findings, []);
  assert.deepEqual(result.suggestions, []);
}

/** 12 typed for 10: one suggestion, naming that cell and its right value. */
export function assertMistyped(result) {
  assert.equal(result.ok, false);
  assert.ok(result.errors > 0);
  assert.equal(result.ambiguous, false);
  assert.equal(result.suggestions.length, 1);
  assert.deepEqual(result.suggestions[0].changes, [{ cell: CELL, from: '12', to: '10' }]);
  const fix = { cell: CELL, value: '10', message: '「（一）予以公开」「自然人」应为 10（现为 12）', message_en: '“(1) Disclosed” / “Natural persons” should be 10 (now 12)' };
  for (const finding of result.findings) assert.deepEqual(finding.fix, fix);
}

/** Writes both reports into dir/data/ (longde.json, mistyped.json). */
export function writeReports(dir) {
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'data/longde.json'), LONGDE_TEXT);
  writeFileSync(join(dir, 'data/mistyped.json'), JSON.stringify(mistyped(), null, 2));
}

// ---------------------------------------------------------------------------------------------
// The README's samples: "<!-- sample: NAME -->" right above a fenced block, in the section
// "## Embedding nianbao in a portal". Each name here is used by a test; tarball.test.mjs checks
// that the README has exactly these and that no code block in the section goes untested.

export const SAMPLES = {
  'check-browser.js': 'browser.test.mjs: the import-map page, the Vite build and the webpack build',
  'check-node.mjs': 'node.test.mjs: Node ESM',
  'check-node.cjs': 'node.test.mjs: Node CommonJS',
  'types.ts': 'node.test.mjs: tsc --strict, ESM (bundler, node16) and CommonJS',
  'importmap.html': 'browser.test.mjs: the import-map page',
  'form.html': 'browser.test.mjs: the form',
  'report-form.js': 'browser.test.mjs: the form',
  'server.mjs': 'node.test.mjs: the server, and browser.test.mjs: the form posts to it',
  'csp.txt': 'browser.test.mjs: every plain page is served with it',
};
export const README_SECTION = '## Embedding nianbao in a portal';

export function readmeSection() {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${README_SECTION}\n`);
  assert.ok(start >= 0, `README.md has no "${README_SECTION}" section`);
  const rest = readme.slice(start + 1);
  const end = rest.slice(README_SECTION.length).search(/\n## /);
  return end < 0 ? rest : rest.slice(0, README_SECTION.length + end + 1);
}

/** Every fenced block of the section: { lang, code, sample (its marker's name, or null) }. */
export function readmeBlocks() {
  const blocks = [];
  const fence = /(?:<!-- sample: (\S+) -->\n)?```(\w*)\n([\s\S]*?)\n```/g;
  for (const [, sample, lang, code] of readmeSection().matchAll(fence)) blocks.push({ sample: sample ?? null, lang, code: `${code}\n` });
  return blocks;
}

export function sample(name) {
  assert.ok(name in SAMPLES, `${name} is not a declared sample`);
  const block = readmeBlocks().find((b) => b.sample === name);
  assert.ok(block, `README.md has no sample ${name}`);
  return block.code;
}

// What the tests wrap around a sample: where `report` comes from and where `result` goes.
export const BROWSER_PRELUDE =
  "const report = await (await fetch(new URLSearchParams(location.search).get('report') ?? '/data/longde.json')).json();\n";
export const BROWSER_EPILOGUE =
  "document.body.append(Object.assign(document.createElement('output'), { id: 'result', textContent: JSON.stringify(result) }));\n";
export const NODE_ESM_PRELUDE = "import { readFileSync } from 'node:fs';\nconst report = JSON.parse(readFileSync(process.argv[2], 'utf8'));\n";
export const NODE_CJS_PRELUDE = "const { readFileSync } = require('node:fs');\nconst report = JSON.parse(readFileSync(process.argv[2], 'utf8'));\n";
export const NODE_EPILOGUE = 'console.log(JSON.stringify(result));\n';

/** The policy csp.txt gives, e.g. "script-src 'self' 'wasm-unsafe-eval'". */
export function readmeCsp() {
  const line = sample('csp.txt').trim();
  const prefix = 'Content-Security-Policy: ';
  assert.ok(line.startsWith(prefix), line);
  return line.slice(prefix.length);
}

/** The CSP source for an inline script, e.g. an import map. */
export const cspHash = (inline) => `'sha256-${createHash('sha256').update(inline).digest('base64')}'`;

// ---------------------------------------------------------------------------------------------
// Processes: every child runs in its own process group and is killed, with its children, when it
// overruns; npm's own npm_* variables (set when this runs under `npm test`) are not passed on, so
// a consumer's `npm install` can never mistake the repository for its project.

function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, NO_UPDATE_NOTIFIER: '1', ...extra };
}

export function run(cmd, args, { cwd, env, timeout = 120_000, allowFailure = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, timeout);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const out = { code, signal, stdout, stderr };
      if ((code === 0 || allowFailure) && !signal) return resolve(out);
      const why = signal ? `killed (${signal}${signal === 'SIGKILL' ? `, over ${timeout / 1000} s` : ''})` : `exit ${code}`;
      reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}): ${why}\n--- stdout\n${stdout.slice(-4000)}\n--- stderr\n${stderr.slice(-4000)}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The tarball and the consumer projects

export function tempRoot(name) {
  return mkdtempSync(join(tmpdir(), `nianbao-${name}-`));
}

export function removeTempRoot(dir) {
  if (dir && dir.startsWith(tmpdir())) rmSync(dir, { recursive: true, force: true });
}

const npmCache = process.env.NIANBAO_NPM_CACHE ? ['--cache', process.env.NIANBAO_NPM_CACHE] : [];

/** Packs the repository (as built in pkg/) into dir; returns the tarball's path. */
export async function pack(dir) {
  for (const file of ['pkg/nianbao.js', 'pkg/nianbao.cjs', 'pkg/nianbao_bg.wasm', 'pkg/node.js']) {
    assert.ok(existsSync(join(REPO, file)), `${file} is missing: run \`npm run build\` first`);
  }
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir, ...npmCache], { cwd: REPO, timeout: 60_000 });
  const [{ filename }] = JSON.parse(stdout);
  return join(dir, filename);
}

/**
 * Creates dir/name with a package.json and installs the tarball and deps into it, once.
 * Returns the consumer's directory.
 */
export async function consumer(root, name, { tarball, deps = [], packageJson = {}, timeout = 180_000 }) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, version: '1.0.0', private: true, ...packageJson }, null, 2));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...npmCache, tarball, ...deps], { cwd: dir, timeout });
  return dir;
}

export function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

// ---------------------------------------------------------------------------------------------
// A static server on 127.0.0.1 and an ephemeral port, .wasm as application/wasm.
// routes: { '/path': (req, res, url) => … } take precedence over files; headers go on every response.

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
};

export async function serve(root, { routes = {}, headers = {} } = {}) {
  const base = normalize(root + sep);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      for (const [key, value] of Object.entries(headers)) res.setHeader(key, value);
      const route = routes[url.pathname];
      if (route) return await route(req, res, url);
      let path = normalize(join(base, decodeURIComponent(url.pathname)));
      if (!path.startsWith(base)) return res.writeHead(403).end();
      if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
      if (!existsSync(path)) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(readFileSync(path));
    } catch (err) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Headless Chromium (Debian's), driven by the repository's playwright-core

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/** A fresh page that records what went wrong on it (page.problems), for failure messages. */
export async function newPage(browser) {
  const page = await browser.newPage();
  page.problems = [];
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') page.problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => page.problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  return page;
}

/** Loads url and returns the JSON the BROWSER_EPILOGUE wrote into #result. */
export async function resultOf(page, url) {
  await page.goto(url);
  try {
    await page.waitForSelector('#result', { state: 'attached' });
  } catch (err) {
    throw new Error(`${url} wrote no #result: ${err.message.split('\n')[0]}\n${page.problems.join('\n')}`);
  }
  return JSON.parse(await page.textContent('#result'));
}
