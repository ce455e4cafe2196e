-- Dictionaries, notices, uploads and sealed-record access requests.
CREATE TABLE dictionary_item (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active'
);
CREATE UNIQUE INDEX dictionary_item_type_code ON dictionary_item (type, code);

CREATE TABLE notice (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  level TEXT NOT NULL DEFAULT 'normal',
  org_unit_id TEXT REFERENCES org_unit(id),
  published_by TEXT NOT NULL REFERENCES app_user(id),
  published_at TEXT NOT NULL
);
CREATE INDEX notice_published ON notice (published_at);

CREATE TABLE notice_read (
  notice_id TEXT NOT NULL REFERENCES notice(id),
  user_id TEXT NOT NULL REFERENCES app_user(id),
  read_at TEXT NOT NULL,
  PRIMARY KEY (notice_id, user_id)
);

CREATE TABLE upload (
  id TEXT PRIMARY KEY,
  original_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  stored_name TEXT NOT NULL UNIQUE,
  org_unit_id TEXT REFERENCES org_unit(id),
  created_by TEXT NOT NULL REFERENCES app_user(id),
  created_at TEXT NOT NULL
);

CREATE TABLE sealed_access_request (
  id TEXT PRIMARY KEY,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  reason TEXT NOT NULL,
  requested_by TEXT NOT NULL REFERENCES app_user(id),
  requested_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  decided_by TEXT REFERENCES app_user(id),
  decided_at TEXT,
  decision_note TEXT,
  expires_at TEXT
);
CREATE INDEX sealed_access_request_object ON sealed_access_request (object_type, object_id, requested_by, status);
CREATE INDEX sealed_access_request_status ON sealed_access_request (status, requested_at);
