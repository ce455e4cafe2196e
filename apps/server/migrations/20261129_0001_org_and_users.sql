-- Org tree, member units, users, roles, sessions and settings.
-- One file for SQLite and PostgreSQL: only TEXT, INTEGER, BIGINT and REAL types.
-- {{C}} becomes COLLATE "C" on PostgreSQL (byte order for materialised paths) and nothing on SQLite.

CREATE TABLE org_unit (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES org_unit(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  code TEXT,
  path TEXT {{C}} NOT NULL UNIQUE,
  depth INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  contact_name TEXT,
  contact_phone_enc TEXT,
  address TEXT,
  has_committee INTEGER NOT NULL DEFAULT 0,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX org_unit_sibling_name ON org_unit (parent_id, name);
CREATE INDEX org_unit_kind ON org_unit (kind, path);

CREATE TABLE member_unit (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  short_name TEXT,
  duties TEXT,
  liaison_name TEXT,
  liaison_phone_enc TEXT,
  leader_name TEXT,
  sort_order INTEGER NOT NULL DEFAULT 100,
  status TEXT NOT NULL DEFAULT 'active',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX member_unit_order ON member_unit (sort_order, name);

CREATE TABLE app_user (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  username_key TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  phone_enc TEXT,
  org_unit_id TEXT REFERENCES org_unit(id),
  member_unit_id TEXT REFERENCES member_unit(id),
  password_hash TEXT NOT NULL CHECK (password_hash <> ''),
  password_changed_at TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'active',
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  last_login_at TEXT,
  totp_secret_enc TEXT,
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  remark TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT
);
CREATE INDEX app_user_org_unit ON app_user (org_unit_id);
CREATE INDEX app_user_member_unit ON app_user (member_unit_id);
CREATE INDEX app_user_created ON app_user (created_at);

CREATE TABLE password_history (
  user_id TEXT NOT NULL REFERENCES app_user(id),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, created_at);

CREATE TABLE role (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT,
  data_scope TEXT NOT NULL,
  builtin INTEGER NOT NULL DEFAULT 0,
  separated_duty TEXT,
  requires_second_factor INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE role_permission (
  role_id TEXT NOT NULL REFERENCES role(id),
  permission TEXT NOT NULL,
  PRIMARY KEY (role_id, permission)
);

CREATE TABLE user_role (
  user_id TEXT NOT NULL REFERENCES app_user(id),
  role_id TEXT NOT NULL REFERENCES role(id),
  PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_role_role ON user_role (role_id);

CREATE TABLE user_scope_org_unit (
  user_id TEXT NOT NULL REFERENCES app_user(id),
  org_unit_id TEXT NOT NULL REFERENCES org_unit(id),
  PRIMARY KEY (user_id, org_unit_id)
);

CREATE TABLE permission_catalogue (
  permission TEXT PRIMARY KEY,
  first_seen_at TEXT NOT NULL
);

CREATE TABLE session (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ip TEXT,
  user_agent TEXT,
  pending TEXT NOT NULL DEFAULT '[]',
  ended_at TEXT,
  end_reason TEXT
);
CREATE INDEX session_by_user ON session (user_id, ended_at);
CREATE INDEX session_by_activity ON session (ended_at, last_seen_at);

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT
);
