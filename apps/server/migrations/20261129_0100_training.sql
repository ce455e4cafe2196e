-- Youth entrepreneurship and employment skills training (青少年创业就业技能培训): the county's key
-- industries and their labour needs, classes with sessions and trainers, trainees (encrypted identity,
-- optional link to a care case), attendance, completion and certificates, follow-ups at 3/6/12 months.

-- industry: one of the shared trainingIndustries keys. member_unit_id: the unit that stated the need (人社局, 农业农村局 …).
CREATE TABLE training_demand (
  id TEXT PRIMARY KEY,
  industry TEXT NOT NULL,
  skill TEXT NOT NULL,
  headcount INTEGER NOT NULL,
  year INTEGER NOT NULL,
  period TEXT,
  member_unit_id TEXT REFERENCES member_unit(id),
  employer TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX training_demand_year ON training_demand (year, industry);

-- status: planned | enrolling | running | finished. min_attendance_pct: the completion rule (attended share of held sessions).
CREATE TABLE training_class (
  id TEXT PRIMARY KEY,
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  title TEXT NOT NULL,
  skill TEXT NOT NULL,
  industry TEXT NOT NULL,
  venue TEXT,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  funding_fen INTEGER NOT NULL DEFAULT 0,
  funding_source TEXT,
  min_attendance_pct INTEGER NOT NULL DEFAULT 80,
  description TEXT,
  status TEXT NOT NULL,
  finished_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX training_class_org ON training_class (org_unit_id, start_date);
CREATE INDEX training_class_start ON training_class (start_date, id);

CREATE TABLE training_class_partner (
  class_id TEXT NOT NULL REFERENCES training_class(id),
  member_unit_id TEXT NOT NULL REFERENCES member_unit(id),
  PRIMARY KEY (class_id, member_unit_id)
);

-- A trainer is a name, or an elder volunteer (volunteer_id) whose hours count through the volunteers module.
CREATE TABLE training_trainer (
  id TEXT PRIMARY KEY,
  class_id TEXT NOT NULL REFERENCES training_class(id),
  name TEXT NOT NULL,
  volunteer_id TEXT REFERENCES volunteer(id),
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX training_trainer_class ON training_trainer (class_id, sort_order);

-- held_at: set when attendance is recorded (the session took place).
CREATE TABLE training_session (
  id TEXT PRIMARY KEY,
  class_id TEXT NOT NULL REFERENCES training_class(id),
  session_date TEXT NOT NULL,
  topic TEXT NOT NULL,
  hours_tenths INTEGER NOT NULL,
  trainer_id TEXT REFERENCES training_trainer(id),
  held_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX training_session_class ON training_session (class_id, session_date);

-- status: enrolled | waiting | withdrawn | completed | not_completed. Waiting list order: queued_at.
CREATE TABLE training_enrolment (
  id TEXT PRIMARY KEY,
  class_id TEXT NOT NULL REFERENCES training_class(id),
  care_case_id TEXT REFERENCES care_case(id),
  name TEXT NOT NULL,
  name_pinyin TEXT {{C}} NOT NULL,
  sex TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  id_number_enc TEXT NOT NULL,
  id_number_bidx TEXT NOT NULL,
  phone_enc TEXT,
  education TEXT,
  status TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  certificate_no TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE UNIQUE INDEX training_enrolment_person ON training_enrolment (class_id, id_number_bidx);
CREATE INDEX training_enrolment_case ON training_enrolment (care_case_id);
CREATE INDEX training_enrolment_class ON training_enrolment (class_id, status, queued_at);

CREATE TABLE training_attendance (
  session_id TEXT NOT NULL REFERENCES training_session(id),
  enrolment_id TEXT NOT NULL REFERENCES training_enrolment(id),
  present INTEGER NOT NULL,
  PRIMARY KEY (session_id, enrolment_id)
);
CREATE INDEX training_attendance_enrolment ON training_attendance (enrolment_id);

-- month: 3 | 6 | 12 after the class ends. outcome: employed | business | seeking | school.
CREATE TABLE training_follow_up (
  id TEXT PRIMARY KEY,
  enrolment_id TEXT NOT NULL REFERENCES training_enrolment(id),
  month INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  employer TEXT,
  industry TEXT,
  note TEXT,
  recorded_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE UNIQUE INDEX training_follow_up_month ON training_follow_up (enrolment_id, month);

-- Roster import previews (encrypted payload: ID numbers and phones), 30 minutes.
CREATE TABLE training_import_preview (
  id TEXT PRIMARY KEY,
  class_id TEXT NOT NULL REFERENCES training_class(id),
  created_by TEXT NOT NULL REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  payload_enc TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  invalid_count INTEGER NOT NULL,
  used_at TEXT
);
