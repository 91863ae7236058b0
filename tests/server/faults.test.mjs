// Faults, with the real server as a child process: 30 submissions at once all stored; kill -9 in
// the middle of writes loses no submission that got its 201; a restart finds everything; and a
// database that is corrupt, not a file, unreadable or too new stops the server with a clear
// message and a non-zero exit instead of a new, empty database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, chown, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { tempDir, spawnServer, postReport, longde, stored } from './support.mjs';

const stop = async (child) => { if (child.exitCode === null && child.signalCode === null) { child.kill('SIGTERM'); await new Promise((ok) => child.once('exit', ok)); } };

test('30 concurrent submissions are all stored, and a restart finds every one', { timeout: 120_000 }, async () => {
  const dataDir = await tempDir();
  let server = await spawnServer(dataDir).listening;
  try {
    const answers = await Promise.all(Array.from({ length: 30 }, async (_, i) => {
      // Ten issuers, three versions each, all at once: versions are numbered without gaps or twins.
      const res = await postReport(server.base, longde({ issuer: `并发单位 ${i % 10}`, text: `第 ${i} 份` }));
      assert.equal(res.status, 201, await res.clone().text());
      return res.json();
    }));
    assert.equal(new Set(answers.map((a) => a.id)).size, 30);
    // The database is in WAL mode and has every migration of the repository, in order.
    const db = new Database(join(dataDir, 'nianbao.db'), { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), (await readdir(new URL('../../server/migrations/', import.meta.url))).length);
    db.close();
    await stop(server.child);
    server = await spawnServer(dataDir).listening;
    const rows = stored(dataDir);
    assert.equal(rows.length, 30);
    for (let k = 0; k < 10; k++) {
      assert.deepEqual(rows.filter((r) => r.issuer === `并发单位 ${k}`).map((r) => r.version).sort(), [1, 2, 3]);
    }
    for (const { id } of answers) {
      const res = await fetch(`${server.base}/api/reports/${id}`);
      assert.equal(res.status, 200, `${id} after the restart`);
      await res.arrayBuffer();
    }
  } finally {
    await stop(server.child);
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('kill -9 during writes loses no submission that got a 201', { timeout: 180_000 }, async () => {
  const dataDir = await tempDir();
  let server = await spawnServer(dataDir).listening;
  const accepted = [];
  let failed = 0;
  try {
    let killed = false;
    // Six clients post as fast as they can; the server is killed once 60 have been accepted,
    // while the others are mid-request.
    const client = async (c) => {
      for (let i = 0; !killed; i++) {
        try {
          const res = await postReport(server.base, longde({ issuer: `断电测试 ${c}`, text: `客户 ${c} 第 ${i} 份` }));
          if (res.status === 201) accepted.push((await res.json()).id);
          else assert.fail(`status ${res.status}`);
        } catch (err) {
          if (err.code === 'ERR_ASSERTION') throw err;
          failed++; // the connection died with the server: no 201, so no promise was made
        }
        if (accepted.length >= 60 && !killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, (_, c) => client(c)));
    const { signal } = await server.exited;
    assert.equal(signal, 'SIGKILL');
    assert.ok(accepted.length >= 60);

    server = await spawnServer(dataDir).listening;
    const ids = new Set(stored(dataDir).map((r) => r.id));
    const lost = accepted.filter((id) => !ids.has(id));
    assert.deepEqual(lost, [], `of ${accepted.length} accepted, ${lost.length} lost (${failed} requests cut off)`);
    for (const id of accepted.slice(-5)) assert.equal((await fetch(`${server.base}/api/reports/${id}`)).status, 200);
  } finally {
    await stop(server.child);
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** Starts the server on `dataDir` and expects it to refuse: a non-zero exit, a message matching `why`. */
async function refuses(dataDir, why, options = {}) {
  const { listening, exited } = spawnServer(dataDir, options.env, options);
  listening.catch(() => {});
  const { code, stderr } = await exited;
  assert.notEqual(code, 0, 'a non-zero exit');
  assert.match(stderr, why);
  assert.match(stderr, new RegExp(`${join(dataDir, 'nianbao.db').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), 'names the file');
  assert.match(stderr, /did not start/);
  assert.doesNotMatch(stderr, /\n\s+at /, 'a message, not a stack trace');
}

/** Gives others the right to enter `dir` and each folder above it; returns [folder, mode before] to restore. */
async function openToOthers(dir) {
  const changed = [];
  for (let at = dir; ; at = dirname(at)) {
    const { mode } = await stat(at);
    if (!(mode & 0o001)) {
      await chmod(at, (mode & 0o7777) | 0o005);
      changed.push([at, mode & 0o7777]);
    }
    if (dirname(at) === at) return changed;
  }
}

test('a corrupt or unusable database stops the server with a clear message, and is left as it was', { timeout: 120_000 }, async () => {
  const dataDir = await tempDir();
  const opened = []; // folders made enterable for the unprivileged server, and their modes before
  const file = join(dataDir, 'nianbao.db');
  try {
    // Garbage in place of the database.
    const garbage = Buffer.from('this is not a database at all, just some bytes '.repeat(200));
    await writeFile(file, garbage);
    await refuses(dataDir, /not an SQLite database/);
    assert.deepEqual(await readFile(file), garbage, 'the file is untouched');

    // A directory in its place.
    await rm(file);
    await mkdir(file);
    await refuses(dataDir, /not a file/);
    await rm(file, { recursive: true });

    // A real database damaged inside: its pages overwritten past the header.
    let server = await spawnServer(dataDir).listening;
    for (let i = 0; i < 20; i++) assert.equal((await postReport(server.base, longde({ issuer: `损坏测试 ${i}` }))).status, 201);
    await stop(server.child);
    const bytes = await readFile(file);
    assert.ok(bytes.length > 8192);
    bytes.fill(0x5a, 4096, bytes.length); // every page after the first
    await writeFile(file, bytes);
    await refuses(dataDir, /corrupt|integrity|not an SQLite database|malformed/);

    // From a newer server: a schema version this one does not know.
    await rm(dataDir, { recursive: true });
    await mkdir(dataDir);
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    await refuses(dataDir, /schema version 99, newer than this server/);

    // No permission to read it (run as an unprivileged user when the tests run as root).
    await rm(dataDir, { recursive: true });
    await mkdir(dataDir);
    server = await spawnServer(dataDir).listening;
    await stop(server.child);
    await chmod(file, 0o000);
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      await chown(dataDir, 65534, 65534);
      await chmod(dataDir, 0o755);
      // The unprivileged server runs from this checkout: a clone into `mktemp -d` (mode 0700) is
      // not one it may enter, so the folders above it are opened to others for this step only.
      opened.push(...await openToOthers(fileURLToPath(new URL('../..', import.meta.url))));
    }
    await refuses(dataDir, /cannot be (opened|read)|unable to open|EACCES/, asRoot ? { uid: 65534, gid: 65534 } : {});
  } finally {
    for (const [dir, mode] of opened) await chmod(dir, mode).catch(() => {});
    await chmod(file, 0o600).catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  }
});
