// The report as a Word document in the layout of the 2021 template (国办公开办函〔2021〕30号):
// title, the prose, and the three tables with the template's merged cells — for Node, bundlers and
// browsers alike (the bytes come back as a Uint8Array; nothing here touches the file system).
// The layout is in grid.mjs, the order of prose and tables in prose.mjs; this file reads the
// report, refuses one with errors, and writes Word through the `docx` library.
import init, { check, schema } from 'nianbao';
import { canonicalReport } from '../canonical.mjs';
import {
  AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun,
  VerticalAlign, WidthType,
} from 'docx';
import { tableGrid } from './grid.mjs';
import { bodyBlocks } from './prose.mjs';

// Fonts as offices set them: 宋体 in the title and tables, 仿宋_GB2312 in the prose; Latin digits
// in Times New Roman. Sizes in half-points: 二号 44, 三号 32, 五号 21, 小五 18.
const SONG = { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const FANGSONG = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const SIZE = { title: 44, prose: 32, table: 21, across: 18 };

// A4 in twips with the margins of GB/T 9704 (37/35 mm top/bottom, 28/26 mm left/right).
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1587, right: 1474 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right; // 8845 twips, 156 mm
// Narrow cell margins (1 mm) so that table 四's 15 columns of 10 mm hold 5-digit numbers.
const CELL_MARGINS = { left: 57, right: 57, top: 28, bottom: 28 };
/** Tables of at most this many rows are kept on one page; table 三 (28 rows) may break. */
const KEEP_TOGETHER = 16;

/**
 * The report as .docx bytes.
 * @param {object | string} report the canonical report, or its JSON text (numbers kept exact)
 * @param {{ force?: boolean, lang?: 'zh' | 'en' }} [options] `force` exports a report with
 *   errors; `lang: 'en'` labels the tables and words the refusal in English
 * @returns {Promise<Uint8Array>}
 */
export async function exportDocx(report, options = {}) {
  await init(); // browsers: fetches the .wasm unless the page already did; Node: ready already
  const { force = false, lang = 'zh' } = options ?? {};
  if (lang !== 'zh' && lang !== 'en') throw new Error(`exportDocx: options.lang is "zh" or "en", not ${JSON.stringify(lang)}`);
  const en = lang === 'en';
  const canonical = canonicalReport(report);
  if (!force) refuseErrors(canonical, en);
  return Packer.pack(document(canonical, schema(), en), 'uint8array');
}

/** Throws when the report has errors, naming how many and the first of them. */
function refuseErrors(report, en) {
  const result = check(report);
  if (!result.errors) return;
  const errors = result.findings.filter((f) => f.severity === 'error');
  const shown = errors.slice(0, 3).map((f) => (en ? f.message_en : f.message));
  const more = errors.length > shown.length;
  const message = en
    ? `The report has ${result.errors} error(s) and was not exported: ${shown.join('; ')}${more ? '; …' : ''}. Export it anyway with force.`
    : `年报有 ${result.errors} 处错误，未导出：${shown.join('；')}${more ? '；……' : ''}。仍要导出请选择强制导出（force）。`;
  throw Object.assign(new Error(message), { code: 'report_has_errors', errors: result.errors, findings: errors });
}

/** 「隆德县2024年政府信息公开工作年度报告」 */
export function titleOf(report, en = false) {
  const issuer = String(report.issuer ?? '').trim();
  const year = String(report.year ?? '').trim();
  return en ? `${issuer} ${year} Annual Report on Government Information Disclosure`.trim()
    : `${issuer}${year}年政府信息公开工作年度报告`;
}

function document(report, { tables }, en) {
  const title = titleOf(report, en);
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [run(title, { font: SONG, size: SIZE.title, bold: true })] }),
  ];
  // The prose's own title line (「隆德县 2024 年政府信息公开工作年度报告」) is not printed twice.
  const titleTail = titleOf({ issuer: '', year: '' }, false);
  const isTitle = (line) => line.length < 80 && line.endsWith(titleTail);
  for (const block of bodyBlocks(report.text, tables, isTitle)) {
    if (block.kind === 'table') children.push(...table(block.table, report, en));
    else children.push(proseParagraph(block));
  }
  return new Document({
    title,
    creator: 'nianbao',
    // zh-CN tells Word and WPS which fonts and line breaking the text wants.
    styles: { default: { document: { run: { font: FANGSONG, size: SIZE.prose, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } } },
    sections: [{ properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE } }, children }],
  });
}

