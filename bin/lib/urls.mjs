// The URLs a check run reads — on the command line and in a --urls file — and the limits of
// fetching them (--timeout, --max-size). Kept apart from files.mjs: a URL is never a path.
import { readFileSync } from 'node:fs';
import { FETCH_DEFAULTS, isUrl, parseUrl } from './fetch.mjs';

/** { timeout, maxBytes } from --timeout SECONDS and --max-size MB, or the usage error (a string). */
export function fetchOptions(values) {
  const options = {};
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!(seconds > 0 && seconds <= 3600)) return `--timeout is a number of seconds (0.1 to 3600), not "${values.timeout}"`;
    options.timeout = Math.round(seconds * 1000);
  }
  if (values['max-size'] !== undefined) {
    const size = Number(values['max-size']);
    if (!(size > 0 && size <= 1024)) return `--max-size is a number of MB (up to 1024), not "${values['max-size']}"`;
    options.maxBytes = Math.round(size * 1048576);
  }
  return { ...FETCH_DEFAULTS, ...options };
}

/**
 * The URLs to check: the arguments that are URLs, then the lines of the --urls file (blank lines
 * and # comments skipped). Returns { entries: [{ file, error? }], given: Set of the arguments
 * taken as URLs }, or the usage error (a string) when the --urls file cannot be read. A line
 * that is not an http(s) URL is an entry with its reason, so it is reported and the run goes on.
 */
export function urlEntries(args, listFile) {
  const urls = args.filter(isUrl);
  if (listFile !== undefined) {
    let text;
    try {
      text = readFileSync(listFile, 'utf8');
    } catch (err) {
      return `--urls ${listFile}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`;
    }
    for (const line of text.split(/\r?\n/)) {
      const url = line.replace(/(^|\s)#.*$/, '').trim();
      if (url) urls.push(url);
    }
  }
  const entries = urls.map((url) => {
    try {
      parseUrl(url);
      return { file: url };
    } catch (err) {
      return { file: url, error: err.message };
    }
  });
  return { entries, given: new Set(args.filter(isUrl)) };
}
