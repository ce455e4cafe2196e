import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import type { Executor } from '../../platform/db/database.js';
import type { Database, LectureRequestTable, LectureTopicTable } from '../../platform/db/schema.js';

export type TopicRow = LectureTopicTable & { requests: number; held: number; averageRating: number | null };
export type RequestRow = LectureRequestTable & {
  topicTitle: string;
  schoolApproved: number;
  orgUnitName: string;
  orgUnitKind: string;
  orgUnitPath: string;
  requestedByName: string | null;
  lecturerName: string | null;
  lecturerUserId: string | null;
};

/**
 * Lecture requests an actor may see: those of org nodes in scope (the requester's side and the office),
 * and, for a lecturer (volunteer account), those assigned to them.
 */
export function lectureRequestVisible(eb: ExpressionBuilder<Database, any>, actor: Actor): Expression<SqlBool> {
  return eb.or([
    inOrgScope(eb, actor, 'lectureRequest.orgUnitId'),
    sql<SqlBool>`lecture_request.lecturer_id IN (SELECT id FROM volunteer WHERE user_id = ${actor.userId})`,
  ]);
}

const requestSort = { preferredDate: 'lectureRequest.preferredDate', createdAt: 'lectureRequest.createdAt', status: 'lectureRequest.status' } as const;

