-- Performance at county and province scale (issue 10: benchmarks).
--
-- activity_stat: activities and audience per (org node, month, type), kept current in the same transaction as every
-- activity write (activities/write.ts via activities/stats.ts), so the county's summaries and the dashboard sum a few
-- thousand rows instead of scanning every activity. Rebuilt from the activities here (and by the same SQL in
-- rebuildActivityStats after a bulk load).
CREATE TABLE activity_stat (
  org_unit_id TEXT NOT NULL,
  month TEXT {{C}} NOT NULL,
  type TEXT NOT NULL,
  activities INTEGER NOT NULL DEFAULT 0,
  audience BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, month, type)
);
CREATE INDEX activity_stat_month ON activity_stat (month, type);
INSERT INTO activity_stat (org_unit_id, month, type, activities, audience)
  SELECT org_unit_id, substr(activity_date, 1, 7), type, COUNT(*), SUM(audience_total)
  FROM activity GROUP BY org_unit_id, substr(activity_date, 1, 7), type;

-- Lists filtered by node (a subtree is an IN-list of nodes), type and date: one index range per node, no row lookups for the total.
CREATE INDEX activity_org_type_date ON activity (org_unit_id, type, activity_date);
