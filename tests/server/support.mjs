// Shared by the collecting server's tests: a server on port 0 with a temporary NIANBAO_DATA (in this
// process, or as a child process that can be killed), the reviewer CLI, and signing in.
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
if (!existsSync(join(root, 'pkg', 'node.js'))) {
  throw new Error('pkg/ is missing: run `npm run build` before the server tests');
}
const { startServer } = await import('../../scripts/serve.mjs');
const { openStorage } = await import('../../server/storage.mjs');

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
export const longdeText = await readFile(join(root, 'tests', 'data', 'longde-2024.json'), 'utf8');
export const longde = (changes = {}) => ({ ...JSON.parse(longdeText), ...changes });

export const tempDir = () => mkdtemp(join(tmpdir(), 'nianbao-server-'));

/** The server in this process on a fresh data directory; `close()` removes the directory. */
export async function startTemp(options = {}) {
  const dataDir = await tempDir();
  const server = await startServer({ port: 0, dataDir, ...options });
  return {
    ...server,
    dataDir,
    base: server.url.replace(/\/$/, ''),
    close: async () => { await server.close(); await rm(dataDir, { recursive: true, force: true }); },
  };
}

/**
 * `node scripts/serve.mjs` as a child on `dataDir` (as user `uid`/`gid` when given). `listening`
 * resolves once it listens, to `{ child, base, exited }`; `exited` to `{ code, signal, stderr }`.
 */
export function spawnServer(dataDir, env = {}, { uid, gid } = {}) {
  const child = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs')], {
    env: { ...process.env, NIANBAO_DATA: dataDir, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(uid === undefined ? {} : { uid, gid }),
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr: err, stdout: out })));
  const listening = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
      if (url) resolve({ child, base: url, exited });
    });
    exited.then((e) => reject(Object.assign(new Error(`the server exited (${e.code ?? e.signal}): ${e.stderr}`), e)));
  });
  return { listening, exited, child };
}

/** Runs `node scripts/<script> ...args` on `dataDir` with `input` on stdin (not a terminal). */
export function runScript(script, args, { dataDir, input = '' }) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', script), ...args], {
    env: { ...process.env, NIANBAO_DATA: dataDir }, input, encoding: 'utf8', timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function addReviewer(dataDir, name, password) {
  const r = runScript('reviewer.mjs', ['add', name], { dataDir, input: `${password}\n` });
  if (r.code !== 0) throw new Error(`reviewer add failed: ${r.stderr}`);
}

export const postReport = (base, body, headers = {}) => fetch(`${base}/api/reports`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  signal: AbortSignal.timeout(30_000),
});

/** A POST as the review pages' forms send it from a browser on the same origin. */
export const formPost = (base, path, fields, { cookie, headers = {} } = {}) => fetch(`${base}${path}`, {
  method: 'POST',
  redirect: 'manual',
  // A header given as undefined is left out (an older browser sends no Sec-Fetch-Site).
  headers: Object.fromEntries(Object.entries({
    'Content-Type': 'application/x-www-form-urlencoded',
    Origin: base,
    'Sec-Fetch-Site': 'same-origin',
    ...(cookie ? { Cookie: cookie } : {}),
    ...headers,
  }).filter(([, value]) => value !== undefined)),
  body: new URLSearchParams(fields).toString(),
  signal: AbortSignal.timeout(30_000),
});

/** Signs in; resolves to `{ res, cookie }` where cookie is `name=value` for a Cookie header. */
export async function login(base, name, password, headers = {}) {
  const res = await formPost(base, '/review/login', { name, password }, { headers });
  const set = res.headers.get('set-cookie');
  await res.arrayBuffer();
  return { res, setCookie: set, cookie: set ? set.split(';')[0] : null };
}

export const getPage = (base, path, cookie) => fetch(`${base}${path}`, {
  redirect: 'manual', headers: cookie ? { Cookie: cookie } : {}, signal: AbortSignal.timeout(30_000),
});

/** The session's CSRF token, as the review pages carry it in their forms. */
export async function csrfOf(base, cookie) {
  const html = await (await getPage(base, '/review', cookie)).text();
  return /name="csrf" value="([^"]+)"/.exec(html)?.[1];
}

/** Every stored submission, read on a connection of its own. */
export function stored(dataDir) {
  const storage = openStorage(dataDir);
  try {
    return storage.listLatest().flatMap((s) => storage.history(s.issuerKey, s.year));
  } finally {
    storage.close();
  }
}
