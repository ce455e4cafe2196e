import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

/**
 * Read-only look-ups other modules (activities, lectures, my work) make about volunteers, so that only
 * this module touches the volunteer table. Nothing personal beyond the name leaves here.
 */

/** Of `ids`, the volunteers in service (status active): any serving elder of the county may take part. */
export async function servingVolunteers(db: Executor, ids: string[]): Promise<{ id: string; name: string; namePinyin: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('volunteer').select(['id', 'name', 'namePinyin']).where('id', 'in', ids).where('status', '=', 'active').execute();
}

/**
 * A volunteer's name and its pinyin (for ordering) as columns of the caller's own query, looked up by the volunteer id
 * in `ref`: one statement instead of a second round of look-ups (the activity list's participants, issue 10).
 */
export function volunteerNameColumns(ref: string) {
  return [
    sql<string | null>`(SELECT v.name FROM volunteer v WHERE v.id = ${sql.ref(ref)})`.as('volunteerName'),
    sql<string | null>`(SELECT v.name_pinyin FROM volunteer v WHERE v.id = ${sql.ref(ref)})`.as('volunteerPinyin'),
  ] as const;
}

/** Names (and pinyin, for ordering) of many volunteers at once. */
export async function volunteerNames(db: Executor, ids: string[]): Promise<Map<string, { name: string; namePinyin: string }>> {
  const out = new Map<string, { name: string; namePinyin: string }>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db.selectFrom('volunteer').select(['id', 'name', 'namePinyin']).where('id', 'in', unique.slice(i, i + 1000)).execute();
    for (const r of rows) out.set(r.id, { name: r.name, namePinyin: r.namePinyin });
  }
  return out;
}

/** Serving volunteers whose name, full pinyin or pinyin initials match `q` (zsf finds 张三丰): names only. */
export async function volunteerPickList(db: Executor, q: string | undefined, limit: number): Promise<{ id: string; name: string; category: string }[]> {
  let query = db.selectFrom('volunteer').select(['id', 'name', 'category']).where('status', '=', 'active');
  if (q) {
    const lower = q.toLowerCase();
    query = query.where((eb) =>
      eb.or([
        eb('name', 'like', `%${q.replace(/[%_\\]/g, '')}%`),
        eb('namePinyin', '>=', lower).and('namePinyin', '<', `${lower}{`),
        eb('nameInitials', '>=', lower).and('nameInitials', '<', `${lower}{`),
      ]),
    );
  }
  return query.orderBy('namePinyin').limit(limit).execute();
}

/** The volunteer record linked to a user account (a volunteer signed in on the phone pages). */
export async function volunteerOfUser(db: Executor, userId: string): Promise<{ id: string; name: string; orgUnitId: string } | undefined> {
  return db.selectFrom('volunteer').select(['id', 'name', 'orgUnitId']).where('userId', '=', userId).executeTakeFirst();
}

/** SQL: `<column> IN (ids of the volunteers linked to this user)`, for scope rules of other modules. */
export function isVolunteerOfUser(column: string, userId: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} IN (SELECT v.id FROM volunteer v WHERE v.user_id = ${userId})`;
}
