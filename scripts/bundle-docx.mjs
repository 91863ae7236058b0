// Bundles the Word export for the form: lib/export/docx.mjs with the `docx` library inlined into
// one minified ES module, pkg/docx.js, beside the nianbao.js it imports (kept external, so the
// page's one instance of the wasm is reused). The dev server already serves pkg/ under its CSP
// ('self' scripts only), and the form loads this file with import() on the first export only.
// Not in the npm package: bundlers and Node import nianbao/docx, which resolves `docx` themselves.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE = join(root, 'pkg', 'docx.js');

/** Writes pkg/docx.js; returns its size raw and gzipped (-9). */
export async function bundleDocx() {
  await build({
    entryPoints: [join(root, 'lib/export/docx.mjs')],
    outfile: BUNDLE,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'eof', // docx and its dependencies are MIT: their notices stay in the file
    logLevel: 'warning',
    plugins: [{
      name: 'nianbao-beside',
      setup(b) {
        b.onResolve({ filter: /^nianbao$/ }, () => ({ path: './nianbao.js', external: true }));
      },
    }],
  });
  const bytes = readFileSync(BUNDLE);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { raw, gzip } = await bundleDocx();
  console.log(`docx.js (on export)  ${(raw / 1024).toFixed(1)} KB raw  ${(gzip / 1024).toFixed(1)} KB gzip`);
}
