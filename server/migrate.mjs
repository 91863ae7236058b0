// Schema migrations: server/migrations/NNN-what.sql, applied in order, each in its own transaction
// with `PRAGMA user_version` set to its number, so a database knows which ones it has.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The migrations in the repository, as [{ version, name, sql }] in order. */
export function migrations() {
  const list = readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => {
      const match = /^(\d{3})-[a-z0-9-]+\.sql$/.exec(name);
      if (!match) throw new Error(`server/migrations/${name}: a migration is named NNN-what.sql`);
      return { version: Number(match[1]), name, sql: readFileSync(join(dir, name), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`server/migrations: expected migration ${i + 1}, found ${m.name}`);
  });
  return list;
}

/** Brings `db` (better-sqlite3) up to the newest schema; returns the versions it applied. */
export function migrate(db) {
  const all = migrations();
  const current = db.pragma('user_version', { simple: true });
  if (current > all.length) {
    throw new Error(`the database has schema version ${current}, newer than this server knows (${all.length}): `
      + 'run the newer server, or restore a backup made by this one');
  }
  const applied = [];
  for (const m of all.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
