-- Care cases for vulnerable young people (关爱帮扶): the young person and the case, case work,
-- mentors and visits, the assistance ledger, sealed offence details and import previews.
-- Personal fields are encrypted with the AAD `<table>:<rowId>:<field>`; id_number_bidx is the blind index
-- (domain 'careCase.idNumber') used for exact lookups and duplicate checks.

CREATE TABLE care_case (
  id TEXT PRIMARY KEY,
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  name TEXT NOT NULL,
  name_pinyin TEXT {{C}} NOT NULL,
  name_initials TEXT {{C}} NOT NULL,
  sex TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  id_number_enc TEXT NOT NULL,
  id_number_bidx TEXT,
  political_status TEXT,
  phone_enc TEXT,
  household_address_enc TEXT,
  current_address_enc TEXT,
  school_or_work TEXT,
  guardian_name TEXT,
  guardian_relation TEXT,
  guardian_phone_enc TEXT,
  contacts_enc TEXT,
  family_situation_enc TEXT,
  risk_level TEXT NOT NULL DEFAULT 'low',
  needs_help INTEGER NOT NULL DEFAULT 1,
  guardian_consent INTEGER NOT NULL DEFAULT 0,
  legal_basis TEXT,
  status TEXT NOT NULL DEFAULT 'intake',
  intake_date TEXT NOT NULL,
  plan_at TEXT,
  closed_at TEXT,
  outcome TEXT,
  outcome_note TEXT,
  closure_outcome TEXT,
  closure_note TEXT,
  closure_requested_by TEXT REFERENCES app_user(id),
  closure_requested_at TEXT,
  merged_into_id TEXT REFERENCES care_case(id),
  source TEXT NOT NULL DEFAULT 'manual',
  created_by TEXT REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- One open record per person: merged records give up their blind index.
CREATE UNIQUE INDEX care_case_id_number_bidx ON care_case (id_number_bidx) WHERE id_number_bidx IS NOT NULL;
CREATE INDEX care_case_org_unit ON care_case (org_unit_id, status);
CREATE INDEX care_case_status ON care_case (status, updated_at);
CREATE INDEX care_case_name ON care_case (name, birth_date);
CREATE INDEX care_case_name_pinyin ON care_case (name_pinyin);
CREATE INDEX care_case_name_initials ON care_case (name_initials);
CREATE INDEX care_case_intake ON care_case (intake_date);

CREATE TABLE care_case_category (
  case_id TEXT NOT NULL REFERENCES care_case(id),
  category TEXT NOT NULL,
  PRIMARY KEY (case_id, category)
);
CREATE INDEX care_case_category_by_category ON care_case_category (category, case_id);

-- Status history: every move (and closure request/decision) with who and when; feeds the timeline.
CREATE TABLE care_case_status_change (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES care_case(id),
  kind TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  note TEXT,
  at TEXT NOT NULL,
  by_user_id TEXT REFERENCES app_user(id)
);
CREATE INDEX care_case_status_change_case ON care_case_status_change (case_id, at);

-- Sealed offence details (封存, B15): only the ciphertext; nothing in the case row says one exists.
CREATE TABLE care_case_offence (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL UNIQUE REFERENCES care_case(id),
  details_enc TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES app_user(id)
);

CREATE TABLE care_case_screening (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES care_case(id),
  screened_on TEXT NOT NULL,
  risk_found INTEGER NOT NULL,
  risk_level TEXT,
  reoffended INTEGER NOT NULL DEFAULT 0,
  description_enc TEXT,
  handling_enc TEXT,
  screened_by TEXT NOT NULL,
  created_by TEXT REFERENCES app_user(id),
  created_at TEXT NOT NULL
);
CREATE INDEX care_case_screening_case ON care_case_screening (case_id, screened_on);

CREATE TABLE care_case_need (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES care_case(id),
  kind TEXT NOT NULL,
  description TEXT NOT NULL,
  resolved_on TEXT,
  created_by TEXT REFERENCES app_user(id),
  created_at TEXT NOT NULL
);
CREATE INDEX care_case_need_case ON care_case_need (case_id, created_at);

CREATE TABLE care_case_goal (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES care_case(id),
  goal TEXT NOT NULL,
  due_on TEXT NOT NULL,
  done_on TEXT,
  created_by TEXT REFERENCES app_user(id),
  created_at TEXT NOT NULL
);
CREATE INDEX care_case_goal_case ON care_case_goal (case_id, due_on);

CREATE TABLE care_mentorship (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES care_case(id),
  volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
  role TEXT NOT NULL DEFAULT 'lead',
  start_on TEXT NOT NULL,
  end_on TEXT,
  created_by TEXT REFERENCES app_user(id),
  created_at TEXT NOT NULL
);
CREATE INDEX care_mentorship_case ON care_mentorship (case_id, start_on);
CREATE INDEX care_mentorship_volunteer ON care_mentorship (volunteer_id, end_on);

CREATE TABLE care_visit (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES care_case(id),
  mentorship_id TEXT REFERENCES care_mentorship(id),
  visited_on TEXT NOT NULL,
  mode TEXT NOT NULL,
  content_enc TEXT NOT NULL,
  photo_upload_ids TEXT NOT NULL DEFAULT '[]',
  next_contact_due TEXT,
  recorded_by TEXT REFERENCES app_user(id),
  created_at TEXT NOT NULL
);
CREATE INDEX care_visit_case ON care_visit (case_id, visited_on);
CREATE INDEX care_visit_mentorship ON care_visit (mentorship_id, visited_on);

-- Assistance ledger: money in fen (INTEGER), goods, funding source, approver, receipt upload.
CREATE TABLE care_assistance (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES care_case(id),
  kind TEXT NOT NULL,
  amount_fen BIGINT NOT NULL DEFAULT 0,
  goods TEXT,
  funding_source TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  paid_on TEXT NOT NULL,
  receipt_upload_id TEXT REFERENCES upload(id),
  employment_result TEXT,
  note TEXT,
  recorded_by TEXT REFERENCES app_user(id),
  created_at TEXT NOT NULL
);
CREATE INDEX care_assistance_case ON care_assistance (case_id, paid_on);
CREATE INDEX care_assistance_paid ON care_assistance (paid_on);

-- Ledger import previews (encrypted payload: ID numbers, phones, addresses), 30 minutes.
CREATE TABLE care_case_import_preview (
  id TEXT PRIMARY KEY,
  created_by TEXT NOT NULL REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  file_name TEXT,
  row_count INTEGER NOT NULL,
  invalid_count INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'previewed',
  created_count INTEGER NOT NULL DEFAULT 0,
  message TEXT,
  payload_enc TEXT NOT NULL
);
CREATE INDEX care_case_import_preview_expires ON care_case_import_preview (expires_at);
