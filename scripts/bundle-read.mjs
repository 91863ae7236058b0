// Bundles the readers (lib/read) for the form: pkg/read/index.js and the chunks it loads on first
// use of a format (htmlparser2 for web pages, fflate for Word, the PDF layout), split so that
// opening a .txt fetches none of them. pdf.js itself is not bundled: the chunk that reads PDFs
// imports it, and its worker, CMaps and standard fonts are fetched from /vendor/pdfjs-dist/
// (server/vendor.mjs serves exactly those files from node_modules). nianbao stays external, as in
// pkg/docx.js, so the page's one wasm instance is used. Not in the npm package.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
export const OUT = join(root, 'pkg', 'read');
// pkg/read/ is served at /pkg/read/; the vendor route at /vendor/.
const PDFJS = '../../vendor/pdfjs-dist/legacy/build/pdf.min.mjs';

/** Writes pkg/read/; returns the raw and gzip (-9) size of each file. */
export async function bundleRead() {
  rmSync(OUT, { recursive: true, force: true });
  await build({
    entryPoints: { index: join(root, 'lib/read/index.mjs') },
    outdir: OUT,
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    chunkNames: '[name]-[hash]',
    legalComments: 'eof', // fflate and htmlparser2 are MIT: their notices stay in the files
    logLevel: 'error',
    plugins: [{
      name: 'nianbao-read-externals',
      setup(b) {
        b.onResolve({ filter: /^nianbao$/ }, () => ({ path: '../nianbao.js', external: true }));
        b.onResolve({ filter: /^pdfjs-dist\/legacy\/build\/pdf\.mjs$/ }, () => ({ path: PDFJS, external: true }));
        // Reached only in Node (lib/read/pdf.mjs finds pdf.js's assets on disk there).
        b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, external: true }));
      },
    }],
  });
  return readdirSync(OUT).map((name) => {
    const bytes = readFileSync(join(OUT, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { name, raw, gzip } of await bundleRead()) {
    console.log(`read/${name}`.padEnd(32), `${(raw / 1024).toFixed(1)} KB raw  ${(gzip / 1024).toFixed(1)} KB gzip`);
  }
}
