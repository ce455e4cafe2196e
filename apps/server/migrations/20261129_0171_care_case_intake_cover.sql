-- Care-case outcomes by intake year (the dashboard, the yearly report): the year's cases, their node, status and
-- outcome straight from the index, without reading the (large, encrypted) case rows.
DROP INDEX care_case_intake;
CREATE INDEX care_case_intake ON care_case (intake_date, org_unit_id, status, outcome, id);
