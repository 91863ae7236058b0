// The print view: the three tables in the official layout with the values as text, ready to be
// copied into the published report or printed (one table never split over two pages).
//
// init(root = #print-view, ctx): opened by the toolbar's #open-print; rebuilt before printing.
import { el } from '../dom.js';
import { drawTables } from '../../lib/tables/draw.js';

export function init(root, ctx) {
  const { t, label } = ctx.i18n;
  const opener = document.getElementById('open-print');
  const title = root.querySelector('#print-title');
  const host = root.querySelector('#print-tables');

  function build() {
    const drawn = drawTables(ctx.schema, { doc: document, prefix: 'p', label, cell: (id) => ctx.report.value(id) });
    host.replaceChildren(...drawn.map(({ heading, table }) => el('section', { class: 'print-table' }, heading, table)));
    const report = ctx.report.report();
    title.textContent = report.issuer && report.year != null
      ? t('print_title', { issuer: report.issuer, year: report.year })
      : t('print_title_blank');
  }

  opener.addEventListener('click', () => {
    build();
    document.body.classList.add('printing');
    root.hidden = false;
    title.tabIndex = -1;
    title.focus();
  });
  root.querySelector('#close-print').addEventListener('click', () => {
    document.body.classList.remove('printing');
    root.hidden = true;
    opener.focus();
  });
  root.querySelector('#print').addEventListener('click', () => window.print());
  window.addEventListener('beforeprint', build);
  ctx.on('lang', () => {
    if (!root.hidden) build();
  });
}
