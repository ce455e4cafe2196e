-- Lists page in the order of an index (issue 10): the sort column, then id in the same direction, so the first page
-- of a county-wide list reads 20 index entries instead of sorting every match (the care-case list by status went
-- from ~80 ms to ~2 ms of SQL on county data).
DROP INDEX care_case_status;
CREATE INDEX care_case_status ON care_case (status, updated_at, id);
CREATE INDEX care_case_updated ON care_case (updated_at, id);
DROP INDEX activity_type;
CREATE INDEX activity_type ON activity (type, activity_date, id);
