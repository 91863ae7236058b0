// The draft: restored when the page opens, saved after every change (the report in its canonical
// JSON, reasons included, and the year as typed), with the time it was saved — or why it could not
// be. Two tabs on one draft would overwrite each other: the clerk is told when the other one saves.
//
// init(root = #saved, ctx)
import { DRAFT_KEY, loadDraft, saveDraft } from '../storage.js';

export function init(root, ctx) {
  const { t, lang } = ctx.i18n;
  const time = (iso, how) => new Date(iso)[how](lang() === 'en' ? 'en-GB' : 'zh-CN');

  ctx.on('start', () => {
    const draft = loadDraft();
    ctx.report.restoreUndo();
    try {
      ctx.replace(draft?.report ?? null, { yearText: draft?.yearText ?? '', save: false });
    } catch {
      // Not a report the package can hold (nor with last year's): start afresh rather than not at all.
      ctx.report.previous = null;
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
  ctx.on('edited', () => {
    try {
      said = { at: saveDraft(ctx.report.report(), { yearText: ctx.report.yearText }) };
    } catch (err) {
      said = { error: err.message ?? String(err) };
    }
    say();
  });
  ctx.on('lang', say);

  window.addEventListener('storage', (event) => {
    if (event.key === DRAFT_KEY) ctx.notify(t('other_tab'));
  });
}
