// Bundles the form's own JavaScript (www/app.js, its components and lib/tables/) into one module,
// www/app.bundle.js, which www/index.html loads: the browser fetches two files (this and the
// package's checker.js) instead of 31 modules, which on a busy machine arrived all at once, long
// after the .wasm had compiled (BENCHMARKS.md). The sources stay plain ES modules.
// compile.js (which index.html runs first, to start compiling the .wasm) and everything under pkg/
// stay modules of their own: the checker (one instance per page, which the trap test reaches by its
// URL) and what loads on first use (importer, readers, Word export). Their imports are written as
// URLs of the page, so they are rewritten to the same URLs as seen from the bundle.
// www/prebuilt.js becomes what the form needs of the package before its instance is there
// (`prebuiltModule()`): schema()'s format, tables and cells, and the three tables as HTML — so the
// form stands while the .wasm compiles, no wasm call writes 96 KB of JSON and no script builds 200
// inputs on the way to ready. The rules and the rows' full labels stay in the package (no rule id is
// written in the form's files, tests/e2e/messages.test.mjs; a row id may equal one): context.js asks
// for them when a finding or the importer first needs them, or when idle.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const www = join(root, 'www');
export const FORM_BUNDLE = join(www, 'app.bundle.js');
const PREBUILT_MODULE = join(www, 'prebuilt.js');

/** What of schema() the form draws from before its instance is there. */
export const drawnPart = ({ format, tables, cells }) => ({ format, tables, cells });

/** The form's tables as HTML, in Chinese (tables.js relabels them for another language). */
export async function tablesHtml(schema) {
  const { drawFormTables } = await import('../www/components/tables-markup.js');
  const { htmlDocument } = await import('../lib/tables/html.js');
  return drawFormTables(schema, { doc: htmlDocument, label: (item) => item.label }).join('');
}

/** The text www/prebuilt.js is bundled as, from the built package (strings parsed, not literals: quicker to load). */
export async function prebuiltModule() {
  const { schema } = await import('nianbao');
  const drawn = drawnPart(schema());
  return `// From the package this form was built with (scripts/bundle-form.mjs).
export const schema = JSON.parse(${JSON.stringify(JSON.stringify(drawn))});
export const tablesHtml = ${JSON.stringify(await tablesHtml(drawn))};
`;
}

/** The options of the build, for scripts/build.mjs and for the test that the bundle is current. */
export function formBundleOptions(outfile = FORM_BUNDLE) {
  return {
    entryPoints: [join(www, 'app.js')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    charset: 'utf8', // the strings stay readable Chinese, not \u escapes
    // Chromium (136+) then compiles the bundle's functions on the thread that streams it in, not
    // one by one on the main thread as each is first called: nearly all of them run before the form
    // is ready. ~5 ms less from the form's first script to ready in a cold load (BENCHMARKS.md).
    banner: { js: '//# allFunctionsCalledOnLoad' },
    logLevel: 'warning',
    plugins: [{
      name: 'page-urls',
      setup(b) {
        // `../pkg/checker.js` in www/components/lifecycle.js is the page's /pkg/checker.js; compile.js
        // is the page's own first script, which starts compiling the .wasm: one instance of each.
        b.onResolve({ filter: /(^|\/)pkg\/|(^|\/)compile\.js$/ }, (args) => {
          const page = new URL(args.path, `http://page/${relative(www, args.importer).replaceAll('\\', '/')}`);
          return { path: `.${page.pathname}`, external: true };
        });
        b.onLoad({ filter: /[\\/]www[\\/]prebuilt\.js$/ }, async (args) =>
          (args.path === PREBUILT_MODULE ? { contents: await prebuiltModule(), loader: 'js' } : undefined));
      },
    }],
  };
}

/** Writes www/app.bundle.js; returns its size raw and gzipped (-9). */
export async function bundleForm() {
  await build(formBundleOptions());
  const bytes = readFileSync(FORM_BUNDLE);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { raw, gzip } = await bundleForm();
  console.log(`app.bundle.js (the form)  ${(raw / 1024).toFixed(1)} KB raw  ${(gzip / 1024).toFixed(1)} KB gzip`);
}
