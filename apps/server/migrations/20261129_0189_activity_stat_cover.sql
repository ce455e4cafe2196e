-- The activity list's total and the summaries sum `activity_stat` for a node range, a type and whole months (issue 10).
-- The primary key (org_unit_id, month, type) walked every month and type of each node from the start month and read
-- each row for its figures (~2.6 ms of SQLite CPU per list request at county scale, more than the list's page); with
-- type before month and the figures in the entry, each node is one index-only range (~0.08 ms).
CREATE INDEX activity_stat_org_type_month ON activity_stat (org_unit_id, type, month, activities, audience);
