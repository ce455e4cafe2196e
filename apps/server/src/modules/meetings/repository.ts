import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { Executor } from '../../platform/db/database.js';
import type { Database, MeetingTable } from '../../platform/db/schema.js';

export type MeetingRow = MeetingTable & { orgUnitName: string; invitedCount: number; presentCount: number; taskCount: number; openTaskCount: number };

/** Meetings an actor may see: the office all; a member-unit liaison those their unit is invited to; others by org scope. */
export function meetingVisible(eb: ExpressionBuilder<Database, 'meeting'>, actor: Actor): Expression<SqlBool> {
  if (actor.scope.all) return sql<SqlBool>`1 = 1`;
  const parts: Expression<SqlBool>[] = [inOrgScope(eb, actor, 'meeting.orgUnitId')];
  if (actor.memberUnitId) parts.push(sql<SqlBool>`meeting.id IN (SELECT mi.meeting_id FROM meeting_invitee mi WHERE mi.member_unit_id = ${actor.memberUnitId})`);
  return eb.or(parts);
}

export interface MeetingFilter {
  from?: string;
  to?: string;
  status?: string;
  q?: string;
}
const sortColumns = { meetingDate: 'meeting.meetingDate', title: 'meeting.title' } as const;

export function meetingRepository(db: Executor) {
  const base = () =>
    db
      .selectFrom('meeting')
      .innerJoin('orgUnit', 'orgUnit.id', 'meeting.orgUnitId')
      .selectAll('meeting')
      .select([
        'orgUnit.name as orgUnitName',
        sql<number>`(SELECT COUNT(*) FROM meeting_invitee mi WHERE mi.meeting_id = meeting.id)`.as('invitedCount'),
        sql<number>`(SELECT COUNT(*) FROM meeting_invitee mi WHERE mi.meeting_id = meeting.id AND mi.attendance = 'present')`.as('presentCount'),
        sql<number>`(SELECT COUNT(*) FROM task t WHERE t.meeting_id = meeting.id)`.as('taskCount'),
        sql<number>`(SELECT COUNT(*) FROM task t WHERE t.meeting_id = meeting.id AND t.status <> 'done')`.as('openTaskCount'),
      ]);
  const fix = <T extends { invitedCount: unknown; presentCount: unknown; taskCount: unknown; openTaskCount: unknown }>(r: T) => ({
    ...r, invitedCount: Number(r.invitedCount), presentCount: Number(r.presentCount), taskCount: Number(r.taskCount), openTaskCount: Number(r.openTaskCount),
  });
  const conditions = (actor: Actor, f: MeetingFilter) => (eb: ExpressionBuilder<Database, 'meeting'>) => {
    const list: Expression<SqlBool>[] = [meetingVisible(eb, actor)];
    if (f.from) list.push(eb('meeting.meetingDate', '>=', f.from));
    if (f.to) list.push(eb('meeting.meetingDate', '<=', f.to));
    if (f.status) list.push(eb('meeting.status', '=', f.status));
    if (f.q) list.push(eb('meeting.title', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`));
    return eb.and(list);
  };

  return {
    async findVisible(actor: Actor, id: string): Promise<MeetingRow | undefined> {
      const row = await base().where('meeting.id', '=', id).where((eb) => meetingVisible(eb as never, actor)).executeTakeFirst();
      return row ? fix(row) : undefined;
    },
    async list(actor: Actor, f: MeetingFilter, page: { page: number; pageSize: number; sort?: string }) {
      const key = (page.sort?.replace(/^-/, '') ?? 'meetingDate') as keyof typeof sortColumns;
      const dir = page.sort ? (page.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
      const rows = await base()
        .where((eb) => conditions(actor, f)(eb as never))
        .orderBy(sortColumns[key], dir)
        .orderBy('meeting.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      const count = await db.selectFrom('meeting').select((eb) => eb.fn.countAll<number>().as('n')).where(conditions(actor, f)).executeTakeFirstOrThrow();
      return { rows: rows.map(fix), total: Number(count.n) };
    },
    async invitees(meetingId: string) {
      return db
        .selectFrom('meetingInvitee')
        .innerJoin('memberUnit', 'memberUnit.id', 'meetingInvitee.memberUnitId')
        .select(['meetingInvitee.memberUnitId', 'memberUnit.name', 'meetingInvitee.attendance', 'meetingInvitee.attendee'])
        .where('meetingInvitee.meetingId', '=', meetingId)
        .orderBy('memberUnit.sortOrder')
        .orderBy('memberUnit.name')
        .execute();
    },
    async decisions(meetingId: string) {
      return db.selectFrom('meetingDecision').selectAll().where('meetingId', '=', meetingId).orderBy('sortOrder').orderBy('createdAt').execute();
    },
    async activeMemberUnits(ids: string[]) {
      if (!ids.length) return [];
      return db.selectFrom('memberUnit').select(['id', 'name']).where('id', 'in', ids).where('status', '=', 'active').execute();
    },
    async insert(row: MeetingTable) {
      await db.insertInto('meeting').values(row).execute();
    },
    async update(id: string, patch: Partial<MeetingTable>) {
      await db.updateTable('meeting').set(patch).where('id', '=', id).execute();
    },
    /** Keep the attendance of units still invited; add the new ones as invited; drop the rest. */
    async setInvitees(meetingId: string, memberUnitIds: string[]) {
      const current = await db.selectFrom('meetingInvitee').select('memberUnitId').where('meetingId', '=', meetingId).execute();
      const keep = new Set(memberUnitIds);
      const drop = current.filter((c) => !keep.has(c.memberUnitId)).map((c) => c.memberUnitId);
      if (drop.length) await db.deleteFrom('meetingInvitee').where('meetingId', '=', meetingId).where('memberUnitId', 'in', drop).execute();
      const have = new Set(current.map((c) => c.memberUnitId));
      const add = memberUnitIds.filter((id) => !have.has(id));
      if (add.length) await db.insertInto('meetingInvitee').values(add.map((memberUnitId) => ({ meetingId, memberUnitId, attendance: 'invited', attendee: null }))).execute();
    },
    async setAttendance(meetingId: string, memberUnitId: string, attendance: string, attendee: string | null) {
      const r = await db.updateTable('meetingInvitee').set({ attendance, attendee }).where('meetingId', '=', meetingId).where('memberUnitId', '=', memberUnitId).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async insertDecision(row: { id: string; meetingId: string; content: string; sortOrder: number; createdAt: string }) {
      await db.insertInto('meetingDecision').values(row).execute();
    },
    async nextDecisionOrder(meetingId: string) {
      const r = await db.selectFrom('meetingDecision').select((eb) => eb.fn.max<number>('sortOrder').as('m')).where('meetingId', '=', meetingId).executeTakeFirst();
      return Number(r?.m ?? 0) + 10;
    },
  };
}
