// The report being filled: the package's Checker (every call through the trap guard), the
// findings it reports and the totals it computes, kept current from each change; last year's report
// for the cross-year rules; the undo point. No rule is computed here: every judgement is the package's.
import { loadUndo, saveUndo, dropUndo, loadPrevious, savePrevious } from './storage.js';

/** The report model over `pkg` (package.js); `schema` gives the cells' order for `setAt`. */
export function createReport(pkg, schema) {
  const order = new Map(schema.cells.map((c, i) => [c.id, i])); // = cellIndex(id)
  let raw = null; // the Checker; the model calls it only through `call`, that is through the guard
  let undoPoint = null;
  const call = (method, ...args) => pkg.guard(() => raw[method](...args));

  const model = {
    /** finding id → Finding, and total cell id → its computed value, as the Checker last said. */
    findings: new Map(),
    totals: new Map(),
    /** Last year's report, or null. */
    previous: loadPrevious(),
    /** The year as typed: one the package cannot read is not kept in the report, but is shown. */
    yearText: '',

    value: (id) => call('value', id),
    report: () => call('report'),
    unexplainedWarnings: () => call('unexplainedWarnings'),
    filled: (id) => call('value', id) !== '',

    /** Sets one cell as typed (the keystroke path: only what changed crosses the boundary). */
    setCell(id, value) {
      if (call('setAt', order.get(id), value === '' ? null : value)) absorb(call('lastChanges'));
    },
    /** Sets issuer, year or text; their findings come back like a cell's. */
    setField(key, value) {
      absorb(call('setField', key, value));
    },
    setReason: (findingId, text) => call('setReason', findingId, text),
    setPrevious(report) {
      absorb(call('setPrevious', report));
      model.previous = report;
      savePrevious(report);
    },

    /** Writes every computed total into its cell until nothing changes; returns the cells written. */
    fillTotals() {
      const written = new Set();
      for (let round = 0; round < 8; round++) {
        let moved = false;
        for (const [cell, value] of model.totals) {
          if (call('value', cell) !== (value ?? '')) {
            absorb(call('set', cell, value));
            written.add(cell);
            moved = true;
          }
        }
        if (!moved) break;
      }
      return written;
    },

    /** Reads every finding and total afresh from the Checker. */
    reload() {
      model.findings = new Map(call('result').findings.map((f) => [f.id, f]));
      model.totals = new Map(call('totals').map((x) => [x.cell, x.value]));
    },

    /** Starts over from `report` (blank when null); throws, keeping the current one, if it is not one. */
    replace(report, yearText = '') {
      const text = yearText || (report?.year != null ? String(report.year) : '');
      const next = checker(text ? { ...(report ?? {}), year: text } : report);
      pkg.discard(raw);
      raw = next;
      model.yearText = text;
    },
    /** After a trap: a Checker of the fresh instance holding `report` (what the form shows). */
    rebuild(report) {
      const old = raw;
      raw = checker(report);
      pkg.discard(old);
    },

    /** Keeps the report as it is now, for `undo` after a bulk change (also across a reload). */
    snapshot() {
      undoPoint = { report: call('report'), yearText: model.yearText };
      saveUndo(undoPoint);
    },
    canUndo: () => undoPoint !== null,
    /** The kept state, once: `{ report, yearText }` or null. */
    takeUndo() {
      const point = undoPoint ?? loadUndo();
      undoPoint = null;
      dropUndo();
      return point;
    },
    /** The undo point a previous page load left. */
    restoreUndo() {
      undoPoint = loadUndo();
    },
  };

  /** A Checker for `report`, with last year's report for the cross-year rules when there is one. */
  const checker = (report) => pkg.checker(report ?? null, model.previous ? { previous: model.previous } : null);

  function absorb(changes) {
    for (const id of changes.resolved) model.findings.delete(id);
    for (const f of changes.changed) model.findings.set(f.id, f);
    for (const total of changes.totals) model.totals.set(total.cell, total.value);
  }

  return model;
}
