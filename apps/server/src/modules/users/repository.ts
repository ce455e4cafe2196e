import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { AppUserTable, Database } from '../../platform/db/schema.js';
import { subtreeUpperBound, type Actor } from '../../platform/authz/actor.js';
import { inOrgScope, orgUnitInScope } from '../../platform/authz/scope.js';
import { bumpAuthzEpoch } from '../../platform/authz/epoch.js';

export type UserRow = AppUserTable & { orgUnitName: string | null; memberUnitName: string | null };
export interface UserRole { id: string; code: string; name: string; separatedDuty: string | null; dataScope: string }

const sortColumns = { username: 'appUser.usernameKey', displayName: 'appUser.displayName', createdAt: 'appUser.createdAt', lastLoginAt: 'appUser.lastLoginAt' } as const;
type UserSort = keyof typeof sortColumns;

export interface UserFilter {
  q?: string;
  /** Materialised path of the org node whose subtree is wanted. */
  orgPath?: string;
  memberUnitId?: string;
  roleId?: string;
  status?: string;
}

/** The unique key of a username: case and surrounding spaces do not make a different account (A1). */
export const usernameKey = (username: string) => username.trim().toLowerCase();

/**
 * All SQL for accounts. Every read takes the actor and filters by the org scope of the account's node:
 * accounts attached to a member unit (no org node) are visible only with county-wide scope.
 */
