-- Append-only audit trail with a hash chain. The head row serialises writers on PostgreSQL.
CREATE TABLE audit_event (
  seq BIGINT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  user_id TEXT,
  username TEXT,
  org_unit_id TEXT,
  ip TEXT,
  event TEXT NOT NULL,
  object_type TEXT,
  object_id TEXT,
  result TEXT NOT NULL,
  summary TEXT,
  detail TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_event ON audit_event (event, at);
CREATE INDEX audit_event_user ON audit_event (user_id, at);
CREATE INDEX audit_event_object ON audit_event (object_type, object_id);

CREATE TABLE audit_chain_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, 'genesis');
