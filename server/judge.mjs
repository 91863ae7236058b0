// The server's own check of a submitted report: from the text as posted (so its numbers stay
// exact), once, against last year's stored report of the same issuer when there is one.
import { Checker, issuerKey } from 'nianbao';

/**
 * Checks `text` (JSON text of a report object). `previousOf(issuerKey, year)` returns last year's
 * stored submission or null; `unread` the cells an import could not read. Resolves the issuer by the
 * core's rule, `issuerKey`.
 * @returns {{ result, unexplained, canonical: string, issuer: string, issuerKey: string, year: string,
 *   previous: import('./storage.mjs').Submission|null }}
 * @throws when the text is not a report the core can read
 */
export function judge(text, previousOf = () => null, unread = []) {
  // Cells an import could not read are unknown, not blank: no sum is judged on them.
  const checker = new Checker(text, unread.length ? { unread } : undefined);
  try {
    const report = checker.report();
    const issuer = typeof report.issuer === 'string' ? report.issuer : '';
    const year = report.year === null || report.year === undefined ? '' : String(report.year);
    const key = issuerKey(issuer);
    const previous = /^\d{4}$/.test(year) ? previousOf(key, String(Number(year) - 1)) : null;
    if (previous) checker.setPrevious(previous.report);
    return {
      result: checker.result(),
      unexplained: checker.unexplainedWarnings(),
      canonical: JSON.stringify(checker.report()),
      issuer,
      issuerKey: key,
      year,
      previous,
    };
  } finally {
    checker.free();
  }
}
