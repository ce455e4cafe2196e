-- Honours and recognitions (表彰/荣誉) of a volunteer: level, evidence file, whether the certificate of
-- service lists it, and when it was last edited. Rows of volunteer_honour (migration 0040) keep their values.
ALTER TABLE volunteer_honour ADD COLUMN level TEXT NOT NULL DEFAULT 'county';
ALTER TABLE volunteer_honour ADD COLUMN evidence_upload_id TEXT;
ALTER TABLE volunteer_honour ADD COLUMN on_certificate INTEGER NOT NULL DEFAULT 1;
ALTER TABLE volunteer_honour ADD COLUMN remark TEXT;
ALTER TABLE volunteer_honour ADD COLUMN updated_at TEXT;
