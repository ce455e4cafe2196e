-- The authorisation epoch (issue 10): one counter that every change to who may do what moves — a user's roles or
-- custom scope, a role's permissions or data scope, a subtree moved in the org tree (platform/authz/epoch.ts).
-- Each request reads it with its session row; while it stands still, a server reuses the roles, permissions and
-- custom-scope paths it loaded for the user (two queries per request fewer), so every instance sees a change at once.
CREATE TABLE authz_epoch (
  id INTEGER PRIMARY KEY,
  n BIGINT NOT NULL
);
INSERT INTO authz_epoch (id, n) VALUES (1, 0);
