-- Joint meetings of the member units (联席会议): agenda, invited units and attendance, minutes and
-- materials; decisions become tasks assigned to units with deadlines; units report status; the
-- supervision list (督办) shows open and overdue tasks.

CREATE TABLE meeting (
  id TEXT PRIMARY KEY,
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  title TEXT NOT NULL,
  meeting_date TEXT NOT NULL,
  location TEXT,
  chair TEXT,
  agenda TEXT,
  minutes TEXT,
  material_upload_ids TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX meeting_date ON meeting (meeting_date, id);
CREATE INDEX meeting_org_unit ON meeting (org_unit_id, meeting_date);

-- attendance: invited | present | leave | absent
CREATE TABLE meeting_invitee (
  meeting_id TEXT NOT NULL REFERENCES meeting(id),
  member_unit_id TEXT NOT NULL REFERENCES member_unit(id),
  attendance TEXT NOT NULL,
  attendee TEXT,
  PRIMARY KEY (meeting_id, member_unit_id)
);
CREATE INDEX meeting_invitee_member_unit ON meeting_invitee (member_unit_id);

CREATE TABLE meeting_decision (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meeting(id),
  content TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX meeting_decision_meeting ON meeting_decision (meeting_id, sort_order);

-- status: open | inProgress | done. overdue_at: set by the scheduled job when the deadline passed undone.
CREATE TABLE task (
  id TEXT PRIMARY KEY,
  meeting_id TEXT REFERENCES meeting(id),
  decision_id TEXT REFERENCES meeting_decision(id),
  title TEXT NOT NULL,
  description TEXT,
  member_unit_id TEXT REFERENCES member_unit(id),
  org_unit_id TEXT REFERENCES org_unit(id),
  deadline TEXT NOT NULL,
  status TEXT NOT NULL,
  overdue_at TEXT,
  reminded_at TEXT,
  completed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX task_member_unit ON task (member_unit_id, deadline);
CREATE INDEX task_org_unit ON task (org_unit_id, deadline);
CREATE INDEX task_status ON task (status, deadline);
CREATE INDEX task_meeting ON task (meeting_id);

CREATE TABLE task_update (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES task(id),
  status TEXT NOT NULL,
  note TEXT NOT NULL,
  upload_ids TEXT NOT NULL DEFAULT '[]',
  at TEXT NOT NULL,
  by_user TEXT REFERENCES app_user(id)
);
CREATE INDEX task_update_task ON task_update (task_id, at);
