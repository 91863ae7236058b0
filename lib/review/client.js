// The review page's script, inlined into the page by bin/lib/review/inline.mjs (it runs in the browser, opened
// from disk): draws a report's tables when it is opened or scrolled into view — a page of 1,000
// reports holds their values as JSON, not 600,000 table cells — and sorts and filters the summary.
// Without it the page still shows the summary and every finding; only the tables need it.
import { drawReportTables } from './view.js';

// Parsed on the first drawing or filtering, not while the page opens.
let parsed;
const data = () => (parsed ??= JSON.parse(document.getElementById('review-data').textContent));
const lang = document.documentElement.lang === 'en' ? 'en' : 'zh';

/** Draws the tables of one report (its details element), once. */
function draw(details) {
  const slot = details.querySelector('.tables-slot');
  if (!slot || slot.dataset.drawn) return;
  const { reports, index, tables } = data();
  const r = reports[Number(details.dataset.index)];
  const value = (id) => r.values[index[id]] ?? '';
  slot.replaceChildren(drawReportTables(tables, { doc: document, prefix: details.id, lang, value, marks: r.marks }));
  slot.dataset.drawn = 'true';
}

const reports = [...document.querySelectorAll('details.report')];
const observer = 'IntersectionObserver' in window
  ? new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting && e.target.open) {
        draw(e.target);
        observer.unobserve(e.target);
      }
    }
  }, { rootMargin: '600px 0px' })
  : null;
for (const details of reports) {
  details.addEventListener('toggle', () => details.open && draw(details));
  if (details.open) (observer ? observer.observe(details) : draw(details));
}

/** A link to a report (#r3) or a cell in it (#r3-c-requests.new.total): open, draw, show. */
function reveal(hash) {
  const match = /^#(r\d+)(?:-c-(.+))?$/.exec(decodeURIComponent(hash));
  const details = match && document.getElementById(match[1]);
  if (!details || !details.classList.contains('report')) return;
  details.open = true;
  draw(details);
  const target = match[2] ? document.getElementById(`${match[1]}-c-${match[2]}`) : details;
  document.querySelector('.current')?.classList.remove('current');
  if (!target) return;
  target.classList.add('current');
  target.scrollIntoView({ block: 'center' });
}
window.addEventListener('hashchange', () => reveal(location.hash));
if (location.hash) reveal(location.hash);
// A link to the cell already named in the address bar gives no hashchange.
document.addEventListener('click', (e) => {
  const a = e.target.closest?.('a[href^="#r"]');
  if (a && a.getAttribute('href') === location.hash) reveal(location.hash);
});

// Printing shows every report, one a page: open and draw them all first.
window.addEventListener('beforeprint', () => {
  for (const details of reports) {
    details.open = true;
    draw(details);
  }
});

// ---------------------------------------------------------------- summary: sort and filter
const table = document.getElementById('summary-table');
const body = table.tBodies[0];
const rows = [...body.rows];
const collator = new Intl.Collator(lang === 'en' ? 'en' : 'zh-CN', { numeric: true });
const sortValue = (row, i) => row.cells[i].dataset.value ?? row.cells[i].textContent.trim();

[...table.tHead.rows[0].cells].forEach((th, i) => {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'sort';
  button.append(...th.childNodes);
  th.append(button);
  button.addEventListener('click', () => {
    const ascending = th.getAttribute('aria-sort') !== 'ascending';
    for (const other of table.tHead.rows[0].cells) other.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const numeric = th.dataset.type === 'number';
    const sorted = [...body.rows].sort((a, b) => {
      const x = sortValue(a, i);
      const y = sortValue(b, i);
      const d = numeric ? Number(x || -1) - Number(y || -1) : collator.compare(x, y);
      return ascending ? d : -d;
    });
    body.append(...sorted);
  });
});

const controls = document.getElementById('summary-controls');
const filter = document.getElementById('filter');
const status = document.getElementById('status');
const shown = document.getElementById('shown');
controls.hidden = false;
function applyFilter() {
  const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  let n = 0;
  for (const row of rows) {
    const haystack = row.textContent.toLowerCase();
    const visible = (!status.value || row.dataset.status === status.value) && words.every((w) => haystack.includes(w));
    row.hidden = !visible;
    if (visible) n++;
  }
  shown.textContent = data().text.shown.replace('{n}', n).replace('{total}', rows.length);
}
filter.addEventListener('input', applyFilter);
status.addEventListener('change', applyFilter);