export function userRepository(db: Executor) {
  const base = (actor: Actor) =>
    db
      .selectFrom('appUser')
      .leftJoin('orgUnit', 'orgUnit.id', 'appUser.orgUnitId')
      .leftJoin('memberUnit', 'memberUnit.id', 'appUser.memberUnitId')
      .selectAll('appUser')
      .select(['orgUnit.name as orgUnitName', 'memberUnit.name as memberUnitName'])
      .where((eb) => inOrgScope(eb, actor, 'appUser.orgUnitId', 'appUser.id'));

  const filtered = <O>(q: SelectQueryBuilder<Database, 'appUser' | 'orgUnit' | 'memberUnit', O>, filter: UserFilter) => {
    let r = q;
    if (filter.q) {
      const like = `%${escapeLike(filter.q.toLowerCase())}%`;
      const likeName = `%${escapeLike(filter.q)}%`;
      r = r.where((eb) => eb.or([eb('appUser.usernameKey', 'like', like), eb('appUser.displayName', 'like', likeName)]));
    }
    if (filter.orgPath) {
      const p = filter.orgPath;
      r = r.where(sql<boolean>`app_user.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${p} AND path < ${subtreeUpperBound(p)})`);
    }
    if (filter.memberUnitId) r = r.where('appUser.memberUnitId', '=', filter.memberUnitId);
    if (filter.roleId) {
      const roleId = filter.roleId;
      r = r.where((eb) => eb.exists(eb.selectFrom('userRole').select('userRole.userId').whereRef('userRole.userId', '=', 'appUser.id').where('userRole.roleId', '=', roleId)));
    }
    if (filter.status) r = r.where('appUser.status', '=', filter.status);
    return r;
  };

  return {
    async findInScope(actor: Actor, id: string): Promise<UserRow | undefined> {
      return base(actor).where('appUser.id', '=', id).executeTakeFirst();
    },

    async list(actor: Actor, filter: UserFilter, page: { page: number; pageSize: number; sort?: string }) {
      const sortKey = (page.sort?.replace(/^-/, '') ?? 'createdAt') as UserSort;
      const dir = page.sort ? (page.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
      const rows = await filtered(base(actor), filter)
        .orderBy(sortColumns[sortKey], dir)
        .orderBy('appUser.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      const count = await filtered(
        db
          .selectFrom('appUser')
          .leftJoin('orgUnit', 'orgUnit.id', 'appUser.orgUnitId')
          .leftJoin('memberUnit', 'memberUnit.id', 'appUser.memberUnitId')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where((eb) => inOrgScope(eb, actor, 'appUser.orgUnitId', 'appUser.id')),
        filter,
      ).executeTakeFirstOrThrow();
      return { rows, total: Number(count.n) };
    },

    async rolesOf(userIds: string[]): Promise<Map<string, UserRole[]>> {
      const map = new Map<string, UserRole[]>(userIds.map((id) => [id, []]));
      if (!userIds.length) return map;
      const rows = await db
        .selectFrom('userRole')
        .innerJoin('role', 'role.id', 'userRole.roleId')
        .select(['userRole.userId', 'role.id', 'role.code', 'role.name', 'role.separatedDuty', 'role.dataScope'])
        .where('userRole.userId', 'in', userIds)
        .orderBy('role.code')
        .execute();
      for (const { userId, ...role } of rows) map.get(userId)?.push(role);
      return map;
    },

    async customScopeOf(userIds: string[]): Promise<Map<string, string[]>> {
      const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
      if (!userIds.length) return map;
      const rows = await db.selectFrom('userScopeOrgUnit').select(['userId', 'orgUnitId']).where('userId', 'in', userIds).orderBy('orgUnitId').execute();
      for (const r of rows) map.get(r.userId)?.push(r.orgUnitId);
      return map;
    },

    async rolesByIds(ids: string[]): Promise<UserRole[]> {
      if (!ids.length) return [];
      return db.selectFrom('role').select(['id', 'code', 'name', 'separatedDuty', 'dataScope']).where('id', 'in', ids).execute();
    },

    /** Org nodes the actor may place accounts in (for forms and imports). */
    async orgUnitsInScope(actor: Actor, ids?: string[]) {
      let q = db.selectFrom('orgUnit').select(['orgUnit.id', 'orgUnit.name', 'orgUnit.path', 'orgUnit.status']).where((eb) => orgUnitInScope(eb, actor));
      if (ids) {
        if (!ids.length) return [];
        q = q.where('orgUnit.id', 'in', ids);
      }
      return q.execute();
    },

    async orgUnitNames(ids: string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await db.selectFrom('orgUnit').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    async takenKeys(keys: string[], exceptId?: string): Promise<Set<string>> {
      if (!keys.length) return new Set();
      const taken = new Set<string>();
      for (let i = 0; i < keys.length; i += 500) {
        let q = db.selectFrom('appUser').select('usernameKey').where('usernameKey', 'in', keys.slice(i, i + 500));
        if (exceptId) q = q.where('id', '!=', exceptId);
        for (const r of await q.execute()) taken.add(r.usernameKey);
      }
      return taken;
    },

    async insert(row: AppUserTable) {
      await db.insertInto('appUser').values(row).execute();
      await db.insertInto('passwordHistory').values({ userId: row.id, passwordHash: row.passwordHash, createdAt: row.createdAt }).execute();
    },

    async update(id: string, patch: Partial<AppUserTable>) {
      await db.updateTable('appUser').set(patch).where('id', '=', id).execute();
    },

    async setRoles(userId: string, roleIds: string[]) {
      await db.deleteFrom('userRole').where('userId', '=', userId).execute();
      if (roleIds.length) await db.insertInto('userRole').values(roleIds.map((roleId) => ({ userId, roleId }))).execute();
      await bumpAuthzEpoch(db);
    },

    async setCustomScope(userId: string, orgUnitIds: string[]) {
      await db.deleteFrom('userScopeOrgUnit').where('userId', '=', userId).execute();
      if (orgUnitIds.length) await db.insertInto('userScopeOrgUnit').values(orgUnitIds.map((orgUnitId) => ({ userId, orgUnitId }))).execute();
      await bumpAuthzEpoch(db);
    },

    async addPasswordHistory(userId: string, passwordHash: string, createdAt: string) {
      await db.insertInto('passwordHistory').values({ userId, passwordHash, createdAt }).execute();
    },
  };
}

export function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, '');
}
