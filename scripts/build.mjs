#!/usr/bin/env node
// Builds the npm package into pkg/: wasm-pack (web target, usable by browsers and bundlers), then
// binaryen's wasm-opt from node_modules (wasm-pack's own download cannot work here), then a Node
// ESM entry that instantiates synchronously, then a CommonJS entry (wasm-bindgen's nodejs glue) that
// loads the very same .wasm. Prints the sizes the clerk will download.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync, statSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = join(root, 'pkg');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const listFiles = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile()) : []);

rmSync(join(pkg, 'snippets'), { recursive: true, force: true }); // no stale snippets in the tarball
// The binding crate (crates/nianbao-wasm) is what becomes the package; wasm-pack takes --out-dir
// relative to the crate, so it is given absolute.
const crate = join(root, 'crates', 'nianbao-wasm');
run('wasm-pack', ['build', crate, '--release', '--target', 'web', '--out-dir', pkg, '--out-name', 'nianbao', '--no-pack']);
const wasm = join(pkg, 'nianbao_bg.wasm');

// CommonJS (`require('nianbao')`): wasm-bindgen's nodejs glue, which reads
// `${__dirname}/nianbao_bg.wasm` synchronously. Its .wasm is byte for byte the web target's, so the
// package ships one .wasm for both; the check below stops the build if a wasm-bindgen upgrade ever
// makes them differ. The cargo build is cached, so this second wasm-pack run costs a few seconds.
// The .cjs/.d.cts extensions keep both CommonJS under the package's "type": "module".
const nodejsOut = join(root, 'target', 'nianbao-nodejs');
rmSync(nodejsOut, { recursive: true, force: true });
run('wasm-pack', ['build', crate, '--release', '--target', 'nodejs', '--out-dir', nodejsOut, '--out-name', 'nianbao', '--no-pack']);
if (!readFileSync(join(nodejsOut, 'nianbao_bg.wasm')).equals(readFileSync(wasm))) {
  throw new Error('the nodejs and web targets of wasm-bindgen emitted different .wasm files: ship both, or pin a wasm-bindgen that emits one');
}
const cjs = readFileSync(join(nodejsOut, 'nianbao.js'), 'utf8');
if (!cjs.includes('${__dirname}/nianbao_bg.wasm')) throw new Error('unexpected wasm-bindgen nodejs glue: it no longer loads ${__dirname}/nianbao_bg.wasm');
// JS snippets (#[wasm_bindgen(inline_js)] / module = …) land in snippets/; the nodejs glue
// require()s the same ES module files the web glue imports (Node ≥ 20.19 can require an ES module),
// so the package ships pkg/snippets/ once, if the two targets agree on every file.
for (const file of listFiles(join(nodejsOut, 'snippets'))) {
  const web = join(pkg, 'snippets', file);
  if (!existsSync(web) || !readFileSync(web).equals(readFileSync(join(nodejsOut, 'snippets', file)))) {
    throw new Error(`snippets/${file} differs between the nodejs and web targets: ship both`);
  }
}
writeFileSync(join(pkg, 'nianbao.cjs'), cjs.replace('@ts-self-types="./nianbao.d.ts"', '@ts-self-types="./nianbao.d.cts"'));
writeFileSync(join(pkg, 'nianbao.d.cts'), readFileSync(join(nodejsOut, 'nianbao.d.ts'), 'utf8'));
rmSync(nodejsOut, { recursive: true, force: true });

// `Checker` declares `[Symbol.dispose]()`, which only lib esnext.disposable knows: without this
// reference a consumer's `tsc` with the usual `lib: ["es2022", "dom"]` fails inside our types.
for (const dts of ['nianbao.d.ts', 'nianbao.d.cts']) {
  const text = readFileSync(join(pkg, dts), 'utf8');
  if (text.includes('Symbol.dispose') && !text.startsWith('/// <reference lib=')) {
    writeFileSync(join(pkg, dts), `/// <reference lib="esnext.disposable" />\n${text}`);
  }
}

const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
if (!existsSync(wasmOpt)) throw new Error('wasm-opt is missing: run `npm ci` (devDependency binaryen)');
run(wasmOpt, ['-O', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', wasm, '-o', wasm]);

// Node ≥ 20: read the .wasm next to this file and instantiate before anything is exported.
// The default export (init) is kept so that code shared with the browser may still `await init()`:
// the module is already instantiated, so it resolves at once.
writeFileSync(join(pkg, 'node.js'), `// Node entry: the module is ready on import, no init() needed.
import { readFileSync } from 'node:fs';
import { initSync } from './nianbao.js';
initSync({ module: readFileSync(new URL('./nianbao_bg.wasm', import.meta.url)) });
export * from './nianbao.js';
export { default } from './nianbao.js';
`);
// Its types are the CommonJS ones (the same API, written without DOM types such as RequestInfo or
// WebAssembly.Module, which a Node project's tsc does not know) plus the two init functions.
writeFileSync(join(pkg, 'node.d.ts'), `${readFileSync(join(pkg, 'nianbao.d.cts'), 'utf8')}
/** Node: the module is instantiated on import, so this resolves at once; kept for code shared with browsers. */
export default function init(module_or_path?: unknown): Promise<unknown>;
/** Node: the module is instantiated on import, so this returns at once. */
export function initSync(module?: unknown): unknown;
`);
// Not shipped: wasm-pack's own package files, and the raw export list of the .wasm (no consumer imports it).
for (const stray of ['package.json', '.gitignore', 'README.md', 'nianbao_bg.wasm.d.ts']) rmSync(join(pkg, stray), { force: true });

const sizes = ['nianbao_bg.wasm', 'nianbao.js'].map((name) => {
  const bytes = readFileSync(join(pkg, name));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { name, raw: statSync(join(pkg, name)).size, gzip, brotli };
});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const s of sizes) console.log(`${s.name.padEnd(18)} ${kb(s.raw).padStart(9)} raw  ${kb(s.gzip).padStart(8)} gzip  ${kb(s.brotli).padStart(8)} brotli`);
console.log(`${'total'.padEnd(18)} ${kb(sizes.reduce((a, s) => a + s.raw, 0)).padStart(9)} raw  ${kb(sizes.reduce((a, s) => a + s.gzip, 0)).padStart(8)} gzip`);

// The Word export for the form, loaded on the first export only (scripts/bundle-docx.mjs).
const { bundleDocx } = await import('./bundle-docx.mjs');
const docxSize = await bundleDocx();
console.log(`${'docx.js (on export)'.padEnd(18)} ${kb(docxSize.raw).padStart(9)} raw  ${kb(docxSize.gzip).padStart(8)} gzip`);

// The readers for the form's import (PDF, Word, web pages), loaded when such a file is opened.
const { bundleRead } = await import('./bundle-read.mjs');
const readSizes = await bundleRead();
console.log(`${'read/ (on import)'.padEnd(18)} ${kb(readSizes.reduce((a, s) => a + s.raw, 0)).padStart(9)} raw  ${kb(readSizes.reduce((a, s) => a + s.gzip, 0)).padStart(8)} gzip`);
