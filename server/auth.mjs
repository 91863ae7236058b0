// Reviewers' passwords (scrypt), sessions (a random token in an HttpOnly cookie, its hash in the
// database), the login rate limit, and the same-origin rule for POSTs.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt);
// N = 2^15, r = 8: about 32 MB and some 50–100 ms a hash here; stored with each hash so they can grow.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const maxmem = (N, r) => 128 * N * r * 2;

export const COOKIE = 'nianbao_session';
export const SESSION_HOURS = 8;

/** The stored record of a password: `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password) {
  if (typeof password !== 'string' || password.length < 10) throw new Error('a password has at least 10 characters');
  const salt = randomBytes(16);
  const { N, r, p } = PARAMS;
  const hash = await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password, record) {
  const [kind, N, r, p, salt, hash] = String(record).split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(String(password).normalize('NFC'), Buffer.from(salt, 'base64'), expected.length,
    { N: Number(N), r: Number(r), p: Number(p), maxmem: maxmem(Number(N), Number(r)) });
  return timingSafeEqual(actual, expected);
}

// Checked against when the name is unknown, so that a wrong name takes as long as a wrong password.
const decoy = hashPassword(randomBytes(12).toString('base64'));

/** At most `max` failures per key in `windowMs`; a success clears the key. In memory: one process. */
export class RateLimit {
  constructor(max, windowMs) {
    Object.assign(this, { max, windowMs, failures: new Map() });
  }

  /** Seconds until `key` may try again, or 0. */
  wait(key, now = Date.now()) {
    const recent = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    else this.failures.set(key, recent);
    return recent.length >= this.max ? Math.ceil((recent[0] + this.windowMs - now) / 1000) : 0;
  }

  fail(key, now = Date.now()) {
    this.failures.set(key, [...(this.failures.get(key) ?? []), now].slice(-this.max));
    // Many addresses each failing once must not grow the map for ever: forget what has expired.
    if (this.failures.size > 10_000) {
      for (const [k, times] of this.failures) if (now - times[times.length - 1] >= this.windowMs) this.failures.delete(k);
    }
  }

  clear(key) { this.failures.delete(key); }
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

function cookies(req) {
  const out = new Map();
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/**
 * The review area's gate. `trustProxy`: believe X-Forwarded-Proto and X-Forwarded-For, which only
 * a reverse proxy in front of the server may set.
 */
export function createAuth(storage, { trustProxy = false, perIp = 20, perName = 5, windowMs = 15 * 60_000 } = {}) {
  const byIp = new RateLimit(perIp, windowMs);
  const byName = new RateLimit(perName, windowMs);

  const secure = (req) => Boolean(req.socket.encrypted)
    || (trustProxy && String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim().toLowerCase() === 'https');
  const clientIp = (req) => (trustProxy && String(req.headers['x-forwarded-for'] ?? '').split(',')[0].trim())
    || req.socket.remoteAddress || 'unknown';
  const cookie = (req, value, maxAge) => [`${COOKIE}=${value}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${maxAge}`,
    ...(secure(req) ? ['Secure'] : [])].join('; ');

  return {
    secure,

    /** The signed-in reviewer `{ reviewer, csrf, expiresAt }`, or null. */
    session(req) {
      const token = cookies(req).get(COOKIE);
      if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
      return storage.sessions.get(sha256(token), Date.now());
    },

    /**
     * Checks a name and password under the rate limits. Resolves to `{ cookie }` (a Set-Cookie
     * value) on success, `{ retryAfter }` when limited, or `{}` when wrong.
     */
    async login(req, name, password) {
      const ip = clientIp(req);
      const nameKey = String(name).normalize('NFC').toLowerCase();
      const retryAfter = Math.max(byIp.wait(ip), byName.wait(nameKey));
      if (retryAfter > 0) return { retryAfter };
      const reviewer = storage.reviewers.get(String(name));
      const ok = await verifyPassword(password, reviewer?.password ?? await decoy) && reviewer !== null;
      if (!ok) {
        byIp.fail(ip);
        byName.fail(nameKey);
        return {};
      }
      byName.clear(nameKey);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = Date.now() + SESSION_HOURS * 3600_000;
      storage.sessions.create({ tokenHash: sha256(token), reviewerId: reviewer.id, csrf: randomBytes(24).toString('base64url'), expiresAt });
      return { cookie: cookie(req, token, SESSION_HOURS * 3600) };
    },

    /** Ends the session server-side; the Set-Cookie value that clears it in the browser. */
    logout(req) {
      const token = cookies(req).get(COOKIE);
      if (token) storage.sessions.delete(sha256(token));
      return cookie(req, '', 0);
    },
  };
}

/**
 * Whether a POST comes from our own pages: the browser's Sec-Fetch-Site says same-origin, or
 * (older browsers) its Origin is this host. A request with neither is refused: every browser that
 * could be tricked into a cross-site POST sends one of them.
 */
export function sameOrigin(req) {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host === String(req.headers.host ?? '');
  } catch {
    return false;
  }
}

/** Compares a form's CSRF token with the session's without leaking where they differ. */
export function tokenMatches(given, expected) {
  const a = Buffer.from(String(given ?? ''));
  const b = Buffer.from(String(expected));
  return a.length === b.length && timingSafeEqual(a, b);
}
