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
import { FORM_BUNDLE, drawnPart, formBundleOptions, tablesHtml } from '../../scripts/bundle-form.mjs';

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
  assert.ok(preloaded.has(`${ORIGIN}/pkg/form/nianbao_form.js`));
});

test('the bundle asks Chromium to compile its functions as it streams in (their first calls are all on the way to ready)', () => {
  // V8 reads the hint only as the file's first line.
  assert.equal(readFileSync(FORM_BUNDLE, 'utf8').split('\n', 1)[0], '//# allFunctionsCalledOnLoad');
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

test('the bundle carries the package’s schema() as it is now (what drawing needs) and the tables drawn from it', async () => {
  const { schema } = await import('nianbao');
  const drawn = drawnPart(schema());
  assert.deepEqual(Object.keys(drawn), ['format', 'tables', 'cells']);
  assert.equal(drawn.cells.length, 200);
  const bundle = readFileSync(FORM_BUNDLE, 'utf8');
  // www/prebuilt.js as bundled: two top-level constants, literals in whichever quotes esbuild chose.
  const constant = (name) => {
    const found = bundle.match(new RegExp(`^var ${name}\\d* = (.*);$`, 'm'));
    assert.ok(found, `www/prebuilt.js's ${name} is not in the bundle (scripts/bundle-form.mjs)`);
    return (0, eval)(found[1]);
  };
  assert.deepEqual(constant('schema'), drawn);
  const html = constant('tablesHtml');
  assert.equal(html, await tablesHtml(drawn));
  // Every cell's input once, in the schema's order, and every label of the schema's tables written.
  assert.deepEqual([...html.matchAll(/<input [^>]*data-cell="([^"]+)"/g)].map((m) => m[1]), drawn.cells.map((c) => c.id));
  for (const table of drawn.tables) assert.ok(html.includes(`>${table.label}</h2>`), table.label);
});
