// The package's lifecycle and trap recovery. `load()` compiles the wasm once and starts the first
// instance; `pkg` is the package as the form uses it, every call behind one guard.
//
// A trap (a Rust panic, an out-of-bounds access) leaves a wasm instance unusable. On a trap the
// guard starts a fresh instance of the same compiled module, has the form rebuild its Checker from
// what it shows (every value is in the fields and the draft: see `init`), says so, and retries the
// call once. The clerk loses nothing and checking goes on.
import * as firstInstance from '../pkg/nianbao.js';
import { t } from '../i18n.js';
import { loadDraft } from '../storage.js';

const P = {
  ns: firstInstance, // the package's JS bound to the current wasm instance
  module: null, // the compiled wasm, instantiated afresh after a trap
  spare: null, // another copy of the package's JS, loaded ahead so recovery needs no network
  generation: 0, // how many instances have been started
  recovering: false,
  restarted: () => {}, // set by init(): rebuilds the form's Checker on the fresh instance
};

const isTrap = (err) => err instanceof WebAssembly.RuntimeError;
const copyUrl = (n) => new URL(`../pkg/nianbao.js?instance=${n}`, import.meta.url).href;

function guard(call) {
  try {
    return call();
  } catch (err) {
    if (!isTrap(err) || P.recovering) throw err;
    recover(err);
    return call(); // a second trap on the same call is not retried: it is a bug to report
  }
}

function loadSpare() {
  P.spare = null;
  import(copyUrl(P.generation + 1)).then((ns) => { P.spare = ns; }, () => {});
}

function recover(err) {
  console.warn('nianbao: the checking module trapped; starting a fresh instance.', err);
  if (!P.spare) {
    // The spare copy is not loaded yet (a second trap at once): load one, and fail this call.
    // Every value is still in the form, and the Checker is rebuilt from it when the copy is in.
    import(copyUrl(P.generation + 1)).then(restart);
    throw err;
  }
  restart(P.spare);
}

function restart(ns) {
  if (ns === P.ns) return;
  P.recovering = true;
  try {
    ns.initSync({ module: P.module });
    P.ns = ns;
    P.generation += 1;
    P.restarted();
  } finally {
    P.recovering = false;
  }
  loadSpare();
}

/** Frees a Checker the form no longer uses; one from an instance that trapped cannot be. */
function discard(checker) {
  try { checker?.free(); } catch { /* it lived in the instance that trapped */ }
}

/** The package as the form uses it: every call through the guard. */
export const pkg = {
  get generation() { return P.generation; },
  guard,
  discard,
  schema: () => guard(() => P.ns.schema()),
  importReport: (text) => guard(() => P.ns.importReport(text)),
  checker: (report, options = null) => guard(() => new P.ns.Checker(report, options)),
  /**
   * What `report` holds — each of `cellIds`' value, the canonical report, the check result — read
   * with a Checker of its own that is freed after. Throws on what is not a report at all.
   */
  inspect: (report, cellIds) => guard(() => {
    const probe = new P.ns.Checker(report);
    try {
      return { values: new Map(cellIds.map((id) => [id, probe.value(id)])), report: probe.report(), result: probe.result() };
    } finally {
      discard(probe);
    }
  }),
};

/** Compiles the wasm and starts the first instance (and loads a spare copy of the JS for later). */
export async function load() {
  const url = new URL('../pkg/nianbao_bg.wasm', import.meta.url);
  try {
    P.module = await WebAssembly.compileStreaming(fetch(url));
  } catch {
    P.module = await WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
  await P.ns.default({ module_or_path: P.module });
  P.generation = 1;
  loadSpare();
  return pkg;
}

/**
 * Recovery in the form: `root` (the body) carries `data-instance`, the instance's generation. After
 * a trap the report is collected from the draft (its format and reasons) and what the form shows,
 * the Checker rebuilt on it, and once the interrupted handler has finished, the page redrawn and
 * saved, and the clerk told.
 */
export function init(root, ctx) {
  root.dataset.instance = String(P.generation);
  P.restarted = () => {
    const saved = loadDraft()?.report ?? {};
    ctx.report.rebuild(ctx.collect({ format: saved.format, reasons: { ...(saved.reasons ?? {}) } }));
    root.dataset.instance = String(P.generation);
    queueMicrotask(() => {
      ctx.redraw({ fresh: true });
      ctx.emit('edited');
      ctx.notify(t('recovered'), { pinned: true });
    });
  };
}
