#!/usr/bin/env node
// Builds the npm package into pkg/: cargo and the wasm-bindgen CLI (web target, usable by browsers
// and bundlers; two modules, the checker and the importer), then binaryen's wasm-opt from
// node_modules, then a Node ESM entry that instantiates synchronously, then a CommonJS entry
// (wasm-bindgen's nodejs glue) that loads the very same .wasm. Prints the sizes the clerk will download.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync, statSync, existsSync, readdirSync, copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = join(root, 'pkg');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const listFiles = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile()) : []);

rmSync(join(pkg, 'snippets'), { recursive: true, force: true }); // no stale snippets in the tarball
rmSync(join(pkg, 'import'), { recursive: true, force: true });

// The binding crate (crates/nianbao-wasm) is built twice, one feature each, into two modules: the
// checker — all the form needs first — and the importer of published reports, which the form loads
// on first use. Each is bound by the wasm-bindgen CLI (the version pinned in Cargo.toml), for the web
// with a `__wbg_reset_state()` that starts a fresh instance of the compiled module after a trap
// (www/components/lifecycle.js), and for Node (CommonJS).
const staging = join(root, 'target', 'nianbao-bindgen');
rmSync(staging, { recursive: true, force: true });
function bind(feature, name, profile = 'release', features = `${feature},console_error_panic_hook`) {
  run('cargo', ['build', '-p', 'nianbao-wasm', '--lib', '--profile', profile, '--target', 'wasm32-unknown-unknown',
    '--no-default-features', '--features', features]);
  const built = join(root, 'target', 'wasm32-unknown-unknown', profile, 'nianbao_wasm.wasm');
  copyFileSync(built, join(root, 'target', `${name}.wasm`)); // before wasm-bindgen, for twiggy (npm run bench)
  const out = (target) => join(staging, `${name}-${target}`);
  run('wasm-bindgen', [built, '--target', 'web', '--experimental-reset-state-function', '--out-dir', out('web'), '--out-name', name]);
  run('wasm-bindgen', [built, '--target', 'nodejs', '--out-dir', out('nodejs'), '--out-name', name]);
  // The nodejs and web targets must emit the same .wasm, so the package ships one for both.
  if (!readFileSync(join(out('nodejs'), `${name}_bg.wasm`)).equals(readFileSync(join(out('web'), `${name}_bg.wasm`)))) {
    throw new Error('the nodejs and web targets of wasm-bindgen emitted different .wasm files: ship both, or pin a wasm-bindgen that emits one');
  }
  const cjs = readFileSync(join(out('nodejs'), `${name}.js`), 'utf8');
  if (!cjs.includes(`\${__dirname}/${name}_bg.wasm`)) throw new Error(`unexpected wasm-bindgen nodejs glue: it no longer loads \${__dirname}/${name}_bg.wasm`);
  // JS snippets (#[wasm_bindgen(inline_js)]) land in snippets/; the nodejs glue require()s the same
  // ES module files the web glue imports (Node ≥ 20.19 can require an ES module), so they ship once.
  for (const file of listFiles(join(out('nodejs'), 'snippets'))) {
    const web = join(out('web'), 'snippets', file);
    if (!existsSync(web) || !readFileSync(web).equals(readFileSync(join(out('nodejs'), 'snippets', file)))) {
      throw new Error(`snippets/${file} differs between the nodejs and web targets: ship both`);
    }
  }
  return { web: out('web'), nodejs: out('nodejs'), cjs, dcts: readFileSync(join(out('nodejs'), `${name}.d.ts`), 'utf8') };
}
const checker = bind('checker', 'nianbao');
// The form's first module (feature `form`: the Checker alone, no serde, no prose checks), what the
// page downloads before it is ready; it loads the checker above on first use (prose, last year's
// report, an import). No panic hook: a panic is a trap the form recovers from either way, and the
// hook's formatting is ~3 KB of the download.
const form = bind('form', 'nianbao_form', 'release', 'form');
const importer = bind('import', 'nianbao_import', 'release-import'); // for speed: see Cargo.toml

