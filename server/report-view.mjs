// How the review area shows one report: its findings and its values in plain, accessible tables.
// Deliberately small and on its own: the shared three-table drawing of the review page (issue 14)
// replaces this module, with the same call, renderReport(reportText, result).
import { schema } from 'nianbao';
import { esc } from './pages.mjs';

let cells;

const SEVERITY = { error: '错误', warning: '提醒' };

/** The findings (with the clerk's reasons) and every cell's value, as HTML. */
export function renderReport(reportText, result) {
  cells ??= schema().cells;
  const report = JSON.parse(reportText);
  const reasons = report.reasons ?? {};
  const findings = result.findings.length === 0 ? '<p>没有发现问题。</p>' : `<table class="findings">
<caption>核对结果：${result.errors} 处错误，${result.warnings} 条提醒</caption>
<thead><tr><th scope="col">类别</th><th scope="col">问题</th><th scope="col">单元格</th><th scope="col">应为</th><th scope="col">现为</th><th scope="col">填报说明的原因</th></tr></thead>
<tbody>
${result.findings.map((f) => `<tr class="${esc(f.severity)}" data-finding="${esc(f.id)}">
<th scope="row">${esc(SEVERITY[f.severity] ?? f.severity)}</th><td>${esc(f.message)}</td><td>${esc(f.cell ?? f.field ?? '')}</td>
<td>${esc(f.expected ?? '')}</td><td>${esc(f.actual ?? '')}</td><td>${esc(reasons[f.id] ?? '')}</td></tr>`).join('\n')}
</tbody></table>`;
  // Only the values' rows are cells (data-cell, as in issue 14's drawing); a finding names its cell.
  const flagged = new Map(result.findings.filter((f) => f.cell).map((f) => [f.cell, f.severity]));
  const rows = cells.map((c) => {
    const value = report[c.table]?.[c.row]?.[c.column];
    const mark = flagged.get(c.id);
    return `<tr data-cell="${esc(c.id)}"${mark ? ` data-severity="${esc(mark)}"` : ''}><th scope="row">${esc(c.label)}</th>`
      + `<td>${esc(value ?? '')}</td><td>${mark ? esc(SEVERITY[mark]) : ''}</td></tr>`;
  });
  return `<h2>${esc(report.issuer ?? '')} ${esc(report.year ?? '')} 年度</h2>
${findings}
<table class="values">
<caption>各单元格的数值</caption>
<thead><tr><th scope="col">单元格</th><th scope="col">数值</th><th scope="col">核对</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}
