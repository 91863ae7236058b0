// The page's language: its own wording (strings.js), and the package's labels and messages in the
// language chosen. No browser global is touched at import time, so Node can import it too.
import { strings } from './strings.js';

const LOCALES = { zh: 'zh-CN', en: 'en' };
let lang = 'zh';
const plurals = new Map();

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  if (typeof document !== 'undefined') document.documentElement.lang = LOCALES[lang];
}

export const getLang = () => lang;

/** The BCP 47 tag of the page's language (zh-CN, en), for Intl and lang attributes. */
const locale = () => LOCALES[lang];

/** `template` as a string: a plural entry picks its form by `n` (Intl.PluralRules, this language). */
function pick(template, vars) {
  if (typeof template === 'string') return template;
  if (!plurals.has(lang)) plurals.set(lang, new Intl.PluralRules(locale()));
  return template[plurals.get(lang).select(Number(vars.n))] ?? template.other;
}

/** The page's own wording, with {placeholders} filled in and plural forms chosen by `vars.n`. */
export function t(key, vars = {}) {
  const template = pick(strings[lang][key] ?? strings.zh[key] ?? key, vars);
  return template.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** A schema label or finding message in the current language. */
export const label = (item) => (item == null ? '' : lang === 'en' ? item.label_en : item.label);
export const message = (item) => (lang === 'en' ? item.message_en : item.message);

/** Fills every element marked data-t (text), data-t-placeholder and data-t-aria-label. */
export function translatePage(root = document) {
  for (const el of root.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of root.querySelectorAll('[data-t-placeholder]')) el.placeholder = t(el.dataset.tPlaceholder);
  for (const el of root.querySelectorAll('[data-t-aria-label]')) el.setAttribute('aria-label', t(el.dataset.tAriaLabel));
  // Written only when it changes: the page's first write takes ~2 ms, even of the words it has.
  const title = t('title');
  if (document.title !== title) document.title = title;
}
