import crypto from 'node:crypto';
import type { DataScope, PendingAction, Permission, SecuritySettings } from '@gg/shared';
import type { Db, Executor } from '../db/database.js';
import { compiledOnce } from '../db/compiledOnce.js';
import type { Actor, OrgScope } from '../authz/actor.js';
import { noteAuthzEpoch } from '../authz/orgNodes.js';

export const SESSION_COOKIE = 'gg_session';

/** Sessions live in the database (any instance can serve any request); only a hash of the token is stored. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

export async function createSession(
  trx: Executor,
  input: { userId: string; ip: string | null; userAgent: string | null; pending: PendingAction[]; settings: SecuritySettings },
): Promise<{ token: string; idHash: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const idHash = hashToken(token);
  const now = new Date();
  await trx
    .insertInto('session')
    .values({
      idHash,
      userId: input.userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + input.settings.sessionAbsoluteHours * 3600_000).toISOString(),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      pending: JSON.stringify(input.pending),
    })
    .execute();
  return { token, idHash };
}

export async function endSessions(
  trx: Executor,
  where: { userId: string; exceptIdHash?: string } | { idHash: string },
  reason: string,
): Promise<number> {
  let q = trx.updateTable('session').set({ endedAt: new Date().toISOString(), endReason: reason }).where('endedAt', 'is', null);
  if ('idHash' in where) q = q.where('idHash', '=', where.idHash);
  else {
    q = q.where('userId', '=', where.userId);
    if (where.exceptIdHash) q = q.where('idHash', '!=', where.exceptIdHash);
  }
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export type SessionProblem = 'missing' | 'ended' | 'expired' | 'idle' | 'disabled';

/** The session with its user, node path and the authorisation epoch: read on every request, compiled once. */
const sessionRow = compiledOnce((db: Db, idHash: string) =>
  db
    .selectFrom('session')
    .innerJoin('appUser', 'appUser.id', 'session.userId')
    .leftJoin('orgUnit', 'orgUnit.id', 'appUser.orgUnitId')
    .select([
      'session.idHash', 'session.createdAt', 'session.lastSeenAt', 'session.expiresAt', 'session.endedAt', 'session.pending',
      'appUser.id as userId', 'appUser.username', 'appUser.displayName', 'appUser.orgUnitId', 'appUser.memberUnitId',
      'appUser.status', 'appUser.passwordChangedAt', 'orgUnit.path as orgPath',
      (eb) => eb.selectFrom('authzEpoch').select('authzEpoch.n').where('authzEpoch.id', '=', 1).as('authzEpoch'),
    ])
    .where('session.idHash', '=', idHash),
);

/** Look up the session behind a cookie and build the actor, or say why there is none. */
export async function loadActor(
  db: Db,
  token: string | undefined,
  settings: SecuritySettings,
): Promise<{ actor: Actor } | { problem: SessionProblem; idHash?: string }> {
  if (!token) return { problem: 'missing' };
  const idHash = hashToken(token);
  const [row] = await sessionRow(db, idHash);
  if (!row) return { problem: 'missing' };
  if (row.endedAt) return { problem: 'ended', idHash };
  const now = Date.now();
  if (Date.parse(row.expiresAt) <= now) return { problem: 'expired', idHash };
  if (now - Date.parse(row.lastSeenAt) > settings.sessionIdleMinutes * 60_000) return { problem: 'idle', idHash };
  if (row.status !== 'active') return { problem: 'disabled', idHash };

  noteAuthzEpoch(db, Number(row.authzEpoch));
  const grants = await grantsOf(db, row.userId, Number(row.authzEpoch));
  const scope = scopeOf(row.orgUnitId, row.orgPath, grants.roles.map((r) => r.dataScope), grants.customPaths);

  const pending = JSON.parse(row.pending) as PendingAction[];
  if (
    settings.passwordMaxAgeDays > 0 &&
    now - Date.parse(row.passwordChangedAt) > settings.passwordMaxAgeDays * 86_400_000 &&
    !pending.includes('changePassword')
  ) {
    pending.push('changePassword');
  }
  // Touch at most once a minute: one write per user-minute, not per request.
  if (now - Date.parse(row.lastSeenAt) > 60_000) {
    await db.updateTable('session').set({ lastSeenAt: new Date(now).toISOString() }).where('idHash', '=', idHash).execute();
  }
  return {
    actor: {
      userId: row.userId,
      username: row.username,
      displayName: row.displayName,
      orgUnitId: row.orgUnitId,
      orgPath: row.orgPath,
      memberUnitId: row.memberUnitId,
      permissions: grants.permissions,
      scope,
      sessionIdHash: idHash,
      pending,
      roles: grants.roles,
    },
  };
}

/** The union of the data scopes of a user's roles (custom scopes: the paths of the nodes chosen for the user). */
export function scopeOf(orgUnitId: string | null, orgPath: string | null, scopes: DataScope[], customPaths: string[]): OrgScope {
  const scope: OrgScope = { all: false, subtreePaths: [], nodeIds: [], self: false };
  for (const s of new Set(scopes)) {
    if (s === 'all') scope.all = true;
    else if (s === 'subtree' && orgPath) scope.subtreePaths.push(orgPath);
    else if (s === 'node' && orgUnitId) scope.nodeIds.push(orgUnitId);
    else if (s === 'self') scope.self = true;
    else if (s === 'custom') scope.subtreePaths.push(...customPaths);
  }
  return scope;
}

/** What a user's roles grant: kept per server while the authorisation epoch stands still (platform/authz/epoch.ts). */
interface Grants {
  epoch: number;
  at: number;
  roles: Actor['roles'];
  permissions: ReadonlySet<Permission>;
  customPaths: string[];
}

/** A safety net for a write that forgot to move the epoch: nothing is kept longer than this. */
const GRANTS_MAX_AGE_MS = 60_000;
const grantsByDb = new WeakMap<Db, Map<string, Grants>>();

async function grantsOf(db: Db, userId: string, epoch: number): Promise<Grants> {
  let kept = grantsByDb.get(db);
  if (!kept) grantsByDb.set(db, (kept = new Map()));
  const now = Date.now();
  const hit = kept.get(userId);
  if (hit && hit.epoch === epoch && now - hit.at < GRANTS_MAX_AGE_MS) return hit;
  const roles = (
    await db
      .selectFrom('userRole')
      .innerJoin('role', 'role.id', 'userRole.roleId')
      .select(['role.id', 'role.code', 'role.name', 'role.dataScope'])
      .where('userRole.userId', '=', userId)
      .execute()
  ).map((r) => ({ ...r, dataScope: r.dataScope as DataScope }));
  const permissionRows = roles.length
    ? await db.selectFrom('rolePermission').select('permission').distinct().where('roleId', 'in', roles.map((r) => r.id)).execute()
    : [];
  const customPaths = roles.some((r) => r.dataScope === 'custom') ? await customScopePaths(db, userId) : [];
  const grants: Grants = { epoch, at: now, roles, permissions: new Set(permissionRows.map((p) => p.permission as Permission)), customPaths };
  if (kept.size >= 10_000) kept.clear();
  kept.set(userId, grants);
  return grants;
}

async function customScopePaths(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('userScopeOrgUnit')
    .innerJoin('orgUnit', 'orgUnit.id', 'userScopeOrgUnit.orgUnitId')
    .select('orgUnit.path')
    .where('userScopeOrgUnit.userId', '=', userId)
    .execute();
  return rows.map((r) => r.path);
}
