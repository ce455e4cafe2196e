import { sql, type ExpressionBuilder, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Database, MemberUnitTable } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/actor.js';

export type MemberUnitRow = MemberUnitTable & { userCount: number };

const sortColumns = { name: 'memberUnit.name', sortOrder: 'memberUnit.sortOrder', createdAt: 'memberUnit.createdAt' } as const;
type MemberUnitSort = keyof typeof sortColumns;

export interface MemberUnitFilter {
  q?: string;
  status?: string;
}

/**
 * Which member units an actor may see. Member units are county-level and visible to everyone with
 * memberUnit:read, except a member-unit liaison (attached to a unit, without county-wide scope),
 * who sees only their own unit.
 */
export function memberUnitVisible(eb: ExpressionBuilder<Database, 'memberUnit'>, actor: Actor): Expression<SqlBool> {
  if (actor.scope.all || !actor.memberUnitId) return sql<SqlBool>`1 = 1`;
  return eb('memberUnit.id', '=', actor.memberUnitId);
}

/** All SQL for member units. Reads take the actor: an invisible unit is "not found". */
export function memberUnitRepository(db: Executor) {
  const base = (actor: Actor) =>
    db
      .selectFrom('memberUnit')
      .selectAll('memberUnit')
      .select(sql<number>`(SELECT COUNT(*) FROM app_user u WHERE u.member_unit_id = member_unit.id)`.as('userCount'))
      .where((eb) => memberUnitVisible(eb, actor));

  const withCount = <T extends { userCount: number | string }>(r: T) => ({ ...r, userCount: Number(r.userCount) });

  return {
    async findVisible(actor: Actor, id: string): Promise<MemberUnitRow | undefined> {
      const row = await base(actor).where('memberUnit.id', '=', id).executeTakeFirst();
      return row ? withCount(row) : undefined;
    },

    async list(actor: Actor, filter: MemberUnitFilter, page: { page: number; pageSize: number; sort?: string }) {
      const apply = <O>(query: SelectQueryBuilder<Database, 'memberUnit', O>) => {
        let r = query;
        if (filter.q) {
          const like = `%${escapeLike(filter.q)}%`;
          r = r.where((eb) => eb.or([eb('memberUnit.name', 'like', like), eb('memberUnit.shortName', 'like', like)]));
        }
        if (filter.status) r = r.where('memberUnit.status', '=', filter.status);
        return r;
      };
      const sortKey = (page.sort?.replace(/^-/, '') ?? 'sortOrder') as MemberUnitSort;
      const dir = page.sort?.startsWith('-') ? 'desc' : 'asc';
      const rows = await apply(base(actor))
        .orderBy(sortColumns[sortKey], dir)
        .orderBy('memberUnit.name')
        .orderBy('memberUnit.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      const count = await apply(
        db.selectFrom('memberUnit').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => memberUnitVisible(eb, actor)),
      ).executeTakeFirstOrThrow();
      return { rows: rows.map(withCount), total: Number(count.n) };
    },

    async nameTaken(name: string, exceptId?: string) {
      let q = db.selectFrom('memberUnit').select('id').where('name', '=', name);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return Boolean(await q.executeTakeFirst());
    },

    /** Units by exact name or short name (for imports). */
    async allNames() {
      return db.selectFrom('memberUnit').select(['id', 'name', 'shortName', 'status']).execute();
    },

    async insert(row: MemberUnitTable) {
      await db.insertInto('memberUnit').values(row).execute();
    },

    async update(id: string, patch: Partial<MemberUnitTable>) {
      await db.updateTable('memberUnit').set(patch).where('id', '=', id).execute();
    },
  };
}

export function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, '');
}
