-- Care-case summaries for the dashboard (issue 10: the overview afresh in ≤100 ms at 1M activities, 50k cases).
--
-- Kept current in the same transaction as every write of care_case, care_case_category and care_assistance
-- (careCases/caseStats.ts: keepCaseStats, called by create, edit, status moves and closing, merge, import and the
-- assistance ledger), and rebuilt here from the base rows by the same SQL as rebuildCareCaseStats (after bulk loads).
-- Merged cases count in no case summary (the outcomes leave them out); their assistance moves with the merge.
--
-- care_case_stat: cases per (org node, intake year, status, outcome; '' = no outcome).
CREATE TABLE care_case_stat (
  org_unit_id TEXT NOT NULL,
  year TEXT {{C}} NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT NOT NULL,
  cases INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, year, status, outcome)
);
CREATE INDEX care_case_stat_year ON care_case_stat (year, status, outcome, org_unit_id, cases);
INSERT INTO care_case_stat (org_unit_id, year, status, outcome, cases)
  SELECT org_unit_id, substr(intake_date, 1, 4), status, COALESCE(outcome, ''), COUNT(*)
  FROM care_case WHERE status <> 'merged'
  GROUP BY org_unit_id, substr(intake_date, 1, 4), status, COALESCE(outcome, '');

-- care_case_category_stat: the cases of each category per (org node, intake year).
CREATE TABLE care_case_category_stat (
  org_unit_id TEXT NOT NULL,
  year TEXT {{C}} NOT NULL,
  category TEXT NOT NULL,
  cases INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, year, category)
);
CREATE INDEX care_case_category_stat_year ON care_case_category_stat (year, category, org_unit_id, cases);
INSERT INTO care_case_category_stat (org_unit_id, year, category, cases)
  SELECT c.org_unit_id, substr(c.intake_date, 1, 4), k.category, COUNT(*)
  FROM care_case_category k INNER JOIN care_case c ON c.id = k.case_id WHERE c.status <> 'merged'
  GROUP BY c.org_unit_id, substr(c.intake_date, 1, 4), k.category;

-- care_case_offender_day: offender cases per (org node, intake date): "followed 12 months" counts those taken in on or
-- before today's cutoff. Their reoffences are read from the (few) screenings with reoffended = 1 at query time.
CREATE TABLE care_case_offender_day (
  org_unit_id TEXT NOT NULL,
  intake_date TEXT {{C}} NOT NULL,
  cases INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, intake_date)
);
CREATE INDEX care_case_offender_day_date ON care_case_offender_day (intake_date, org_unit_id, cases);
INSERT INTO care_case_offender_day (org_unit_id, intake_date, cases)
  SELECT c.org_unit_id, c.intake_date, COUNT(*)
  FROM care_case c INNER JOIN care_case_category k ON k.case_id = c.id AND k.category = 'offender' WHERE c.status <> 'merged'
  GROUP BY c.org_unit_id, c.intake_date;
CREATE INDEX care_case_screening_reoffended ON care_case_screening (reoffended, case_id, screened_on);

-- care_assistance_stat: payments and fen per (the case's org node, year paid, kind, funding source).
CREATE TABLE care_assistance_stat (
  org_unit_id TEXT NOT NULL,
  year TEXT {{C}} NOT NULL,
  kind TEXT NOT NULL,
  funding_source TEXT NOT NULL,
  payments INTEGER NOT NULL DEFAULT 0,
  amount_fen BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, year, kind, funding_source)
);
CREATE INDEX care_assistance_stat_year ON care_assistance_stat (year, kind, org_unit_id, funding_source, payments, amount_fen);
INSERT INTO care_assistance_stat (org_unit_id, year, kind, funding_source, payments, amount_fen)
  SELECT c.org_unit_id, substr(a.paid_on, 1, 4), a.kind, a.funding_source, COUNT(*), SUM(a.amount_fen)
  FROM care_assistance a INNER JOIN care_case c ON c.id = a.case_id
  GROUP BY c.org_unit_id, substr(a.paid_on, 1, 4), a.kind, a.funding_source;

-- care_assistance_case_year: payments per (the case's org node, year paid, kind, case), for the distinct cases helped.
CREATE TABLE care_assistance_case_year (
  org_unit_id TEXT NOT NULL,
  year TEXT {{C}} NOT NULL,
  kind TEXT NOT NULL,
  case_id TEXT NOT NULL,
  payments INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, year, kind, case_id)
);
CREATE INDEX care_assistance_case_year_year ON care_assistance_case_year (year, kind, org_unit_id, case_id, payments);
INSERT INTO care_assistance_case_year (org_unit_id, year, kind, case_id, payments)
  SELECT c.org_unit_id, substr(a.paid_on, 1, 4), a.kind, a.case_id, COUNT(*)
  FROM care_assistance a INNER JOIN care_case c ON c.id = a.case_id
  GROUP BY c.org_unit_id, substr(a.paid_on, 1, 4), a.kind, a.case_id;
