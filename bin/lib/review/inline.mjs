// Joins browser ES modules into one classic script, for the review page that must work opened
// from disk or as an e-mail attachment (no module can be fetched there). Deliberately small: it
// knows the two forms the modules it inlines use — `import { a, b } from './x.js';` and
// `export function|const|class name` — and refuses anything else rather than guess.
import { readFileSync } from 'node:fs';

const IMPORT = /^import\s*\{([^}]*)\}\s*from\s*'([^']+)';[ \t]*$/gm;
const EXPORT = /^export\s+((?:async\s+)?(?:function\*?|const|let|class)\s+([\w$]+))/gm;

/** The module at `entry` (a file: URL) and everything it imports, as one script's text. */
export function inlineModules(entry) {
  const ids = new Map();
  const parts = [];
  const visit = (url) => {
    if (ids.has(url.href)) return ids.get(url.href);
    const source = readFileSync(url, 'utf8');
    const body = source
      .replace(IMPORT, (_, names, spec) => `const {${names.replace(/\s+as\s+/g, ': ')}} = ${visit(new URL(spec, url))};`)
      .replace(EXPORT, '$1');
    if (/^\s*(import|export)\b/m.test(body)) throw new Error(`inline: ${url.pathname}: an import or export form this inliner does not know`);
    const names = [...source.matchAll(EXPORT)].map((m) => m[2]);
    const id = `__module${ids.size}`;
    ids.set(url.href, id);
    parts.push(`const ${id} = (() => {\n${body}\nreturn { ${names.join(', ')} };\n})();`);
    return id;
  };
  visit(entry);
  const script = `(() => {\n'use strict';\n${parts.join('\n')}\n})();\n`;
  // Inside <script> these would end the element or open a comment: the modules must not hold them.
  if (/<\/script|<!--/i.test(script)) throw new Error('inline: a module holds "</script" or "<!--"');
  return script;
}
