-- Every accepted submission, never updated or deleted: a resubmission is a new version.
CREATE TABLE submissions (
  seq         INTEGER PRIMARY KEY,        -- arrival order
  id          TEXT NOT NULL UNIQUE,       -- the server's own name for it, as in /api/reports/<id>
  issuer_key  TEXT NOT NULL,              -- issuerKey(issuer), the core's identity rule
  issuer      TEXT NOT NULL,              -- as the clerk wrote it
  year        TEXT NOT NULL,              -- the report's year as text ('' when it has none)
  version     INTEGER NOT NULL CHECK (version >= 1),
  received_at TEXT NOT NULL,              -- ISO 8601, UTC
  report      TEXT NOT NULL,              -- canonical JSON, reasons included, numbers exact
  result      TEXT NOT NULL,              -- the server's check result (JSON)
  errors      INTEGER NOT NULL,
  warnings    INTEGER NOT NULL,
  explained   INTEGER NOT NULL,           -- warnings that carry the clerk's reason
  previous_id TEXT REFERENCES submissions (id), -- last year's stored report it was checked against
  UNIQUE (issuer_key, year, version)
);
