// Time from asking for the module to the first check result, in a fresh browser context.
const report = await (await fetch('/tests/data/longde-2024.json')).json();
const t0 = performance.now();
const nianbao = await import('/pkg/nianbao.js');
await nianbao.default();
const result = nianbao.check(report);
window.ready = { ms: performance.now() - t0, sinceNavigation: performance.now(), ok: result.ok };
