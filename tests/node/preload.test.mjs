// The form's page loads compile.js (it starts compiling the .wasm) and app.bundle.js (app.js and
// every module it imports, bundled by scripts/bundle-form.mjs), and names in a
// <link rel="modulepreload"> every module the bundle imports, so that nothing is fetched one level
// of imports after another (the form is ready sooner).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FORM_BUNDLE, drawnPart, formBundleOptions } from '../../scripts/bundle-form.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ORIGIN = 'http://form.invalid';
const html = readFileSync(`${root}www/index.html`, 'utf8');
const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => new URL(m[1], `${ORIGIN}/`).href));
const scripts = [...html.matchAll(/<script type="module" src="([^"]+)"><\/script>/g)].map((m) => m[1]);
/** The static imports of a module's text, as URLs of the page. */
const importsOf = (text, url) =>
  [...text.matchAll(/^\s*(?:import|export)\b[^'"`;]*?from\s*['"](\.[^'"]+)['"]/gm)].map((m) => new URL(m[1], url).href);

test('compile.js runs first, on its own, then the bundle, which reaches it by the same URL', () => {
  assert.deepEqual(scripts, ['compile.js', 'app.bundle.js']);
  assert.deepEqual(importsOf(readFileSync(`${root}www/compile.js`, 'utf8'), `${ORIGIN}/compile.js`), []);
  assert.ok(importsOf(readFileSync(FORM_BUNDLE, 'utf8'), `${ORIGIN}/app.bundle.js`).includes(`${ORIGIN}/compile.js`));
});

test('every module the bundle imports is preloaded, and nothing else', () => {
  const imported = new Set(importsOf(readFileSync(FORM_BUNDLE, 'utf8'), `${ORIGIN}/app.bundle.js`));
  imported.delete(`${ORIGIN}/compile.js`); // the page's own first script
  assert.deepEqual([...preloaded].sort(), [...imported].sort());
  assert.ok(preloaded.has(`${ORIGIN}/pkg/checker.js`));
});

test('the bundle is built from the sources as they are (npm run build writes it)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bundle-'));
  try {
    const fresh = join(dir, 'app.bundle.js');
    await build(formBundleOptions(fresh));
    assert.ok(readFileSync(fresh).equals(readFileSync(FORM_BUNDLE)), 'www/app.bundle.js is stale: run `npm run build`');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the bundle carries what drawing needs of the package’s schema() as it is now, for drawing before the .wasm is ready', async () => {
  const { schema } = await import('nianbao');
  const drawn = drawnPart(schema());
  assert.deepEqual(Object.keys(drawn), ['format', 'tables', 'cells']);
  assert.equal(drawn.cells.length, 200);
  const bundle = readFileSync(FORM_BUNDLE, 'utf8');
  // www/schema.js as bundled: `JSON.parse(<string literal>)`, the literal in whichever quotes esbuild chose.
  const found = bundle.match(/= JSON\.parse\((`|")([\s\S]*?[^\\])\1\);\n/);
  assert.ok(found, 'www/schema.js is not bundled as the package’s schema() (scripts/bundle-form.mjs)');
  assert.deepEqual((0, eval)(`JSON.parse(${found[1]}${found[2]}${found[1]})`), drawn);
});
