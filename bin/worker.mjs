// One thread of the pool (bin/lib/pool.mjs): loads and checks report files. Importing 'nianbao'
// compiles the wasm, so each thread does it once, here, and then serves many files.
import { parentPort } from 'node:worker_threads';
import { check, issuerKey } from 'nianbao';
import { canonicalReport } from '../lib/canonical.mjs';
import { identity, load, pairKey } from './lib/load.mjs';

// Last year's reports for this run: one for every report (--previous), or by issuer and year
// (--previous-dir). Sent once to each thread rather than with every task.
let only = null;
let byIssuerYear = new Map();

const tasks = {
  // Reads a file as last year's report: the main thread pairs reports by what this returns.
  async identify({ file, fetch }) {
    const { report, source } = await load(file, fetch);
    const { issuer, year } = identity(report);
    // `text`: a JSON file as written, so that its numbers reach check() exactly (2^53 + 1, 611.12810000000001).
    const text = typeof source === 'string' ? source : null;
    return { file, issuer, year, key: issuer && year ? pairKey(issuer, year) : null, report, text };
  },

  async check({ file, blanks, withReport, fetch }) {
    const { report, source, imported, unplaced, missing_rows, unread, followed } = await load(file, fetch);
    const { issuer, year } = identity(report);
    const last = only ?? (issuer && year ? byIssuerYear.get(pairKey(issuer, year - 1)) : null) ?? null;
    // Published reports often print blanks or "/" for zero: an imported report's blanks are
    // warnings unless the command line asked otherwise.
    // Cells the import could not read are unknown, not blank: no sum is judged on them.
    const options = { blanks: blanks ?? (imported ? 'warning' : 'error'), unread };
    const { ok, errors, warnings, findings, suggestions } = check(source, withPrevious(options, last));
    return {
      file, issuer, year, ok, errors, warnings, findings, suggestions,
      ...(imported && { unplaced, missing_rows, unread }),
      ...(followed && { followed }), // a page's attachment, read instead of the page
      previous: last && {
        file: last.file, issuer: last.issuer, year: last.year,
        // Decided here, where the wasm is loaded, so that the main thread never compiles it.
        sameIssuer: !last.issuer || !issuer || issuerKey(last.issuer) === issuerKey(issuer),
      },
      // The review page (--html) shows the values as the package reads them (611.1281 exact).
      ...(withReport && { report: canonicalReport(source) }),
    };
  },
};

/**
 * The options as JSON text (check() reads a string as JSON), last year's report spliced in as its
 * file was written: as a JS object its numbers would be rounded (9007199254740993 → …992).
 */
function withPrevious(options, last) {
  if (!last) return options;
  const previous = last.text?.replace(/^\uFEFF/, '') ?? JSON.stringify(last.report);
  return `${JSON.stringify(options).slice(0, -1)},"previous":${previous}}`;
}

// Tasks are async (a PDF is read by pdf.js) but answered one by one in the order they came: the
// pool matches answers to tasks by that order.
let queue = Promise.resolve();
parentPort.on('message', ({ type, ...task }) => {
  queue = queue.then(async () => {
    if (type === 'previous') {
      // No reply: a thread reads its messages in order, so the tasks sent after this one see it.
      only = task.only;
      byIssuerYear = new Map(task.reports.map((r) => [r.key, r]));
      return;
    }
    try {
      parentPort.postMessage({ value: await tasks[type](task) });
    } catch (err) {
      // A file that cannot be read is an answer, not a crash: the run goes on.
      parentPort.postMessage({ error: err.message });
    }
  });
});
