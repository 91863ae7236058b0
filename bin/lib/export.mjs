// `nianbao export REPORT -o OUT.docx [--force]`: the report as a Word document in the template's
// layout. Exit status: 0 written, 1 the report has errors (nothing written), 2 the input cannot be
// read or the output cannot be written, or a wrong command line.
import { writeFileSync } from 'node:fs';
import { load } from './load.mjs';

/** How many of a refused report's errors are listed before 「… and N more」. */
const LISTED = 10;

/**
 * @param {string[]} files the one report file
 * @param {object} values the parsed options
 * @param {'zh' | 'en'} lang the language of the findings' messages
 * @param {{ out: (s: string) => void, err: (s: string) => void, usageError: (s: string) => number }} io
 */
export async function exportCommand(files, values, lang, { out, err, usageError }) {
  if (files.length !== 1) return usageError('export writes one report: name its file');
  if (values.output === undefined || values.output === '') return usageError('export needs -o OUT.docx, the file to write');
  for (const option of ['json', 'blanks', 'previous', 'previous-dir', 'csv', 'jobs']) {
    if (values[option] !== undefined) return usageError(`--${option} is not an option of export`);
  }
  const [file] = files;
  const output = values.output;
  let loaded;
  try {
    loaded = await load(file);
  } catch (e) {
    err(`nianbao: ${file}: ${e.message}\n`);
    return 2;
  }
  // Loaded on first use: docx is the heaviest part of the command line and only export needs it.
  const { exportDocx } = await import('nianbao/docx');
  let bytes;
  try {
    // The JSON text, not the parsed object: numbers reach the document exactly as written. The
    // document is for publication, so its labels are the official Chinese whatever --lang says.
    bytes = await exportDocx(loaded.source, { force: Boolean(values.force) });
  } catch (e) {
    if (e.code !== 'report_has_errors') {
      err(`nianbao: ${file}: ${e.message}\n`);
      return 2;
    }
    const lines = e.findings.slice(0, LISTED).map((f) => `  ${lang === 'en' ? f.message_en : f.message}${f.cell ? ` [${f.cell}]` : ''}\n`);
    if (e.errors > LISTED) lines.push(`  … and ${e.errors - LISTED} more\n`);
    err(`nianbao: ${file} has ${e.errors} error${e.errors === 1 ? '' : 's'}; ${output} was not written:\n${lines.join('')}`
      + `Correct them (nianbao check ${file} names the likely cell), or export anyway with --force.\n`);
    return 1;
  }
  try {
    writeFileSync(output, bytes);
  } catch (e) {
    const why = { ENOENT: 'its folder does not exist', EACCES: 'permission denied', EISDIR: 'it is a directory', EROFS: 'read-only file system' }[e.code] ?? e.message;
    err(`nianbao: cannot write ${output}: ${why}\n`);
    return 2;
  }
  out(`${output}: ${bytes.length} bytes${values.force ? ' (exported with --force)' : ''}\n`);
  return 0;
}
