// What `npm pack` puts in the tarball: what every entry of the exports map needs, the LICENSE and
// the README, and nothing else; and the README's portal section has a test for every sample.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, README_SECTION, SAMPLES, readmeBlocks, readmeSection, removeTempRoot, run, tempRoot } from './support.mjs';

const EXPECTED = [
  'LICENSE',
  'README.md',
  'lib/canonical.mjs', // a report as the package reads it: the Word export, review view and CLI share it
  'lib/export/docx.d.ts', // nianbao/docx: its types
  'lib/export/docx.mjs', // nianbao/docx: the Word export
  'lib/export/grid.mjs',
  'lib/export/prose.mjs',
  'lib/read/cells.mjs', // nianbao/read: tables from documents' own structure into the importer's rows
  'lib/read/docx.mjs', // .docx
  'lib/read/errors.mjs',
  'lib/read/html.mjs', // web pages
  'lib/read/index.d.ts', // nianbao/read: its types
  'lib/read/index.mjs', // nianbao/read: readReport
  'lib/read/layout.mjs', // PDF: rows and columns from the runs' geometry
  'lib/read/pdf.mjs', // PDF: pdf.js's text runs
  'lib/review/client.js', // the review page (nianbao check --html) and the server's review area
  'lib/review/page.css',
  'lib/review/render.mjs',
  'lib/review/view.js',
  'lib/tables/draw.js', // the table drawing the form, the Word export and the review page share
  'lib/tables/html.js',
  'lib/tables/layout.js',
  'package.json',
  'pkg/checker.d.ts',
  'pkg/checker.js', // the checker module alone (what the form loads first)
  'pkg/import/nianbao_import.cjs', // the importer, for require('nianbao')
  'pkg/import/nianbao_import.d.ts',
  'pkg/import/nianbao_import.js', // the importer, a module of its own: loaded by init() or on first use
  'pkg/import/nianbao_import_bg.wasm',
  'pkg/import/nianbao_import_node_bg.wasm', // the same, built for speed: what Node loads
  'pkg/nianbao.cjs', // require('nianbao')
  'pkg/nianbao.d.cts', // its types
  'pkg/nianbao.d.ts', // the browser/bundler types
  'pkg/nianbao.js', // browsers and bundlers: await init() (both modules)
  'pkg/nianbao_bg.wasm', // the checker's .wasm, for browsers and bundlers (built for size)
  'pkg/nianbao_node_bg.wasm', // the same, built for speed: what Node loads (node.js, nianbao.cjs)
  'pkg/node.d.ts',
  'pkg/node.js', // import in Node: ready on import
];

let tmp;
let packed; // what `npm pack --json` reports for the real tarball (written into tmp, then removed)
before(async () => {
  tmp = tempRoot('tarball');
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: REPO, timeout: 60_000 });
  [packed] = JSON.parse(stdout);
});
after(() => removeTempRoot(tmp));

test('the tarball holds the entries, their types, the .wasm, LICENSE and README, and nothing else', (t) => {
  const files = packed.files.map((f) => f.path).sort();
  // bin/ is the command line (its own tests live in tests/node/) and pkg/snippets/ the JS that
  // wasm-bindgen's inline_js emits; anything else must be listed here.
  const others = files.filter((f) => !f.startsWith('bin/') && !f.startsWith('pkg/snippets/'));
  assert.deepEqual(others, EXPECTED);
  for (const f of files.filter((f) => f.startsWith('bin/'))) assert.match(f, /^bin\/[\w/.-]+\.mjs$/, f);
  for (const f of files.filter((f) => f.startsWith('pkg/snippets/'))) assert.match(f, /^pkg\/snippets\/[\w/.-]+\.js$/, f);
  t.diagnostic(`${packed.filename}: ${packed.size} bytes packed (${(packed.size / 1024).toFixed(1)} KB), ` +
    `${packed.unpackedSize} bytes unpacked, ${files.length} files`);
  // The .wasm modules dominate: the checker (~125 KB packed) and the importer loaded on first use
  // (~70 KB: label variants, near matches and the glued-row split, which solves the table's
  // equations), each twice — for size (browsers) and for speed (Node, ~155 + 75 KB); the plain-JS
  // parts — readers, Word export, review view, table drawing, CLI — add ~100 KB. The file list
  // above is exact; this catches a file that grew.
  assert.ok(packed.size < 560 * 1024, `tarball is ${packed.size} bytes`);
});

