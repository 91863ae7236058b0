#!/usr/bin/env node
// nianbao: check annual reports on government information disclosure
// (政府信息公开工作年度报告, 国办公开办函〔2021〕30号) from the command line.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { check } from 'nianbao';

const USAGE = `Usage: nianbao check FILE... [--json] [--blanks warning] [--lang en]

Checks annual reports in the canonical JSON format (format "2021").

Options:
  --json             print one JSON array, one object per file that could be read:
                     {file, ok, errors, warnings, findings, suggestions}
  --blanks warning   report blank cells as warnings, not errors
                     (for reviewing published reports, which often leave blanks)
  --lang en          print messages in English (default: Chinese, zh)
  -h, --help         print this help

Exit status: 0 no file has errors, 1 some file has errors,
             2 some file could not be read or parsed, or the command line is wrong.`;

// Text the CLI itself prints; the findings carry their own message / message_en.
const TEXT = {
  zh: {
    severity: { error: '错误：', warning: '警告：' },
    verdict: (r) =>
      r.errors ? `未通过：${r.errors} 个错误，${r.warnings} 个警告`
      : r.warnings ? `通过，但有 ${r.warnings} 个警告需要确认`
      : '通过：没有错误，没有警告',
    likely: '最可能填错的单元格：',
    several: (n) => `有 ${n} 种同样小的改法，无法判断哪一种是对的：`,
    summary: (s) =>
      `共 ${s.files} 个文件：${s.errors} 个有错误，${s.warnings} 个有警告` +
      (s.unreadable ? `，${s.unreadable} 个无法读取` : '') + '。',
  },
  en: {
    severity: { error: 'error: ', warning: 'warning: ' },
    verdict: (r) =>
      r.errors ? `FAILED: ${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}`
      : r.warnings ? `passed, but ${r.warnings} warning${r.warnings === 1 ? '' : 's'} to confirm`
      : 'passed: no errors, no warnings',
    likely: 'Most likely wrong: ',
    several: (n) => `${n} equally small corrections exist; which one is right cannot be told:`,
    summary: (s) =>
      `${s.files} file${s.files === 1 ? '' : 's'} checked: ${s.errors} with errors, ${s.warnings} with warnings` +
      (s.unreadable ? `, ${s.unreadable} could not be read` : '') + '.',
  },
};

function usageError(message) {
  process.stderr.write(`nianbao: ${message}\n\n${USAGE}\n`);
  return 2;
}

// Reads and parses one file; throws an Error whose message is the reason.
function load(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') throw new Error('no such file');
    if (err.code === 'EISDIR') throw new Error('is a directory, not a report file');
    throw new Error(err.message);
  }
  let report;
  try {
    // Windows editors often save UTF-8 with a byte-order mark, which JSON.parse rejects.
    report = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Error(`not valid JSON: ${err.message}`);
  }
  // Checked here rather than left to check(): check() reads a string as JSON text,
  // and it would echo the whole value back in its message.
  if (report === null || typeof report !== 'object' || Array.isArray(report)) {
    const kind = report === null ? 'null' : Array.isArray(report) ? 'an array' : `a ${typeof report}`;
    throw new Error(`not a report: the file holds ${kind}, not a JSON object`);
  }
  return report;
}

function printResult(file, r, t, lang) {
  const lines = [file, `  ${t.verdict(r)}`];
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
  process.stdout.write(lines.join('\n') + '\n\n');
}

function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        blanks: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return usageError(err.message);
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;

  if (values.help || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (command === undefined) return usageError('no command given');
  if (command !== 'check') return usageError(`unknown command "${command}"`);
  if (values.blanks !== undefined && !['error', 'warning'].includes(values.blanks)) {
    return usageError(`--blanks is "error" or "warning", not "${values.blanks}"`);
  }
  const lang = values.lang ?? 'zh';
  if (!(lang in TEXT)) return usageError(`--lang is "zh" or "en", not "${lang}"`);
  if (files.length === 0) return usageError('no files given: name one or more report files (JSON)');

  const t = TEXT[lang];
  const options = values.blanks ? { blanks: values.blanks } : {};
  const stats = { files: files.length, errors: 0, warnings: 0, unreadable: 0 };
  const results = [];

  for (const file of files) {
    let r;
    try {
      r = check(load(file), options);
    } catch (err) {
      stats.unreadable++;
      process.stderr.write(`nianbao: ${file}: ${err.message}\n`);
      continue;
    }
    if (r.errors) stats.errors++;
    if (r.warnings) stats.warnings++;
    const { ok, errors, warnings, findings, suggestions } = r;
    if (values.json) results.push({ file, ok, errors, warnings, findings, suggestions });
    else printResult(file, r, t, lang);
  }

  if (values.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else process.stdout.write(t.summary(stats) + '\n');
  return stats.unreadable ? 2 : stats.errors ? 1 : 0;
}

// exitCode rather than process.exit(): exit() can cut off output still queued for a pipe.
process.exitCode = main(process.argv.slice(2));
