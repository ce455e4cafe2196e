-- Resources (要素保障): the funds ledger in fen with balances per year, venues (阵地) and their use by
-- activities, committee leadership (班子), staff training (充电赋能); and local brands of practice.

-- direction: income | expense. source (income): fiscal | foundation | donation | memberUnit | other.
CREATE TABLE fund_entry (
  id TEXT PRIMARY KEY,
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  year INTEGER NOT NULL,
  entry_date TEXT NOT NULL,
  direction TEXT NOT NULL,
  source TEXT,
  project TEXT,
  member_unit_id TEXT REFERENCES member_unit(id),
  activity_id TEXT REFERENCES activity(id),
  amount_fen BIGINT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX fund_entry_org_unit ON fund_entry (org_unit_id, year, entry_date);
CREATE INDEX fund_entry_year ON fund_entry (year, entry_date);

-- type: room | tutoringStation | careStation | other
CREATE TABLE venue (
  id TEXT PRIMARY KEY,
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  address TEXT,
  area_sqm INTEGER,
  facilities TEXT,
  opening_hours TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX venue_org_unit ON venue (org_unit_id);

CREATE TABLE venue_use (
  venue_id TEXT NOT NULL REFERENCES venue(id),
  activity_id TEXT NOT NULL REFERENCES activity(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (venue_id, activity_id)
);
CREATE INDEX venue_use_activity ON venue_use (activity_id);

-- The 班子 of each committee node: members and posts.
CREATE TABLE committee_member (
  id TEXT PRIMARY KEY,
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  name TEXT NOT NULL,
  post TEXT NOT NULL,
  work_title TEXT,
  is_elder INTEGER NOT NULL DEFAULT 0,
  since TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX committee_member_org_unit ON committee_member (org_unit_id, sort_order);

CREATE TABLE staff_training (
  id TEXT PRIMARY KEY,
  org_unit_id TEXT REFERENCES org_unit(id),
  member_unit_id TEXT REFERENCES member_unit(id),
  title TEXT NOT NULL,
  training_date TEXT NOT NULL,
  organizer TEXT,
  trainees INTEGER NOT NULL,
  hours INTEGER NOT NULL,
  content TEXT,
  upload_ids TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX staff_training_org_unit ON staff_training (org_unit_id, training_date);
CREATE INDEX staff_training_member_unit ON staff_training (member_unit_id, training_date);

CREATE TABLE brand (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  slogan TEXT,
  description TEXT NOT NULL,
  results TEXT,
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  status TEXT NOT NULL DEFAULT 'active',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE UNIQUE INDEX brand_name ON brand (name);

CREATE TABLE brand_member_unit (
  brand_id TEXT NOT NULL REFERENCES brand(id),
  member_unit_id TEXT NOT NULL REFERENCES member_unit(id),
  PRIMARY KEY (brand_id, member_unit_id)
);

CREATE TABLE brand_activity (
  brand_id TEXT NOT NULL REFERENCES brand(id),
  activity_id TEXT NOT NULL REFERENCES activity(id),
  PRIMARY KEY (brand_id, activity_id)
);
CREATE INDEX brand_activity_activity ON brand_activity (activity_id);
