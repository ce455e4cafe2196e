-- Care cases: retention (security.md D24) and the data-subject request register; the reason a pairing ended.
-- A closed case past the retention period is anonymised: identity fields and narratives erased, aggregates kept.
ALTER TABLE care_case ADD COLUMN anonymized_at TEXT;
ALTER TABLE care_mentorship ADD COLUMN end_reason TEXT;

-- Requests to view, correct or delete a young person's data (个人信息查阅、更正、删除申请): who asked, when,
-- what, the decision and when it was carried out. The requester's name and the request text are encrypted
-- (AAD `care_data_request:<id>:<field>`); the case gives the org scope.
CREATE TABLE care_data_request (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES care_case(id),
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  kind TEXT NOT NULL,
  requester_name_enc TEXT NOT NULL,
  requester_relation TEXT NOT NULL,
  received_on TEXT NOT NULL,
  details_enc TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'received',
  decision_note TEXT,
  decided_by TEXT REFERENCES app_user(id),
  decided_at TEXT,
  done_on TEXT,
  done_note TEXT,
  created_by TEXT REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX care_data_request_org ON care_data_request (org_unit_id, status, received_on);
CREATE INDEX care_data_request_case ON care_data_request (case_id);
CREATE INDEX care_case_closed ON care_case (status, closed_at);
