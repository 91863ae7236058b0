// The language switch (中文 / English): the page's wording, the schema's labels and the package's
// messages all follow; the choice is kept for the next visit.
//
// init(root = #lang, ctx)
import { setLang, translatePage } from '../i18n.js';
import { loadPrefs, savePrefs } from '../storage.js';

export function init(root, ctx) {
  const mark = () => root.setAttribute('lang', ctx.i18n.lang() === 'en' ? 'zh-CN' : 'en'); // the button speaks the other one
  mark();
  root.addEventListener('click', () => {
    setLang(ctx.i18n.lang() === 'en' ? 'zh' : 'en');
    savePrefs({ ...loadPrefs(), lang: ctx.i18n.lang() });
    translatePage();
    mark();
    ctx.emit('lang');
    ctx.redraw(); // what each component draws is keyed by the language: all of it is redrawn
  });
}
