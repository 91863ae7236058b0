// Last year's report (上年年报): loaded from a file, opened or dropped (our JSON export, or the
// published PDF, Word file, web page or text), its 四、结转下年度继续办理 and 现行有效件数 are checked against this year's. Kept across
// reloads until the clerk removes it. The status also says where the server's came from.
//
// init(root = .field-previous, ctx): shows which report is loaded; wires the toolbar's
// #previous-load, #previous-file and #previous-remove.
import { readFile, gapsNote, ACCEPT } from '../read.js';
import { onFileDrop } from '../dom.js';

export function init(root, ctx) {
  const { t } = ctx.i18n;
  const status = root.querySelector('#previous-status');
  const load = document.getElementById('previous-load');
  const file = document.getElementById('previous-file');
  const remove = document.getElementById('previous-remove');
  file.accept = ACCEPT;

  // A file the clerk loads wins over the server's report until removed (server-previous.js).
  function set(report) {
    ctx.report.setPrevious(report, report ? { from: 'file' } : null);
    ctx.redraw();
  }

  // What the status says: the report and, for the server's, which stored version it is; with none,
  // what the server answered (server-previous.js asks it).
  function describe(p, source) {
    if (source?.from === 'server') {
      const words = { issuer: p?.issuer ?? source.issuer, year: p?.year ?? source.year };
      if (p) return t('previous_server', { ...words, id: source.id, version: source.version, date: String(source.receivedAt ?? '').slice(0, 10) });
      if (source.asking) return t('previous_server_asking', words);
      if (source.found === false) return t('previous_server_none', words);
      if (source.failed) return t('previous_server_failed');
    }
    return p ? t('previous_is', { issuer: p.issuer ?? '—', year: p.year ?? '—' }) : t('previous_none');
  }

  let drawn = null; // [last year's report, its source, language] shown: a keystroke changes none
  ctx.on('draw', () => {
    const p = ctx.report.previous;
    const source = ctx.report.previousSource;
    if (drawn?.[0] === p && drawn[1] === source && drawn[2] === ctx.i18n.lang()) return;
    drawn = [p, source, ctx.i18n.lang()];
    status.textContent = describe(p, source);
    remove.hidden = !p;
  });

  async function open(chosen) {
    try {
      const read = await readFile(ctx, chosen);
      set(read.report);
      ctx.notify(t('previous_loaded', { name: chosen.name }) + gapsNote(ctx, read));
    } catch (err) {
      ctx.notify(t('import_failed', { name: chosen.name, error: err.message ?? err }));
    }
  }

  load.addEventListener('click', () => file.click());
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (chosen) open(chosen);
  });
  // A file dropped on 载入上年年报 or on the 上年年报 field is loaded as if opened.
  for (const target of [load, root]) onFileDrop(target, open);
  remove.addEventListener('click', () => {
    set(null);
    load.focus();
  });
}
