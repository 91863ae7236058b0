// Running the command line (bin/nianbao.mjs) from tests, and writing the files it reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/nianbao.mjs', import.meta.url));

/** Runs `nianbao ...args` to the end: { code, stdout, stderr }. */
export const run = (...args) => runWith([], ...args);

/** The same, with options for Node itself (such as --import) before the script. */
export function runWith(nodeOptions, ...args) {
  const r = spawnSync(process.execPath, [...nodeOptions, BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes text, or an object as indented JSON, creating the folders on the way; returns the path. */
export function write(file, content) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}
