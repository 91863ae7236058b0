// Rebuilds the rows and columns of a report's tables from positioned text runs (what pdf.js gives
// for a PDF), as lines of tab-separated cells that the importer reads: `label\tn1\tn2…`.
// Pure: no pdf.js here, so it is tested on synthetic runs.
//
// Geometry only, no labels of the format: runs become lines by their baseline (tolerance from the
// font size); a line with numbers is a table row; the text lines above a row whose runs reach into
// the numbers' area are the table's header, and the header cells with no other cell below them are
// its columns, so a number goes to the column it sits under and a cell with no number is printed
// blank. Row labels wrapped over many lines of a narrow column are joined to their row: a label
// starts at a line opening with an enumerator (一、 （三） 2.), else a line goes to the nearer row.
// Page numbers (「- 3 -」) are dropped, and so is a header repeated at the top of a page.

const NUMBER = /^[+-]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?$/;
const BLANK_MARK = /^(?:[/／\\]|[-－–—]{1,2})$/;
const ENUMERATOR = /^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9０-９]{1,2}[.．、](?![0-9０-９]))/;
const PAGE_NUMBER = /^[-－–—\s]*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页)?(?:\s*(?:[/／]|共)\s*[0-9０-９]{1,4}\s*页?)?[-－–—\s]*$/;

const STRAY = { reason: '不在表头任何一列之下', reason_en: 'under no column of the table header' };
const CLASH = { reason: '两个数落在同一列之下，无法确定各属哪一列', reason_en: 'two numbers under one column: which is which cannot be told' };

const isValue = (text) => NUMBER.test(text) || BLANK_MARK.test(text);
const right = (r) => r.x + r.w;
const center = (r) => r.x + r.w / 2;
const overlaps = (a, b, slack = 0) => a.x < right(b) + slack && b.x < right(a) + slack;

/** Merges the runs of one line that touch (a label drawn in pieces, 「1.」「属于国家秘密」), or that
 * are one text's characters spaced out. */
function mergeRuns(runs) {
  return spacedOut(touching(runs));
}

/**
 * Joins characters set one by one at an even spacing (justified or letter-spaced text, which
 * some writers draw a glyph at a time): three or more one-character runs, not numbers, with the
 * same gap between them, under the font size: cells are further apart, or not that regular.
 */
function spacedOut(runs) {
  const out = [];
  let i = 0;
  while (i < runs.length) {
    let j = i;
    const single = (r) => [...r.text.trim()].length === 1 && !/[0-9０-９]/.test(r.text);
    if (single(runs[i])) {
      const gap = (k) => runs[k + 1].x - right(runs[k]);
      while (j + 1 < runs.length && single(runs[j + 1]) && gap(j) < runs[j].h && (j === i || Math.abs(gap(j) - gap(i)) < 0.2 * runs[i].h)) j++;
    }
    if (j - i >= 2) {
      const chain = runs.slice(i, j + 1);
      out.push({ ...runs[i], text: chain.map((r) => r.text.trim()).join(''), w: right(runs[j]) - runs[i].x });
    } else {
      out.push(...runs.slice(i, j + 1));
    }
    i = j + 1;
  }
  return out;
}

function touching(runs) {
  const out = [];
  for (const run of [...runs].sort((a, b) => a.x - b.x)) {
    const last = out.at(-1);
    const gap = last ? run.x - right(last) : Infinity;
    // Two numbers in neighbouring cells stand apart; pieces of one number touch.
    const apart = last && NUMBER.test(last.text.trim()) && NUMBER.test(run.text.trim()) && gap > 0.15 * run.h;
    if (last && !last.vertical && !run.vertical && gap < 0.5 * Math.min(last.h, run.h) && !apart) {
      let joined = gap > 0.15 * run.h ? `${last.text} ${run.text}` : last.text + run.text;
      if (gap < -0.3 * run.h) {
        // Drawn inside the previous run, over the space left for it: put it there.
        const at = Math.round((run.x - last.x) / (last.w / last.text.length));
        const chars = [...last.text];
        if (chars[at] === ' ') chars.splice(at, 1, run.text);
        else chars.splice(at, 0, run.text);
        joined = chars.join('');
      }
      out[out.length - 1] = { ...last, text: joined, w: Math.max(right(last), right(run)) - last.x };
    } else {
      out.push({ ...run });
    }
  }
  return out;
}

