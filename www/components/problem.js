// How one problem is written, inline and in the error summary alike: its head (the package's own
// words), its 「改为 X」 button, the equations behind a fix, and the field for a warning's reason.
import { el, safeId } from '../dom.js';

/** 「（一）予以公开」「自然人」应为 10（现为 12）: the package's words for a fix, else the finding's. */
export const headText = (ctx, p) => ctx.i18n.message(p.kind === 'fix' ? p.fix : p.findings[0]);

/** The id of the reason field of a warning. */
export const reasonId = (findingId) => safeId('reason-', findingId);

/** 「改为 10」, named in full for screen readers: 将「（一）予以公开」「自然人」改为 10. */
export function fixButton(ctx, p) {
  const { t, label } = ctx.i18n;
  const b = el('button', { type: 'button', class: 'fix', 'data-fix-cell': p.fix.cell, 'data-fix-value': p.fix.value, text: t('fix_to', { value: p.fix.value }) });
  b.setAttribute('aria-label', t('fix_to_name', { cell: label(ctx.cell(p.fix.cell)), value: p.fix.value }));
  return b;
}

/** The equations behind a fix, in the package's own words. */
export function reasonsList(ctx, p) {
  if (p.kind !== 'fix') return null;
  const ul = el('ul', { class: 'why' });
  for (const f of p.findings) ul.append(el('li', { text: ctx.i18n.message(f) }));
  return ul;
}

/** The clerk's reason for a warning, submitted with the report. */
export function reasonField(ctx, f) {
  const { t } = ctx.i18n;
  const id = reasonId(f.id);
  const input = el('input', { type: 'text', id, class: 'reason', 'data-finding': f.id, autocomplete: 'off', 'aria-describedby': `${id}-hint` });
  input.value = ctx.report.report().reasons?.[f.id] ?? '';
  return el('div', { class: 'reason-field' },
    el('label', { for: id, text: t('reason') }),
    input,
    el('span', { class: 'hint', id: `${id}-hint`, text: t('reason_hint') }));
}

/**
 * Applies a 「改为 X」 button's fix through the one after-edit path; returns the input it fixed.
 */
export function applyFix(ctx, button) {
  const id = button.dataset.fixCell;
  ctx.ui.editing = null;
  ctx.edit({ cells: [[id, button.dataset.fixValue]] });
  return ctx.view.inputs.get(id);
}
