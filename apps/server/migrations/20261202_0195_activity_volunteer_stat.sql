-- The activity summary's distinct volunteers (issue 10). Volunteers do not add up across nodes or months, so the
-- summary table cannot hold them; counting them from the participations joined to the activities took 3.0–3.7 s for one
-- township and 8.4–9.9 s for this year at 10M activities on PostgreSQL. This table keeps which volunteers took part per
-- (org node, month, type), with how many of that cell's activities each was in, in the same transaction as every
-- activity write (activities/stats.ts); a summary counts the distinct volunteers of the cells it covers. A row goes
-- when its count reaches zero. The table is never larger than the participations, and smaller where volunteers serve
-- near home (3.0M rows against 11.1M participations in the bench's province, whose volunteers are spread at random).
-- Rebuilt here by the same SQL as rebuildActivityStats.
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
-- Summaries over a period start from the month; the whole county's or province's volunteers are counted one look-up
-- per volunteer (volunteer, month).
CREATE INDEX activity_volunteer_stat_month ON activity_volunteer_stat (month, type, org_unit_id, volunteer_id);
CREATE INDEX activity_volunteer_stat_volunteer ON activity_volunteer_stat (volunteer_id, month);
ANALYZE activity_volunteer_stat;
