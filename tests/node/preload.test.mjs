// The form's page names every module of app.js's import graph in a <link rel="modulepreload">, so
// the browser fetches them all at once instead of one level of imports after another (the form is
// ready sooner), and runs compile.js on its own first (the wasm compiles while they arrive).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ORIGIN = 'http://form.invalid';
/** A URL the server answers (scripts/serve.mjs: /pkg/ is pkg/, /lib/ the package's lib/, the rest www/) → the file. */
const fileOf = (url) => {
  const path = new URL(url).pathname;
  return root + (path.startsWith('/pkg/') || path.startsWith('/lib/') ? path.slice(1) : `www${path}`);
};

/** Every module app.js imports, directly or not, as URLs of the page. */
function graph(entry) {
  const seen = new Set();
  const walk = (url) => {
    if (seen.has(url)) return;
    seen.add(url);
    const text = readFileSync(fileOf(url), 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"`;]*?from\s*['"](\.[^'"]+)['"]/gm)) walk(new URL(m[1], url).href);
  };
  walk(new URL(entry, `${ORIGIN}/`).href);
  return seen;
}

const html = readFileSync(`${root}www/index.html`, 'utf8');
const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => new URL(m[1], `${ORIGIN}/`).href));
const scripts = [...html.matchAll(/<script type="module" src="([^"]+)"><\/script>/g)].map((m) => m[1]);

test('every module of the form is preloaded, and nothing else', () => {
  const modules = graph('app.js');
  for (const src of scripts) modules.delete(new URL(src, `${ORIGIN}/`).href); // the page's own scripts
  for (const url of modules) if (url.includes('/pkg/snippets/')) modules.delete(url); // its name changes with each build
  assert.deepEqual([...preloaded].sort(), [...modules].sort());
});

test('compile.js runs first, on its own: it imports nothing, and app.js reaches it through lifecycle.js', () => {
  assert.deepEqual(scripts, ['compile.js', 'app.js']);
  assert.equal(graph('compile.js').size, 1);
  assert.ok(graph('app.js').has(`${ORIGIN}/compile.js`));
});
