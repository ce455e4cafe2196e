-- The care-case list by status within a township (issue 10) walks care_case_status in order and keeps the cases of
-- the township's nodes: with org_unit_id in the index that test is made on the index entry, before the row is read.
DROP INDEX care_case_status;
CREATE INDEX care_case_status ON care_case (status, updated_at, id, org_unit_id);
