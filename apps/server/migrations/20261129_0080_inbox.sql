-- In-app inbox: reminders a scheduled job creates for one user (tasks, deadlines, overdue contacts, assignments).
-- (user_id, source_key) is unique so a reminder is created once however often, and on however many instances, the job runs.
CREATE TABLE inbox_item (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT,
  link TEXT,
  source_key TEXT NOT NULL,
  due_on TEXT,
  created_at TEXT NOT NULL,
  read_at TEXT,
  sms_sent_at TEXT
);
CREATE UNIQUE INDEX inbox_item_source ON inbox_item (user_id, source_key);
CREATE INDEX inbox_item_user_created ON inbox_item (user_id, created_at);
