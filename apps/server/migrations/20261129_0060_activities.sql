-- Field work, entered once and counted everywhere: campaigns, education bases, activities with their
-- participating volunteers, the lecture menu and requests (菜单式宣讲), and creation campaigns
-- (零犯罪学校、零犯罪村（社区）、四零社区) with criteria, checks and a kept history.

-- Named, multi-year campaigns (传承红色基因，争做时代新人; 四史三爱; …).
CREATE TABLE campaign (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  theme TEXT NOT NULL,
  description TEXT,
  start_year INTEGER NOT NULL,
  end_year INTEGER,
  goal_activities INTEGER,
  goal_audience INTEGER,
  status TEXT NOT NULL DEFAULT 'active',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE UNIQUE INDEX campaign_name ON campaign (name);

-- Red-heritage and other education bases (红色基因传承教育基地).
CREATE TABLE education_base (
  id TEXT PRIMARY KEY,
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  theme TEXT NOT NULL,
  address TEXT,
  owner TEXT,
  capacity INTEGER,
  opening_hours TEXT,
  contact_name TEXT,
  description TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE UNIQUE INDEX education_base_name ON education_base (name);
CREATE INDEX education_base_org_unit ON education_base (org_unit_id);

-- One record per event. org_unit_id is the node the activity belongs to (scope); member_unit_id the
-- member unit that organised it, if any. activity_date (YYYY-MM-DD) drives lists and the calendar.
CREATE TABLE activity (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  study_level TEXT,
  title TEXT NOT NULL,
  activity_date TEXT NOT NULL,
  start_time TEXT,
  end_time TEXT,
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  member_unit_id TEXT REFERENCES member_unit(id),
  venue TEXT,
  base_id TEXT REFERENCES education_base(id),
  campaign_id TEXT REFERENCES campaign(id),
  lecture_request_id TEXT,
  audience_students INTEGER NOT NULL DEFAULT 0,
  audience_youth INTEGER NOT NULL DEFAULT 0,
  audience_other INTEGER NOT NULL DEFAULT 0,
  audience_total INTEGER NOT NULL DEFAULT 0,
  summary TEXT,
  photo_upload_ids TEXT NOT NULL DEFAULT '[]',
  file_upload_ids TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX activity_date ON activity (activity_date, id);
CREATE INDEX activity_org_unit ON activity (org_unit_id, activity_date);
CREATE INDEX activity_member_unit ON activity (member_unit_id, activity_date);
CREATE INDEX activity_campaign ON activity (campaign_id, activity_date);
CREATE INDEX activity_base ON activity (base_id, activity_date);
CREATE INDEX activity_type ON activity (type, activity_date);
CREATE INDEX activity_created_by ON activity (created_by);

-- Participating volunteers and their hours (tenths); the volunteers module keeps the service record.
CREATE TABLE activity_volunteer (
  activity_id TEXT NOT NULL REFERENCES activity(id),
  volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
  role TEXT NOT NULL DEFAULT 'participant',
  hours_tenths INTEGER NOT NULL,
  PRIMARY KEY (activity_id, volunteer_id)
);
CREATE INDEX activity_volunteer_volunteer ON activity_volunteer (volunteer_id);

-- The lecture menu: topics, who may give them, and whether schools may book them (学校限制校外人员进校).
CREATE TABLE lecture_topic (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  summary TEXT,
  audiences TEXT NOT NULL DEFAULT '[]',
  duration_minutes INTEGER NOT NULL DEFAULT 60,
  school_approved INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'published',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE UNIQUE INDEX lecture_topic_title ON lecture_topic (title);

CREATE TABLE lecture_topic_lecturer (
  topic_id TEXT NOT NULL REFERENCES lecture_topic(id),
  volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
  PRIMARY KEY (topic_id, volunteer_id)
);
CREATE INDEX lecture_topic_lecturer_volunteer ON lecture_topic_lecturer (volunteer_id);

CREATE TABLE lecture_request (
  id TEXT PRIMARY KEY,
  topic_id TEXT NOT NULL REFERENCES lecture_topic(id),
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  requested_by TEXT REFERENCES app_user(id),
  preferred_date TEXT NOT NULL,
  preferred_time TEXT,
  audience_estimate INTEGER NOT NULL,
  note TEXT,
  status TEXT NOT NULL,
  lecturer_id TEXT REFERENCES volunteer(id),
  scheduled_date TEXT,
  assigned_at TEXT,
  assigned_by TEXT REFERENCES app_user(id),
  confirmed_at TEXT,
  decline_reason TEXT,
  activity_id TEXT REFERENCES activity(id),
  rating INTEGER,
  rating_comment TEXT,
  rated_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX lecture_request_org_unit ON lecture_request (org_unit_id, status);
CREATE INDEX lecture_request_status ON lecture_request (status, preferred_date);
CREATE INDEX lecture_request_lecturer ON lecture_request (lecturer_id, status);
CREATE INDEX lecture_request_topic ON lecture_request (topic_id);

-- Creation campaigns: configurable types with a criteria checklist (points or pass/fail).
CREATE TABLE creation_type (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  target_kinds TEXT NOT NULL,
  valid_years INTEGER NOT NULL,
  pass_score INTEGER NOT NULL DEFAULT 0,
  description TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX creation_type_code ON creation_type (code);

CREATE TABLE creation_criterion (
  id TEXT PRIMARY KEY,
  type_id TEXT NOT NULL REFERENCES creation_type(id),
  title TEXT NOT NULL,
  scoring TEXT NOT NULL,
  max_points INTEGER NOT NULL DEFAULT 0,
  sort_order INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active'
);
CREATE INDEX creation_criterion_type ON creation_criterion (type_id, sort_order);

-- One application of one unit for one type. status: applied, checked, rejected, named, revoked
-- (expired is shown when named_until has passed). The history is creation_event plus the checks.
CREATE TABLE creation (
  id TEXT PRIMARY KEY,
  type_id TEXT NOT NULL REFERENCES creation_type(id),
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  status TEXT NOT NULL,
  application_note TEXT,
  evidence_upload_ids TEXT NOT NULL DEFAULT '[]',
  applied_at TEXT NOT NULL,
  applied_by TEXT REFERENCES app_user(id),
  named_title TEXT,
  named_from TEXT,
  named_until TEXT,
  revoked_at TEXT,
  revoke_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX creation_org_unit ON creation (org_unit_id, type_id);
CREATE INDEX creation_type_status ON creation (type_id, status);

-- Joint checks (联合验收) and yearly reviews, with the result per criterion.
CREATE TABLE creation_check (
  id TEXT PRIMARY KEY,
  creation_id TEXT NOT NULL REFERENCES creation(id),
  kind TEXT NOT NULL,
  review_year INTEGER,
  check_date TEXT NOT NULL,
  inspectors TEXT NOT NULL,
  passed INTEGER NOT NULL,
  total_points INTEGER NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX creation_check_creation ON creation_check (creation_id, check_date);

CREATE TABLE creation_check_item (
  check_id TEXT NOT NULL REFERENCES creation_check(id),
  criterion_id TEXT NOT NULL REFERENCES creation_criterion(id),
  passed INTEGER NOT NULL,
  points INTEGER NOT NULL DEFAULT 0,
  note TEXT,
  PRIMARY KEY (check_id, criterion_id)
);

CREATE TABLE creation_event (
  id TEXT PRIMARY KEY,
  creation_id TEXT NOT NULL REFERENCES creation(id),
  event TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT,
  at TEXT NOT NULL,
  by_user TEXT REFERENCES app_user(id)
);
CREATE INDEX creation_event_creation ON creation_event (creation_id, at);
