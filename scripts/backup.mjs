#!/usr/bin/env node
// `npm run backup -- FILE`: a consistent copy of the running server's database (SQLite's online
// backup, which the server's writes do not disturb), checked before it is reported done.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { openStorage, StorageError, defaultDataDir } from '../server/storage.mjs';

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length > 0) {
  console.error('usage: npm run backup -- FILE   (the copy of $NIANBAO_DATA/nianbao.db to write)');
  process.exit(1);
}
if (existsSync(file)) {
  console.error(`nianbao backup: ${file} exists already; give a new file name`);
  process.exit(1);
}
let storage;
try {
  storage = openStorage(defaultDataDir());
  await storage.backup(file);
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  const check = copy.pragma('integrity_check', { simple: true });
  const count = copy.prepare('SELECT COUNT(*) FROM submissions').pluck().get();
  copy.close();
  if (check !== 'ok') throw new Error(`the copy fails its integrity check (${check})`);
  console.log(`nianbao backup: ${file} holds ${count} submissions`);
} catch (err) {
  console.error(err instanceof StorageError ? err.message : `nianbao backup: ${err.message}`);
  process.exitCode = 1;
} finally {
  storage?.close();
}
