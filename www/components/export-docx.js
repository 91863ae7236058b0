// 「导出 Word」: the report as a .docx in the official layout. The exporter and the docx library it
// carries (pkg/docx.js, ~70 KB gzip, built by scripts/bundle-docx.mjs) are loaded with import() on
// the first click, never with the form. A report with errors — the errors that block submission —
// is exported only after the clerk confirms in #confirm-export; the exporter checks again itself,
// and its refusal is shown as a note.
//
// init(root = #export-docx, ctx)
import { blockers } from '../findings.js';
import { download, fileName } from '../download.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
// Relative to this file (www/components/): the server maps www/ to / and pkg/ to /pkg/.
const load = () => import(new URL('../pkg/docx.js', import.meta.url).href);

export function init(root, ctx) {
  const { t, message } = ctx.i18n;
  const dialog = document.getElementById('confirm-export');
  const body = dialog.querySelector('#confirm-export-body');
  let busy = false;

  /** Asks whether to export anyway: resolves true when the clerk chose 仍然导出. */
  function confirm(errors, blanks) {
    body.textContent = t('export_docx_confirm', {
      errors: t('status_errors', { n: errors }),
      blanks: blanks ? t('export_docx_blanks', { n: blanks }) : '',
    }).trim();
    dialog.returnValue = '';
    dialog.showModal();
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'export'), { once: true });
    });
  }

  /** Why the export failed, in the form's language (the exporter's refusal is counted again here). */
  function failure(err) {
    if (err?.code === 'report_has_errors') {
      const first = err.findings?.[0];
      return t('export_docx_refused', { errors: t('status_errors', { n: err.errors }), first: first ? message(first) : '' });
    }
    return t('export_docx_failed', { reason: err?.message ?? String(err) });
  }

  /** The busy state: the button stays focusable (aria-disabled, not disabled) so focus is not lost. */
  function setBusy(on) {
    busy = on;
    for (const name of ['aria-disabled', 'aria-busy']) {
      if (on) root.setAttribute(name, 'true');
      else root.removeAttribute(name);
    }
    root.textContent = t(on ? 'export_docx_busy' : 'export_docx');
  }

  root.addEventListener('click', async () => {
    if (busy) return;
    const problems = blockers(ctx).errors;
    const errors = problems.reduce((n, p) => n + p.findings.length, 0);
    const blanks = problems.filter((p) => p.kind === 'blank').length;
    if (errors && !(await confirm(errors, blanks))) return;
    const report = ctx.report.report();
    setBusy(true);
    try {
      const { exportDocx } = await load();
      const name = fileName(report, 'docx');
      download(await exportDocx(report, { force: errors > 0 }), name, DOCX);
      ctx.notify(t('export_docx_done', { name }));
    } catch (err) {
      ctx.notify(failure(err), { pinned: true });
    } finally {
      setBusy(false);
    }
  });
}
