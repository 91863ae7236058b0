// Bundles the form's own JavaScript (www/app.js, its components and lib/tables/) into one module,
// www/app.bundle.js, which www/index.html loads: the browser fetches two files (this and the
// package's checker.js) instead of 31 modules, which on a busy machine arrived all at once, long
// after the .wasm had compiled (BENCHMARKS.md). The sources stay plain ES modules.
// compile.js (which index.html runs first, to start compiling the .wasm) and everything under pkg/
// stay modules of their own: the checker (one instance per page, which the trap test reaches by its
// URL) and what loads on first use (importer, readers, Word export). Their imports are written as
// URLs of the page, so they are rewritten to the same URLs as seen from the bundle.
// www/schema.js becomes what drawing needs of the package's schema() as it is now — its format,
// tables and cells (`schemaModule()`): the form draws its tables while the .wasm compiles, and no
// wasm call writes 96 KB of JSON on the way to ready. The rules and the rows' full labels stay in
// the package (no rule id is written in the form's files, tests/e2e/messages.test.mjs; a row id may
// equal one): context.js asks for them when a finding or the importer first needs them, or when idle.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const www = join(root, 'www');
export const FORM_BUNDLE = join(www, 'app.bundle.js');
const SCHEMA_MODULE = join(www, 'schema.js');

/** What of schema() the form draws from before its instance is there. */
export const drawnPart = ({ format, tables, cells }) => ({ format, tables, cells });

/** The text www/schema.js is bundled as: `drawnPart` of the built package's schema(), parsed from a string (quicker than a literal). */
export async function schemaModule() {
  const { schema } = await import('nianbao');
  return `// schema() of the package this form was built with: format, tables, cells (scripts/bundle-form.mjs).\nexport default JSON.parse(${JSON.stringify(JSON.stringify(drawnPart(schema())))});\n`;
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
        b.onLoad({ filter: /[\\/]www[\\/]schema\.js$/ }, async (args) =>
          (args.path === SCHEMA_MODULE ? { contents: await schemaModule(), loader: 'js' } : undefined));
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
