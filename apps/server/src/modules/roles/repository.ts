import type { Executor } from '../../platform/db/database.js';
import type { RoleTable } from '../../platform/db/schema.js';
import { bumpAuthzEpoch } from '../../platform/authz/epoch.js';

export type RoleRow = RoleTable & { userCount: number; permissions: string[] };

/** All SQL for roles. Roles are not org-owned data: every holder of role:read sees the whole list. */
export function roleRepository(db: Executor) {
  async function withDetails(rows: RoleTable[]): Promise<RoleRow[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const perms = await db.selectFrom('rolePermission').select(['roleId', 'permission']).where('roleId', 'in', ids).orderBy('permission').execute();
    const counts = await db
      .selectFrom('userRole')
      .select((eb) => ['roleId', eb.fn.countAll<number>().as('n')])
      .where('roleId', 'in', ids)
      .groupBy('roleId')
      .execute();
    const countBy = new Map(counts.map((c) => [c.roleId, Number(c.n)]));
    return rows.map((r) => ({
      ...r,
      userCount: countBy.get(r.id) ?? 0,
      permissions: perms.filter((p) => p.roleId === r.id).map((p) => p.permission),
    }));
  }

  return {
    async list(): Promise<RoleRow[]> {
      const rows = await db.selectFrom('role').selectAll().orderBy('builtin', 'desc').orderBy('createdAt').orderBy('code').execute();
      return withDetails(rows);
    },

    async find(id: string): Promise<RoleRow | undefined> {
      const row = await db.selectFrom('role').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await withDetails([row]))[0] : undefined;
    },

    async codeTaken(code: string, exceptId?: string) {
      let q = db.selectFrom('role').select('id').where('code', '=', code);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return Boolean(await q.executeTakeFirst());
    },

    async insert(row: RoleTable) {
      await db.insertInto('role').values(row).execute();
    },

    async update(id: string, patch: Partial<RoleTable>) {
      await db.updateTable('role').set(patch).where('id', '=', id).execute();
      await bumpAuthzEpoch(db);
    },

    async replacePermissions(roleId: string, permissions: string[]) {
      await db.deleteFrom('rolePermission').where('roleId', '=', roleId).execute();
      if (permissions.length) await db.insertInto('rolePermission').values(permissions.map((permission) => ({ roleId, permission }))).execute();
      await bumpAuthzEpoch(db);
    },
  };
}
