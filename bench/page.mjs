// Runs in headless Chromium (scripts/bench.mjs): times nianbao and the plain-JS baseline side by
// side on the same page. Operations far below the timer's resolution are timed in batches.
import init, { check, schema, Checker, cellIndex } from '/pkg/nianbao.js';
import { BaselineChecker, baselineCheck, baselineRules } from '/bench/baseline.mjs';

function stats(perOp) {
  const sorted = [...perOp].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

/** Per-operation time in µs: `samples` batches of `batch` calls each. */
function time(fn, { batch, samples }) {
  for (let i = 0; i < batch * 5; i++) fn(i); // warm up the JIT and the wasm tier-up
  const perOp = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn(i);
    perOp.push(((performance.now() - t0) * 1000) / batch);
  }
  return stats(perOp);
}

window.runBench = async () => {
  await init();
  const report = await (await fetch('/tests/data/longde-2024.json')).json();
  const s = schema();
  const checker = new Checker(report);
  const rules = baselineRules(s); // built once, as a portal would
  const baseline = new BaselineChecker(rules, report);
  const opts = { batch: 500, samples: 200 };
  // The keystroke path: set the cell, and fetch the changed findings only when there are any
  // (nianbao: setAt + lastChanges; the baseline returns its changes from set).
  const at = { breaking: cellIndex('requests.disclosed.natural_person'), quiet: cellIndex('proactive.licensing.decisions') };
  const keystroke = (cell, values) => (i) => {
    const flags = checker.setAt(at[cell], values[i % 2]);
    return flags ? checker.lastChanges() : null;
  };
  const baselineKeystroke = (cell, values) => (i) =>
    baseline.set(cell === 'breaking' ? 'requests.disclosed.natural_person' : 'proactive.licensing.decisions', values[i % 2]);
  // An edit that breaks and then mends a sum (findings and suggestions change every time) …
  const breaking = (k) => k('breaking', ['11', '10']);
  // … and one that changes no finding (most keystrokes in a consistent table 二).
  const quiet = (k) => k('quiet', ['4514', '4513']);
  return {
    crossOriginIsolated: self.crossOriginIsolated,
    edit_breaking: time(breaking(keystroke), opts),
    edit_breaking_baseline: time(breaking(baselineKeystroke), opts),
    edit_quiet: time(quiet(keystroke), opts),
    edit_quiet_baseline: time(quiet(baselineKeystroke), opts),
    edit_set: time((i) => checker.set('requests.disclosed.natural_person', i % 2 ? '11' : '10'), opts),
    full_check: time(() => check(report), { batch: 50, samples: 100 }),
    full_check_baseline: time(() => baselineCheck(rules, report), { batch: 50, samples: 100 }),
  };
};
