// Time from asking for the module to the first check result, in a fresh browser context, split
// into its phases so that a slow start can be explained.
const report = await (await fetch('/tests/data/longde-2024.json')).json();
const t0 = performance.now();
const nianbao = await import('/pkg/checker.js'); // what the form loads first: the checker alone
const t1 = performance.now();
await nianbao.default();
const t2 = performance.now();
const result = nianbao.check(report);
const t3 = performance.now();
window.ready = { ms: t3 - t0, glue: t1 - t0, init: t2 - t1, first: t3 - t2, ok: result.ok };
