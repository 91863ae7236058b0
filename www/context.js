// The context every component receives in `init(root, context)`: everything components share is
// here and nowhere else. Components never call one another; they change the report through
// `edit`, and redraw when told to (`on('draw', …)`).
//
// context.schema        the package's schema(): tables, cells; rows and rules only when it came
//                       from the full checker (the bundle's has neither, www/prebuilt.js): ask context.row/rule
// context.cell(id)      a cell's CellInfo (kind, total, parts); context.row(id) a row's RowInfo
//                       (its full label); context.rule(id) a rule (severity, category, messages)
// context.position(id)  where a cell is in the report (for ordering what is said about cells)
// context.pkg           the package behind the trap guard: importReport(text) (a promise: the
//                       importer loads on first use), inspect(report, ids)
// context.report        the report being filled (report.js): value(id), report(), findings,
//                       totals, previous, unread (cells not read), yearText, setPrevious(r), snapshot() …
// context.i18n          { t, label, message, lang } (i18n.js)
// context.ui            what the clerk is doing: submitted (has tried to submit), auto (自动合计),
//                       editing (the cell being typed in), typing (fields being typed in: year,
//                       text), lastCell (the input last focused, to return to)
// context.view          filled by the tables component: inputs (cell id → input) and
//                       messageRows (cell id → the message row under its row)
//
// context.edit(change)  THE after-edit path, for every change the clerk makes (see below)
// context.redraw({fresh}) redraw what the report shows; fresh: re-read every finding, drop caches
// context.replace(report, {yearText, restart, save, unread}) put another report in the form (import,
//                       clear, undo, the draft at start); restart: a new submission begins;
//                       unread: the cells an import could not read (report.unread; none if left out)
// context.undo()        back to the state before the last bulk change
// context.collect(base) the report as the form shows it (each component adds its fields)
// context.notify(text, {undo, pinned, focus}) a note at the top of the page
// context.on(event, fn) / context.emit(event, detail) — the events:
//   'start'     once, after every component is ready: the draft component restores the draft
//   'draw'      {fresh, cells}: the report's state changed or is to be shown afresh: redraw from it;
//               cells: the cell ids whose value or computed total changed (null: any may have)
//   'edited'    {change}: the report itself changed (after 'draw'): the draft is saved
//   'replaced'  {restart}: a whole other report is in the form: fields are filled from it
//   'collect'   (report): write what your fields show into `report` (after a trap)
//   'lang'      the language changed: redraw the labels you drew
//   'notice'    {text, undo, pinned, focus}: the notice component shows it
import { t, label, message, getLang } from './i18n.js';
import { createReport } from './report.js';

/** The context over `pkg` (lifecycle.js; its instance may still be starting) and its `schema`. */
export function createContext(pkg, schema, { auto = false } = {}) {
  const byId = (items) => new Map(items.map((item) => [item.id, item]));
  const cells = byId(schema.cells);
  // The rules from the form's module (pkg.rules()), the rows' full labels from the full checker
  // (pkg.schema(): an import has loaded it), each read on first use when the schema came without them.
  let rows = schema.rows ? byId(schema.rows) : null;
  let rules = schema.rules ? byId(schema.rules) : null;
  const order = new Map(schema.cells.map((c, i) => [c.id, i]));
  const listeners = new Map();
  const report = createReport(pkg, schema);
  const ui = { submitted: false, auto, editing: null, typing: new Set(), lastCell: null };

  const ctx = {
    schema,
    pkg,
    report,
    ui,
    i18n: { t, label, message, lang: getLang },
    view: { inputs: new Map(), messageRows: new Map() },
    cell: (id) => cells.get(id),
    row: (id) => (rows ??= byId(pkg.schema().rows)).get(id),
    rule: (id) => (rules ??= byId(pkg.rules())).get(id),
    position: (id) => (id ? order.get(id) ?? -1 : -1),

    on(event, fn) {
      if (!listeners.has(event)) listeners.set(event, []);
      listeners.get(event).push(fn);
    },
    emit(event, detail = {}) {
      for (const fn of listeners.get(event) ?? []) fn(detail);
    },

    /**
     * Every change the clerk makes takes this one path: keep an undo point if asked, apply the
     * change to the Checker, fill the totals (自动合计), redraw, save.
     * change: { cells: [[cell id, value as typed]], field: [key, value], reason: [finding id, text],
     * undoable: true for bulk changes (paste, fill with 0) }
     */
    edit(change) {
      const { cells: values = [], field, reason, undoable = false } = change;
      if (undoable) report.snapshot();
      for (const [id, value] of values) {
        if (ui.auto && cells.get(id).total) continue; // the form fills those
        report.setCell(id, value);
      }
      if (field) report.setField(...field);
      if (reason) report.setReason(...reason);
      if (ui.auto) report.fillTotals();
      // A change of cells or fields redraws only the cells it changed; one of neither (自动合计
      // switched) redraws them all.
      const changed = report.takeChanged();
      ctx.emit('draw', { fresh: false, cells: values.length || field || reason ? changed : null });
      ctx.emit('edited', { change });
    },

    redraw({ fresh = false } = {}) {
      if (fresh) {
        report.reload();
        if (ui.auto) report.fillTotals();
      }
      report.takeChanged();
      ctx.emit('draw', { fresh, cells: null });
    },

    replace(next, { yearText = '', restart = false, save = true, unread = [] } = {}) {
      report.replace(next, yearText, unread);
      ui.editing = null;
      if (restart) ui.submitted = false;
      ctx.emit('replaced', { restart });
      ctx.redraw({ fresh: true });
      if (save) ctx.emit('edited', { change: { replaced: true } });
    },

    undo() {
      const point = report.takeUndo();
      if (!point) return;
      ctx.replace(point.report, { yearText: point.yearText, unread: point.unread });
      ctx.notify(t('undone'), { focus: true });
    },

    collect(base = {}) {
      const out = { ...base };
      for (const table of schema.tables) out[table.key] = {};
      ctx.emit('collect', out);
      if (out.reasons && Object.keys(out.reasons).length === 0) delete out.reasons;
      return out;
    },

    notify(text, { undo = false, pinned = false, focus = false } = {}) {
      ctx.emit('notice', { text, undo: undo && report.canUndo(), pinned, focus });
    },
  };
  return ctx;
}
