-- Progress of Excel import commits (platform/files/importKit.ts), readable from any instance.
CREATE TABLE import_job (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES app_user(id),
  status TEXT NOT NULL,
  total INTEGER NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  created_count INTEGER NOT NULL DEFAULT 0,
  updated_count INTEGER NOT NULL DEFAULT 0,
  skipped_count INTEGER NOT NULL DEFAULT 0,
  message TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX import_job_owner ON import_job (created_by, started_at);