/** Splits a run such as 「14 1 0」 (several numbers drawn as one string) into one run per number. */
function splitNumbers(run) {
  const parts = run.text.trim().split(/\s+/);
  if (parts.length < 2 || !parts.every((p) => NUMBER.test(p))) return [run];
  const per = run.w / run.text.length;
  let at = 0;
  return parts.map((text) => {
    const start = run.text.indexOf(text, at);
    at = start + text.length;
    return { ...run, text, x: run.x + start * per, w: text.length * per };
  });
}

/** Groups one page's runs into lines by baseline, top to bottom; drops page numbers. */
function pageLines(page, notes) {
  const runs = page.runs.filter((r) => r.text && r.text.trim()).sort((a, b) => a.y - b.y || a.x - b.x);
  const lines = [];
  for (const run of runs) {
    const line = lines.at(-1);
    if (line && Math.abs(run.y - line.y) <= 0.4 * Math.min(run.h, line.h)) line.raw.push(run);
    else lines.push({ page: page.number, width: page.width ?? Infinity, y: run.y, h: run.h, raw: [run] });
  }
  const out = [];
  lines.forEach((line, i) => {
    line.runs = mergeRuns(line.raw).flatMap(splitNumbers).map((r) => ({ ...r, text: r.text.trim(), page: page.number }));
    const text = line.runs.map((r) => r.text).join(' ');
    const edge = i === 0 || i === lines.length - 1;
    const dashed = /[-－–—第页/／共]/.test(text);
    const centred = page.width ? Math.abs((line.runs[0].x + right(line.runs.at(-1))) / 2 - page.width / 2) < page.width * 0.1 : false;
    const margin = page.height ? line.y < page.height * 0.12 || line.y > page.height * 0.88 : edge;
    if (edge && margin && PAGE_NUMBER.test(text) && (dashed || centred)) {
      notes.push(`page ${page.number}: page number 「${text}」 dropped`);
      return;
    }
    delete line.raw;
    out.push(line);
  });
  return out;
}

// A run over half the page wide is running text: no table cell is that wide.
const isProse = (line) => line.runs.some((r) => r.w > 0.5 * line.width);
const isNumericLine = (line) => !isProse(line) && line.runs.some((r) => NUMBER.test(r.text));

/** A row's own runs: labels left of its first value, then its values. */
function splitRow(line) {
  const first = line.runs.findIndex((r) => isValue(r.text));
  return { labels: line.runs.slice(0, first), values: line.runs.slice(first) };
}

/**
 * The table's columns: header runs with no other header run under them, each widened by the
 * runs above it that sit over it alone (a header cell wrapped into 「商业企」「业」), left to right.
 */
function columnsOf(headerRuns) {
  const lower = (o, run) => o.page > run.page || (o.page === run.page && o.y > run.y + 0.4 * run.h);
  const under = (run) => headerRuns.filter((o) => o !== run && lower(o, run) && overlaps(o, run, -1));
  const leaves = headerRuns.filter((r) => under(r).length === 0).map((r) => ({ x: r.x, w: r.w, top: r.y, label: r.text, runs: [r] }));
  // Climb each leaf's cell: the run right above its top line that sits over it alone.
  for (const run of [...headerRuns].sort((a, b) => b.y - a.y)) {
    const below = leaves.filter((leaf) => overlaps(leaf, run, -1));
    if (below.length !== 1 || below[0].runs.includes(run)) continue;
    const [leaf] = below;
    if (run.page !== leaf.runs[0].page || leaf.top - run.y > 1.6 * run.h || leaf.top - run.y < 0.4 * run.h) continue;
    leaf.w = Math.max(right(leaf), right(run)) - Math.min(leaf.x, run.x);
    leaf.x = Math.min(leaf.x, run.x);
    leaf.top = run.y;
    leaf.runs.push(run);
  }
  leaves.sort((a, b) => center(a) - center(b));
  // Two leaves over one column (pieces of one header cell drawn side by side) are one column.
  const columns = [];
  for (const leaf of leaves) {
    const last = columns.at(-1);
    if (last && overlaps(last, leaf, -Math.min(last.w, leaf.w) / 2)) {
      last.w = Math.max(right(last), right(leaf)) - Math.min(last.x, leaf.x);
      last.x = Math.min(last.x, leaf.x);
      last.runs.push(...leaf.runs);
    } else {
      columns.push(leaf);
    }
  }
  for (const c of columns) c.label = c.runs.sort((a, b) => a.y - b.y || a.x - b.x).map((r) => r.text).join('');
  return columns;
}

