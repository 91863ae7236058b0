// Last year's report (上年年报): loaded from a file (our JSON export, or the published text or web
// page), its 四、结转下年度继续办理 and 现行有效件数 are checked against this year's. Kept across
// reloads until the clerk removes it.
//
// init(root = .field-previous, ctx): shows which report is loaded; wires the toolbar's
// #previous-load, #previous-file and #previous-remove.
import { readReport, gapsNote } from '../read.js';

export function init(root, ctx) {
  const { t } = ctx.i18n;
  const status = root.querySelector('#previous-status');
  const load = document.getElementById('previous-load');
  const file = document.getElementById('previous-file');
  const remove = document.getElementById('previous-remove');

  function set(report) {
    ctx.report.setPrevious(report);
    ctx.redraw();
  }

  let drawn = null; // [last year's report, language] shown: a keystroke changes neither
  ctx.on('draw', () => {
    const p = ctx.report.previous;
    if (drawn?.[0] === p && drawn[1] === ctx.i18n.lang()) return;
    drawn = [p, ctx.i18n.lang()];
    const text = p ? t('previous_is', { issuer: p.issuer ?? '—', year: p.year ?? '—' }) : t('previous_none');
    status.textContent = text;
    remove.hidden = !p;
  });

  load.addEventListener('click', () => file.click());
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    try {
      const read = await readReport(ctx, await chosen.text());
      set(read.report);
      ctx.notify(t('previous_loaded', { name: chosen.name }) + gapsNote(ctx, read));
    } catch (err) {
      ctx.notify(t('import_failed', { name: chosen.name, error: err.message ?? err }));
    }
  });
  remove.addEventListener('click', () => {
    set(null);
    load.focus();
  });
}
