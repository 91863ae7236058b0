-- The office's reviewers and their server-side sessions.
CREATE TABLE reviewers (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  password   TEXT NOT NULL,   -- scrypt$N$r$p$salt$hash (base64): the parameters travel with the hash
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,  -- sha256 of the cookie's token: a copy of the table opens no session
  reviewer_id INTEGER NOT NULL REFERENCES reviewers (id) ON DELETE CASCADE,
  csrf        TEXT NOT NULL,     -- the token the session's forms carry
  created_at  TEXT NOT NULL,
  expires_at  INTEGER NOT NULL   -- ms since the epoch
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