// Node checks in bulk (the CLI, the server, a portal's backend) and downloads nothing, so its entries
// load the same modules built for speed (Cargo profile release-speed: opt-level 3, about twice as
// fast and a third larger). Shipped only when wasm-bindgen writes the very same JS glue for them as
// for the browser's, so either .wasm fits either glue.
function bindForSpeed(feature, name, sizeBuilt) {
  run('cargo', ['build', '-p', 'nianbao-wasm', '--lib', '--profile', 'release-speed', '--target', 'wasm32-unknown-unknown',
    '--no-default-features', '--features', `${feature},console_error_panic_hook`]);
  const out = join(staging, `${name}-speed`);
  const speedBuilt = join(root, 'target', 'wasm32-unknown-unknown', 'release-speed', 'nianbao_wasm.wasm');
  for (const target of ['web', 'nodejs']) {
    const reset = target === 'web' ? ['--experimental-reset-state-function'] : [];
    run('wasm-bindgen', [speedBuilt, '--target', target, ...reset, '--out-dir', join(out, target), '--out-name', name]);
    const sizeGlue = join(target === 'web' ? sizeBuilt.web : sizeBuilt.nodejs, `${name}.js`);
    if (!readFileSync(join(out, target, `${name}.js`)).equals(readFileSync(sizeGlue))) {
      throw new Error(`wasm-bindgen wrote different ${target} glue for the speed build of ${name}: the Node entries cannot share the browser's glue`);
    }
  }
  return join(out, 'nodejs', `${name}_bg.wasm`);
}
/** The nodejs glue, loading the speed build. */
const forNode = (cjs, name) => cjs.replace(`\${__dirname}/${name}_bg.wasm`, `\${__dirname}/${name}_node_bg.wasm`);
mkdirSync(join(pkg, 'import'), { recursive: true });
copyFileSync(bindForSpeed('checker', 'nianbao', checker), join(pkg, 'nianbao_node_bg.wasm'));
copyFileSync(bindForSpeed('import', 'nianbao_import', importer), join(pkg, 'import', 'nianbao_import_node_bg.wasm'));

// The checker: pkg/checker.js (the form imports it) beside pkg/nianbao_bg.wasm and pkg/snippets/.
cpSync(join(checker.web, 'snippets'), join(pkg, 'snippets'), { recursive: true });
copyFileSync(join(checker.web, 'nianbao_bg.wasm'), join(pkg, 'nianbao_bg.wasm'));
// Its inline JS snippets are written into checker.js itself: one module fewer to fetch, one round
// trip fewer before the form is ready (the CommonJS glue still requires them from snippets/).
/** wasm-bindgen's web glue `name`.js in `dir`, with its snippets written into it. */
const withSnippets = (dir, name) => readFileSync(join(dir, `${name}.js`), 'utf8').replace(
  /^import \{ ([\w, ]+) \} from '(\.\/snippets\/[^']+)';$/gm,
  (_, names, path) => {
    const code = readFileSync(join(dir, path), 'utf8');
    if (/^\s*import\b/m.test(code)) throw new Error(`${path} imports another module: it cannot be inlined`);
    return `const { ${names} } = (() => {${code.replace(/^export /gm, '')}\nreturn { ${names} };\n})();`;
  });
writeFileSync(join(pkg, 'checker.js'), withSnippets(checker.web, 'nianbao').replace('@ts-self-types="./nianbao.d.ts"', '@ts-self-types="./checker.d.ts"'));
copyFileSync(join(checker.web, 'nianbao.d.ts'), join(pkg, 'checker.d.ts'));
// The form's first module: pkg/form/, its glue minified (esbuild): 11 KB instead of 19, without
// the glue's console warnings about deprecated init() arguments and a server's MIME type, which the
// form (its one user: it passes init() the module it compiled) never triggers. Its first line asks
// Chromium to compile its functions as it streams in, as the form's bundle does (bundle-form.mjs):
// the form calls most of them on the way to ready.
rmSync(join(pkg, 'form'), { recursive: true, force: true });
mkdirSync(join(pkg, 'form'), { recursive: true });
const { transformSync } = await import('esbuild');
const formGlue = transformSync(withSnippets(form.web, 'nianbao_form'), { minify: true, format: 'esm', target: 'es2022', charset: 'utf8', drop: ['console'] }).code;
writeFileSync(join(pkg, 'form', 'nianbao_form.js'), `//# allFunctionsCalledOnLoad\n/* @ts-self-types="./nianbao_form.d.ts" */\n${formGlue}`);
copyFileSync(join(form.web, 'nianbao_form.d.ts'), join(pkg, 'form', 'nianbao_form.d.ts'));
copyFileSync(join(form.web, 'nianbao_form_bg.wasm'), join(pkg, 'form', 'nianbao_form_bg.wasm'));
// The importer: pkg/import/, for the web (ESM) and for require().
mkdirSync(join(pkg, 'import'), { recursive: true });
for (const file of ['nianbao_import.js', 'nianbao_import.d.ts', 'nianbao_import_bg.wasm']) copyFileSync(join(importer.web, file), join(pkg, 'import', file));
writeFileSync(join(pkg, 'import', 'nianbao_import.cjs'), forNode(importer.cjs, 'nianbao_import').replace(/^\/\* @ts-self-types=.*\n/m, ''));

