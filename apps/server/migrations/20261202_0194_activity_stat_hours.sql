-- The activity summary's volunteer hours (issue 10). Per (org node, month, type) they add up like the activities and
-- the audience, so the summary table keeps them too (activities/stats.ts, in the same transaction as every activity
-- write) and a summary no longer sums every participation (1.1–1.4 s at 10M activities on PostgreSQL). The table is
-- rebuilt with them by the same SQL as rebuildActivityStats, and its two covering indexes carry them.
ALTER TABLE activity_stat ADD COLUMN hours_tenths BIGINT NOT NULL DEFAULT 0;
DELETE FROM activity_stat;
INSERT INTO activity_stat (org_unit_id, month, type, activities, audience, hours_tenths)
  SELECT a.org_unit_id, substr(a.activity_date, 1, 7), a.type, COUNT(*), SUM(a.audience_total), COALESCE(SUM(h.tenths), 0)
  FROM activity a LEFT JOIN (SELECT activity_id, SUM(hours_tenths) AS tenths FROM activity_volunteer GROUP BY activity_id) h ON h.activity_id = a.id
  GROUP BY a.org_unit_id, substr(a.activity_date, 1, 7), a.type;
DROP INDEX activity_stat_month;
CREATE INDEX activity_stat_month ON activity_stat (month, type, org_unit_id, activities, audience, hours_tenths);
DROP INDEX activity_stat_org_type_month;
CREATE INDEX activity_stat_org_type_month ON activity_stat (org_unit_id, type, month, activities, audience, hours_tenths);
