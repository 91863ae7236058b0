// The toolbar: the tally (已填 186/200 格 · 2 处错误), 自动合计, 导出 JSON and 清空 (asked first,
// undone at once). The bar's other buttons belong to the print view, 导出 Word, the import dialog
// and last year's report, which wire them.
//
// init(root = #bar, ctx)
import { download, fileName } from '../download.js';
import { visibleFindings } from '../findings.js';
import { loadPrefs, savePrefs } from '../storage.js';

export function init(root, ctx) {
  const { t } = ctx.i18n;
  const tally = root.querySelector('#tally');
  const auto = root.querySelector('#auto');
  const confirm = document.getElementById('confirm-clear');

  // What sticks under the bar (table 三's header, a pinned note) follows its height when it wraps.
  new ResizeObserver(() => {
    document.documentElement.style.setProperty('--bar-bottom', `${root.getBoundingClientRect().height}px`);
  }).observe(root);

  let drawn = null; // what the tally says, keyed by what it depends on: a keystroke changing none of it costs nothing
  ctx.on('draw', () => {
    const visible = visibleFindings(ctx);
    const filled = ctx.report.filledCount;
    const key = `${filled}|${ctx.i18n.lang()}|${ctx.ui.auto}`;
    if (drawn?.visible === visible && drawn.key === key) return;
    drawn = { visible, key };
    const errors = visible.filter((f) => f.severity === 'error').length;
    const warnings = visible.filter((f) => f.severity === 'warning').length;
    const parts = [t('tally_filled', { filled, total: ctx.view.inputs.size })];
    if (errors) parts.push(t('status_errors', { n: errors }));
    if (warnings) parts.push(t('status_warnings', { n: warnings }));
    const text = parts.join(' · ');
    if (tally.textContent !== text) tally.textContent = text;
    if (tally.classList.contains('bad') !== errors > 0) tally.classList.toggle('bad', errors > 0);
    if (auto.checked !== ctx.ui.auto) auto.checked = ctx.ui.auto;
  });

  auto.addEventListener('change', () => {
    ctx.ui.auto = auto.checked;
    savePrefs({ ...loadPrefs(), auto: ctx.ui.auto });
    // Typed totals that differ from the computed ones are overwritten: that can be undone.
    const typed = ctx.ui.auto && [...ctx.report.totals].some(([id, sum]) => ctx.report.filled(id) && ctx.report.value(id) !== sum);
    ctx.edit({ undoable: typed });
    if (typed) ctx.notify(t('auto_total_hint'), { undo: true });
  });

  root.querySelector('#export').addEventListener('click', () => {
    const report = ctx.report.report();
    download(JSON.stringify(report, null, 2) + '\n', fileName(report, 'json'), 'application/json');
  });

  root.querySelector('#clear').addEventListener('click', () => {
    confirm.returnValue = '';
    confirm.showModal();
  });
  confirm.addEventListener('close', () => {
    if (confirm.returnValue !== 'clear') return;
    ctx.report.snapshot();
    ctx.replace(null, { restart: true });
    ctx.notify(t('cleared'), { undo: true });
  });
}
