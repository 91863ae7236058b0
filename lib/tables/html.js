// The little of the DOM that draw.js uses, writing HTML text: for pages built in Node (the review
// page, a report's tables in an e-mail) with the very drawing the form uses.
//
//   import { htmlDocument } from './tables/html.js';
//   const { table } = drawTable(layout, { doc: htmlDocument, … });
//   String(table)   // '<table class="grid grid-requests">…</table>'

const TEXT = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\u00a0': '&nbsp;' };
const ATTR = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;', '\u00a0': '&nbsp;' };
const escapeText = (s) => String(s).replace(/[&<>\u00a0]/g, (c) => TEXT[c]);
const escapeAttr = (s) => String(s).replace(/[&"<>\u00a0]/g, (c) => ATTR[c]);
// Elements that have no end tag, should a cell's content be one.
const VOID = new Set(['br', 'hr', 'img', 'input', 'wbr']);
const NAME = /^[a-z][a-z0-9-]*$/;

class HtmlElement {
  constructor(tag) {
    if (!NAME.test(tag)) throw new Error(`not an element name: ${tag}`);
    this.tag = tag;
    this.attributes = new Map();
    this.children = [];
  }

  setAttribute(name, value) {
    if (!NAME.test(name)) throw new Error(`not an attribute name: ${name}`);
    this.attributes.set(name, String(value));
  }

  getAttribute(name) {
    return this.attributes.get(name) ?? null;
  }

  append(...nodes) {
    for (const node of nodes) this.children.push(node instanceof HtmlElement ? node : escapeText(node));
  }

  set textContent(text) {
    this.children = [escapeText(text)];
  }

  get outerHTML() {
    const attrs = [...this.attributes].map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
    if (VOID.has(this.tag)) return `<${this.tag}${attrs}>`;
    return `<${this.tag}${attrs}>${this.children.map(String).join('')}</${this.tag}>`;
  }

  toString() {
    return this.outerHTML;
  }
}

export const htmlDocument = { createElement: (tag) => new HtmlElement(tag) };
