import type { z } from 'zod';
import { lectureCategoryLabels, type lectureTopicCreate, type lectureTopicListQuery, type lectureTopicUpdate } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import type { LectureTopicTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { lectureRepository, type TopicRow } from './repository.js';
import { lectureTopicPolicy } from './policy.js';
import { presentTopic } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

/** The lecture menu: topics and their lecturers (serving elders of the 宣讲团). */
export function createLectureTopicService(platform: Platform) {
  const repo = lectureRepository(platform.db);

  async function load(id: string) {
    const t = await repo.topic(id);
    if (!t) throw new AppError('LECTURE_TOPIC_NOT_FOUND');
    return t;
  }
  async function present(actor: Actor, rows: TopicRow[]) {
    const lecturers = await repo.lecturersOf(rows.map((r) => r.id));
    return rows.map((r) => presentTopic(actor, r, lecturers));
  }
  async function checkLecturers(ids: string[]) {
    const unique = [...new Set(ids)];
    if ((await repo.servingVolunteers(unique)).length !== unique.length) {
      throw new AppError('VOLUNTEER_NOT_IN_SERVICE', undefined, [{ path: 'lecturerIds', message: '有宣讲员不存在或不在服务状态' }]);
    }
    return unique;
  }

  return {
    load,
    async get(actor: Actor, id: string) {
      return (await present(actor, [await load(id)]))[0];
    },
    async list(actor: Actor, query: z.output<typeof lectureTopicListQuery>) {
      // Those who do not run the menu see only what is on it.
      const status = actor.permissions.has('lecture:manage') ? query.status : 'published';
      const rows = await repo.topics({ ...query, status }, query.sort);
      const start = (query.page - 1) * query.pageSize;
      return { items: await present(actor, rows.slice(start, start + query.pageSize)), total: rows.length, page: query.page, pageSize: query.pageSize };
    },
    async create(actor: Actor, who: AuditActor, input: z.output<typeof lectureTopicCreate>) {
      if (await repo.titleTaken(input.title)) throw new AppError('LECTURE_TOPIC_TITLE_TAKEN', undefined, [{ path: 'title', message: '菜单中已有同名宣讲主题' }]);
      const lecturerIds = await checkLecturers(input.lecturerIds);
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        const r = lectureRepository(trx);
        await r.insertTopic({
          id, title: input.title, category: input.category, summary: input.summary ?? null, audiences: JSON.stringify([...new Set(input.audiences)]),
          durationMinutes: input.durationMinutes, schoolApproved: input.schoolApproved ? 1 : 0, status: 'published', createdAt: now, updatedAt: now, createdBy: actor.userId,
        });
        await r.setLecturers(id, lecturerIds);
        await audit({ event: 'lectureTopic.create', objectType: 'lectureTopic', objectId: id, summary: `新增宣讲主题：${input.title}（${lectureCategoryLabels[input.category]}）`, detail: { after: input } });
      });
      return this.get(actor, id);
    },
    async update(actor: Actor, who: AuditActor, id: string, input: z.output<typeof lectureTopicUpdate>) {
      const row = await load(id);
      if (!lectureTopicPolicy.update(actor, row)) throw new AppError('FORBIDDEN');
      if (input.title && (await repo.titleTaken(input.title, id))) throw new AppError('LECTURE_TOPIC_TITLE_TAKEN', undefined, [{ path: 'title', message: '菜单中已有同名宣讲主题' }]);
      const lecturerIds = input.lecturerIds ? await checkLecturers(input.lecturerIds) : undefined;
      const patch: Partial<LectureTopicTable> = {
        ...(input.title !== undefined && { title: input.title }),
        ...(input.category !== undefined && { category: input.category }),
        ...('summary' in input && { summary: input.summary ?? null }),
        ...(input.audiences !== undefined && { audiences: JSON.stringify([...new Set(input.audiences)]) }),
        ...(input.durationMinutes !== undefined && { durationMinutes: input.durationMinutes }),
        ...(input.schoolApproved !== undefined && { schoolApproved: input.schoolApproved ? 1 : 0 }),
        ...(input.status !== undefined && { status: input.status }),
      };
      const { requests: _r, held: _h, averageRating: _a, ...before } = row;
      const diff = changes(before as unknown as Record<string, unknown>, patch);
      const oldLecturers = lecturerIds ? (await repo.lecturersOf([id])).map((l) => l.id) : undefined;
      await platform.transaction(who, async (trx, audit) => {
        const r = lectureRepository(trx);
        await r.updateTopic(id, { ...patch, updatedAt: new Date().toISOString() });
        if (lecturerIds) await r.setLecturers(id, lecturerIds);
        await audit({
          event: 'lectureTopic.update', objectType: 'lectureTopic', objectId: id, summary: `编辑宣讲主题：${row.title}`,
          detail: { before: { ...diff.before, ...(oldLecturers && { lecturerIds: oldLecturers }) }, after: { ...diff.after, ...(lecturerIds && { lecturerIds }) } },
        });
      });
      return this.get(actor, id);
    },
  };
}
