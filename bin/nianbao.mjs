#!/usr/bin/env node
// nianbao: check annual reports on government information disclosure
// (政府信息公开工作年度报告, 国办公开办函〔2021〕30号) from the command line.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { writeCsv } from './lib/csv.mjs';
import { expand } from './lib/files.mjs';
import { urlEntries, fetchOptions } from './lib/urls.mjs';
import { Pool } from './lib/pool.mjs';
import { progressBar } from './lib/progress.mjs';
import { TEXT, rowLabel } from './lib/text.mjs';

const USAGE = `Usage: nianbao check FILE_OR_DIR... [options]
       nianbao import FILE_OR_URL [--json] [--lang en]
       nianbao export REPORT -o OUT.docx [--force] [--lang en]

check   Checks annual reports: canonical JSON (.json), or published reports — PDF (.pdf),
        Word (.docx), web pages (.html, .htm), text (.txt, .md) — which are imported first
        and whose blank cells are warnings.
        A directory is searched recursively for those kinds; reports are checked on all
        cores and printed sorted by path, then a summary with the most frequent rules.
        Any of them may be an http(s) URL (and --urls FILE lists more): it is fetched and read
        the same way; a page that only links to the report's PDF or Word attachment is read
        from that attachment, and the output says so.
import  Reads a published report (PDF, .docx, web page, text) and prints its canonical JSON on
        stdout, for "nianbao check"; numbers and rows that could not be placed go to stderr.
export  Writes the report (any kind check reads) as a Word document in the official layout:
        title, text, the three tables with their merged cells. A report with errors is
        refused, naming them, unless --force.

Options:
  --json             check: print one JSON array, one object per file that could be read:
                     {file, issuer, year, ok, errors, warnings, findings, suggestions},
                     and for imported files {unplaced, missing_rows, unread}; with --previous or
                     --previous-dir, {previous} (the file compared with, or null)
                     import: write what could not be placed to stderr as one JSON object
                     {unplaced, missing_rows, matched} instead of lines
  --blanks warning   report blank cells as warnings, not errors (the default for imported
                     files; --blanks error makes them errors there too)
  --previous LAST    compare the one report with last year's (any kind of file): the
                     cross-year rules and the prose's 较上年 figures
  --previous-dir DIR compare each report with last year's report of the same issuer found
                     in DIR (searched like a report directory); one without is checked alone
  --csv FILE         also write one row per finding to FILE (UTF-8 CSV that Excel opens):
                     file, issuer, year, rule, severity, cells, expected, actual, message
  --html FILE        also write a review page to FILE: one self-contained HTML file with a
                     summary of every report and its tables, the wrong cells marked
  --jobs N           check on N threads (default: one per core)
  --urls FILE        check: also check the URLs listed in FILE, one a line (# starts a comment)
  --timeout SECONDS  the longest a URL may take to answer in full (default 20)
  --max-size MB      the largest answer read from a URL (default 50)
  -o, --output FILE  export: the .docx file to write
  --force            export: write the document even though the report has errors
  --lang en          print messages in English (default: Chinese, zh)
  -h, --help         print this help

A progress bar is drawn on stderr when it is a terminal, never when it is piped.

Exit status: check: 0 no file has errors, 1 some file has errors, 2 some file could not be
             read or parsed; import: 0 everything placed, 1 something could not be placed,
             2 the file cannot be read or holds no table; export: 0 written, 1 the report
             has errors, 2 the input cannot be read or the output cannot be written;
             2 for a wrong command line.`;

const out = (text) => process.stdout.write(text);
const err = (text) => process.stderr.write(text);

function usageError(message) {
  err(`nianbao: ${message}\n\n${USAGE}\n`);
  return 2;
}

async function importCommand(files, values, t, lang) {
  if (files.length !== 1) return usageError('import reads one file: name it');
  for (const option of ['blanks', 'previous', 'previous-dir', 'csv', 'html', 'jobs']) {
    if (values[option] !== undefined) return usageError(`--${option} is an option of check, not import`);
  }
  if (values.urls !== undefined) return usageError('--urls is an option of check: import reads one file or URL');
  const fetch = fetchOptions(values);
  if (typeof fetch === 'string') return usageError(fetch);
  const [file] = files;
  // Imported here, not at the top: check never needs the wasm on the main thread.
  const { load } = await import('./lib/load.mjs');
  let loaded;
  try {
    loaded = await load(file, fetch);
  } catch (e) {
    err(`nianbao: ${file}: ${e.message}\n`);
    return 2;
  }
  const { report, unplaced, missing_rows, matched, split = [], followed } = loaded;
  if (followed) err(`${file}: ${t.followed(followed)}\n`);
  out(JSON.stringify(report, null, 2) + '\n');
  if (values.json) {
    if (unplaced.length || missing_rows.length || matched.length || split.length) err(JSON.stringify({ unplaced, missing_rows, matched, split }, null, 2) + '\n');
  } else {
    for (const m of matched) err(`${file}: ${t.matched(m, await rowLabel(m.row, lang))}\n`);
    for (const s of split) err(`${file}: ${t.split(s)}\n`);
    for (const u of unplaced) err(`${file}: ${t.unplaced(u)}\n`);
    for (const id of missing_rows) err(`${file}: ${t.missingRow(id, await rowLabel(id, lang))}\n`);
  }
  return unplaced.length || missing_rows.length ? 1 : 0;
}

