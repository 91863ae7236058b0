#!/usr/bin/env node
// The office's reviewers: `npm run reviewer -- add NAME` (asks for the password without echo, or
// reads it from stdin when that is not a terminal), `remove NAME`, `list`. The database is the
// server's: $NIANBAO_DATA/nianbao.db (default data/).
import { createInterface } from 'node:readline';
import { openStorage, StorageError, defaultDataDir } from '../server/storage.mjs';
import { hashPassword } from '../server/auth.mjs';

const USAGE = 'usage: npm run reviewer -- add NAME | remove NAME | list';

/** One line typed at the terminal, not echoed. */
function askHidden(question) {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    let muted = false;
    rl._writeToOutput = (text) => { if (!muted || /[\r\n]/.test(text)) process.stdout.write(muted ? '\n' : text); };
    rl.question(question, (answer) => { rl.close(); resolve(answer); });
    muted = true;
  });
}

async function readPassword() {
  if (process.stdin.isTTY) {
    const first = await askHidden('Password (at least 10 characters): ');
    const again = await askHidden('Again: ');
    if (first !== again) throw new Error('the two passwords differ; nothing was changed');
    return first;
  }
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0];
}

async function main([command, name, ...rest]) {
  if (!['add', 'remove', 'list'].includes(command) || (command !== 'list' && !name?.trim()) || rest.length > 0) {
    throw new Error(USAGE);
  }
  const storage = openStorage(defaultDataDir());
  try {
    if (command === 'list') {
      for (const r of storage.reviewers.list()) console.log(`${r.name}\t(added ${r.createdAt})`);
      return;
    }
    if (command === 'remove') {
      if (!storage.reviewers.remove(name)) throw new Error(`there is no reviewer “${name}”`);
      console.log(`removed reviewer “${name}”, and signed out their sessions`);
      return;
    }
    if (storage.reviewers.get(name)) throw new Error(`there is already a reviewer “${name}”: remove them first to set a new password`);
    storage.reviewers.add(name, await hashPassword(await readPassword()));
    console.log(`added reviewer “${name}”`);
  } finally {
    storage.close();
  }
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof StorageError ? err.message : `nianbao reviewer: ${err.message}`);
  process.exitCode = err instanceof StorageError ? 2 : 1;
}