test('every target of the exports map, main, types and bin is in the tarball', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const files = new Set(packed.files.map((f) => f.path));
  const targets = [];
  const walk = (node) => (typeof node === 'string' ? targets.push(node) : Object.values(node).forEach(walk));
  walk(pkg.exports);
  walk(pkg.bin);
  targets.push(pkg.main, pkg.types);
  for (const target of targets) assert.ok(files.has(target.replace(/^\.\//, '')), `${target} is not in the tarball`);
  // The paths portal developers import by name.
  assert.equal(pkg.exports['./nianbao_bg.wasm'], './pkg/nianbao_bg.wasm');
  assert.equal(pkg.exports['.'].default, './pkg/nianbao.js');
  assert.equal(pkg.exports['.'].node.require.default, './pkg/nianbao.cjs');
  assert.equal(pkg.exports['.'].node.import.default, './pkg/node.js');
});

test('every file the entries import or require is in the tarball', () => {
  const files = new Set(packed.files.map((f) => f.path));
  const seen = new Set();
  const follow = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    assert.ok(files.has(file), `${[...seen].join(' → ')}: ${file} is not in the tarball`);
    const text = readFileSync(join(REPO, file), 'utf8');
    const specifiers = [
      ...text.matchAll(/^\s*(?:import|export)\b[^'"`;]*?from\s*['"](\.[^'"]+)['"]/gm), // import … from './x'
      ...text.matchAll(/^\s*import\s*['"](\.[^'"]+)['"]/gm), // import './x'
      ...text.matchAll(/require\((?:String\.raw)?[`'"](\.[^`'"]+)[`'"]\)/g), // require('./x')
      ...text.matchAll(/new URL\(['"](\.?\/?[\w.-]+)['"],\s*import\.meta\.url\)/g), // the .wasm
    ].map((m) => m[1]);
    for (const spec of specifiers) follow(join(dirname(file), spec));
  };
  for (const entry of ['pkg/nianbao.js', 'pkg/node.js', 'pkg/nianbao.cjs']) follow(entry);
  assert.ok(seen.has('pkg/nianbao_bg.wasm'));
});

test('LICENSE is MIT, 2026 the nianbao authors, and package.json says so', () => {
  const license = readFileSync(join(REPO, 'LICENSE'), 'utf8');
  assert.match(license, /^MIT License\n/);
  assert.match(license, /^Copyright \(c\) 2026 the nianbao authors$/m);
  assert.equal(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).license, 'MIT');
});

test('the README section: the install line, then only samples that a packaging test runs', () => {
  assert.match(readmeSection(), new RegExp(`^${README_SECTION}\n`));
  const [install, ...rest] = readmeBlocks();
  assert.deepEqual(install, { sample: null, lang: 'bash', code: 'npm install nianbao\n' }); // what every consumer here does, with the tarball
  const unmarked = rest.filter((b) => !b.sample).map((b) => b.code.split('\n')[0]);
  assert.deepEqual(unmarked, [], 'a code block in the section has no <!-- sample: … --> marker, so no test runs it');
  assert.deepEqual(rest.map((b) => b.sample).sort(), Object.keys(SAMPLES).sort());
});

// The blocks outside the portal section are read, not run: at least each one imports what it uses
// (a sample called importReport without importing it).
test('every code block of the README imports each export of the package it uses', async () => {
  const exported = Object.keys(await import(pathToFileURL(join(REPO, 'pkg/node.js')).href)).filter((name) => name !== 'default');
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  let checked = 0;
  for (const [, code] of readme.matchAll(/```(?:js|ts|mjs|cjs|html)\n([\s\S]*?)\n```/g)) {
    const imports = [...code.matchAll(/import\s+(?:\w+\s*,\s*)?\{([^}]*)\}\s*from\s*'nianbao'|const\s*\{([^}]*)\}\s*=\s*require\('nianbao'\)/g)];
    if (imports.length === 0) continue;
    const names = new Set(imports.flatMap((m) => (m[1] ?? m[2]).split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0])));
    const used = exported.filter((name) => new RegExp(`(?<![\\w.])${name}\\s*\\(`).test(code));
    assert.deepEqual(used.filter((name) => !names.has(name)), [], `a block uses what it does not import:\n${code}`);
    checked++;
  }
  assert.ok(checked >= 5, `only ${checked} blocks import nianbao`);
});
