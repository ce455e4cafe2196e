-- Name search by pinyin or initials (issue 10) is an OR of two prefix ranges. SQLite answers it by collecting row ids
-- from both indexes, and an index serves its branch alone only when it holds every column the WHERE names: with the
-- other key, id and node in each, both branches are read from the indexes (about half the CPU of the search at
-- county scale), and the same columns serve the scope test and the sort.
DROP INDEX volunteer_name_pinyin;
CREATE INDEX volunteer_name_pinyin ON volunteer (name_pinyin, name_initials, id, org_unit_id);
DROP INDEX volunteer_name_initials;
CREATE INDEX volunteer_name_initials ON volunteer (name_initials, name_pinyin, id, org_unit_id);
