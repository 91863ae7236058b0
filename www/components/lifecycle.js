// The package's lifecycle and trap recovery. `load()` compiles the checker's wasm once and starts
// its instance; `pkg` is the package as the form uses it, every call behind one guard. The importer
// of published reports is a module of its own, loaded on its first use (`pkg.importReport`).
//
// A trap (a Rust panic, an out-of-bounds access) leaves a wasm instance unusable. On a trap the
// guard starts a fresh instance of the same compiled module (the glue's `__wbg_reset_state`: no
// network, no second copy of the JS), has the form rebuild its Checker from what it shows (every
// value is in the fields and the draft: see `init`), says so, and retries the call once. The clerk
// loses nothing and checking goes on.
import * as glue from '../pkg/checker.js';
import { compiled } from '../compile.js';
import { t } from '../i18n.js';
import { loadDraft } from '../storage.js';

const P = {
  generation: 0, // how many instances have been started
  recovering: false,
  restarted: () => {}, // set by init(): rebuilds the form's Checker on the fresh instance
  importer: null, // the importer module, once asked for: a promise of its JS, instantiated
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

/** Frees a Checker the form no longer uses; one from an instance that trapped cannot be. */
function discard(checker) {
  try { checker?.free(); } catch { /* it lived in the instance that trapped */ }
}

/** The package as the form uses it: every call through the guard. */
export const pkg = {
  get generation() { return P.generation; },
  guard,
  discard,
  schema: () => guard(() => glue.schema()),
  /** Starts loading the importer ahead of its first use (the import dialog opens); never rejects. */
  loadImporter: () => { importer().catch(() => {}); },
  /** Reads a published report's text: resolves once the importer is loaded (on first use). */
  async importReport(text) {
    const ns = await importer();
    try {
      return ns.importReport(text);
    } catch (err) {
      if (!isTrap(err)) throw err;
      ns.__wbg_reset_state(); // its own instance: the checker and the form are untouched
      return ns.importReport(text);
    }
  },
  checker: (report, options = null) => guard(() => new glue.Checker(report, options)),
  /**
   * What `report` holds — each of `cellIds`' value, the canonical report, the check result — read
   * with a Checker of its own (`options`: the Checker's, such as unread) that is freed after. Throws
   * on what is not a report at all.
   */
  inspect: (report, cellIds, options = null) => guard(() => {
    const probe = new glue.Checker(report, options?.unread?.length ? options : null);
    try {
      return { values: new Map(cellIds.map((id) => [id, probe.value(id)])), report: probe.report(), result: probe.result() };
    } finally {
      discard(probe);
    }
  }),
};

/** Starts the first instance of the checker, compiled while the page loaded (compile.js). */
export async function load() {
  await glue.default({ module_or_path: await compiled });
  P.generation = 1;
  return pkg;
}

/**
 * Recovery in the form: `root` (the body) carries `data-instance`, the instance's generation. After
 * a trap the report is collected from the draft (its format and reasons) and what the form shows,
 * the Checker rebuilt on it, and once the interrupted handler has finished, the page redrawn and
 * saved, and the clerk told.
 */
export function init(root, ctx) {
  ctx.on('start', () => { root.dataset.instance = String(P.generation); }); // started by then (app.js)
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
