// The note at the top of the page (role=status): what just happened — restored, pasted, imported,
// cleared — with 撤销 after a bulk change. A pinned note stays in view under the toolbar (the clerk
// may be far down the tables) until dismissed; focus then returns to the cell last in.
//
// init(root = #notice, ctx): shows what ctx.notify says.
import { el } from '../dom.js';

export function init(root, ctx) {
  const { t } = ctx.i18n;
  root.tabIndex = -1;
  ctx.on('notice', ({ text, undo, pinned, focus }) => {
    root.replaceChildren(el('p', { text }));
    root.classList.toggle('pinned', pinned);
    if (undo) root.append(el('button', { type: 'button', class: 'undo', text: t('undo') }));
    if (pinned) root.append(el('button', { type: 'button', class: 'dismiss', text: t('dismiss') }));
    if (focus) root.focus();
  });
  root.addEventListener('click', (event) => {
    if (event.target.closest('button.undo')) ctx.undo();
    else if (event.target.closest('button.dismiss')) {
      root.replaceChildren();
      root.classList.remove('pinned');
      if (ctx.ui.lastCell?.isConnected) ctx.ui.lastCell.focus({ preventScroll: true });
    }
  });
}
