// The review page in `npm run bench`: 1,000 reports (a third with a mistyped cell) through
// `nianbao check DIR --html FILE`, end to end; the page alone from the check results; its size;
// and in Chromium, opened from disk, how long it takes to load and to draw one report's tables.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const N = 1000;
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;

/** Adds the review page's rows through `row(section, measure, value, baseline, ratio)`. */
export async function benchReviewPage(row, { chromium, executablePath, args } = {}) {
  const { check, schema, Checker } = await import('nianbao');
  const { reviewPage } = await import('../bin/lib/review/page.mjs');
  const example = JSON.parse(readFileSync(join(root, 'tests/data/longde-2024.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-review-'));
  try {
    mkdirSync(join(dir, 'reports'));
    const results = [];
    for (let i = 0; i < N; i++) {
      const report = structuredClone(example);
      report.issuer = `第${i + 1}号县人民政府`;
      if (i % 3 === 0) report.requests.new.natural_person = Number(report.requests.new.natural_person) + 1 + (i % 7);
      const file = join(dir, 'reports', `${String(i).padStart(4, '0')}.json`);
      writeFileSync(file, JSON.stringify(report));
      const checker = new Checker(report);
      results.push({ file, issuer: report.issuer, year: report.year, ...check(report), report: checker.report() });
      checker.free();
    }
    await reviewPage(results.slice(0, 10), { schema: schema() }); // warm-up: inlines the script once
    const t0 = performance.now();
    const html = await reviewPage(results, { schema: schema() });
    const build = performance.now() - t0;
    const bytes = Buffer.byteLength(html);
    row('review page', `${N.toLocaleString('en')} reports: page size`, `${mb(bytes)}, ${mb(gzipSync(html).length)} gzip`, 'target 10 MB', (bytes / (10 * 1024 * 1024)).toFixed(2));
    row('review page', `${N.toLocaleString('en')} reports: build the page from the results`, `${build.toFixed(0)} ms`);

    const out = join(dir, 'review.html');
    const t1 = performance.now();
    try {
      execFileSync(process.execPath, [join(root, 'bin/nianbao.mjs'), 'check', join(dir, 'reports'), '--html', out], { stdio: 'ignore' });
    } catch (e) {
      if (e.status !== 1) throw e; // 1: some reports have errors, as intended
    }
    row('review page', `${N.toLocaleString('en')} reports: nianbao check DIR --html (read, check, write)`, `${(performance.now() - t1).toFixed(0)} ms, ${mb(statSync(out).size)}`);

    if (!chromium) return;
    const browser = await chromium.launch({ executablePath, args });
    try {
      const page = await browser.newPage();
      // The load event as the page itself times it, median of 3, beside a page of 10 reports.
      const small = join(dir, 'small.html');
      writeFileSync(small, await reviewPage(results.slice(0, 10), { schema: schema() }));
      const load = async (file) => {
        const loads = [];
        for (let i = 0; i < 3; i++) {
          await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
          loads.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd));
        }
        return loads.sort((a, b) => a - b)[1];
      };
      const [many, few] = [await load(out), await load(small)];
      row('review page', `${N.toLocaleString('en')} reports: open in Chromium (to the load event)`, `${many.toFixed(0)} ms`, `10 reports: ${few.toFixed(0)} ms`, (many / few).toFixed(1));
      await page.goto(pathToFileURL(out).href, { waitUntil: 'load' });
      const draw = await page.evaluate(() => {
        const details = document.querySelectorAll('details.report')[500];
        const t = performance.now();
        details.open = true;
        details.dispatchEvent(new Event('toggle'));
        details.querySelector('td[data-cell]'); // drawn synchronously in the toggle handler
        return performance.now() - t;
      });
      row('review page', 'open one report: draw its three tables (the first also parses the data)', `${draw.toFixed(1)} ms`);
      const scroll = await page.evaluate(async () => {
        const frames = [];
        let last = performance.now();
        for (let y = 0; y < document.body.scrollHeight && frames.length < 120; y += 2000) {
          window.scrollTo(0, y);
          await new Promise(requestAnimationFrame);
          const now = performance.now();
          frames.push(now - last);
          last = now;
        }
        frames.sort((a, b) => a - b);
        return { median: frames[frames.length >> 1], max: frames[frames.length - 1] };
      });
      row('review page', 'scroll through it, 2,000 px a frame', `${scroll.median.toFixed(1)} ms median frame, ${scroll.max.toFixed(1)} ms max`);
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { chromium } = await import('playwright-core');
  await benchReviewPage((...r) => console.log(r.filter(Boolean).join(' | ')),
    { chromium, executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}
