import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Actor } from '../../platform/authz/actor.js';
import { orgUnitInScope } from '../../platform/authz/scope.js';
import type { OrgUnitTable } from '../../platform/db/schema.js';
import { bumpAuthzEpoch } from '../../platform/authz/epoch.js';

export type OrgUnitRow = OrgUnitTable & { childCount: number };

const sortColumns = { name: 'orgUnit.name', kind: 'orgUnit.kind', createdAt: 'orgUnit.createdAt', path: 'orgUnit.path' } as const;
export type OrgUnitSort = keyof typeof sortColumns;

export interface OrgUnitFilter {
  q?: string;
  parentId?: string;
  under?: string;
  underPath?: string;
  kind?: string;
  status?: string;
}

/** All SQL for org nodes. Every read takes the actor and filters by scope: out of scope is "not found". */
export function orgUnitRepository(db: Executor) {
  const base = (actor: Actor) =>
    db
      .selectFrom('orgUnit')
      .selectAll('orgUnit')
      .select(sql<number>`(SELECT COUNT(*) FROM org_unit c WHERE c.parent_id = org_unit.id)`.as('childCount'))
      .where((eb) => orgUnitInScope(eb, actor));

  return {
    async findInScope(actor: Actor, id: string): Promise<OrgUnitRow | undefined> {
      const row = await base(actor).where('orgUnit.id', '=', id).executeTakeFirst();
      return row ? { ...row, childCount: Number(row.childCount) } : undefined;
    },

    async findById(id: string) {
      return db.selectFrom('orgUnit').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async list(actor: Actor, filter: OrgUnitFilter, page: { page: number; pageSize: number; sort?: string }) {
      let q = base(actor);
      let count = db.selectFrom('orgUnit').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => orgUnitInScope(eb, actor));
      const apply = <Q extends typeof q | typeof count>(query: Q): Q => {
        let r = query as typeof q;
        if (filter.q) r = r.where('orgUnit.name', 'like', `%${escapeLike(filter.q)}%`);
        if (filter.parentId) r = r.where('orgUnit.parentId', '=', filter.parentId);
        if (filter.underPath) r = r.where('orgUnit.path', '>', filter.underPath).where('orgUnit.path', '<', `${filter.underPath.slice(0, -1)}0`);
        if (filter.kind) r = r.where('orgUnit.kind', '=', filter.kind);
        if (filter.status) r = r.where('orgUnit.status', '=', filter.status);
        return r as unknown as Q;
      };
      q = apply(q);
      count = apply(count);
      const sortKey = (page.sort?.replace(/^-/, '') ?? 'path') as OrgUnitSort;
      const dir = page.sort?.startsWith('-') ? 'desc' : 'asc';
      const rows = await q
        .orderBy(sortColumns[sortKey], dir)
        .orderBy('orgUnit.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      const total = Number((await count.executeTakeFirstOrThrow()).n);
      return { rows: rows.map((r) => ({ ...r, childCount: Number(r.childCount) })), total };
    },

    async childrenOf(actor: Actor, parentId: string, includeDisabled: boolean) {
      let q = base(actor).where('orgUnit.parentId', '=', parentId);
      if (!includeDisabled) q = q.where('orgUnit.status', '=', 'active');
      const rows = await q.orderBy('orgUnit.sortOrder').orderBy('orgUnit.kind').orderBy('orgUnit.name').execute();
      return rows.map((r) => ({ ...r, childCount: Number(r.childCount) }));
    },

    /** The highest in-scope nodes: the starting points of the actor's tree. */
    async scopeRoots(actor: Actor) {
      const rows = await base(actor).orderBy('orgUnit.depth').orderBy('orgUnit.path').limit(500).execute();
      const roots: typeof rows = [];
      for (const r of rows) if (!roots.some((root) => r.path.startsWith(root.path))) roots.push(r);
      return roots.map((r) => ({ ...r, childCount: Number(r.childCount) }));
    },

    async namesByIds(ids: string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await db.selectFrom('orgUnit').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    async siblingNameTaken(parentId: string, name: string, exceptId?: string) {
      let q = db.selectFrom('orgUnit').select('id').where('parentId', '=', parentId).where('name', '=', name);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return Boolean(await q.executeTakeFirst());
    },

    async activeChildCount(id: string) {
      const r = await db.selectFrom('orgUnit').select((eb) => eb.fn.countAll<number>().as('n')).where('parentId', '=', id).where('status', '=', 'active').executeTakeFirstOrThrow();
      return Number(r.n);
    },

    // Each write moves the authorisation epoch: servers keep node names and paths while it stands still (authz/orgNodes.ts).
    async insert(row: OrgUnitTable) {
      await db.insertInto('orgUnit').values(row).execute();
      await bumpAuthzEpoch(db);
    },

    async update(id: string, patch: Partial<OrgUnitTable>) {
      await db.updateTable('orgUnit').set(patch).where('id', '=', id).execute();
      await bumpAuthzEpoch(db);
    },

    /** Move a subtree: rewrite the path prefix and depth of the node and all below it, in one statement. */
    async movePaths(oldPath: string, newPath: string, depthDelta: number) {
      await db
        .updateTable('orgUnit')
        .set({
          path: sql`${newPath} || substr(path, ${oldPath.length + 1})`,
          depth: sql`depth + ${depthDelta}`,
          updatedAt: new Date().toISOString(),
        })
        .where('path', '>=', oldPath)
        .where('path', '<', `${oldPath.slice(0, -1)}0`)
        .execute();
      // Custom scopes are kept as paths (auth/sessions.ts).
      await bumpAuthzEpoch(db);
    },
  };
}

export function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, '');
}
