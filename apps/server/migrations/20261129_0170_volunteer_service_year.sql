-- Performance at county and province scale (issue 10: benchmarks).
--
-- volunteer_service_year: each volunteer's service hours and records per year, kept current in the same transaction
-- as every write of volunteer_service (volunteers/serviceRecords.ts is the one writer; volunteers/serviceYears.ts).
-- Keyed by volunteer, not by org node, so a volunteer who moves takes the hours along and the registry's own scope
-- filter applies by joining the volunteer. The dashboard's hours per township and the list's total hours add up a
-- few rows per volunteer instead of every service record. Rebuilt by the same SQL after bulk loads.
CREATE TABLE volunteer_service_year (
  volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
  year TEXT {{C}} NOT NULL,
  hours_tenths BIGINT NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (volunteer_id, year)
);
CREATE INDEX volunteer_service_year_year ON volunteer_service_year (year);
INSERT INTO volunteer_service_year (volunteer_id, year, hours_tenths, records)
  SELECT volunteer_id, substr(service_date, 1, 4), SUM(hours_tenths), COUNT(*)
  FROM volunteer_service GROUP BY volunteer_id, substr(service_date, 1, 4);
