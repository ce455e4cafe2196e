import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { Executor } from '../../platform/db/database.js';
import type { TaskTable, TaskUpdateTable } from '../../platform/db/schema.js';
import { chinaToday, ownerNameSql, ownerVisible } from '../targets/index.js';

export type TaskRow = TaskTable & { ownerName: string; meetingTitle: string | null; lastNote: string | null };

export interface TaskFilter {
  status?: string;
  memberUnitId?: string;
  orgUnitId?: string;
  meetingId?: string;
  overdue?: boolean;
  open?: boolean;
  q?: string;
}
const sortColumns = { deadline: 'task.deadline', title: 'task.title', createdAt: 'task.createdAt' } as const;

export const overdueSql = (today = chinaToday()) => sql<SqlBool>`(task.status <> 'done' AND task.deadline < ${today})`;

/** All SQL for tasks. Every read takes the actor and filters by `ownerVisible` (a unit sees its own tasks). */
export function taskRepository(db: Executor) {
  const base = () =>
    db
      .selectFrom('task')
      .leftJoin('meeting', 'meeting.id', 'task.meetingId')
      .selectAll('task')
      .select([
        ownerNameSql('task').as('ownerName'),
        'meeting.title as meetingTitle',
        sql<string | null>`(SELECT tu.note FROM task_update tu WHERE tu.task_id = task.id ORDER BY tu.at DESC LIMIT 1)`.as('lastNote'),
      ]);
  const conditions = (actor: Actor, f: TaskFilter) => (eb: any) => {
    const list: Expression<SqlBool>[] = [ownerVisible(eb, actor, 'task')];
    if (f.status) list.push(eb('task.status', '=', f.status));
    if (f.memberUnitId) list.push(eb('task.memberUnitId', '=', f.memberUnitId));
    if (f.orgUnitId) list.push(eb('task.orgUnitId', '=', f.orgUnitId));
    if (f.meetingId) list.push(eb('task.meetingId', '=', f.meetingId));
    if (f.overdue !== undefined) list.push(f.overdue ? overdueSql() : sql<SqlBool>`NOT ${overdueSql()}`);
    if (f.open !== undefined) list.push(f.open ? eb('task.status', '<>', 'done') : eb('task.status', '=', 'done'));
    if (f.q) list.push(eb('task.title', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`));
    return eb.and(list);
  };

  return {
    async findVisible(actor: Actor, id: string): Promise<TaskRow | undefined> {
      return base().where('task.id', '=', id).where((eb) => ownerVisible(eb, actor, 'task')).executeTakeFirst();
    },
    async list(actor: Actor, f: TaskFilter, page: { page: number; pageSize: number; sort?: string }) {
      const key = (page.sort?.replace(/^-/, '') ?? 'deadline') as keyof typeof sortColumns;
      const dir = page.sort?.startsWith('-') ? 'desc' : 'asc';
      const rows = await base().where(conditions(actor, f)).orderBy(sortColumns[key], dir).orderBy('task.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
      const count = await db.selectFrom('task').select((eb) => eb.fn.countAll<number>().as('n')).where(conditions(actor, f)).executeTakeFirstOrThrow();
      return { rows, total: Number(count.n) };
    },
    async all(actor: Actor, f: TaskFilter, cap = 5000): Promise<TaskRow[]> {
      return base().where(conditions(actor, f)).orderBy('task.deadline').orderBy('task.id').limit(cap).execute();
    },
    async ofMeeting(meetingId: string): Promise<TaskRow[]> {
      return base().where('task.meetingId', '=', meetingId).orderBy('task.deadline').execute();
    },
    async updates(taskId: string) {
      return db
        .selectFrom('taskUpdate')
        .leftJoin('appUser', 'appUser.id', 'taskUpdate.byUser')
        .selectAll('taskUpdate')
        .select('appUser.displayName as byName')
        .where('taskUpdate.taskId', '=', taskId)
        .orderBy('taskUpdate.at', 'desc')
        .execute();
    },
    async insert(row: TaskTable) {
      await db.insertInto('task').values(row).execute();
    },
    async update(id: string, patch: Partial<TaskTable>) {
      await db.updateTable('task').set(patch).where('id', '=', id).execute();
    },
    async insertUpdate(row: TaskUpdateTable) {
      await db.insertInto('taskUpdate').values(row).execute();
    },
  };
}
