// The package's lifecycle and trap recovery. `load()` starts the form's first module (pkg/form/:
// the Checker alone, no prose checks, compiled while the page loaded); `pkg` is the package as the
// form uses it, every call behind one guard. Two modules load on first use: the full checker
// (pkg/checker.js: prose checks, last year's report, reports of any shape) when the report has
// prose or last year's report, or an import begins — the form's Checker then moves onto it
// (`upgrade`) — and the importer of published reports (`pkg.importReport`).
//
// A trap (a Rust panic, an out-of-bounds access) leaves a wasm instance unusable. On a trap the
// guard starts a fresh instance of the same compiled module (the glue's `__wbg_reset_state`: no
// network, no second copy of the JS), has the form rebuild its Checker from what it shows (every
// value is in the fields and the draft: see `init`), says so, and retries the call once. The clerk
// loses nothing and checking goes on.
import * as glue from '../pkg/form/nianbao_form.js';
import { compiled } from '../compile.js';
import { t } from '../i18n.js';
import { loadDraft } from '../storage.js';

const P = {
  generation: 0, // how many instances have been started
  recovering: false,
  restarted: () => {}, // set by init(): rebuilds the form's Checker on the fresh instance
  upgraded: () => {}, // set by init(): moves the form's Checker onto the full module
  unavailable: () => {}, // set by init(): tells the clerk the full module did not load
  importer: null, // the importer module, once asked for: a promise of its JS, instantiated
  loading: null, // the full checker, once asked for: a promise of its JS, instantiated
  full: null, // … and once it is there
};

const isTrap = (err) => err instanceof WebAssembly.RuntimeError;

function guard(call) {
  try {
    return call();
  } catch (err) {
    if (!isTrap(err) || P.recovering) throw err;
    recover(err);
    return call(); // a second trap on the same call is not retried: it is a bug to report
  }
}

function recover(err) {
  console.warn('nianbao: the checking module trapped; starting a fresh instance.', err);
  P.recovering = true;
  try {
    glue.__wbg_reset_state();
    P.full?.__wbg_reset_state();
    P.generation += 1;
    P.restarted();
  } finally {
    P.recovering = false;
  }
}

/** The importer's JS, its wasm fetched, compiled and instantiated on the first call only. */
function importer() {
  P.importer ??= import('../pkg/import/nianbao_import.js').then(async (ns) => {
    await ns.default();
    return ns;
  });
  P.importer.catch(() => { P.importer = null; }); // not loaded (offline?): the next use tries again
  return P.importer;
}

/**
 * The full checker's JS, its wasm fetched, compiled and instantiated on the first call only; once
 * it is there the form's Checker moves onto it (`P.upgraded`), and every Checker is made by it.
 */
function full() {
  P.loading ??= import('../pkg/checker.js').then(async (ns) => {
    await ns.default({ module_or_path: new URL('../pkg/nianbao_bg.wasm', import.meta.url) });
    P.full = ns;
    try {
      guard(() => P.upgraded());
    } catch (err) {
      // It stays on the form's checker (last year's report not one, say): the clerk is told.
      console.error('nianbao: the report could not be moved onto the full checker', err);
      P.unavailable(err);
    }
    return ns;
  });
  P.loading.catch((err) => { // not loaded (offline?): the next use tries again
    P.loading = null;
    P.unavailable(err);
  });
  return P.loading;
}

/** A Checker of the form's module when it can hold `report` and `options`, else null. */
function formChecker(report, options) {
  const checker = glue.Checker.open(report ?? null, options?.unread ?? null);
  if (checker && (options?.previous || checker.textUnchecked())) full().catch(() => {}); // its prose, last year's
  return checker ?? null;
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
  /** The schema with every row and rule: the full module's (see `full`); it throws until that is there. */
  schema: () => guard(() => {
    if (!P.full) throw new Error('nianbao: schema() before the full checker is loaded (await pkg.loadFull())');
    return P.full.schema();
  }),
  /** The rule catalogue (as schema().rules), from the form's module, which is always there. */
  rules: () => guard(() => glue.rules()),
  /** Loads the full checker (the form's Checker moves onto it); resolves when it is there. */
  loadFull: () => full(),
  /** Starts loading the importer ahead of its first use (the import dialog opens); never rejects. */
  loadImporter: () => { importer().catch(() => {}); full().catch(() => {}); },
  /** Reads a published report's text: resolves once the importer is loaded (on first use). */
  async importReport(text) {
    const [ns] = await Promise.all([importer(), full()]);
    try {
      return ns.importReport(text);
    } catch (err) {
      if (!isTrap(err)) throw err;
      ns.__wbg_reset_state(); // its own instance: the checker and the form are untouched
      return ns.importReport(text);
    }
  },
  /**
   * A Checker for `report` (null: blank) with `options` ({ previous, unread }): the full module's
   * once it is there, else the form's when it can hold the report, else null (the caller awaits
   * `loadFull()`; the form's own drafts never need it).
   */
  checker: (report, options = null) => guard(() =>
    (P.full ? new P.full.Checker(report, options) : formChecker(report, options))),
  /**
   * What `report` holds — each of `cellIds`' value, the canonical report, the check result — read
   * with a Checker of the full module (an import has loaded it: `loadFull()`) that is freed after.
   * Throws on what is not a report at all.
   */
  inspect: (report, cellIds, options = null) => guard(() => {
    if (!P.full) throw new Error('nianbao: inspect() before the full checker is loaded (await pkg.loadFull())');
    const probe = new P.full.Checker(report, options?.unread?.length ? options : null);
    try {
      return { values: new Map(cellIds.map((id) => [id, probe.value(id)])), report: probe.report(), result: probe.result() };
    } finally {
      discard(probe);
    }
  }),
};

/**
 * Starts the first instance of the form's checker, compiled while the page loaded (compile.js).
 * A draft it cannot hold (cells an import could not read, or not of the form's own shape: written
 * by an older form, say) waits for the full checker, so that it is restored whole.
 */
export async function load() {
  await glue.default({ module_or_path: await compiled });
  P.generation = 1;
  const draft = loadDraft();
  if (draft?.report) {
    // As the draft component restores it: with the year as typed.
    const report = draft.yearText ? { ...draft.report, year: draft.yearText } : draft.report;
    const probe = glue.Checker.open(report, Array.isArray(draft.unread) && draft.unread.length ? draft.unread : null);
    if (probe) probe.free();
    else await full();
  }
  return pkg;
}

/**
 * Recovery in the form: `root` (the body) carries `data-instance`, the instance's generation. After
 * a trap the report is collected from the draft (its format and reasons) and what the form shows,
 * the Checker rebuilt on it, and once the interrupted handler has finished, the page redrawn and
 * saved, and the clerk told.
 */
export function init(root, ctx) {
  const mark = () => { root.dataset.checker = P.full ? 'full' : 'form'; }; // which module checks (tests)
  ctx.on('start', () => { root.dataset.instance = String(P.generation); mark(); }); // started by then (app.js)
  // Not loaded: the prose and last year's figures are held, unchecked; the clerk is told.
  P.unavailable = (err) => {
    console.warn('nianbao: the full checker did not load', err);
    ctx.notify(t('full_failed'), { pinned: true });
  };
  // The full checker is there: the same report, now with its prose and last year's checked.
  P.upgraded = () => {
    const moved = ctx.report.upgrade();
    mark();
    if (moved) ctx.redraw({ fresh: true });
  };
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
