#!/usr/bin/env node
// npm run bench: what the clerk downloads, how fast a keystroke and a whole check are in Chromium,
// how many reports a core checks per second in Node, and how import time grows with input size.
// Every speed is printed next to a plain-JS baseline measured in the same run (bench/baseline.mjs),
// as a ratio, because these machines are shared and noisy. Prints a table and writes BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const rows = []; // [section, measure, value, baseline, ratio]
const row = (section, measure, value, baseline = '', ratio = '') => rows.push([section, measure, value, baseline, ratio]);
const us = (x) => `${x.toFixed(2)} µs`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
// `node scripts/bench.mjs node chromium` runs only those sections (size, node, import, export,
// form, chromium) and prints them without rewriting BENCHMARKS.md; no argument runs all and writes it.
const only = new Set(process.argv.slice(2));
const want = (section) => only.size === 0 || only.has(section);

if (!existsSync(join(root, 'pkg', 'nianbao_bg.wasm'))) execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
const { check, schema, importReport } = await import('nianbao');
const { baselineCheck, baselineRules } = await import('../bench/baseline.mjs');
const example = JSON.parse(readFileSync(join(root, 'tests/data/longde-2024.json'), 'utf8'));
const theSchema = schema();
const rules = baselineRules(theSchema); // once, as a portal developer would

// ---------------------------------------------------------------- size
if (want('size')) {
  // What the form downloads before it is ready: its checker module (pkg/form/: its JS and its .wasm);
  // then the package's full checker, on first need (prose, last year's report, an import).
  const sized = (name) => {
    const bytes = readFileSync(join(root, 'pkg', name));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    row('size', name, `${kb(bytes.length)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli`);
    return gzip;
  };
  const first = sized('form/nianbao_form_bg.wasm') + sized('form/nianbao_form.js');
  row('size', "first download: the form's checker, .wasm + glue, gzip -9", kb(first), 'target 60 KB', (first / (60 * 1024)).toFixed(2));
  const fullChecker = sized('nianbao_bg.wasm') + sized('checker.js');
  row('size', 'on first prose, last year\'s report or import: the full checker, .wasm + glue, gzip -9', kb(fullChecker));
  // The form's own code and markup (app.js and its components bundled, with the tables' HTML and the
  // cells' schema written in by the build): not the package, but also fetched before the form is ready.
  const bundle = readFileSync(join(root, 'www', 'app.bundle.js'));
  row('size', "the form's own bundle (www/app.bundle.js, with the tables' HTML), gzip -9", `${kb(bundle.length)} raw, ${kb(gzipSync(bundle, { level: 9 }).length)} gzip`);
  const later = ['import/nianbao_import_bg.wasm', 'import/nianbao_import.js'].map((name) => gzipSync(readFileSync(join(root, 'pkg', name)), { level: 9 }).length);
  row('size', 'on first import only: the importer, .wasm + glue, gzip -9', kb(later[0] + later[1]));

  // What each part costs: twiggy's items of the release build, grouped by crate (and by module for
  // nianbao itself); sizes are before wasm-bindgen and wasm-opt, so they are shares, not bytes shipped.
  function twiggy() {
    const wasm = join(root, 'target/nianbao_form.wasm'); // the form's checker before wasm-bindgen (scripts/build.mjs)
    try {
      execFileSync('twiggy', ['--version'], { stdio: 'ignore' });
    } catch {
      console.log('installing twiggy (cargo install twiggy --locked) for the size breakdown…');
      execFileSync('cargo', ['install', 'twiggy', '--locked'], { stdio: 'inherit' });
    }
    const items = JSON.parse(execFileSync('twiggy', ['top', '-n', '100000', '--format', 'json', wasm], { maxBuffer: 1 << 28 }));
    const groups = new Map();
    for (const { name, shallow_size: size } of items) {
      if (/custom section|function names|__wbindgen_describe|^type\[|^import |^export |^table|^elem|^memory|^global/.test(name)) continue;
      const parts = name.replace(/^<+/, '').replace(/\[[0-9a-f]+\]/g, '').split('::');
      const group = name.startsWith('data segment')
        ? 'data (labels, messages)'
        : parts[0] === 'nianbao' ? parts.slice(0, 2).join('::') : parts[0].split(/[< ]/)[0] || 'other';
      groups.set(group, (groups.get(group) ?? 0) + size);
    }
    const total = [...groups.values()].reduce((a, b) => a + b, 0);
    return [...groups].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([group, size]) => [group, size, size / total]);
  }
  // core and alloc include the generic code instantiated for nianbao's own types; js_sys and
  // wasm_bindgen include describe functions that wasm-bindgen removes.
  for (const [group, size, share] of twiggy()) row('size', `part (before wasm-bindgen): ${group}`, `${kb(size)}, ${(share * 100).toFixed(1)}%`);
}

