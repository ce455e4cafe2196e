-- The activity list's total and the summaries for everything an actor sees, by whole months (a year, "since January"),
-- sum `activity_stat` over a month range. The month index held only (month, type): every entry in the range was
-- followed to its row for the figures (~6.8–8.2 ms of SQLite CPU a request for a year at county scale). With the node
-- and the figures in the entry the range is read from the index alone (~1.0–1.3 ms) (issue 10).
DROP INDEX activity_stat_month;
CREATE INDEX activity_stat_month ON activity_stat (month, type, org_unit_id, activities, audience);
