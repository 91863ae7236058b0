import type { Finding, Report } from 'nianbao';

export interface ExportDocxOptions {
  /** Export even when the report has errors (the clerk confirmed, or `--force`). */
  force?: boolean;
  /** `"en"` labels the tables in English and words the refusal in English; default `"zh"`. */
  lang?: 'zh' | 'en';
}

/** Thrown when the report has errors and `force` is not set. */
export interface ReportHasErrors extends Error {
  code: 'report_has_errors';
  /** How many errors the report has. */
  errors: number;
  /** The error findings, as `check()` gives them. */
  findings: Finding[];
}

/**
 * The report as a Word document (.docx bytes) in the layout of the 2021 template: title, prose
 * and the three tables with their merged cells, A4, 宋体 / 仿宋_GB2312. Throws a
 * `ReportHasErrors` when the report has errors, unless `options.force`.
 * @param report the canonical report, or its JSON text (numbers are kept exactly as written)
 */
export function exportDocx(report: Report | string, options?: ExportDocxOptions): Promise<Uint8Array>;

/** The document's title: 「<issuer><year>年政府信息公开工作年度报告」. */
export function titleOf(report: Pick<Report, 'issuer' | 'year'>, en?: boolean): string;
