import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { Executor } from '../../platform/db/database.js';
import type { TargetProgressTable, TargetTable } from '../../platform/db/schema.js';
import { chinaToday, ownerNameSql, ownerVisible } from './owner.js';

export type TargetRow = TargetTable & { ownerName: string; activityCount: number };

export interface TargetFilter {
  year?: number;
  memberUnitId?: string;
  orgUnitId?: string;
  kind?: string;
  status?: string;
  overdue?: boolean;
  q?: string;
}

const sortColumns = { deadline: 'target.deadline', title: 'target.title', progressPercent: 'target.progressPercent', createdAt: 'target.createdAt' } as const;

const activityCount = sql<number>`(SELECT COUNT(DISTINCT tpa.activity_id) FROM target_progress tp INNER JOIN target_progress_activity tpa ON tpa.progress_id = tp.id WHERE tp.target_id = target.id)`;

/** All SQL for targets. Every read takes the actor and filters by `ownerVisible`. */
export function targetRepository(db: Executor) {
  const conditions = (actor: Actor, f: TargetFilter) => (eb: any) => {
    const list: Expression<SqlBool>[] = [ownerVisible(eb, actor, 'target')];
    if (f.year) list.push(eb('target.year', '=', f.year));
    if (f.memberUnitId) list.push(eb('target.memberUnitId', '=', f.memberUnitId));
    if (f.orgUnitId) list.push(eb('target.orgUnitId', '=', f.orgUnitId));
    if (f.kind) list.push(eb('target.kind', '=', f.kind));
    if (f.status) list.push(eb('target.status', '=', f.status));
    if (f.overdue !== undefined) {
      const overdue = sql<SqlBool>`(target.deadline IS NOT NULL AND target.deadline < ${chinaToday()} AND target.status <> 'completed')`;
      list.push(f.overdue ? overdue : sql<SqlBool>`NOT ${overdue}`);
    }
    if (f.q) list.push(eb('target.title', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`));
    return eb.and(list);
  };
  const base = () => db.selectFrom('target').selectAll('target').select([ownerNameSql('target').as('ownerName'), activityCount.as('activityCount')]);
  const fix = <T extends { activityCount: number | string }>(r: T) => ({ ...r, activityCount: Number(r.activityCount) });

  return {
    async findVisible(actor: Actor, id: string): Promise<TargetRow | undefined> {
      const row = await base().where('target.id', '=', id).where((eb) => ownerVisible(eb, actor, 'target')).executeTakeFirst();
      return row ? fix(row) : undefined;
    },

    async list(actor: Actor, f: TargetFilter, page: { page: number; pageSize: number; sort?: string }) {
      const key = (page.sort?.replace(/^-/, '') ?? 'deadline') as keyof typeof sortColumns;
      const dir = page.sort?.startsWith('-') ? 'desc' : 'asc';
      const rows = await base()
        .where(conditions(actor, f))
        .orderBy(sortColumns[key], dir)
        .orderBy('target.sortOrder')
        .orderBy('target.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      const count = await db.selectFrom('target').select((eb) => eb.fn.countAll<number>().as('n')).where(conditions(actor, f)).executeTakeFirstOrThrow();
      return { rows: rows.map(fix), total: Number(count.n) };
    },

    async all(actor: Actor, f: TargetFilter, cap = 5000): Promise<TargetRow[]> {
      const rows = await base().where(conditions(actor, f)).orderBy(ownerNameSql('target')).orderBy('target.sortOrder').orderBy('target.deadline').limit(cap).execute();
      return rows.map(fix);
    },

    async progressOf(targetId: string) {
      return db
        .selectFrom('targetProgress')
        .leftJoin('appUser', 'appUser.id', 'targetProgress.createdBy')
        .selectAll('targetProgress')
        .select('appUser.displayName as createdByName')
        .where('targetProgress.targetId', '=', targetId)
        .orderBy('targetProgress.reportDate', 'desc')
        .orderBy('targetProgress.createdAt', 'desc')
        .execute();
    },
    async progressActivities(progressIds: string[]) {
      if (!progressIds.length) return [];
      return db.selectFrom('targetProgressActivity').selectAll().where('progressId', 'in', progressIds).execute();
    },

    async insert(row: TargetTable) {
      await db.insertInto('target').values(row).execute();
    },
    async update(id: string, patch: Partial<TargetTable>) {
      await db.updateTable('target').set(patch).where('id', '=', id).execute();
    },
    async remove(id: string) {
      await db.deleteFrom('target').where('id', '=', id).execute();
    },
    async hasProgress(id: string) {
      return Boolean(await db.selectFrom('targetProgress').select('id').where('targetId', '=', id).limit(1).executeTakeFirst());
    },
    async insertProgress(row: TargetProgressTable, activityIds: string[]) {
      await db.insertInto('targetProgress').values(row).execute();
      if (activityIds.length) await db.insertInto('targetProgressActivity').values(activityIds.map((activityId) => ({ progressId: row.id, activityId }))).execute();
    },
  };
}
