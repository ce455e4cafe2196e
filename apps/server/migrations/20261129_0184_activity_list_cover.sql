-- The activity list filtered by type, date and node (issue 10). Its page is ordered by (activity_date, id): an index
-- without id or without the node made SQLite read every candidate row — to learn its id for the order, or its node
-- for the scope test — before keeping twenty (at 1M activities a township's lectures since 2025 cost ~40 ms of CPU).
-- With both in the index entries the walk tests and orders on the index and reads only the rows of the page
-- (0.4 ms at 1M); the total keeps its index-only count on the same (node, type, date) prefix.
DROP INDEX activity_org_type_date;
CREATE INDEX activity_org_type_date ON activity (org_unit_id, type, activity_date, id);
DROP INDEX activity_type;
CREATE INDEX activity_type ON activity (type, activity_date, id, org_unit_id);
