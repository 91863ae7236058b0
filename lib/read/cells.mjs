// Turns a table read from a document's own structure (HTML <td>, Word <w:tc>) into the lines of
// tab-separated cells the importer reads. Merged cells are already resolved by the reader (a
// continued vertical merge has no cell), so an empty cell right of a row's labels is a cell
// printed blank: it is written as 「/」, which the importer reads as blank, rather than as an
// empty field, which it would take for the trace of a merge at the row's edges.

const VALUE = /^(?:[+-]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?|[/／\\]|[-－–—]{1,2})$/;

/** Whitespace (&nbsp; padding, line breaks inside a cell) out of a cell's text. */
export function cellText(text) {
  const trimmed = text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
  // Chinese labels broken over lines join without a space; numbers and words keep one.
  return trimmed.replace(/(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])/g, '');
}

/** rows: arrays of cell texts, merge traces left out. Returns one line per row. */
export function tableLines(rows) {
  const lines = [];
  for (const cells of rows) {
    const texts = cells.map(cellText);
    if (texts.every((t) => t === '')) continue;
    const hasNumber = texts.some((t) => VALUE.test(t) && /[0-9０-９]/.test(t));
    let lastLabel = -1;
    texts.forEach((t, i) => {
      if (t !== '' && !VALUE.test(t)) lastLabel = i;
    });
    lines.push(texts.map((t, i) => (t === '' && hasNumber && i > lastLabel ? '/' : t)).join('\t'));
  }
  return lines;
}
