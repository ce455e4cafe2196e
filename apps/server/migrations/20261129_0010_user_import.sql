-- User import previews: the validated rows of an uploaded spreadsheet, waiting for the user's confirmation.
-- Kept in the database so any server instance can commit a preview; expires after 30 minutes.
-- The rows hold phone numbers, so the payload is encrypted (AAD user_import_preview:<id>:payload).
CREATE TABLE user_import_preview (
  id TEXT PRIMARY KEY,
  created_by TEXT NOT NULL REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  file_name TEXT,
  row_count INTEGER NOT NULL,
  invalid_count INTEGER NOT NULL,
  payload_enc TEXT NOT NULL
);
CREATE INDEX user_import_preview_expires ON user_import_preview (expires_at);
