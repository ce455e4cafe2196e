-- Performance at county and province scale (issue 10: dashboard ≤ 100 ms at 1M activities).
--
-- The registry's statistics per org node, kept current in the same transaction as every write of volunteer,
-- volunteer_specialty and volunteer_service_year (volunteers/repository.ts and serviceYears.ts, through
-- volunteers/volunteerStat.ts), so the statistics add up a few thousand rows instead of every volunteer, specialty
-- and yearly hours row. Counts that fall to zero stay as zero rows. Rebuilt from the base rows here (and by the same
-- SQL in rebuildVolunteerStats after a bulk load).
--
-- volunteer_stat: volunteers per node by one dimension at a time: 'status', 'category', 'birthYear' (the first four
-- characters of birth_date) and 'specialty' (a volunteer counts once under each of its specialties). Age bands move
-- with today's date: the birth years wholly inside a band are summed from here, the (at most four) years a band's
-- edge falls in are counted from the register's birth_date index.
CREATE TABLE volunteer_stat (
  org_unit_id TEXT NOT NULL,
  dimension TEXT {{C}} NOT NULL,
  value TEXT {{C}} NOT NULL,
  volunteers INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, dimension, value)
);
-- A whole county's figures by dimension and value read this index alone, in order.
CREATE INDEX volunteer_stat_dimension ON volunteer_stat (dimension, value, org_unit_id, volunteers);
INSERT INTO volunteer_stat (org_unit_id, dimension, value, volunteers)
  SELECT org_unit_id, 'status', status, COUNT(*) FROM volunteer GROUP BY org_unit_id, status;
INSERT INTO volunteer_stat (org_unit_id, dimension, value, volunteers)
  SELECT org_unit_id, 'category', category, COUNT(*) FROM volunteer GROUP BY org_unit_id, category;
INSERT INTO volunteer_stat (org_unit_id, dimension, value, volunteers)
  SELECT org_unit_id, 'birthYear', substr(birth_date, 1, 4), COUNT(*) FROM volunteer GROUP BY org_unit_id, substr(birth_date, 1, 4);
INSERT INTO volunteer_stat (org_unit_id, dimension, value, volunteers)
  SELECT v.org_unit_id, 'specialty', s.specialty, COUNT(*) FROM volunteer_specialty s JOIN volunteer v ON v.id = s.volunteer_id
  GROUP BY v.org_unit_id, s.specialty;

-- volunteer_hours_stat: service hours and records per node and year: the yearly service summary
-- (volunteer_service_year) summed by the node each volunteer is registered at now — a volunteer who moves takes them along.
CREATE TABLE volunteer_hours_stat (
  org_unit_id TEXT NOT NULL,
  year TEXT {{C}} NOT NULL,
  hours_tenths BIGINT NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, year)
);
INSERT INTO volunteer_hours_stat (org_unit_id, year, hours_tenths, records)
  SELECT v.org_unit_id, y.year, SUM(y.hours_tenths), SUM(y.records) FROM volunteer_service_year y JOIN volunteer v ON v.id = y.volunteer_id
  GROUP BY v.org_unit_id, y.year;
