// The draft: restored when the page opens, saved with the time it was saved — or why it could not
// be. Two tabs on one draft would overwrite each other: the clerk is told when the other one saves.
//
// A keystroke only adds its cell to a small journal (storage.js); the whole report (its canonical
// JSON, reasons included, the year as typed and the cells an import could not read) is saved when the clerk pauses, at once for bulk
// changes, and before the page goes away (pagehide, hidden) — so nothing typed is lost, and a
// keystroke does not serialise 200 cells.
//
// init(root = #saved, ctx)
import { DRAFT_KEY, loadDraft, saveDraft, saveJournal } from '../storage.js';

/** After the last keystroke, this long, then when the browser is idle (at most IDLE_MS later). */
const PAUSE_MS = 300;
const IDLE_MS = 1000;
const whenIdle = (fn) => (window.requestIdleCallback ? requestIdleCallback(fn, { timeout: IDLE_MS }) : fn());

export function init(root, ctx) {
  const { t, lang } = ctx.i18n;
  // Written by hand as zh-CN and en-GB write them: the page's first Intl date format sets up ICU's
  // calendar data, ~15 ms on the way to ready.
  const pad = (n) => String(n).padStart(2, '0');
  const time = (iso, how) => {
    const d = new Date(iso);
    const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    if (how === 'toLocaleTimeString') return clock;
    return lang() === 'en'
      ? `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}, ${clock}`
      : `${d.getFullYear()}/${d.getMonth() + 1}/${d.getDate()} ${clock}`;
  };

  ctx.on('start', () => {
    const draft = loadDraft();
    ctx.report.restoreUndo();
    try {
      ctx.replace(draft?.report ?? null, { yearText: draft?.yearText ?? '', unread: draft?.unread ?? [], save: false });
    } catch {
      // Not a report the package can hold (nor with last year's): start afresh rather than not at all.
      ctx.report.previous = null;
      ctx.report.previousSource = null;
      ctx.replace(null, { save: false });
      ctx.notify(t('restored_fresh'));
      return;
    }
    ctx.notify(draft ? t('restored', { time: time(draft.savedAt, 'toLocaleString') }) : t('restored_fresh'));
  });

  let said = null; // what the indicator says, to say it again in another language
  function say() {
    if (!said) return;
    root.textContent = said.error ? t('not_saved', { error: said.error }) : t('saved_at', { time: time(said.at, 'toLocaleTimeString') });
    root.classList.toggle('bad', !!said.error);
  }
  let journal = null; // the edits not yet in the saved draft
  let timer = 0; // the pending pause check, if any
  let lastEdit = 0;
  function saveWhole() {
    clearTimeout(timer);
    timer = 0;
    try {
      said = { at: saveDraft(ctx.report.report(), { yearText: ctx.report.yearText, unread: [...ctx.report.unread] }) };
      journal = null; // in the draft now; kept (and its key with it) while the draft cannot be saved
    } catch (err) {
      said = { error: err.message ?? String(err) };
    }
    say();
  }
  const flush = () => { if (journal) saveWhole(); };
  /** One timer for a run of keystrokes (not one per key): it waits until PAUSE_MS after the last. */
  function pause() {
    const rest = lastEdit + PAUSE_MS - performance.now();
    timer = rest > 1 ? setTimeout(pause, rest) : (whenIdle(flush), 0);
  }

  /** One cell, field or reason typed: into the journal now, the whole draft at the next pause. */
  function note({ cells = [], field, reason }) {
    journal ??= { cells: {}, fields: {}, reasons: {} };
    journal.at = Date.now();
    for (const [id, value] of cells) journal.cells[id] = String(value).trim() || null;
    if (field) journal.fields[field[0]] = field[1];
    if (reason) journal.reasons[reason[0]] = reason[1];
    try {
      saveJournal(journal);
    } catch (err) {
      said = { error: err.message ?? String(err) };
      say();
    }
    lastEdit = performance.now();
    if (!timer) timer = setTimeout(pause, PAUSE_MS);
  }

  ctx.on('edited', ({ change }) => {
    const typed = change && !change.undoable && !change.replaced && (change.cells?.length ?? 0) <= 1 && (change.cells?.length || change.field || change.reason);
    if (typed) note(change); // with 自动合计 on, the totals are computed again when the draft is restored
    else saveWhole(); // bulk changes, 自动合计 switched, recovery: the whole report at once
  });
  ctx.on('lang', say);
  addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });

  window.addEventListener('storage', (event) => {
    if (event.key === DRAFT_KEY) ctx.notify(t('other_tab'));
  });
}
