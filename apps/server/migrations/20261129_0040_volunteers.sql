-- The elder volunteer corps (五老): registry, specialties, teams, service records and honours.
-- ID numbers and phones are encrypted (AAD volunteer:<id>:idNumber / volunteer:<id>:phone);
-- id_number_bidx is the blind index used for duplicate checks and exact lookups.

CREATE TABLE volunteer (
  id TEXT PRIMARY KEY,
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  user_id TEXT REFERENCES app_user(id),
  category TEXT NOT NULL,
  name TEXT NOT NULL,
  name_pinyin TEXT {{C}} NOT NULL,
  name_initials TEXT {{C}} NOT NULL,
  sex TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  id_number_enc TEXT,
  id_number_bidx TEXT,
  phone_enc TEXT,
  former_post TEXT,
  former_unit TEXT,
  political_status TEXT,
  health TEXT,
  availability TEXT,
  committee_post TEXT NOT NULL DEFAULT 'none',
  join_date TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  remark TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE UNIQUE INDEX volunteer_id_number_bidx ON volunteer (id_number_bidx) WHERE id_number_bidx IS NOT NULL;
CREATE UNIQUE INDEX volunteer_user ON volunteer (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX volunteer_org_unit ON volunteer (org_unit_id, status);
CREATE INDEX volunteer_category ON volunteer (category, status);
CREATE INDEX volunteer_status ON volunteer (status);
CREATE INDEX volunteer_birth_date ON volunteer (birth_date);
CREATE INDEX volunteer_name ON volunteer (name, birth_date);
CREATE INDEX volunteer_name_pinyin ON volunteer (name_pinyin);
CREATE INDEX volunteer_name_initials ON volunteer (name_initials);
CREATE INDEX volunteer_created ON volunteer (created_at);

CREATE TABLE volunteer_specialty (
  volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
  specialty TEXT NOT NULL,
  PRIMARY KEY (volunteer_id, specialty)
);
CREATE INDEX volunteer_specialty_by_specialty ON volunteer_specialty (specialty, volunteer_id);

-- Teams: 关心下一代报告团 (report), "五老"宣讲团 (lecture), mentoring groups, station staff.
CREATE TABLE volunteer_team (
  id TEXT PRIMARY KEY,
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  founded_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE UNIQUE INDEX volunteer_team_name ON volunteer_team (org_unit_id, name);
CREATE INDEX volunteer_team_kind ON volunteer_team (kind, status);

CREATE TABLE volunteer_team_member (
  team_id TEXT NOT NULL REFERENCES volunteer_team(id),
  volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
  role TEXT NOT NULL DEFAULT 'member',
  joined_on TEXT NOT NULL,
  PRIMARY KEY (team_id, volunteer_id)
);
CREATE INDEX volunteer_team_member_volunteer ON volunteer_team_member (volunteer_id);

CREATE TABLE volunteer_team_topic (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES volunteer_team(id),
  title TEXT NOT NULL,
  summary TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX volunteer_team_topic_team ON volunteer_team_topic (team_id, sort_order);

-- Service records. Other modules (activities, mentoring visits) write through recordService();
-- staff add manual service with a reason. Hours are stored in tenths (INTEGER) to add up exactly.
-- (source, source_id, volunteer_id) is unique for non-manual sources so a re-save does not double count.
CREATE TABLE volunteer_service (
  id TEXT PRIMARY KEY,
  volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
  source TEXT NOT NULL,
  source_id TEXT,
  team_id TEXT REFERENCES volunteer_team(id),
  service_date TEXT NOT NULL,
  hours_tenths INTEGER NOT NULL,
  description TEXT NOT NULL,
  reason TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX volunteer_service_volunteer ON volunteer_service (volunteer_id, service_date);
CREATE INDEX volunteer_service_date ON volunteer_service (service_date);
CREATE INDEX volunteer_service_team ON volunteer_service (team_id, service_date);
CREATE UNIQUE INDEX volunteer_service_source ON volunteer_service (source, source_id, volunteer_id) WHERE source_id IS NOT NULL;

CREATE TABLE volunteer_honour (
  id TEXT PRIMARY KEY,
  volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
  title TEXT NOT NULL,
  awarded_by TEXT,
  awarded_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id)
);
CREATE INDEX volunteer_honour_volunteer ON volunteer_honour (volunteer_id, awarded_on);

-- Import previews of a volunteer roster (encrypted payload: ID numbers and phones), 30 minutes.
CREATE TABLE volunteer_import_preview (
  id TEXT PRIMARY KEY,
  created_by TEXT NOT NULL REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  file_name TEXT,
  row_count INTEGER NOT NULL,
  invalid_count INTEGER NOT NULL,
  payload_enc TEXT NOT NULL
);
CREATE INDEX volunteer_import_preview_expires ON volunteer_import_preview (expires_at);
