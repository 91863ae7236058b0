#!/usr/bin/env node
// Builds the npm package into pkg/: wasm-pack (web target, usable by browsers and bundlers), then
// binaryen's wasm-opt from node_modules (wasm-pack's own download cannot work here), then a Node
// entry that instantiates synchronously. Prints the sizes the clerk will download.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = join(root, 'pkg');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run('wasm-pack', ['build', '--release', '--target', 'web', '--out-dir', 'pkg', '--out-name', 'nianbao', '--no-pack']);
const wasm = join(pkg, 'nianbao_bg.wasm');
const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
if (!existsSync(wasmOpt)) throw new Error('wasm-opt is missing: run `npm ci` (devDependency binaryen)');
run(wasmOpt, ['-O', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', wasm, '-o', wasm]);

// Node ≥ 20: read the .wasm next to this file and instantiate before anything is exported.
writeFileSync(join(pkg, 'node.js'), `// Node entry: the module is ready on import, no init() needed.
import { readFileSync } from 'node:fs';
import { initSync } from './nianbao.js';
initSync({ module: readFileSync(new URL('./nianbao_bg.wasm', import.meta.url)) });
export * from './nianbao.js';
`);
writeFileSync(join(pkg, 'node.d.ts'), `export * from './nianbao.js';\n`);
for (const stray of ['package.json', '.gitignore', 'README.md']) rmSync(join(pkg, stray), { force: true });

const sizes = ['nianbao_bg.wasm', 'nianbao.js'].map((name) => {
  const bytes = readFileSync(join(pkg, name));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { name, raw: statSync(join(pkg, name)).size, gzip, brotli };
});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const s of sizes) console.log(`${s.name.padEnd(18)} ${kb(s.raw).padStart(9)} raw  ${kb(s.gzip).padStart(8)} gzip  ${kb(s.brotli).padStart(8)} brotli`);
console.log(`${'total'.padEnd(18)} ${kb(sizes.reduce((a, s) => a + s.raw, 0)).padStart(9)} raw  ${kb(sizes.reduce((a, s) => a + s.gzip, 0)).padStart(8)} gzip`);