export function lectureRepository(db: Executor) {
  const topicBase = () =>
    db
      .selectFrom('lectureTopic')
      .selectAll('lectureTopic')
      .select([
        sql<number>`(SELECT COUNT(*) FROM lecture_request r WHERE r.topic_id = lecture_topic.id AND r.status <> 'cancelled')`.as('requests'),
        sql<number>`(SELECT COUNT(*) FROM lecture_request r WHERE r.topic_id = lecture_topic.id AND r.status = 'held')`.as('held'),
        sql<number | null>`(SELECT AVG(r.rating * 1.0) FROM lecture_request r WHERE r.topic_id = lecture_topic.id AND r.rating IS NOT NULL)`.as('averageRating'),
      ]);
  const normTopic = (r: TopicRow): TopicRow => ({ ...r, requests: Number(r.requests), held: Number(r.held), averageRating: r.averageRating === null ? null : Math.round(Number(r.averageRating) * 10) / 10 });

  const requestBase = () =>
    db
      .selectFrom('lectureRequest')
      .innerJoin('lectureTopic', 'lectureTopic.id', 'lectureRequest.topicId')
      .innerJoin('orgUnit', 'orgUnit.id', 'lectureRequest.orgUnitId')
      .leftJoin('appUser', 'appUser.id', 'lectureRequest.requestedBy')
      .leftJoin('volunteer', 'volunteer.id', 'lectureRequest.lecturerId')
      .selectAll('lectureRequest')
      .select([
        'lectureTopic.title as topicTitle', 'lectureTopic.schoolApproved', 'orgUnit.name as orgUnitName', 'orgUnit.kind as orgUnitKind', 'orgUnit.path as orgUnitPath',
        'appUser.displayName as requestedByName', 'volunteer.name as lecturerName', 'volunteer.userId as lecturerUserId',
      ]);

  return {
    async topic(id: string): Promise<TopicRow | undefined> {
      const r = await topicBase().where('lectureTopic.id', '=', id).executeTakeFirst();
      return r ? normTopic(r) : undefined;
    },
    async topics(filter: { q?: string; category?: string; audience?: string; status?: string }, sort?: string) {
      let q = topicBase();
      if (filter.q) q = q.where('lectureTopic.title', 'like', `%${filter.q.replace(/[%_\\]/g, '')}%`);
      if (filter.category) q = q.where('lectureTopic.category', '=', filter.category);
      if (filter.audience) q = q.where('lectureTopic.audiences', 'like', `%"${filter.audience}"%`);
      if (filter.status) q = q.where('lectureTopic.status', '=', filter.status);
      const key = sort?.replace(/^-/, '') ?? 'category';
      const dir = sort?.startsWith('-') ? 'desc' : 'asc';
      const col = key === 'requests' ? sql`requests` : key === 'title' ? sql.ref('lectureTopic.title') : sql.ref('lectureTopic.category');
      return (await q.orderBy(col, dir).orderBy('lectureTopic.title').limit(500).execute()).map(normTopic);
    },
    /** Lecturers of many topics at once. */
    async lecturersOf(topicIds: string[]) {
      if (!topicIds.length) return [];
      return db
        .selectFrom('lectureTopicLecturer')
        .innerJoin('volunteer', 'volunteer.id', 'lectureTopicLecturer.volunteerId')
        .select(['lectureTopicLecturer.topicId', 'volunteer.id', 'volunteer.name'])
        .where('lectureTopicLecturer.topicId', 'in', topicIds)
        .orderBy('volunteer.namePinyin')
        .execute();
    },
    async titleTaken(title: string, exceptId?: string) {
      let q = db.selectFrom('lectureTopic').select('id').where('title', '=', title);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return Boolean(await q.executeTakeFirst());
    },
    async servingVolunteers(ids: string[]) {
      if (!ids.length) return [];
      return db.selectFrom('volunteer').select(['id', 'name', 'userId']).where('id', 'in', ids).where('status', '=', 'active').execute();
    },
    async insertTopic(row: LectureTopicTable) {
      await db.insertInto('lectureTopic').values(row).execute();
    },
    async updateTopic(id: string, patch: Partial<LectureTopicTable>) {
      await db.updateTable('lectureTopic').set(patch).where('id', '=', id).execute();
    },
    async setLecturers(topicId: string, volunteerIds: string[]) {
      await db.deleteFrom('lectureTopicLecturer').where('topicId', '=', topicId).execute();
      if (volunteerIds.length) await db.insertInto('lectureTopicLecturer').values(volunteerIds.map((volunteerId) => ({ topicId, volunteerId }))).execute();
    },
    async isLecturer(topicId: string, volunteerId: string) {
      return Boolean(await db.selectFrom('lectureTopicLecturer').select('topicId').where('topicId', '=', topicId).where('volunteerId', '=', volunteerId).executeTakeFirst());
    },

    async request(actor: Actor, id: string): Promise<RequestRow | undefined> {
      return requestBase().where('lectureRequest.id', '=', id).where((eb) => lectureRequestVisible(eb, actor)).executeTakeFirst();
    },
    async requests(actor: Actor, f: { status?: string; topicId?: string; underPath?: string; mine?: boolean; q?: string }, page: { page: number; pageSize: number; sort?: string }) {
      const where = (eb: ExpressionBuilder<Database, any>) => {
        const c: Expression<SqlBool>[] = [lectureRequestVisible(eb, actor)];
        if (f.status) c.push(eb('lectureRequest.status', '=', f.status));
        if (f.topicId) c.push(eb('lectureRequest.topicId', '=', f.topicId));
        if (f.underPath) c.push(sql<SqlBool>`lecture_request.org_unit_id IN (SELECT id FROM org_unit WHERE path >= ${f.underPath} AND path < ${`${f.underPath.slice(0, -1)}0`})`);
        if (f.mine) c.push(sql<SqlBool>`lecture_request.lecturer_id IN (SELECT id FROM volunteer WHERE user_id = ${actor.userId})`);
        if (f.q) c.push(sql<SqlBool>`lecture_request.topic_id IN (SELECT id FROM lecture_topic WHERE title LIKE ${`%${f.q.replace(/[%_\\]/g, '')}%`})`);
        return eb.and(c);
      };
      const key = (page.sort?.replace(/^-/, '') ?? 'preferredDate') as keyof typeof requestSort;
      const dir = page.sort ? (page.sort.startsWith('-') ? 'desc' : 'asc') : 'desc';
      const rows = await requestBase().where(where).orderBy(requestSort[key], dir).orderBy('lectureRequest.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
      const n = await db.selectFrom('lectureRequest').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow();
      return { rows, total: Number(n.n) };
    },
    async insertRequest(row: LectureRequestTable) {
      await db.insertInto('lectureRequest').values(row).execute();
    },
    async updateRequest(id: string, patch: Partial<LectureRequestTable>) {
      await db.updateTable('lectureRequest').set({ ...patch, updatedAt: new Date().toISOString() }).where('id', '=', id).execute();
    },
    async orgUnit(id: string) {
      return db.selectFrom('orgUnit').select(['id', 'name', 'kind', 'path', 'status']).where('id', '=', id).executeTakeFirst();
    },
  };
}
