// What the form keeps in localStorage: the draft (saved on every change, so a closed tab, a crash
// or a reload loses nothing; the report in its canonical JSON, reasons included, as export writes
// it), the state before the last bulk change, the clerk's preferences and last year's report.
// Every key is named here once.

export const DRAFT_KEY = 'nianbao.draft.v1';
const UNDO_KEY = 'nianbao.undo.v1';
const PREFS_KEY = 'nianbao.prefs.v1';
const PREVIOUS_KEY = 'nianbao.previous.v1';

function read(key) {
  try {
    const raw = localStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

function write(key, value) {
  localStorage.setItem(key, JSON.stringify(value));
}

/** `{ savedAt, report, yearText }` or null. */
export const loadDraft = () => {
  const d = read(DRAFT_KEY);
  return d && typeof d === 'object' && d.report && typeof d.report === 'object' ? d : null;
};

/** Throws when storage is full or disabled, so the page can say so. */
export function saveDraft(report, extra = {}) {
  const savedAt = new Date().toISOString();
  write(DRAFT_KEY, { savedAt, report, ...extra });
  return savedAt;
}

/** The state before the last clear, import or bulk change, kept across a reload. */
export const loadUndo = () => read(UNDO_KEY);
export function saveUndo(snapshot) {
  try { write(UNDO_KEY, snapshot); } catch { /* the in-memory copy still works */ }
}
export function dropUndo() {
  try { localStorage.removeItem(UNDO_KEY); } catch { /* nothing to drop */ }
}

export const loadPrefs = () => read(PREFS_KEY) ?? {};
export function savePrefs(prefs) {
  try { write(PREFS_KEY, prefs); } catch { /* preferences are a convenience */ }
}

/** Last year's report, kept until the clerk removes it. */
export const loadPrevious = () => read(PREVIOUS_KEY);
export function savePrevious(report) {
  try {
    if (report) write(PREVIOUS_KEY, report);
    else localStorage.removeItem(PREVIOUS_KEY);
  } catch { /* it can be loaded again */ }
}