async function formatResult(r, t, lang, pairing) {
  const lines = [r.file, `  ${t.verdict(r)}`];
  if (r.previous) {
    lines.push(`  ${t.previous(r.previous)}`);
    const p = r.previous;
    if (!p.sameIssuer || (p.year && r.year && p.year !== r.year - 1)) {
      lines.push(`  ${t.mismatch(p, r)}`);
    }
  } else if (pairing) {
    lines.push(`  ${t.noPrevious(r)}`);
  }
  if (r.followed) lines.push(`  ${t.followed(r.followed)}`);
  for (const f of r.findings) {
    const message = lang === 'en' ? f.message_en : f.message;
    lines.push(`  ${t.severity[f.severity]}${message}${f.cell ? ` [${f.cell}]` : ''}`);
  }
  // Each suggestion also names its cells and values by id, so it can be acted on.
  const describe = (s) =>
    `${lang === 'en' ? s.message_en : s.message} [${s.changes.map((c) => `${c.cell}: ${c.from} → ${c.to}`).join('; ')}]`;
  if (r.suggestions.length === 1) {
    lines.push(`  ${t.likely}${describe(r.suggestions[0])}`);
  } else if (r.suggestions.length > 1) {
    // Several equally small answers: listing them all is honest, picking one would be a guess.
    lines.push(`  ${t.several(r.suggestions.length)}`);
    r.suggestions.forEach((s, i) => lines.push(`    ${i + 1}. ${describe(s)}`));
  }
  for (const u of r.unplaced ?? []) lines.push(`  ${t.unplaced(u)}`);
  for (const id of r.missing_rows ?? []) lines.push(`  ${t.missingRow(id, await rowLabel(id, lang))}`);
  return lines.join('\n') + '\n\n';
}

// Reads last year's reports and sends them to every thread. Returns an exit status when the
// run cannot go on (--previous names a file that cannot be read), else null.
async function sendPrevious(pool, values, files, fetch) {
  if (values.previous !== undefined) {
    try {
      const only = await pool.run({ type: 'identify', file: values.previous, fetch });
      pool.broadcast({ type: 'previous', only, reports: [] });
      return null;
    } catch (e) {
      err(`nianbao: --previous ${values.previous}: ${e.message}\n`);
      return 2;
    }
  }
  // Unreadable files and files naming no issuer or year cannot be paired: they are left out
  // quietly, as they are reported when they are themselves checked.
  const read = await Promise.all(files.map((file) => pool.run({ type: 'identify', file }).catch(() => null)));
  const reports = new Map();
  for (const r of read) {
    // Two files of one issuer and year (a text and the JSON imported from it): the first in path
    // order, the same on every run; each result names the file it was compared with.
    if (r?.key && !reports.has(r.key)) reports.set(r.key, r);
  }
  pool.broadcast({ type: 'previous', only: null, reports: [...reports.values()] });
  return null;
}