// ---------------------------------------------------------------- the baseline agrees
/** A deterministic generator of reports: the example with up to one cell of table 三 or 四 changed. */
function* reports(count, seed = 1) {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const changeable = theSchema.cells.filter((c) => c.table !== 'proactive');
  for (let i = 0; i < count; i++) {
    const report = structuredClone(example);
    if (random() < 0.5) {
      const cell = changeable[Math.floor(random() * changeable.length)];
      report[cell.table][cell.row][cell.column] += 1 + Math.floor(random() * 5);
    }
    yield report;
  }
}
// What the baseline implements: the cells and sums of the tables (a blank cell is 'missing', as a
// missing issuer is, but only the cell has cells).
const categoryOf = new Map(theSchema.rules.map((rule) => [rule.id, rule.category]));
const tableRule = (f) => ['missing', 'cell', 'sum'].includes(categoryOf.get(f.rule)) && f.cells.length > 0;
const comparable = (findings) =>
  JSON.stringify(findings.filter(tableRule).map((f) => [f.id, f.rule, f.severity, [...f.cells].sort(), f.expected, f.actual]).sort());
let agreed = 0;
for (const report of reports(300, 7)) {
  const ours = check(report);
  const theirs = baselineCheck(rules, report);
  if (comparable(ours.findings) !== comparable(theirs.findings)) {
    throw new Error(`the baseline disagrees with nianbao on a report:\n${comparable(ours.findings)}\n${comparable(theirs.findings)}`);
  }
  agreed++;
}
row('baseline', 'same findings as nianbao', `${agreed} of ${agreed} reports`);

// ---------------------------------------------------------------- Node: bulk, one core
if (want('node')) {
  // nianbao and the baseline take turns, and each keeps its best round: the machine is shared, and
  // a round during which another process had the core says nothing about either.
  function throughputs(fns, list, rounds = 7) {
    const best = fns.map(() => 0);
    for (let round = 0; round < rounds; round++) {
      fns.forEach((fn, i) => {
        const t0 = performance.now();
        for (const report of list) fn(report);
        best[i] = Math.max(best[i], list.length / ((performance.now() - t0) / 1000));
      });
    }
    return best;
  }
  const bulk = [...reports(10000, 3)];
  const [ours, theirs] = throughputs([(r) => check(r), (r) => baselineCheck(rules, r)], bulk);
  row('node', 'check() per report, a JS object', us(1e6 / ours), us(1e6 / theirs), (theirs / ours).toFixed(2));
  row('node', 'bulk check, 10,000 reports, one core', `${Math.round(ours).toLocaleString('en')} reports/s`, `${Math.round(theirs).toLocaleString('en')} reports/s`, (ours / theirs).toFixed(2));
  const asText = bulk.slice(0, 2000).map((r) => JSON.stringify(r));
  const [oursText, theirsText] = throughputs([(t) => check(t), (t) => baselineCheck(rules, JSON.parse(t))], asText);
  row('node', 'bulk check from JSON text, one core', `${Math.round(oursText).toLocaleString('en')} reports/s`, `${Math.round(theirsText).toLocaleString('en')} reports/s`, (oursText / theirsText).toFixed(2));
}

// ---------------------------------------------------------------- import
if (want('import')) {
  const longdeText = readFileSync(join(root, 'tests/data/longde-2024.txt'), 'utf8');
  function median(fn, runs) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      fn();
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
  }
  importReport(longdeText);
  row('import', 'longde-2024.txt (10.6 KB)', `${median(() => importReport(longdeText), 51).toFixed(3)} ms`);
  // Larger texts: the same report with its prose repeated, so the tables are still found.
  const paragraph = longdeText.split('\n').find((l) => l.startsWith('2024年，隆德县')) + '\n\n';
  const texts = [10, 100, 1000].map((size) => {
    const padding = paragraph.repeat(Math.max(0, Math.ceil((size * 1024 - longdeText.length) / paragraph.length)));
    const text = longdeText.replace('## 二、主动公开政府信息情况', `${padding}## 二、主动公开政府信息情况`);
    if (importReport(text).report.requests.new.total !== 15) throw new Error('the padded report did not import');
    return text;
  });
  // Five rounds over the three sizes, each size keeping its best median, as the Node rows keep their
  // best round: V8 tiers the importer's hot wasm functions up on a background thread, which on a
  // busy 2-core machine can still be running through the first rounds (10 KB: 63 µs/KB in a first
  // round of 51 imports, 34 from the second on).
  const best = texts.map(() => Infinity);
  for (let round = 0; round < 5; round++) {
    texts.forEach((text, i) => {
      best[i] = Math.min(best[i], median(() => importReport(text), text.length > 500 * 1024 ? 7 : 21));
    });
  }
  texts.forEach((text, i) => {
    const kb = text.length / 1024;
    row('import', `${kb.toFixed(0)} KB report text`, `${best[i].toFixed(2)} ms`, '', `${((best[i] * 1000) / kb).toFixed(1)} µs/KB`);
  });
}