/** The column nearest a box: overlapping it most, else with the nearest centre; -1 if none is near. */
function nearest(box, columns) {
  let best = -1;
  let bestScore = -Infinity;
  columns.forEach((c, i) => {
    const overlap = Math.min(right(c), right(box)) - Math.max(c.x, box.x);
    const score = overlap > 0 ? overlap : -Math.abs(center(c) - center(box));
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  const pitch = columns.length > 1 ? Math.min(...columns.slice(1).map((c, i) => center(c) - center(columns[i]))) : Infinity;
  return best >= 0 && (bestScore > 0 || -bestScore < Math.max(pitch / 2, columns[best].w / 2)) ? best : -1;
}

/**
 * Which column each value sits in: { cells, stray }, cells null when two values share a column.
 * A row with a number in every column is read in order, if each number is within 0.6 of a column
 * of its header (numbers right-aligned in their cells sit near the gap between two headers). A row
 * with blanks is matched against where the full rows of the table put their numbers (`seen`).
 */
function place(values, columns, seen) {
  const pitch = columns.length > 1 ? Math.min(...columns.slice(1).map((c, i) => center(c) - center(columns[i]))) : Infinity;
  const inOrder = values.length === columns.length && values.every((v, i) => Math.abs(center(v) - center(columns[i])) < 0.6 * pitch);
  if (inOrder) return { cells: [...values], stray: [], full: true };
  const targets = seen && seen.every(Boolean) ? seen : columns;
  const cells = columns.map(() => null);
  const stray = [];
  for (const value of values) {
    const best = nearest(value, targets);
    if (best < 0) stray.push(value);
    else if (cells[best]) return { cells: null, stray };
    else cells[best] = value;
  }
  return { cells, stray };
}

const norm = (text) => text.replace(/\s+/g, '');

/**
 * The label cells of each row. Label runs (left of the numbers) are chained into cells: a run
 * joins the cell right above it that it overlaps, unless it opens a label (一、 （三） 2.) or the
 * two sit on different rows' number lines. A cell goes to the row whose numbers lie within its
 * height (a label centred on its numbers, or starting on their line); a cell spanning several
 * rows is a group label and goes to the first. Returns Map(row → cells left to right).
 */
function labelBlocks(lines, rows) {
  const rowAt = new Map(rows.map((r) => [r.index, r]));
  const candidates = [];
  rows.forEach((row, k) => {
    // Under a header: from the line after its last (its first row may start on the next page).
    const start = row.fresh ? row.segment.headerEnd + 1 : rows[k - 1].index + 1;
    const next = rows[k + 1];
    const end = next && !next.fresh ? next.index : next ? next.index : lines.length;
    const limit = row.segment.dataLeft;
    const add = (line, i, runs, own = false) => {
      for (const r of runs) if (!r.used && (own || right(r) <= limit + 0.5 * r.h)) candidates.push({ r, i, row: rowAt.get(i) ?? null });
    };
    for (let i = start < 0 ? row.index : start; i < row.index; i++) if (!lines[i].header && !rowAt.has(i)) add(lines[i], i, lines[i].runs);
    add(row.line, row.index, row.labels, true); // left of its numbers, whatever the column edge
    if (!next || next.fresh) {
      // Under the last row of a table: its label's last lines, up to a heading or the next header.
      for (let i = row.index + 1; i < end && !lines[i].header && lines[i].page === row.line.page; i++) {
        if (lines[i].y - row.line.y > 6 * row.line.h) break;
        add(lines[i], i, lines[i].runs);
      }
    }
  });
  const cells = [];
  for (const c of candidates.sort((a, b) => lines[a.i].page - lines[b.i].page || a.r.y - b.r.y || a.r.x - b.r.x)) {
    const { r } = c;
    const opens = ENUMERATOR.test(r.text);
    let best = null;
    for (const cell of opens ? [] : cells) {
      const last = cell.runs.filter((o) => o.y === cell.bottom);
      const gap = r.y - cell.bottom;
      if (cell.page !== r.page || gap < 0.3 * r.h || gap > 2 * r.h || !last.some((o) => overlaps(o, r))) continue;
      if (c.row && cell.row && cell.row !== c.row) continue;
      if (!best || cell.bottom > best.bottom) best = cell;
    }
    if (best) {
      best.runs.push(r);
      best.bottom = r.y;
      best.row ??= c.row;
      best.x = Math.min(best.x, r.x);
    } else {
      cells.push({ page: r.page, top: r.y, bottom: r.y, x: r.x, runs: [r], row: c.row });
    }
  }
  const out = new Map();
  for (const cell of cells) {
    const h = cell.runs[0].h;
    const row = cell.row ?? rows.find((w) => w.line.page === cell.page && w.line.y >= cell.top - 0.4 * h && w.line.y <= cell.bottom + 0.4 * h);
    if (!row) continue; // a label between rows that spans no numbers: left where it stands
    for (const r of cell.runs) r.used = true;
    cell.text = cell.runs.sort((a, b) => a.y - b.y || a.x - b.x).map((r) => r.text).join('');
    if (!out.has(row)) out.set(row, []);
    out.get(row).push(cell);
  }
  for (const list of out.values()) list.sort((a, b) => a.x - b.x);
  return out;
}

/**
 * pages: [{ number, width?, height?, runs: [{ text, x, y, w, h, vertical? }] }] with x, y the
 * left edge and baseline in points from the page's top-left and h the font size. Returns
 * { text, unplaced: [{ line, page, text, reason, reason_en }], notes }: `line` is the line of `text`.
 */
export function layout(pages) {
  const notes = [];
  const unplaced = [];
  const lines = pages.flatMap((page) => pageLines(page, notes));
  const rows = [];
  let segment = null;
  const headers = [];

  const numeric = lines.flatMap((line, i) => {
    if (!isNumericLine(line)) return [];
    const { labels, values } = splitRow(line);
    return [{ i, page: line.page, first: values[0].x, labelRight: labels.length ? Math.max(...labels.map(right)) : -Infinity }];
  });
  lines.forEach((line, i) => {
    if (!isNumericLine(line)) return;
    const { labels, values } = splitRow(line);
    const previous = rows.at(-1);
    const from = previous ? previous.index + 1 : Math.max(0, i - 15);
    const between = lines.slice(from, i);
    const dataLeft = values[0].x;
    // The label column's right edge, from the labels of this row and of the rows around it (this
    // page or the next or last) whose numbers start in the same column: a row's own line may hold only a group label's
    // character, or no label at all (a label centred on its numbers, above and below them).
    const k = numeric.findIndex((n) => n.i === i);
    const near = numeric.slice(Math.max(0, k - 6), k + 7).filter((n) => Math.abs(n.page - line.page) <= 1 && Math.abs(n.first - values[0].x) < values[0].h);
    const ownRight = Math.max(-Infinity, ...near.map((n) => n.labelRight));
    const probeRight = labels.length ? ownRight : (segment?.labelRight ?? -Infinity);
    // A table's header is under the running text above the table (perhaps on the page before).
    const lastProse = between.findLastIndex(isProse);
    // Text over the numbers that is no row label is a header. Over the numbers: centred right of
    // the labels' edge (midway between the labels and the first number); with no label to go by,
    // reaching past the first number — or nearly, over numbers right-aligned in their cells.
    const above = between.slice(lastProse + 1).flatMap((l) => l.runs);
    const gaps = values.slice(1).map((v, k) => center(v) - center(values[k]));
    const slack = gaps.length ? 0.6 * Math.min(...gaps) : 0;
    const edge = (labelRight) => (labelRight > -Infinity ? (labelRight + values[0].x) / 2 : -Infinity);
    const over = (r, labelRight) => (labelRight > -Infinity ? center(r) > edge(labelRight) : right(r) > dataLeft + 1);
    // Its cells reach as far left as the labels' edge allows; with no label (table 四), as far as
    // centred within 0.6 of a column left of the first number.
    const cells = above.filter((r) => (ownRight > -Infinity ? center(r) > edge(ownRight) : center(r) > dataLeft - slack));
    const fresh = cells.length > 0 && above.some((r) => over(r, probeRight));
    const headerRuns = fresh ? cells : [];
    if (fresh) {
      const first = headerRuns.reduce((a, b) => (b.page < a.page || (b.page === a.page && b.y < a.y) ? b : a));
      const last = headerRuns.reduce((a, b) => (b.page > a.page || (b.page === a.page && b.y > a.y) ? b : a));
      const after = (l, r, slack) => l.page > r.page || (l.page === r.page && l.y >= r.y - slack);
      const within = (l) => after(l, first, line.h) && !after(l, last, -line.h / 2 - 0.01);
      const headerLines = between.filter((l) => l.runs.some((r) => headerRuns.includes(r)) || within(l));
      for (const l of headerLines) l.header = true;
      // A header at the very top of a page that the table printed before: the same table going on.
      const pageTop = lines.findIndex((l) => l.page === line.page);
      const atTop = headerLines.length > 0 && lines.slice(pageTop, lines.indexOf(headerLines[0])).length === 0;
      const columns = columnsOf(headerRuns);
      const key = norm(columns.map((c) => c.label).join('|'));
      const repeated = atTop && headers.includes(key);
      if (repeated) {
        for (const l of headerLines) l.dropped = true;
        notes.push(`page ${line.page}: repeated table header dropped`);
      }
      headers.push(key);
      segment = {
        columns,
        key,
        repeated,
        labelRight: ownRight,
        dataLeft,
        headerEnd: lines.indexOf(headerLines.at(-1)),
      };
    } else if (!segment) {
      const start = lines.slice(0, i).findLastIndex(isProse);
      segment = { columns: values.map((v) => ({ x: v.x, w: v.w })), key: `line ${i}`, labelRight: ownRight, dataLeft, headerEnd: Math.max(start, i - 15) };
      notes.push(`page ${line.page}: no column headers above the first numbers; columns taken from their positions`);
    }
    if (!fresh) segment.dataLeft = Math.min(segment.dataLeft, dataLeft);
    rows.push({ index: i, line, labels, values, segment, fresh });
  });

  const labelsOf = labelBlocks(lines, rows);

  // Where the table's full rows put each column's numbers (by header, across repeated headers).
  const seen = new Map();
  for (const row of rows) {
    const { full, cells } = place(row.values, row.segment.columns);
    if (!full) continue;
    const boxes = seen.get(row.segment.key) ?? row.segment.columns.map(() => null);
    cells.forEach((v, i) => {
      const b = boxes[i];
      boxes[i] = b ? { x: Math.min(b.x, v.x), w: Math.max(right(b), right(v)) - Math.min(b.x, v.x) } : { x: v.x, w: v.w };
    });
    seen.set(row.segment.key, boxes);
  }

  const out = [];
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  lines.forEach((line, i) => {
    if (line.dropped) return;
    const row = byIndex.get(i);
    if (!row) {
      const rest = line.runs.filter((r) => !r.used);
      if (rest.length) out.push(rest.map((r) => r.text).join('\t'));
      return;
    }
    const cells = (labelsOf.get(row) ?? []).map((b) => b.text);
    const { cells: placed, stray } = place(row.values, row.segment.columns, seen.get(row.segment.key));
    for (const s of stray) {
      unplaced.push({ line: out.length + 1, page: line.page, text: s.text, ...STRAY });
    }
    if (placed && !stray.length) {
      cells.push(...placed.map((v) => (v ? v.text : '/')));
    } else {
      // Which column is which cannot be told: pass the numbers as printed, and say so.
      if (!placed) unplaced.push({ line: out.length + 1, page: line.page, text: row.values.map((v) => v.text).join(' '), ...CLASH });
      cells.push(...row.values.filter((v) => !stray.includes(v)).map((v) => v.text));
    }
    out.push(cells.join('\t'));
  });
  return { text: out.join('\n') + '\n', unplaced, notes };
}
