// The Storage of storage.mjs in SQLite (better-sqlite3): $NIANBAO_DATA/nianbao.db, WAL mode.
import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrate } from './migrate.mjs';
import { StorageError, newId } from './storage.mjs';

export const DB_NAME = 'nianbao.db';

function openDatabase(dataDir) {
  const file = join(resolve(dataDir), DB_NAME);
  const fail = (why) => new StorageError(`nianbao: cannot use the database ${file}: ${why}. `
    + 'The server did not start, so that nothing is stored in a new, empty database beside it; '
    + 'restore the file from a backup (see README, "The collecting server"), or move it away to start afresh.');
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw fail(`its folder cannot be created (${err.code ?? err.message})`);
  }
  let info = null;
  try { info = statSync(file); } catch (err) {
    if (err.code !== 'ENOENT') throw fail(`it cannot be read (${err.code})`);
  }
  if (info && !info.isFile()) throw fail('it is not a file');
  let db;
  try {
    db = new Database(file);
    // WAL: readers never wait for the writer. synchronous=FULL: a commit is on disk (the WAL
    // fsynced) before it returns, so a 201 survives kill -9 and a power cut alike.
    if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') throw new Error('WAL mode could not be set');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000'); // the reviewer CLI or a backup may hold the lock briefly
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the integrity check failed (${check})`);
    migrate(db);
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof StorageError) throw err;
    const why = err.code === 'SQLITE_NOTADB' ? 'it is not an SQLite database (corrupt, or another file in its place)'
      : err.code === 'SQLITE_CORRUPT' ? `it is corrupt (${err.message})`
        : err.code === 'SQLITE_CANTOPEN' || err.code === 'SQLITE_READONLY' || err.code === 'SQLITE_PERM'
          ? `it cannot be opened for reading and writing (${err.message})`
          : err.message;
    throw fail(why);
  }
}

const submission = (row) => row && ({
  id: row.id,
  issuerKey: row.issuer_key,
  issuer: row.issuer,
  year: row.year,
  version: row.version,
  receivedAt: row.received_at,
  ...(row.report === undefined ? {} : { report: row.report, result: JSON.parse(row.result) }),
  errors: row.errors,
  warnings: row.warnings,
  explained: row.explained,
  previousId: row.previous_id,
  ...(row.versions === undefined ? {} : { versions: row.versions }),
});

/** @returns {import('./storage.mjs').Storage} */
export function openSqlite(dataDir) {
  const db = openDatabase(dataDir);
  const q = {
    nextVersion: db.prepare('SELECT COALESCE(MAX(version), 0) + 1 FROM submissions WHERE issuer_key = ? AND year = ?').pluck(),
    insert: db.prepare(`INSERT INTO submissions
      (id, issuer_key, issuer, year, version, received_at, report, result, errors, warnings, explained, previous_id)
      VALUES (@id, @issuerKey, @issuer, @year, @version, @receivedAt, @report, @result, @errors, @warnings, @explained, @previousId)`),
    get: db.prepare('SELECT * FROM submissions WHERE id = ?'),
    latest: db.prepare('SELECT * FROM submissions WHERE issuer_key = ? AND year = ? ORDER BY version DESC LIMIT 1'),
    history: db.prepare('SELECT * FROM submissions WHERE issuer_key = ? AND year = ? ORDER BY version DESC'),
    listLatest: db.prepare(`SELECT s.id, s.issuer_key, s.issuer, s.year, s.version, s.received_at, s.errors, s.warnings,
        s.explained, s.previous_id, s.version AS versions
      FROM submissions s
      WHERE s.version = (SELECT MAX(version) FROM submissions t WHERE t.issuer_key = s.issuer_key AND t.year = s.year)
      ORDER BY s.year DESC, s.issuer`),
    addReviewer: db.prepare('INSERT INTO reviewers (name, password, created_at) VALUES (?, ?, ?)'),
    removeReviewer: db.prepare('DELETE FROM reviewers WHERE name = ?'),
    listReviewers: db.prepare('SELECT name, created_at AS createdAt FROM reviewers ORDER BY name'),
    getReviewer: db.prepare('SELECT id, name, password FROM reviewers WHERE name = ?'),
    addSession: db.prepare('INSERT INTO sessions (token_hash, reviewer_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
    getSession: db.prepare(`SELECT r.name AS reviewer, s.csrf, s.expires_at AS expiresAt
      FROM sessions s JOIN reviewers r ON r.id = s.reviewer_id WHERE s.token_hash = ? AND s.expires_at > ?`),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    pruneSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
  };

  // IMMEDIATE: the version number is taken and used under the write lock, even when another
  // process (the reviewer CLI, a second server by mistake) writes to the same file.
  const put = db.transaction((s) => {
    const version = q.nextVersion.get(s.issuerKey, s.year);
    const now = new Date();
    const row = { ...s, id: newId(s.year, now), version, receivedAt: now.toISOString(), result: JSON.stringify(s.result),
      previousId: s.previousId ?? null };
    q.insert.run(row);
    return row;
  });

  return {
    putSubmission(s) {
      const row = put.immediate(s);
      return { ...row, result: s.result };
    },
    get: (id) => submission(q.get.get(id)) ?? null,
    latest: (issuerKey, year) => submission(q.latest.get(issuerKey, year)) ?? null,
    history: (issuerKey, year) => q.history.all(issuerKey, year).map(submission),
    listLatest: () => q.listLatest.all().map(submission),
    reviewers: {
      add: (name, password) => { q.addReviewer.run(name, password, new Date().toISOString()); },
      remove: (name) => q.removeReviewer.run(name).changes > 0,
      list: () => q.listReviewers.all(),
      get: (name) => q.getReviewer.get(name) ?? null,
    },
    sessions: {
      create: ({ tokenHash, reviewerId, csrf, expiresAt }) => {
        q.pruneSessions.run(Date.now());
        q.addSession.run(tokenHash, reviewerId, csrf, new Date().toISOString(), expiresAt);
      },
      get: (tokenHash, now) => q.getSession.get(tokenHash, now) ?? null,
      delete: (tokenHash) => { q.deleteSession.run(tokenHash); },
    },
    backup: async (file) => { await db.backup(file); },
    close: () => { if (db.open) db.close(); },
  };
}
