// Reading published files (nianbao/read): a five-page report PDF, its .docx and its web page,
// each read and imported whole; the PDF per page too. Run by scripts/bench.mjs (npm run bench),
// or alone: node bench/read.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const file = (name) => fileURLToPath(new URL(`../tests/data/files/${name}`, import.meta.url));
// The target for a five-page report PDF in Node.
const PDF_TARGET_MS = 300;

async function median(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Adds its rows through row(section, measure, value, baseline, ratio). */
export async function benchRead(row) {
  const t0 = performance.now();
  const { readReport } = await import('nianbao/read');
  const pdf = readFileSync(file('longde-2024.pdf'));
  const first = await readReport(pdf);
  const cold = performance.now() - t0;
  if (first.report.requests.new.total !== 15 || first.unplaced.length) throw new Error('the PDF did not read');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages = doc.numPages;
  await doc.destroy();
  const warm = await median(() => readReport(pdf), 15);
  row('read', `longde-2024.pdf (${pages} pages, LibreOffice), first read: loads pdf.js`, `${cold.toFixed(0)} ms`);
  row('read', `longde-2024.pdf (${pages} pages), read and imported`, `${warm.toFixed(1)} ms`, `target ${PDF_TARGET_MS} ms`, (warm / PDF_TARGET_MS).toFixed(2));
  row('read', '… per page', `${(warm / pages).toFixed(1)} ms`);
  const chromium = readFileSync(file('longde-2024.chromium.pdf'));
  row('read', 'longde-2024.chromium.pdf (3 pages, Chromium), read and imported', `${(await median(() => readReport(chromium), 15)).toFixed(1)} ms`);
  for (const name of ['longde-2024.docx', 'longde-2024.mso.html', 'longde-2024.gbk.html']) {
    const bytes = readFileSync(file(name));
    await readReport(bytes); // loads its libraries
    row('read', `${name} (${(bytes.length / 1024).toFixed(0)} KB), read and imported`, `${(await median(() => readReport(bytes), 21)).toFixed(1)} ms`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchRead((...cells) => console.log(cells.filter(Boolean).join('  ')));
}
