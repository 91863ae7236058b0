// The form: the composition root. It loads the package, makes the shared context (context.js says
// what is in it) and starts each component on its part of the page. No rule is computed in the
// form: every judgement comes from the package. Each component is `init(root, context)`.
//
// The components are started (the tables drawn) from the schema the bundle carries while the
// checker's .wasm compiles; the Checker, and with it the draft, come once the instance is there.
import { setLang, t, translatePage } from './i18n.js';
import { loadPrefs } from './storage.js';
import { createContext } from './context.js';
import { schema as prebuilt } from './prebuilt.js';
import * as lifecycle from './components/lifecycle.js';
import * as notice from './components/notice.js';
import * as draft from './components/draft.js';
import * as language from './components/language.js';
import * as tables from './components/tables.js';
import * as cover from './components/cover.js';
import * as messages from './components/messages.js';
import * as errorSummary from './components/error-summary.js';
import * as submit from './components/submit.js';
import * as toolbar from './components/toolbar.js';
import * as exportDocx from './components/export-docx.js';
import * as previous from './components/previous.js';
import * as serverPrevious from './components/server-previous.js';
import * as importDialog from './components/import-dialog.js';
import * as printView from './components/print-view.js';

const $ = (id) => document.getElementById(id);

async function main() {
  performance.mark('nianbao:script'); // the form's own code starts (npm run bench reads these marks)
  const prefs = loadPrefs();
  setLang(prefs.lang ?? 'zh');
  translatePage();
  const loading = lifecycle.load();
  loading.catch(() => { $('loading').textContent = t('load_failed'); });
  // Unbundled (run from the sources), the schema comes from the full checker.
  const ctx = createContext(lifecycle.pkg, prebuilt ?? (await (await loading).loadFull(), lifecycle.pkg.schema()), { auto: !!prefs.auto });
  // In this order: the tables fill ctx.view, which the messages and the summary use.
  const components = [
    [lifecycle, document.body],
    [notice, $('notice')],
    [draft, $('saved')],
    [language, $('lang')],
    [tables, $('tables')],
    [cover, $('report')],
    [messages, $('report')],
    [errorSummary, $('summary')],
    [submit, $('report')],
    [toolbar, $('bar')],
    [exportDocx, $('export-docx')],
    [previous, document.querySelector('.field-previous')],
    [serverPrevious, $('report')],
    [importDialog, $('import-dialog')],
    [printView, $('print-view')],
  ];
  for (const [component, root] of components) component.init(root, ctx);
  translatePage(); // the words the components added (data-t)
  performance.mark('nianbao:drawn');
  await loading;
  performance.mark('nianbao:module'); // the checker compiled and instantiated
  ctx.emit('start');
  $('loading').hidden = true;
  $('report').hidden = false;
  document.body.dataset.ready = 'true';
  performance.mark('nianbao:ready');
  // The rules (not in the bundle's schema) are read when the page is idle, unless asked for first.
  window.requestIdleCallback?.(() => ctx.rule(''));
}

main();