// `importReport`'s declaration (with its doc comment), for the entries that offer both modules.
const importDecl = readFileSync(join(pkg, 'import', 'nianbao_import.d.ts'), 'utf8').match(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?export function importReport\([^;]*;/);
if (!importDecl) throw new Error('the importer module declares no importReport');

// The browser and bundler entry (package.json "default"): both modules; `init()` readies both, so
// `importReport` is there, synchronous, after `await init()` as before the split.
writeFileSync(join(pkg, 'nianbao.js'), `// The browser and bundler entry, written by scripts/build.mjs: the checker (checker.js,
// nianbao_bg.wasm) and the importer of published reports (import/), two modules; init() readies both.
// A page that wants the checker first imports checker.js and loads import/ when it needs it.
import initChecker, { initSync as initCheckerSync } from './checker.js';
import initImporter, { initSync as initImporterSync } from './import/nianbao_import.js';
export * from './checker.js';
export { importReport } from './import/nianbao_import.js';

/** Fetches and instantiates both modules (\`module_or_path\` is the checker's; the importer's .wasm is fetched from beside its JS). */
export default async function init(module_or_path) {
  const [output] = await Promise.all([initChecker(module_or_path), initImporter()]);
  return output;
}

/** The checker from \`module\`; the importer too when \`importer\` (its .wasm bytes or module) is given. */
export function initSync({ module, importer } = {}) {
  if (importer) initImporterSync({ module: importer });
  return initCheckerSync({ module });
}
`);
writeFileSync(join(pkg, 'nianbao.d.ts'), `export * from './checker.js';
export { importReport } from './import/nianbao_import.js';
import type { InitInput, InitOutput, SyncInitInput } from './checker.js';
/** Fetches and instantiates both modules: the checker (from \`module_or_path\`, by default nianbao_bg.wasm beside checker.js) and the importer. */
export default function init(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
/** The checker from \`module\`; the importer too when \`importer\` is given (else importReport needs \`await init()\`). */
export function initSync(modules: { module: SyncInitInput; importer?: SyncInitInput }): InitOutput;
`);

// CommonJS (`require('nianbao')`): wasm-bindgen's nodejs glue of the checker, reading the speed
// build `${__dirname}/nianbao_node_bg.wasm` synchronously, plus the importer's. The .cjs/.d.cts extensions
// keep both CommonJS under the package's "type": "module".
writeFileSync(join(pkg, 'nianbao.cjs'), `${forNode(checker.cjs, 'nianbao').replace('@ts-self-types="./nianbao.d.ts"', '@ts-self-types="./nianbao.d.cts"')}
// The importer is a module of its own (scripts/build.mjs); require('nianbao') offers both.
exports.importReport = require('./import/nianbao_import.cjs').importReport;
`);
writeFileSync(join(pkg, 'nianbao.d.cts'), `${checker.dcts}\n${importDecl[0]}\n`);
rmSync(staging, { recursive: true, force: true });

// `Checker` declares `[Symbol.dispose]()`, which only lib esnext.disposable knows: without this
// reference a consumer's `tsc` with the usual `lib: ["es2022", "dom"]` fails inside our types.
for (const dts of ['checker.d.ts', 'nianbao.d.cts']) {
  const text = readFileSync(join(pkg, dts), 'utf8');
  if (text.includes('Symbol.dispose') && !text.startsWith('/// <reference lib=')) {
    writeFileSync(join(pkg, dts), `/// <reference lib="esnext.disposable" />\n${text}`);
  }
}

const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
if (!existsSync(wasmOpt)) throw new Error('wasm-opt is missing: run `npm ci` (devDependency binaryen)');
for (const wasm of ['form/nianbao_form_bg.wasm', 'nianbao_bg.wasm', 'nianbao_node_bg.wasm', 'import/nianbao_import_bg.wasm', 'import/nianbao_import_node_bg.wasm'].map((f) => join(pkg, f))) {
  // The producers and target_features sections tell tools how the module was built; no engine reads them.
  run(wasmOpt, ['-O', '--strip-producers', '--strip-target-features', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', wasm, '-o', wasm]);
}

// Node ≥ 20: read both .wasm files and instantiate before anything is exported.
// The default export (init) is kept so that code shared with the browser may still `await init()`:
// the modules are already instantiated, so it resolves at once.
writeFileSync(join(pkg, 'node.js'), `// Node entry: the modules are ready on import, no init() needed.
import { readFileSync } from 'node:fs';
import { initSync } from './checker.js';
import { initSync as initImporter } from './import/nianbao_import.js';
initSync({ module: readFileSync(new URL('./nianbao_node_bg.wasm', import.meta.url)) });
initImporter({ module: readFileSync(new URL('./import/nianbao_import_node_bg.wasm', import.meta.url)) });
export * from './checker.js';
export { importReport } from './import/nianbao_import.js';
export { default } from './checker.js';
`);
// Its types are the CommonJS ones (the same API, written without DOM types such as RequestInfo or
// WebAssembly.Module, which a Node project's tsc does not know) plus the two init functions.
writeFileSync(join(pkg, 'node.d.ts'), `${readFileSync(join(pkg, 'nianbao.d.cts'), 'utf8')}
/** Node: the module is instantiated on import, so this resolves at once; kept for code shared with browsers. */
export default function init(module_or_path?: unknown): Promise<unknown>;
/** Node: the module is instantiated on import, so this returns at once. */
export function initSync(module?: unknown): unknown;
`);
// Not shipped: what earlier builds (wasm-pack) left.
for (const stray of ['package.json', '.gitignore', 'README.md', 'nianbao_bg.wasm.d.ts']) rmSync(join(pkg, stray), { force: true });

// What the form downloads first (its checker), then the full checker and the importer, fetched on first use.
const sizes = ['form/nianbao_form_bg.wasm', 'form/nianbao_form.js', 'nianbao_bg.wasm', 'checker.js', 'import/nianbao_import_bg.wasm', 'import/nianbao_import.js'].map((name) => {
  const bytes = readFileSync(join(pkg, name));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { name, raw: statSync(join(pkg, name)).size, gzip, brotli };
});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const s of sizes) console.log(`${s.name.padEnd(30)} ${kb(s.raw).padStart(9)} raw  ${kb(s.gzip).padStart(8)} gzip  ${kb(s.brotli).padStart(8)} brotli`);
const first = sizes.slice(0, 2);
console.log(`${'first download (form checker)'.padEnd(30)} ${kb(first.reduce((a, s) => a + s.raw, 0)).padStart(9)} raw  ${kb(first.reduce((a, s) => a + s.gzip, 0)).padStart(8)} gzip`);

// The Word export for the form, loaded on the first export only (scripts/bundle-docx.mjs).
const { bundleDocx } = await import('./bundle-docx.mjs');
const docxSize = await bundleDocx();
console.log(`${'docx.js (on export)'.padEnd(30)} ${kb(docxSize.raw).padStart(9)} raw  ${kb(docxSize.gzip).padStart(8)} gzip`);
// The form's own modules as one file (www/app.bundle.js, which www/index.html loads).
const { bundleForm } = await import('./bundle-form.mjs');
const formSize = await bundleForm();
console.log(`${'www/app.bundle.js (the form)'.padEnd(30)} ${kb(formSize.raw).padStart(9)} raw  ${kb(formSize.gzip).padStart(8)} gzip`);
// The readers for the form's import (PDF, Word, web pages), loaded when such a file is opened.
const { bundleRead } = await import('./bundle-read.mjs');
const readSizes = await bundleRead();
console.log(`${'read/ (on import)'.padEnd(30)} ${kb(readSizes.reduce((a, s) => a + s.raw, 0)).padStart(9)} raw  ${kb(readSizes.reduce((a, s) => a + s.gzip, 0)).padStart(8)} gzip`);
