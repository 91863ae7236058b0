// Reading a report the clerk opens or pastes — for 导入 and for last year's report alike.

/**
 * Our JSON export, or a published report (text, Markdown, HTML) that the package's importer (loaded
 * on first use) reads into the canonical JSON. Resolves to { report, unplaced, missing_rows };
 * rejects when the text holds no table, or the JSON is not a report.
 */
export async function readReport(ctx, text) {
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    return ctx.pkg.importReport(text);
  }
  ctx.pkg.inspect(report, []); // throws on what is not a report at all
  return { report, unplaced: [], missing_rows: [] };
}

/** 「有 2 行未找到、1 处数字未能放入表格，请逐一核对。」, or nothing when all was read. */
export function gapsNote(ctx, { unplaced, missing_rows: missing }) {
  const { t } = ctx.i18n;
  if (!unplaced.length && !missing.length) return '';
  return t('imported_gaps', { rows: t('gap_rows', { n: missing.length }), numbers: t('gap_numbers', { n: unplaced.length }) });
}
