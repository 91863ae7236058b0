// What the form keeps in localStorage: the draft (the report in its canonical JSON, reasons
// included, as export writes it, saved whole when the clerk pauses; each keystroke since is in a
// small journal, so a closed tab, a crash or a reload loses nothing), the state before the last
// bulk change, the clerk's preferences and last year's report. Every key is named here once.

export const DRAFT_KEY = 'nianbao.draft.v1';
const JOURNAL_KEY = 'nianbao.draft.v1.journal';
const UNDO_KEY = 'nianbao.undo.v1';
const PREFS_KEY = 'nianbao.prefs.v1';
const PREVIOUS_KEY = 'nianbao.previous.v1';
const PREVIOUS_SOURCE_KEY = 'nianbao.previous.v1.source';

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

/**
 * `{ savedAt, report, yearText, unread }` with the journal's edits applied, or null; unread: the cells an
 * import could not read, less those typed into since.
 */
export const loadDraft = () => {
  const d = read(DRAFT_KEY);
  const draft = d && typeof d === 'object' && d.report && typeof d.report === 'object' ? d : null;
  const j = read(JOURNAL_KEY);
  if (!j || typeof j !== 'object' || typeof j.at !== 'number') return draft;
  const typed = j.cells ?? {};
  const out = {
    savedAt: new Date(j.at).toISOString(),
    yearText: draft?.yearText ?? '',
    report: structuredClone(draft?.report ?? {}),
    unread: (Array.isArray(draft?.unread) ? draft.unread : []).filter((id) => !Object.hasOwn(typed, id)),
  };
  for (const [id, value] of Object.entries(typed)) {
    const [table, row, column] = id.split('.');
    if (!column) continue;
    const t = (out.report[table] ??= {});
    (t[row] ??= {})[column] = value;
  }
  for (const [key, value] of Object.entries(j.fields ?? {})) {
    out.report[key] = value;
    if (key === 'year') out.yearText = value ?? '';
  }
  for (const [id, text] of Object.entries(j.reasons ?? {})) {
    out.report.reasons ??= {};
    if (text === null) delete out.report.reasons[id];
    else out.report.reasons[id] = text;
  }
  return out;
};

/** The whole draft; the journal is then no longer needed. Throws when storage is full or disabled, so the page can say so. */
export function saveDraft(report, extra = {}) {
  const savedAt = new Date().toISOString();
  write(DRAFT_KEY, { savedAt, report, ...extra });
  try { localStorage.removeItem(JOURNAL_KEY); } catch { /* the draft itself is saved */ }
  return savedAt;
}

/**
 * The edits since the whole draft was saved, `{ at (ms since 1970), cells: {id: value as typed}, fields:
 * {key: value}, reasons: {finding id: text} }`: a few bytes a keystroke. Throws like saveDraft.
 */
export function saveJournal(journal) {
  write(JOURNAL_KEY, journal);
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

/**
 * Last year's report and where it came from (`{ from: 'file' | 'server', … }`), kept until the
 * clerk removes it: `{ report, source }`. One kept before sources were recorded came from a file.
 */
export function loadPrevious() {
  const report = read(PREVIOUS_KEY);
  return { report, source: report ? read(PREVIOUS_SOURCE_KEY) ?? { from: 'file' } : null };
}
export function savePrevious(report, source) {
  try {
    if (report) {
      write(PREVIOUS_KEY, report);
      write(PREVIOUS_SOURCE_KEY, source);
    } else {
      localStorage.removeItem(PREVIOUS_KEY);
      localStorage.removeItem(PREVIOUS_SOURCE_KEY);
    }
  } catch { /* it can be loaded again */ }
}
