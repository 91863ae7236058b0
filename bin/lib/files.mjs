// Turns the paths on the command line into the report files to check, sorted by path.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

// The kinds a directory is searched for; a file named explicitly may have any name. Kept here,
// not in load.mjs, so that listing files does not load the wasm on the main thread.
// A .doc is listed so that it is reported (save it as .docx or PDF) rather than silently skipped.
export const KINDS = {
  '.json': 'json', '.txt': 'text', '.md': 'text', '.html': 'text', '.htm': 'text',
  '.pdf': 'pdf', '.docx': 'docx', '.doc': 'doc',
};

// Adds every file under dir whose extension is a report kind, at any depth. A directory that
// cannot be listed becomes an entry with the reason, and the others are still searched.
function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    out.push({ file: dir, error: `cannot read the directory: ${err.message}` });
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // Follows symbolic links (stat, not the entry's own type); a loop of links ends in ELOOP above.
    const stats = entry.isSymbolicLink() ? statSync(path, { throwIfNoEntry: false }) : entry;
    if (stats?.isDirectory()) walk(path, out);
    else if (stats?.isFile() && extname(entry.name).toLowerCase() in KINDS) out.push({ file: path });
  }
}

/**
 * Returns [{ file, error? }] sorted by path, without duplicates. A directory is searched
 * recursively; a path that is not a directory is kept as given, so that reading it later
 * gives the reason it cannot be read (no such file, …). A directory holding no report is an
 * entry with an error, so that it is reported rather than silently skipped.
 */
export function expand(paths) {
  const entries = new Map();
  for (const path of paths.map((p) => normalize(p))) {
    if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      entries.set(path, { file: path });
      continue;
    }
    const found = [];
    walk(path, found);
    if (found.length === 0) {
      found.push({ file: path, error: `no report files (${Object.keys(KINDS).join(', ')}) in this directory` });
    }
    for (const entry of found) entries.set(entry.file, entry);
  }
  // Code-unit order, not the locale's: the same on every machine.
  return [...entries.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
