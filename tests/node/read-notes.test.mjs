// The readers' notes (lib/read, written in English for the CLI and the package) are shown by the
// form in the page's language (www/read.js noteText). Every note the readers write for the
// committed fixtures must be translated, so a reworded note cannot silently reach a clerk in English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readReport } from 'nianbao/read';
import { noteText } from '../../www/read.js';
import { setLang, t } from '../../www/i18n.js';

const file = (name) => readFileSync(fileURLToPath(new URL(`../data/files/${name}`, import.meta.url)));
const ctx = { i18n: { t } };

async function notes() {
  const all = [];
  for (const name of ['longde-2024.pdf', 'longde-2024.chromium.pdf', 'longde-2024.mso.html', 'longde-2024.gbk.html', 'longde-2024.docx']) {
    all.push(...(await readReport(file(name), { name })).notes);
  }
  // A PDF cut short by the page limit.
  all.push(...(await readReport(file('longde-2024.pdf'), { maxPages: 2 })).notes);
  return all;
}

test('every note the readers write is shown in Chinese and in English, its numbers kept', async () => {
  const written = await notes();
  const kinds = new Set(written.map((n) => n.replace(/\d+|「.*」/g, '#')));
  assert.ok(kinds.size >= 4, [...kinds].join('\n'));
  try {
    for (const note of written) {
      setLang('zh');
      const zh = noteText(ctx, note);
      assert.notEqual(zh, note, `not translated: ${note}`);
      assert.doesNotMatch(zh, /[a-z]{4,}/, zh);
      for (const number of note.match(/\d+/g) ?? []) assert.ok(zh.includes(number), `${zh} lost ${number}`);
      setLang('en');
      const en = noteText(ctx, note);
      assert.match(en, /^[A-Z]/, en);
      for (const number of note.match(/\d+/g) ?? []) assert.ok(en.includes(number), `${en} lost ${number}`);
    }
  } finally {
    setLang('zh');
  }
  setLang('zh');
  assert.equal(noteText(ctx, 'only the first 2 of 5 pages were read'), '只读取了前 2 页（共 5 页）');
  assert.equal(noteText(ctx, 'a note no one has translated yet'), 'a note no one has translated yet', 'an unknown note is shown as written');
});
