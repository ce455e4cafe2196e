-- Background tasks (long exports, the yearly report): one row per request. An instance claims a queued task with a
-- conditional update (status + lease), so exactly one runs it; a task whose lease ran out (its instance died) is
-- claimed again until `attempts` reaches the limit, then marked failed. Progress is in the row, so any instance can
-- answer "how far". The result is an encrypted upload; `actor_snapshot` freezes the requester's permissions and data
-- scope at request time.
CREATE TABLE background_task (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  owner_id TEXT NOT NULL REFERENCES app_user(id),
  org_unit_id TEXT,
  params TEXT NOT NULL,
  actor_snapshot TEXT NOT NULL,
  audit_actor TEXT NOT NULL,
  status TEXT NOT NULL,
  progress_done INTEGER NOT NULL DEFAULT 0,
  progress_total INTEGER NOT NULL DEFAULT 0,
  progress_note TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  locked_by TEXT,
  locked_until TEXT,
  result_upload_id TEXT REFERENCES upload(id),
  result_name TEXT,
  result_rows INTEGER,
  error TEXT,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  expires_at TEXT
);
CREATE INDEX background_task_owner ON background_task (owner_id, created_at);
CREATE INDEX background_task_status ON background_task (status, locked_until);
