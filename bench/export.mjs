// The Word export in `npm run bench`: what it adds to the clerk's download on the first export
// (pkg/docx.js, the exporter with the docx library; the wasm and its glue are loaded already) and
// how long one export takes in Node, without and with the report's prose.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Adds the export's rows through `row(section, measure, value, baseline, ratio)`. */
export async function benchExport(row) {
  const bundle = join(root, 'pkg', 'docx.js');
  if (!existsSync(bundle)) {
    const { bundleDocx } = await import('../scripts/bundle-docx.mjs');
    await bundleDocx();
  }
  const bytes = readFileSync(bundle);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  row('export', 'pkg/docx.js, added on the first export', `${kb(bytes.length)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli`);

  const { exportDocx } = await import('nianbao/docx');
  const text = readFileSync(join(root, 'tests/data/longde-2024.json'), 'utf8');
  const withProse = JSON.stringify({ ...JSON.parse(text), text: readFileSync(join(root, 'tests/data/longde-2024.txt'), 'utf8') });
  for (const [label, report] of [['tables only', text], ['with its 10 KB of prose', withProse]]) {
    await exportDocx(report); // warm-up: the first call compiles docx's code
    const times = [];
    let size = 0;
    for (let i = 0; i < 21; i++) {
      const start = performance.now();
      size = (await exportDocx(report)).length;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    row('export', `one export, longde-2024 ${label} (Node)`, `${times[10].toFixed(1)} ms median, ${times[20].toFixed(1)} ms max; ${kb(size)} .docx`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchExport((section, measure, value) => console.log(`${section.padEnd(8)} ${measure.padEnd(52)} ${value}`));
}
