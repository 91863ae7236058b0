// The error summary, as on GOV.UK: once the clerk has tried to submit, every error and every
// warning still without a reason, each a link to where it is fixed; a fix's 「改为 X」 button; many
// blanks as one line with 「空白格全部填 0」.
//
// init(root = #summary, ctx): draws on 'draw' once ctx.ui.submitted; clicks are handled here.
import { el, focusCell } from '../dom.js';
import { blockers } from '../findings.js';
import { headText, fixButton, reasonsList, reasonId, applyFix } from './problem.js';

/** The fields a finding may be about that have an input of their own. */
const FIELDS = ['issuer', 'year', 'text'];
/** More blanks than this are one line in the summary. */
const BLANKS_LISTED = 3;

export function init(root, ctx) {
  const { t, message, lang } = ctx.i18n;
  const { inputs } = ctx.view;
  let drawn = null; // what is shown, so that an unchanged summary is not redrawn on each keystroke

  function items() {
    const { errors, unexplained } = blockers(ctx);
    const out = [];
    const blanks = errors.filter((p) => p.kind === 'blank');
    for (const p of errors) {
      if (p.kind === 'blank' && blanks.length > BLANKS_LISTED) continue;
      const field = p.findings[0].field;
      const target = p.anchor ? inputs.get(p.anchor) : document.getElementById(FIELDS.includes(field) ? field : 'report-messages');
      out.push({ key: p.key, target, problem: p });
    }
    if (blanks.length > BLANKS_LISTED) out.push({ key: `blanks:${blanks.length}`, target: inputs.get(blanks[0].anchor), blanks });
    for (const f of unexplained) out.push({ key: `reason:${f.id}`, reasonFor: f, text: t('warning_needs_reason', { message: message(f) }) });
    return out;
  }

  function link(text, target, reasonFor) {
    const a = el('a', { href: reasonFor ? '#' + reasonId(reasonFor.id) : target ? '#' + target.id : '#', text });
    if (reasonFor) a.dataset.reason = reasonFor.id;
    return a;
  }

  function entry(item) {
    const li = el('li');
    if (item.problem) {
      li.append(link(headText(ctx, item.problem), item.target));
      if (item.problem.fix) li.append(' ', fixButton(ctx, item.problem));
      const why = reasonsList(ctx, item.problem);
      if (why) li.append(why);
    } else if (item.blanks) {
      li.append(link(t('blanks', { n: item.blanks.length }), item.target), ' ',
        el('button', { type: 'button', class: 'fill-zero', text: t('fill_zero') }));
      const list = el('ul', { class: 'why' });
      for (const p of item.blanks) list.append(el('li', {}, link(message(p.findings[0]), inputs.get(p.anchor))));
      li.append(el('details', {}, el('summary', { text: t('blanks_list') }), list));
    } else {
      li.append(link(item.text, item.target, item.reasonFor));
    }
    return li;
  }

  let seen = null; // the report's version and language last drawn: a keystroke that changes neither costs nothing
  function draw({ fresh }) {
    if (!ctx.ui.submitted) {
      if (!root.hidden) root.hidden = true;
      drawn = null;
      seen = null;
      return;
    }
    const now = `${ctx.report.version}|${lang()}|${ctx.ui.auto}`;
    if (!fresh && drawn !== null && now === seen) return;
    seen = now;
    const list = items();
    const keys = lang() + '|' + list.map((i) => i.key + (i.problem ? headText(ctx, i.problem) : '')).join('\n');
    if (!fresh && keys === drawn) return;
    drawn = keys;
    root.replaceChildren();
    root.hidden = false;
    if (list.length === 0) {
      root.className = 'summary clean';
      root.removeAttribute('role');
      root.append(el('p', { text: t('summary_clean') }));
      return;
    }
    root.className = 'summary';
    root.setAttribute('role', 'alert');
    root.setAttribute('aria-labelledby', 'summary-title');
    root.append(el('h2', { id: 'summary-title', text: t('summary_heading', { n: list.length }) }), el('ul', {}, ...list.map(entry)));
  }

  ctx.on('draw', draw);
  root.addEventListener('click', (event) => {
    const fix = event.target.closest('button.fix');
    if (fix) {
      applyFix(ctx, fix);
      (root.querySelector('a, button') ?? root).focus();
      return;
    }
    const a = event.target.closest('a[href^="#"]');
    if (a) {
      event.preventDefault();
      focusCell(a.dataset.reason
        ? document.querySelector(`input.reason[data-finding="${CSS.escape(a.dataset.reason)}"]`)
        : document.getElementById(a.getAttribute('href').slice(1)));
      return;
    }
    if (event.target.closest('button.fill-zero')) {
      const blanks = [...inputs.keys()].filter((id) => !ctx.report.filled(id) && !(ctx.ui.auto && ctx.cell(id).total));
      ctx.edit({ cells: blanks.map((id) => [id, '0']), undoable: true });
      ctx.notify(t('filled_zero', { n: blanks.length }), { undo: true });
      root.focus();
    }
  });
}
