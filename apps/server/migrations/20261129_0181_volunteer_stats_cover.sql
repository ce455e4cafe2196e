-- Volunteer statistics count status, category, node and age band in one pass (issue 10): an index that holds all
-- four lets the pass read the index alone instead of every volunteer row with its encrypted fields; with id, the
-- hours per node join the yearly service summary from the index too.
DROP INDEX volunteer_org_unit;
CREATE INDEX volunteer_org_unit ON volunteer (org_unit_id, status, category, birth_date, id);
