-- Scheduled jobs with a lease (so one instance runs each job) and a run log.
CREATE TABLE job (
  name TEXT PRIMARY KEY,
  interval_seconds INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  next_run_at TEXT NOT NULL,
  last_run_at TEXT,
  last_status TEXT,
  locked_by TEXT,
  locked_until TEXT
);

CREATE TABLE job_run (
  id TEXT PRIMARY KEY,
  job_name TEXT NOT NULL REFERENCES job(name),
  instance TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  message TEXT
);
CREATE INDEX job_run_by_job ON job_run (job_name, started_at);
CREATE INDEX job_run_by_time ON job_run (started_at);
