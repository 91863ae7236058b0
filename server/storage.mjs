// Where the server keeps what it receives: a small interface, so that another database (PostgreSQL
// for a province) could stand behind it; SQLite (storage-sqlite.mjs) is the one implementation.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openSqlite } from './storage-sqlite.mjs';

/**
 * @typedef {object} Submission  one accepted report, one version
 * @property {string} id          the server's own name (`2024-20250110T083000-1a2b3c4d`)
 * @property {string} issuerKey   issuerKey(issuer): the core's rule of who is the same issuer
 * @property {string} issuer
 * @property {string} year        the report's year as text
 * @property {number} version     1, 2, … per issuer key and year
 * @property {string} receivedAt  ISO 8601
 * @property {string} report      canonical JSON text, reasons included (exact numbers)
 * @property {object} result      the server's check result
 * @property {number} errors
 * @property {number} warnings
 * @property {number} explained   warnings with a reason
 * @property {string|null} previousId  the stored report it was checked against as last year's
 *
 * @typedef {object} Storage
 * @property {(s: Omit<Submission, 'id'|'version'|'receivedAt'>) => Submission} putSubmission
 *   stores a new version, committed (durably) when it returns
 * @property {(id: string) => Submission|null} get
 * @property {(issuerKey: string, year: string) => Submission|null} latest
 * @property {(issuerKey: string, year: string) => Submission[]} history   newest first
 * @property {() => Array<Omit<Submission, 'report'|'result'> & { versions: number }>} listLatest
 *   the latest version of every issuer and year
 * @property {{ add(name: string, password: string): void, remove(name: string): boolean,
 *   list(): Array<{ name: string, createdAt: string }>,
 *   get(name: string): { id: number, name: string, password: string }|null }} reviewers
 *   `password` is the encoded scrypt record (auth.mjs), never the password
 * @property {{ create(s: { tokenHash: string, reviewerId: number, csrf: string, expiresAt: number }): void,
 *   get(tokenHash: string, now: number): { reviewer: string, csrf: string, expiresAt: number }|null,
 *   delete(tokenHash: string): void }} sessions
 * @property {(file: string) => Promise<void>} backup   a consistent copy while the server runs
 * @property {() => void} close
 */

/** Where the database lives unless told: $NIANBAO_DATA, else data/ in the project. */
export const defaultDataDir = () => process.env.NIANBAO_DATA ?? process.env.DATA_DIR
  ?? fileURLToPath(new URL('../data', import.meta.url));

/** Why the server cannot use its database: it stops with this message rather than start empty. */
export class StorageError extends Error {}

/**
 * Opens (creating on first use) the database in `dataDir` and brings its schema up to date.
 * @returns {Storage}
 * @throws {StorageError} when the database is corrupt, unreadable or from a newer server
 */
export function openStorage(dataDir) {
  return openSqlite(dataDir);
}

/** A new submission id: the year (when it is four digits), the time, and random bytes. */
export function newId(year, now = new Date()) {
  const prefix = /^\d{4}$/.test(year) ? year : 'report';
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return `${prefix}-${stamp}-${randomBytes(4).toString('hex')}`;
}
