import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { TrainingClassTable, TrainingEnrolmentTable } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/actor.js';
import { subtreeUpperBound } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';

export type ClassRow = TrainingClassTable & { orgUnitName: string; enrolled: number; waiting: number; completed: number; sessionCount: number };
export type EnrolmentRow = TrainingEnrolmentTable;

const sortColumns = {
  startDate: 'trainingClass.startDate',
  title: 'trainingClass.title',
  status: 'trainingClass.status',
  capacity: 'trainingClass.capacity',
} as const;

export interface ClassFilter {
  q?: string;
  status?: string;
  industry?: string;
  year?: number;
  underPath?: string;
}

const countOf = (status: string) =>
  sql<number>`(SELECT COUNT(*) FROM training_enrolment e WHERE e.class_id = training_class.id AND e.status = ${status})`;

/** All SQL for classes and trainees. Reads take the actor: a class out of scope (and its trainees) is "not found". */
export function trainingRepository(db: Executor) {
  const base = (actor: Actor) =>
    db
      .selectFrom('trainingClass')
      .innerJoin('orgUnit', 'orgUnit.id', 'trainingClass.orgUnitId')
      .selectAll('trainingClass')
      .select('orgUnit.name as orgUnitName')
      .select(sql<number>`(SELECT COUNT(*) FROM training_enrolment e WHERE e.class_id = training_class.id AND e.status IN ('enrolled', 'completed', 'not_completed'))`.as('enrolled'))
      .select(countOf('waiting').as('waiting'))
      .select(countOf('completed').as('completed'))
      .select(sql<number>`(SELECT COUNT(*) FROM training_session s WHERE s.class_id = training_class.id)`.as('sessionCount'))
      .where((eb) => inOrgScope(eb, actor, 'trainingClass.orgUnitId'));

  const numeric = <T extends { enrolled: unknown; waiting: unknown; completed: unknown; sessionCount: unknown }>(r: T) =>
    ({ ...r, enrolled: Number(r.enrolled), waiting: Number(r.waiting), completed: Number(r.completed), sessionCount: Number(r.sessionCount) });

  function applyFilter<Q extends { where: (...args: any[]) => any }>(query: Q, f: ClassFilter): Q {
    let r = query as any;
    if (f.q) r = r.where((eb: any) => eb.or([eb('trainingClass.title', 'like', `%${f.q!.replace(/[%_\\]/g, '')}%`), eb('trainingClass.skill', 'like', `%${f.q!.replace(/[%_\\]/g, '')}%`)]));
    if (f.status) r = r.where('trainingClass.status', '=', f.status);
    if (f.industry) r = r.where('trainingClass.industry', '=', f.industry);
    if (f.year) r = r.where('trainingClass.startDate', '>=', `${f.year}-01-01`).where('trainingClass.startDate', '<=', `${f.year}-12-31`);
    if (f.underPath) r = r.where(sql<SqlBool>`training_class.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${f.underPath} AND path < ${subtreeUpperBound(f.underPath)})`);
    return r as Q;
  }

  return {
    async findVisible(actor: Actor, id: string): Promise<ClassRow | undefined> {
      const row = await base(actor).where('trainingClass.id', '=', id).executeTakeFirst();
      return row ? (numeric(row) as ClassRow) : undefined;
    },

    async list(actor: Actor, f: ClassFilter, page: { page: number; pageSize: number; sort?: string }) {
      const key = (page.sort?.replace(/^-/, '') ?? 'startDate') as keyof typeof sortColumns;
      const dir = page.sort ? (page.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
      const rows = await applyFilter(base(actor), f)
        .orderBy(sortColumns[key], dir)
        .orderBy('trainingClass.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      const count = await applyFilter(
        db.selectFrom('trainingClass').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => inOrgScope(eb, actor, 'trainingClass.orgUnitId')),
        f,
      ).executeTakeFirstOrThrow();
      return { rows: rows.map(numeric) as ClassRow[], total: Number(count.n) };
    },

    async partnersOf(classIds: string[]) {
      if (!classIds.length) return new Map<string, { id: string; name: string }[]>();
      const rows = await db
        .selectFrom('trainingClassPartner as p')
        .innerJoin('memberUnit as m', 'm.id', 'p.memberUnitId')
        .select(['p.classId', 'm.id', 'm.name'])
        .where('p.classId', 'in', classIds)
        .orderBy('m.sortOrder')
        .orderBy('m.name')
        .execute();
      const map = new Map<string, { id: string; name: string }[]>();
      for (const r of rows) map.set(r.classId, [...(map.get(r.classId) ?? []), { id: r.id, name: r.name }]);
      return map;
    },

    async trainersOf(classIds: string[]) {
      if (!classIds.length) return new Map<string, { id: string; name: string; volunteerId: string | null }[]>();
      const rows = await db.selectFrom('trainingTrainer').select(['id', 'classId', 'name', 'volunteerId']).where('classId', 'in', classIds).orderBy('sortOrder').execute();
      const map = new Map<string, { id: string; name: string; volunteerId: string | null }[]>();
      for (const r of rows) map.set(r.classId, [...(map.get(r.classId) ?? []), { id: r.id, name: r.name, volunteerId: r.volunteerId }]);
      return map;
    },

    async enrolmentsOf(classId: string): Promise<EnrolmentRow[]> {
      return db.selectFrom('trainingEnrolment').selectAll().where('classId', '=', classId).orderBy('queuedAt').orderBy('id').execute();
    },

    async enrolment(classId: string, id: string): Promise<EnrolmentRow | undefined> {
      return db.selectFrom('trainingEnrolment').selectAll().where('classId', '=', classId).where('id', '=', id).executeTakeFirst();
    },

    async sessionsOf(classId: string) {
      return db
        .selectFrom('trainingSession as s')
        .leftJoin('trainingTrainer as t', 't.id', 's.trainerId')
        .select(['s.id', 's.sessionDate', 's.topic', 's.hoursTenths', 's.trainerId', 's.heldAt', 't.name as trainerName', 't.volunteerId'])
        .where('s.classId', '=', classId)
        .orderBy('s.sessionDate')
        .orderBy('s.createdAt')
        .execute();
    },

    async attendanceOf(classId: string) {
      return db
        .selectFrom('trainingAttendance as a')
        .innerJoin('trainingSession as s', 's.id', 'a.sessionId')
        .select(['a.sessionId', 'a.enrolmentId', 'a.present'])
        .where('s.classId', '=', classId)
        .execute();
    },

    async followUpsOf(enrolmentIds: string[]) {
      if (!enrolmentIds.length) return [];
      return db.selectFrom('trainingFollowUp').selectAll().where('enrolmentId', 'in', enrolmentIds).orderBy('month').execute();
    },
  };
}
