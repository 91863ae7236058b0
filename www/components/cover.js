// The cover fields — issuer (填报单位), year (报告年度) — and the report's text (正文). Their
// findings are drawn by the messages component; a half-typed year or text is judged once the clerk
// leaves it. Enter in the issuer or year goes on to the next field instead of submitting.
//
// init(root = the form, ctx)
import { focusCell } from '../dom.js';

export function init(root, ctx) {
  const issuer = root.querySelector('#issuer');
  const year = root.querySelector('#year');
  const text = root.querySelector('#text');

  issuer.addEventListener('input', () => ctx.edit({ field: ['issuer', issuer.value.trim() || null] }));
  year.addEventListener('input', () => {
    ctx.report.yearText = year.value;
    ctx.ui.typing.add('year');
    ctx.edit({ field: ['year', year.value.trim() || null] });
  });
  text.addEventListener('input', () => {
    ctx.ui.typing.add('text');
    ctx.edit({ field: ['text', text.value || null] });
  });
  for (const [field, input] of [['year', year], ['text', text]]) {
    input.addEventListener('blur', () => {
      ctx.ui.typing.delete(field);
      ctx.redraw();
    });
  }
  // In any one-line field of the form but a cell (those have their own keys), Enter never submits.
  root.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key !== 'Enter' || target.tagName !== 'INPUT' || target.classList.contains('cell')) return;
    event.preventDefault();
    if (target === issuer) year.focus();
    else if (target === year) focusCell(ctx.view.inputs.values().next().value);
  });

  ctx.on('replaced', () => {
    const report = ctx.report.report();
    issuer.value = report.issuer ?? '';
    year.value = ctx.report.yearText;
    text.value = report.text ?? '';
  });
  ctx.on('collect', (report) => {
    if (issuer.value.trim()) report.issuer = issuer.value.trim();
    if (year.value.trim()) report.year = year.value.trim();
    if (text.value) report.text = text.value;
  });
}