const run = (text, { font = FANGSONG, size = SIZE.prose, bold = false } = {}) => new TextRun({ text, font, size, bold });

function proseParagraph({ kind, runs }) {
  const heading = kind === 'heading';
  return new Paragraph({
    // Fixed 28 pt lines and a two-character first-line indent, as official documents set prose.
    spacing: { line: 560, lineRule: 'exact' },
    indent: { firstLine: 640 },
    keepNext: heading,
    children: runs.map((r) => run(r.text, { bold: r.bold || heading })),
  });
}

/** The table's caption (二、主动公开政府信息情况) and the table. */
function table(schemaTable, report, en) {
  const grid = tableGrid(schemaTable, report, en);
  const widths = columnWidths(grid);
  const size = grid.across ? SIZE.across : SIZE.table;
  // The leading header rows repeat when a table (三) runs onto the next page.
  const headerRows = grid.rows.findIndex((cells) => cells.some((c) => c.role === 'number' || c.role === 'label'));
  // A short table (二, 四) stays on one page: each row keeps with the next, as Word does it.
  const together = grid.rows.length <= KEEP_TOGETHER;
  const rows = grid.rows.map((cells, r) => new TableRow({
    tableHeader: r < headerRows,
    cantSplit: true,
    children: cells.map((cell) => tableCell(cell, size, together && r < grid.rows.length - 1)),
  }));
  return [
    new Paragraph({ spacing: { before: 240, after: 120, line: 560, lineRule: 'exact' }, indent: { firstLine: 640 }, keepNext: true, children: [run(en ? schemaTable.label_en : schemaTable.label, { bold: true })] }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      margins: CELL_MARGINS,
      rows,
    }),
  ];
}

function tableCell(cell, size, keepNext) {
  const alignment = cell.role === 'number' ? AlignmentType.RIGHT : cell.role === 'label' && cell.span === 1 && cell.rowSpan === 1 ? AlignmentType.LEFT : AlignmentType.CENTER;
  return new TableCell({
    columnSpan: cell.span > 1 ? cell.span : undefined,
    rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
    verticalAlign: VerticalAlign.CENTER,
    children: [new Paragraph({ alignment, keepNext, children: cell.text ? [run(cell.text, { font: SONG, size })] : [] })],
  });
}

/**
 * Widths in twips summing to the text width. Down tables: numbers get equal columns, group labels
 * narrow ones (their text wraps, as in the template), the row labels the rest. Table 四 across:
 * 15 equal columns of about 10 mm — the page stays portrait like the template, instead of a
 * landscape page in the middle of the report that prints and binds differently.
 */
function columnWidths({ across, labelColumns, dataColumns }) {
  if (across) return spread(TEXT_WIDTH, dataColumns);
  const data = Math.min(1800, Math.floor((TEXT_WIDTH * 0.5) / dataColumns));
  // The outermost group label (三、本年度办理结果) wraps two characters a line, inner ones four, so
  // that 「（三）」 stays on one line above 不予公开.
  const groups = Array.from({ length: labelColumns - 1 }, (_, i) => (i === 0 ? 640 : 960));
  const label = TEXT_WIDTH - data * dataColumns - groups.reduce((a, b) => a + b, 0);
  return [...groups, label, ...Array(dataColumns).fill(data)];
}

const spread = (total, n) => Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
