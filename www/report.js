// The report being filled: the package's Checker (every call through the trap guard), the
// findings it reports and the totals it computes, kept current from each change; last year's report
// for the cross-year rules; the undo point. No rule is computed here: every judgement is the package's.
import { loadUndo, saveUndo, dropUndo, loadPrevious, savePrevious } from './storage.js';

// Checker.setAt's flags (README): 1 findings, 2 totals changed; 4 the cell reads otherwise than typed.
const REDRAW = 1 | 2;
const READS_OTHERWISE = 4;

/** The report model over `pkg` (package.js); `schema` gives the cells' order for `setAt`. */
export function createReport(pkg, schema) {
  const order = new Map(schema.cells.map((c, i) => [c.id, i])); // = cellIndex(id)
  let raw = null; // the Checker; the model calls it only through `call`, that is through the guard
  let undoPoint = null;
  const call = (method, ...args) => pkg.guard(() => raw[method](...args));
  // A Checker of the form's first module (pkg/form/) holds prose and last year's report without
  // checking them; the full checker, once loaded, takes the report over (upgrade).
  const firstModule = () => typeof raw?.textUnchecked === 'function';
  // Each cell's value as the Checker last said, kept in JS so that drawing and the tally read it
  // without crossing into wasm 200 times a keystroke; refreshed for each cell the form sets.
  const values = new Map();
  let filledCount = 0;
  let changed = null; // cells whose value or computed total changed since the last draw; null: all
  const kept = loadPrevious();

  const model = {
    /** finding id → Finding, and total cell id → its computed value, as the Checker last said. */
    findings: new Map(),
    totals: new Map(),
    /** Last year's report, or null. */
    previous: kept.report,
    /**
     * Where it came from: { from: 'file' } (loaded by the clerk: it wins over the server's), or
     * { from: 'server', issuer, year, id, version, receivedAt } — with no report, `found: false` or
     * `failed: true` say what the server answered. null: nothing loaded nor asked for.
     */
    previousSource: kept.source,
    /** The cells an import could not read (unknown, not blank) until typed into: a Set of cell ids. */
    unread: new Set(),
    /** The year as typed: one the package cannot read is not kept in the report, but is shown. */
    yearText: '',

    /** Bumped whenever a finding, a reason or whether a cell is filled changes: what is shown may differ. */
    version: 0,

    value: (id) => values.get(id) ?? '',
    report: () => call('report'),
    unexplainedWarnings: () => call('unexplainedWarnings'),
    filled: (id) => (values.get(id) ?? '') !== '',
    /**
     * Whether every finding is in: false while the form's first checker holds prose or last year's
     * report that only the full one checks (it is loading: `pkg.loadFull()`).
     */
    get complete() {
      return !(firstModule() && (call('textUnchecked') || model.previous));
    },
    /** How many cells are filled, kept as cells change (the tally walks no cells). */
    get filledCount() { return filledCount; },
    /** The cells to redraw since the last call: a Set, or null for all of them. */
    takeChanged() {
      const out = changed;
      changed = new Set();
      return out;
    },

    /**
     * Sets one cell as typed (the keystroke path: only what changed crosses the boundary; the value
     * is read back only when the Checker says it reads otherwise than typed).
     */
    setCell(id, value) {
      const flags = setAt(id, value === '' ? null : value);
      forgetUnread(id); // the Checker takes a typed cell as read, whatever was typed
      remember(id, flags & READS_OTHERWISE ? call('value', id) : value);
    },
    /** Sets issuer, year or text; their findings come back like a cell's (prose's once the full checker is there). */
    setField(key, value) {
      absorb(call('setField', key, value));
      if (firstModule() && call('textUnchecked')) pkg.loadFull().catch(() => {});
    },
    setReason(findingId, text) {
      call('setReason', findingId, text);
      model.version += 1;
    },
    /**
     * Last year's report (null forgets it): a report, or its JSON text as served (the Checker reads
     * the text itself, so its numbers stay exact); `source` says where it came from (see above).
     */
    setPrevious(input, source = input ? { from: 'file' } : null) {
      // The form's first module has no cross-year rules: the full checker, once there, takes it (upgrade).
      if (!firstModule()) absorb(call('setPrevious', input));
      else if (input) pkg.loadFull().catch(() => {});
      model.previous = typeof input === 'string' ? JSON.parse(input) : input;
      model.previousSource = source;
      savePrevious(model.previous, source);
    },

    /** Writes every computed total into its cell until nothing changes; returns the cells written. */
    fillTotals() {
      const written = new Set();
      for (let round = 0; round < 8; round++) {
        let moved = false;
        for (const [cell, value] of model.totals) {
          if (model.value(cell) !== (value ?? '')) {
            setAt(cell, value);
            forgetUnread(cell);
            remember(cell);
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
      // The values are current (every change keeps them so; a new Checker reads them all): only redrawn.
      changed = null;
      model.version += 1;
    },

    /**
     * Starts over from `report` (blank when null), `unread` its cells an import could not read;
     * throws, keeping the current one, if it is not one.
     */
    replace(report, yearText = '', unread = []) {
      const text = yearText || (report?.year != null ? String(report.year) : '');
      const cells = new Set((Array.isArray(unread) ? unread : []).filter((id) => order.has(id)));
      const next = checker(text ? { ...(report ?? {}), year: text } : report, cells);
      pkg.discard(raw);
      raw = next;
      model.unread = cells;
      model.yearText = text;
      readValues();
    },
    /**
     * The full checker is there: the report moves onto a Checker of it (its prose and last year's
     * report checked too). False when there is nothing to move (no Checker yet, or one of it already).
     */
    upgrade() {
      if (!firstModule()) return false;
      const report = call('report');
      if (model.yearText) report.year = model.yearText; // as typed, read (or reported) as the draft's is
      const next = checker(report, model.unread);
      pkg.discard(raw);
      raw = next;
      readValues();
      return true;
    },
    /** After a trap: a Checker of the fresh instance holding `report` (what the form shows). */
    rebuild(report) {
      const old = raw;
      raw = checker(report, model.unread);
      pkg.discard(old);
      readValues();
    },

    /** Keeps the report as it is now, for `undo` after a bulk change (also across a reload). */
    snapshot() {
      undoPoint = { report: call('report'), yearText: model.yearText, unread: [...model.unread] };
      saveUndo(undoPoint);
    },
    canUndo: () => undoPoint !== null,
    /** The kept state, once: `{ report, yearText, unread }` or null. */
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

  /**
   * A Checker for `report`, with last year's report for the cross-year rules when there is one, and
   * the cells of `unread` (a Set) unknown rather than blank.
   */
  const checker = (report, unread) => {
    const options = {};
    if (model.previous) options.previous = model.previous;
    if (unread.size) options.unread = [...unread];
    const made = pkg.checker(report ?? null, Object.keys(options).length ? options : null);
    if (made) return made;
    // Only the full checker holds it (cells an import could not read, a year as typed that is not
    // one): the form's holds the rest meanwhile, and the full one takes the report, with the year as
    // typed and the unread cells, when it is there (upgrade).
    pkg.loadFull().catch(() => {});
    const { year, ...rest } = report ?? {};
    const held = pkg.checker(report ? rest : null, model.previous ? { previous: model.previous } : null);
    if (!held) throw new Error('nianbao: this report needs the full checker; it is loading');
    return held;
  };

  /** Sets one cell by its index, taking in what changed when there is something to redraw; returns setAt's flags. */
  function setAt(id, value) {
    const flags = call('setAt', order.get(id), value);
    if (flags & REDRAW) absorb(call('lastChanges'));
    return flags;
  }

  /** A cell set by the form is read now (the Checker forgets it as unread on any set). */
  function forgetUnread(id) {
    if (!model.unread.delete(id)) return;
    changed?.add(id);
    model.version += 1;
  }

  function absorb(changes) {
    if (changes.resolved.length || changes.changed.length) model.version += 1;
    for (const id of changes.resolved) model.findings.delete(id);
    for (const f of changes.changed) model.findings.set(f.id, f);
    for (const total of changes.totals) {
      if (model.totals.get(total.cell) !== total.value) changed?.add(total.cell);
      model.totals.set(total.cell, total.value);
    }
  }

  /** Refreshes the JS copy of one cell's value after the Checker took a new one (`now`, when known). */
  function remember(id, now = call('value', id)) {
    const was = values.get(id) ?? '';
    if (now === was) return;
    values.set(id, now);
    changed?.add(id);
    if ((was === '') !== (now === '')) {
      filledCount += now === '' ? -1 : 1;
      model.version += 1;
    }
  }

  /** Reads every cell's value afresh (a new Checker), in one call: everything is to be redrawn. */
  function readValues() {
    const all = call('values');
    filledCount = 0;
    schema.cells.forEach(({ id }, i) => {
      values.set(id, all[i]);
      if (all[i] !== '') filledCount += 1;
    });
    changed = null;
    model.version += 1;
  }

  return model;
}
