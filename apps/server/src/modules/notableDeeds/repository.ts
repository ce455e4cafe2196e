import type { Expression, SqlBool } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { Executor } from '../../platform/db/database.js';
import type { NotableDeedTable } from '../../platform/db/schema.js';
import { ownerNameSql, ownerVisible } from '../targets/index.js';

export type NotableDeedRow = NotableDeedTable & { ownerName: string };

export interface NotableDeedFilter {
  year?: number;
  memberUnitId?: string;
  orgUnitId?: string;
  status?: string;
  q?: string;
}

const sortColumns = { deedDate: 'notableDeed.deedDate', createdAt: 'notableDeed.createdAt', title: 'notableDeed.title' } as const;

/** All SQL for notable deeds. Every read takes the actor and filters by `ownerVisible`. */
export function notableDeedRepository(db: Executor) {
  const conditions = (actor: Actor, f: NotableDeedFilter) => (eb: any) => {
    const list: Expression<SqlBool>[] = [ownerVisible(eb, actor, 'notableDeed')];
    if (f.year) list.push(eb('notableDeed.year', '=', f.year));
    if (f.memberUnitId) list.push(eb('notableDeed.memberUnitId', '=', f.memberUnitId));
    if (f.orgUnitId) list.push(eb('notableDeed.orgUnitId', '=', f.orgUnitId));
    if (f.status) list.push(eb('notableDeed.status', '=', f.status));
    if (f.q) list.push(eb('notableDeed.title', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`));
    return eb.and(list);
  };
  const base = () => db.selectFrom('notableDeed').selectAll('notableDeed').select(ownerNameSql('notableDeed').as('ownerName'));

  return {
    async findVisible(actor: Actor, id: string): Promise<NotableDeedRow | undefined> {
      return base().where('notableDeed.id', '=', id).where((eb) => ownerVisible(eb, actor, 'notableDeed')).executeTakeFirst();
    },
    async list(actor: Actor, f: NotableDeedFilter, page: { page: number; pageSize: number; sort?: string }) {
      const key = (page.sort?.replace(/^-/, '') ?? 'deedDate') as keyof typeof sortColumns;
      const dir = page.sort ? (page.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
      const rows = await base().where(conditions(actor, f)).orderBy(sortColumns[key], dir).orderBy('notableDeed.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
      const count = await db.selectFrom('notableDeed').select((eb) => eb.fn.countAll<number>().as('n')).where(conditions(actor, f)).executeTakeFirstOrThrow();
      return { rows, total: Number(count.n) };
    },
    async all(actor: Actor, f: NotableDeedFilter, cap = 5000) {
      return base().where(conditions(actor, f)).orderBy(ownerNameSql('notableDeed')).orderBy('notableDeed.deedDate').limit(cap).execute();
    },
    async insert(row: NotableDeedTable) {
      await db.insertInto('notableDeed').values(row).execute();
    },
    async update(id: string, patch: Partial<NotableDeedTable>) {
      await db.updateTable('notableDeed').set(patch).where('id', '=', id).execute();
    },
    async remove(id: string) {
      await db.deleteFrom('notableDeed').where('id', '=', id).execute();
    },
  };
}

/** Per member unit for a year: deeds submitted and qualified (all active units, for the floor). */
export async function deedCountsByMemberUnit(db: Executor, year: number) {
  const units = await db.selectFrom('memberUnit').select(['id', 'name', 'sortOrder']).where('status', '=', 'active').orderBy('sortOrder').orderBy('name').execute();
  const counts = await db
    .selectFrom('notableDeed')
    .select(['memberUnitId', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('year', '=', year)
    .where('memberUnitId', 'is not', null)
    .groupBy(['memberUnitId', 'status'])
    .execute();
  return units.map((u) => {
    const mine = counts.filter((c) => c.memberUnitId === u.id);
    return {
      memberUnitId: u.id,
      name: u.name,
      submitted: mine.reduce((s, c) => s + Number(c.n), 0),
      qualified: Number(mine.find((c) => c.status === 'qualified')?.n ?? 0),
    };
  });
}