// ---------------------------------------------------------------- Word export (bench/export.mjs)
if (want('export')) {
  await (await import('../bench/export.mjs')).benchExport(row);
}
// The review page of check --html, 1,000 reports (bench/review-page.mjs)
if (want('review')) {
  await (await import('../bench/review-page.mjs')).benchReviewPage(row, { chromium: (await import('playwright-core')).chromium, executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}
// ---------------------------------------------------------------- reading PDF, Word, web pages
if (want('read')) {
  await (await import('../bench/read.mjs')).benchRead(row);
}

// ---------------------------------------------------------------- Chromium
if (want('chromium') || want('form')) {
  // Served from a thread of its own (bench/serve.mjs), as `npm start` serves the form.
  const { serveInThread } = await import('../bench/serve.mjs');
  const { origin, close } = await serveInThread(root);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  try {
    if (want('form')) {
      const form = await import('../bench/form.mjs');
      await form.benchForm(browser, origin, example, row);
      await form.benchReady(browser, origin, example, row);
    }
    if (want('chromium')) {
      const page = await browser.newPage();
      await page.goto(`${origin}/bench/page.html`);
      await page.waitForFunction(() => typeof window.runBench === 'function');
      const b = await page.evaluate(() => window.runBench());
      if (!b.crossOriginIsolated) console.warn('warning: the page is not cross-origin isolated; timer resolution is coarse');
      const pair = (label, x, y) => row('chromium', label, `${us(x.median)} median, ${us(x.p95)} p95`, `${us(y.median)} median, ${us(y.p95)} p95`, (x.median / y.median).toFixed(2));
      pair('keystroke that breaks/mends a sum (setAt + lastChanges)', b.edit_breaking, b.edit_breaking_baseline);
      pair('keystroke that changes no finding (setAt)', b.edit_quiet, b.edit_quiet_baseline);
      pair('the same breaking edit through Checker.set (by id, Changes object)', b.edit_set, b.edit_breaking_baseline);
      pair('full check of a report passed as a JS object', b.full_check, b.full_check_baseline);
      const ready = [];
      const phases = [];
      for (let i = 0; i < 15; i++) {
        const context = await browser.newContext(); // no HTTP cache, no compiled-code cache
        const fresh = await context.newPage();
        await fresh.goto(`${origin}/bench/ready.html`);
        const r = await fresh.waitForFunction(() => window.ready).then((h) => h.jsonValue());
        if (!r.ok) throw new Error('the first check in a fresh page failed');
        ready.push(r.ms);
        phases.push(r);
        await context.close();
      }
      ready.sort((a, b) => a - b);
      row('chromium', 'module ready + first check (fetch, compile, instantiate, call)', `${ready[7].toFixed(1)} ms median, ${ready[14].toFixed(1)} ms max`, 'target 15 ms', (ready[7] / 15).toFixed(2));
      const medianOf = (key) => phases.map((p) => p[key]).sort((a, b) => a - b)[7].toFixed(1);
      row('chromium', '… of which: import the JS glue / init() (fetch + compile + instantiate) / first check', `${medianOf('glue')} / ${medianOf('init')} / ${medianOf('first')} ms`);
    }
  } finally {
    await browser.close();
    await close();
  }
}

// ---------------------------------------------------------------- report
const header = ['', 'measure', 'nianbao', 'plain-JS baseline / target', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
console.log(`\n${header.map((h, i) => h.padEnd(widths[i])).join('  ')}`);
for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(widths[i])).join('  '));

const cpu = (await import('node:os')).cpus()[0]?.model ?? 'unknown CPU';
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` on ${cpu}, Node ${process.version}, Chromium from Debian.`,
  'A ratio is nianbao ÷ baseline (times: lower is better for nianbao below 1; throughput: higher is better above 1), or nianbao ÷ target.',
  '',
  `| | ${header.slice(1).join(' | ')} |`,
  `|---|${header.slice(1).map(() => '---').join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const file = join(root, 'BENCHMARKS.md');
if (only.size > 0) process.exit(0);
const previous = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n<!-- bench:start -->\n<!-- bench:end -->\n';
const updated = previous.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`);
writeFileSync(file, updated);
console.log(`\nwrote ${file}`);
