-- The activity summary's distinct volunteers when it is filtered (issue 10). Volunteers do not add up across nodes or
-- months, so the summary table cannot hold them; counting them from the participations joined to the activities took
-- 3–7 s for one township at 10M activities on PostgreSQL. This table keeps which volunteers took part per (org node,
-- month, type), with how many of that cell's activities each was in, in the same transaction as every activity write
-- (activities/stats.ts); a filtered summary counts the distinct volunteers of the cells it covers. A row goes when its
-- count reaches zero. Volunteers serve where they live, so the table is far smaller than the participations (13k rows
-- against 11M in the bench's province) and never larger. Rebuilt here by the same SQL as rebuildActivityStats.
CREATE TABLE activity_volunteer_stat (
  org_unit_id TEXT NOT NULL,
  month TEXT {{C}} NOT NULL,
  type TEXT NOT NULL,
  volunteer_id TEXT NOT NULL,
  participations INTEGER NOT NULL,
  PRIMARY KEY (org_unit_id, type, month, volunteer_id)
);
INSERT INTO activity_volunteer_stat (org_unit_id, month, type, volunteer_id, participations)
  SELECT a.org_unit_id, substr(a.activity_date, 1, 7), a.type, av.volunteer_id, COUNT(*)
  FROM activity a JOIN activity_volunteer av ON av.activity_id = a.id
  GROUP BY a.org_unit_id, substr(a.activity_date, 1, 7), a.type, av.volunteer_id;
-- Summaries over a period of the whole county or province start from the month.
CREATE INDEX activity_volunteer_stat_month ON activity_volunteer_stat (month, type, org_unit_id, volunteer_id);
ANALYZE activity_volunteer_stat;