async function checkCommand(args, values, t, lang) {
  const fetch = fetchOptions(values);
  if (typeof fetch === 'string') return usageError(fetch);
  const urls = urlEntries(args, values.urls);
  if (typeof urls === 'string') return usageError(urls);
  const paths = args.filter((arg) => !urls.given.has(arg));
  if (paths.length === 0 && urls.entries.length === 0) return usageError('no files given: name report files, directories or URLs');
  if (values.previous !== undefined && values['previous-dir'] !== undefined) {
    return usageError('give --previous (one report) or --previous-dir (many), not both');
  }
  const dir = values['previous-dir'];
  if (dir !== undefined && !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    return usageError(`--previous-dir ${dir}: not a directory`);
  }
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) return usageError(`--jobs is a whole number of threads, not "${values.jobs}"`);

  // Files sorted by path, then the URLs in the order given.
  const entries = [...(paths.length ? expand(paths) : []), ...urls.entries];
  const readable = entries.filter((e) => !e.error).length;
  if (values.previous !== undefined && readable > 1) {
    return usageError(`--previous compares one report with last year's, not ${readable}: use --previous-dir`);
  }

  const lastYear = dir === undefined ? [] : expand([dir]).filter((e) => !e.error).map((e) => e.file);

  // No more threads than files: each one costs a wasm compile.
  const pool = new Pool(Math.max(1, Math.min(jobs, Math.max(readable, lastYear.length))));
  try {
    if (values.previous !== undefined || dir !== undefined) {
      const status = await sendPrevious(pool, values, lastYear, fetch);
      if (status !== null) return status;
    }
    const bar = progressBar(entries.length);
    // All tasks are queued at once; results are printed in path order as they come in.
    const pending = entries.map((e) => {
      const task = e.error ? Promise.reject(new Error(e.error))
        : pool.run({ type: 'check', file: e.file, blanks: values.blanks, withReport: values.html !== undefined, fetch });
      return task.then((r) => r, (e2) => ({ file: e.file, error: e2.message })).finally(bar.tick);
    });

    const stats = { files: entries.length, errors: 0, warnings: 0, unreadable: 0 };
    const rules = new Map();
    const results = [];
    const all = []; // the review page shows unreadable files too, in path order
    for (const task of pending) {
      const r = await task;
      all.push(r);
      if (r.error) {
        stats.unreadable++;
        bar.print(process.stderr, `nianbao: ${r.file}: ${r.error}\n`);
        continue;
      }
      if (r.errors) stats.errors++;
      if (r.warnings) stats.warnings++;
      for (const f of r.findings) rules.set(f.rule, (rules.get(f.rule) ?? 0) + 1);
      results.push(r);
      if (!values.json) bar.print(process.stdout, await formatResult(r, t, lang, dir !== undefined));
    }
    bar.clear();

    if (values.json) {
      const pairing = values.previous !== undefined || dir !== undefined;
      out(JSON.stringify(results.map(({ previous, report, ...r }) => (pairing ? { ...r, previous: previous?.file ?? null } : r)), null, 2) + '\n');
    } else {
      // Most findings first; a tie in rule order, so that the line is the same on every run.
      const top = [...rules].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
      out(t.summary(stats) + '\n' + (top.length ? t.topRules(top) + '\n' : ''));
    }
    if (values.csv !== undefined) {
      try {
        writeCsv(values.csv, results, lang);
      } catch (e) {
        err(`nianbao: --csv ${values.csv}: ${e.message}\n`);
        return 2;
      }
    }
    if (values.html !== undefined) {
      const { writeReviewPage } = await import('./lib/review/write.mjs');
      const error = await writeReviewPage(values.html, all, { lang, pairing: values.previous !== undefined || dir !== undefined });
      if (error) {
        err(`nianbao: --html ${values.html}: ${error}\n`);
        return 2;
      }
    }
    return stats.unreadable ? 2 : stats.errors ? 1 : 0;
  } finally {
    await pool.close();
  }
}

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        blanks: { type: 'string' },
        lang: { type: 'string' },
        previous: { type: 'string' },
        'previous-dir': { type: 'string' },
        csv: { type: 'string' },
        html: { type: 'string' },
        jobs: { type: 'string' },
        urls: { type: 'string' },
        timeout: { type: 'string' },
        'max-size': { type: 'string' },
        output: { type: 'string', short: 'o' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usageError(e.message);
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;

  if (values.help || command === 'help') {
    out(USAGE + '\n');
    return 0;
  }
  if (command === undefined) return usageError('no command given');
  if (!['check', 'import', 'export'].includes(command)) return usageError(`unknown command "${command}"`);
  if (command !== 'export') {
    for (const option of ['output', 'force']) if (values[option] !== undefined) return usageError(`--${option} is an option of export`);
  }
  if (values.blanks !== undefined && !['error', 'warning'].includes(values.blanks)) {
    return usageError(`--blanks is "error" or "warning", not "${values.blanks}"`);
  }
  const lang = values.lang ?? 'zh';
  if (!(lang in TEXT)) return usageError(`--lang is "zh" or "en", not "${lang}"`);
  if (command === 'export') {
    const { exportCommand } = await import('./lib/export.mjs');
    return exportCommand(files, values, lang, { out, err, usageError });
  }
  const run = command === 'import' ? importCommand : checkCommand;
  return run(files, values, TEXT[lang], lang);
}

// The reader went away (| head): nothing more can be shown, so stop quietly, threads and all,
// rather than die on an unhandled EPIPE with a stack trace.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit();
});

// exitCode rather than process.exit(): exit() can cut off output still queued for a pipe.
process.exitCode = await main(process.argv.slice(2));
