-- The volunteer list picks its page's ids first and fetches those rows after (issue 10). The ids come from an index
-- alone when it holds the filter, the node for the scope and the list order (sort column, name_pinyin, id):
-- - by name: name_pinyin then id, so a page is a run of index entries (the list sorted every match for id, the
--   index having name_initials second); name_initials and the node stay in it for the search by pinyin or initials
--   (20261129_0183). Page 50 of the county: ~3.1 → ~0.5 ms at county scale (20k volunteers);
-- - a township's list: with name_pinyin in the node index, the ids come from the township's index entries instead
--   of its volunteer rows (~1.0 → ~0.5 ms);
-- - by join date (a column of the list): no index served it, and every volunteer was sorted (~7.8 → ~0.4 ms).
DROP INDEX volunteer_name_pinyin;
CREATE INDEX volunteer_name_pinyin ON volunteer (name_pinyin, id, name_initials, org_unit_id);
DROP INDEX volunteer_org_unit;
CREATE INDEX volunteer_org_unit ON volunteer (org_unit_id, status, category, birth_date, id, name_pinyin);
CREATE INDEX volunteer_join_date ON volunteer (join_date, name_pinyin, id);
