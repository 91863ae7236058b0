// Puts the report's prose (report.text) and its three tables in one order, as the published report
// runs: 一 prose, 二 三 四 tables, 五 六 prose. The prose is what the clerk typed or what was
// imported from a published report — then it may hold the tables' own text, which the real tables
// replace. A light Markdown reading (# headings, **bold**) matches what the importer produces.

/** Part numbers in their order; a heading 「五、…」 comes after the tables of parts 二–四. */
const NUMERALS = '一二三四五六七八九十';

/**
 * A line as compared with labels: no spaces, Markdown or table markup, book-title marks or quotes,
 * and half-width punctuation as the labels write it (published text has 「(本列数据…」).
 */
const WIDE = { '(': '（', ')': '）', ':': '：', ',': '，' };
const normal = (line) => line.replace(/[\s#*|《》“”"‘’']/g, '').replace(/[():,]/g, (c) => WIDE[c]);

/** A line of a table's text that holds only numbers (and separators): 15 0 0 611.1281 … */
const onlyNumbers = (line) => /^[-：0-9０-９.．，%／/]*$/.test(normal(line));

/** Every label printed in `table`, normalised: a line starting with one is that table's text. */
function labelsOf(table) {
  const labels = [table.label, table.note?.label, ...table.row_groups.map((g) => g.label), ...table.column_groups.map((g) => g.label)];
  for (const s of table.sections) labels.push(s.header, s.row_header?.label, ...s.rows.map((r) => r.label), ...s.columns.map((c) => c.label));
  return labels.filter(Boolean).map(normal);
}

/** 「五、存在的主要问题」 → 5 (its part number); 0 when the line is not a part heading. */
function partOf(line) {
  const match = /^([一二三四五六七八九十])、/.exec(normal(line));
  return match && normal(line).length <= 40 ? NUMERALS.indexOf(match[1]) + 1 : 0;
}

/**
 * The blocks of the document body: `{ kind: 'paragraph' | 'heading', runs: [{ text, bold }] }`
 * for the prose and `{ kind: 'table', table }` where each table goes. A table whose heading is in
 * the prose goes under it, and the lines of its text that follow are dropped; the other tables go
 * before the first part heading that comes after them (五、…), or at the end.
 * @param {string | null | undefined} text
 * @param {object[]} tables schema().tables
 * @param {(line: string) => boolean} isTitle whether a line is the report's title, dropped when
 *   the prose starts with it (the document has its own)
 */
export function bodyBlocks(text, tables, isTitle) {
  const lines = String(text ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^[-|: ]+$/.test(l));
  if (lines.length && isTitle(normal(lines[0]))) lines.shift();
  const byTitle = new Map(tables.map((t) => [normal(t.label), t]));
  const lastPart = Math.max(...tables.map((t) => NUMERALS.indexOf(t.part) + 1));
  const placed = new Set(lines.map((l) => byTitle.get(normal(l))).filter(Boolean));
  const blocks = [];
  // The tables not yet placed, of `among`: they go here.
  const putRest = (among = tables) => {
    for (const table of among) {
      if (!placed.has(table)) blocks.push({ kind: 'table', table });
      placed.add(table);
    }
  };
  let skipping = null; // the labels of the table whose text is being dropped
  for (const line of lines) {
    const table = byTitle.get(normal(line));
    if (table) {
      putRest(tables.slice(0, tables.indexOf(table)));
      blocks.push({ kind: 'table', table });
      skipping = labelsOf(table);
      continue;
    }
    if (skipping && (onlyNumbers(line) || skipping.some((label) => normal(line).startsWith(label)))) continue;
    skipping = null;
    if (partOf(line) > lastPart) putRest();
    blocks.push(paragraph(line));
  }
  putRest();
  return blocks;
}

/** A line as runs, **bold** kept bold; a Markdown heading (# …) is a heading. */
function paragraph(line) {
  const heading = /^#+\s*/.exec(line);
  const body = heading ? line.slice(heading[0].length) : line;
  const runs = body.split('**').map((text, i) => ({ text, bold: i % 2 === 1 })).filter((r) => r.text);
  return { kind: heading ? 'heading' : 'paragraph', runs };
}
