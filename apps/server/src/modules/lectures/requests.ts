import type { z } from 'zod';
import type { lectureAssign, lectureHeld, lectureRate, lectureRequestCreate, lectureRequestListQuery } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { pathInScope } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { saveActivity } from '../activities/index.js';
import { isActiveCampaign } from '../campaigns/index.js';
import { lectureRepository, type RequestRow } from './repository.js';
import { lectureRequestPolicy, type LectureRequestAction } from './policy.js';
import { presentRequest } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

/** Today in the county (UTC+8). */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** 菜单式宣讲: a unit requests a topic, the office assigns a lecturer, the lecturer confirms, it is held (an activity), it is rated. */
export function createLectureRequestService(platform: Platform) {
  const { db } = platform;
  const repo = lectureRepository(db);

  async function load(actor: Actor, id: string) {
    const r = await repo.request(actor, id);
    if (!r) throw new AppError('LECTURE_REQUEST_NOT_FOUND');
    return r;
  }
  /** The workflow step must be open to this actor now; otherwise 403 (no right) or 409 (wrong state). */
  function require(actor: Actor, r: RequestRow, action: LectureRequestAction) {
    if (lectureRequestPolicy[action](actor, r)) return;
    // Would the step be allowed in its proper state? Then it is the state that is wrong.
    // (The actor itself failed the rule, so any state that passes differs from the current one.)
    for (const status of ['requested', 'assigned', 'confirmed', 'held'] as const) {
      if (lectureRequestPolicy[action](actor, { ...r, status, rating: null })) throw new AppError('LECTURE_REQUEST_STATE');
    }
    throw new AppError('FORBIDDEN');
  }

  async function step(who: AuditActor, r: RequestRow, event: string, summary: string, patch: Parameters<ReturnType<typeof lectureRepository>['updateRequest']>[1], detail: Record<string, unknown> = {}) {
    await platform.transaction(who, async (trx, audit) => {
      await lectureRepository(trx).updateRequest(r.id, patch);
      await audit({ event, objectType: 'lectureRequest', objectId: r.id, summary, detail: { before: { status: r.status }, after: { status: patch.status ?? r.status }, ...detail } });
    });
  }

  return {
    async get(actor: Actor, id: string) {
      return presentRequest(actor, await load(actor, id));
    },

    async list(actor: Actor, query: z.output<typeof lectureRequestListQuery>) {
      let underPath: string | undefined;
      if (query.orgUnitId) {
        const node = await repo.orgUnit(query.orgUnitId);
        if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
        underPath = node.path;
      }
      const { rows, total } = await repo.requests(actor, { underPath, ...query }, query);
      return { items: rows.map((r) => presentRequest(actor, r)), total, page: query.page, pageSize: query.pageSize };
    },

    async create(actor: Actor, who: AuditActor, input: z.output<typeof lectureRequestCreate>) {
      const node = await repo.orgUnit(input.orgUnitId);
      if (!node || node.status !== 'active' || !pathInScope(actor.scope, node.id, node.path)) throw new AppError('ORG_UNIT_NOT_FOUND');
      const topic = await repo.topic(input.topicId);
      if (!topic || topic.status !== 'published') throw new AppError('LECTURE_TOPIC_NOT_FOUND');
      if (!(JSON.parse(topic.audiences) as string[]).includes(node.kind)) throw new AppError('LECTURE_TOPIC_AUDIENCE');
      // Schools limit outside visitors: only topics approved for schools may be booked by a school.
      if (node.kind === 'school' && !topic.schoolApproved) throw new AppError('LECTURE_TOPIC_NOT_APPROVED');
      if (input.preferredDate < today()) throw new AppError('VALIDATION_FAILED', '希望日期不能早于今天', [{ path: 'preferredDate', message: '希望日期不能早于今天' }]);
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        await lectureRepository(trx).insertRequest({
          id, topicId: topic.id, orgUnitId: node.id, requestedBy: actor.userId, preferredDate: input.preferredDate, preferredTime: input.preferredTime ?? null,
          audienceEstimate: input.audienceEstimate, note: input.note ?? null, status: 'requested', lecturerId: null, scheduledDate: null, assignedAt: null,
          assignedBy: null, confirmedAt: null, declineReason: null, activityId: null, rating: null, ratingComment: null, ratedAt: null, createdAt: now, updatedAt: now,
        });
        await audit({
          event: 'lectureRequest.create', objectType: 'lectureRequest', objectId: id, summary: `预约宣讲：${node.name}「${topic.title}」${input.preferredDate}`,
          detail: { after: { topicId: topic.id, orgUnitId: node.id, preferredDate: input.preferredDate, audienceEstimate: input.audienceEstimate, status: 'requested' } },
        });
      });
      return this.get(actor, id);
    },

    async assign(actor: Actor, who: AuditActor, id: string, input: z.output<typeof lectureAssign>) {
      const r = await load(actor, id);
      require(actor, r, 'assign');
      const [lecturer] = await repo.servingVolunteers([input.lecturerId]);
      if (!lecturer) throw new AppError('VOLUNTEER_NOT_IN_SERVICE', undefined, [{ path: 'lecturerId', message: '宣讲员不存在或不在服务状态' }]);
      if (!(await repo.isLecturer(r.topicId, lecturer.id))) throw new AppError('LECTURE_NOT_LECTURER', undefined, [{ path: 'lecturerId', message: '所选宣讲员不在该主题的宣讲员名单中' }]);
      await step(who, r, 'lectureRequest.assign', `派讲：「${r.topicTitle}」→ ${lecturer.name}，${input.scheduledDate}`, {
        status: 'assigned', lecturerId: lecturer.id, scheduledDate: input.scheduledDate, assignedAt: new Date().toISOString(), assignedBy: actor.userId, confirmedAt: null, declineReason: null,
      }, { lecturerId: lecturer.id, scheduledDate: input.scheduledDate, previousLecturerId: r.lecturerId });
      return this.get(actor, id);
    },

    async confirm(actor: Actor, who: AuditActor, id: string) {
      const r = await load(actor, id);
      require(actor, r, 'confirm');
      await step(who, r, 'lectureRequest.confirm', `宣讲员确认：「${r.topicTitle}」${r.scheduledDate}`, { status: 'confirmed', confirmedAt: new Date().toISOString() });
      return this.get(actor, id);
    },

    async decline(actor: Actor, who: AuditActor, id: string, reason: string) {
      const r = await load(actor, id);
      require(actor, r, 'decline');
      await step(who, r, 'lectureRequest.decline', `宣讲员不能前往：「${r.topicTitle}」`, { status: 'requested', lecturerId: null, scheduledDate: null, confirmedAt: null, declineReason: reason }, { reason });
      // The lecturer no longer sees it: answer what they last saw.
      return presentRequest(actor, { ...r, status: 'requested', lecturerId: null, lecturerName: null, lecturerUserId: null, declineReason: reason });
    },

    async cancel(actor: Actor, who: AuditActor, id: string, reason: string) {
      const r = await load(actor, id);
      require(actor, r, 'cancel');
      await step(who, r, 'lectureRequest.cancel', `取消宣讲预约：「${r.topicTitle}」`, { status: 'cancelled', declineReason: reason }, { reason });
      return this.get(actor, id);
    },

    /** Held: the lecture becomes an activity, the lecturer's hours and the campaign's totals follow, in one transaction. */
    async recordHeld(actor: Actor, who: AuditActor, id: string, input: z.output<typeof lectureHeld>) {
      const r = await load(actor, id);
      require(actor, r, 'recordHeld');
      if (input.date > today()) throw new AppError('VALIDATION_FAILED', '开讲日期不能晚于今天', [{ path: 'date', message: '开讲日期不能晚于今天' }]);
      if (input.campaignId && !(await isActiveCampaign(db, input.campaignId))) throw new AppError('ACTIVITY_REFERENCE_INVALID', '所选主题活动不存在或已停用', [{ path: 'campaignId', message: '所选主题活动不存在或已停用' }]);
      const activityId = newId();
      await platform.transaction(who, async (trx, audit) => {
        await saveActivity(trx, {
          id: activityId, isNew: true, createdBy: actor.userId,
          values: {
            type: 'lecture', studyLevel: null, title: `宣讲：${r.topicTitle}`, activityDate: input.date, startTime: input.startTime ?? null, endTime: null,
            orgUnitId: r.orgUnitId, memberUnitId: null, venue: r.orgUnitName, baseId: null, campaignId: input.campaignId ?? null, lectureRequestId: r.id,
            audienceStudents: input.audienceStudents, audienceYouth: input.audienceYouth, audienceOther: input.audienceOther, summary: input.summary ?? null,
            photoUploadIds: JSON.stringify(input.photoUploadIds), fileUploadIds: '[]',
          },
          participants: [{ volunteerId: r.lecturerId!, hours: input.hours, role: 'lecturer' }],
        });
        await lectureRepository(trx).updateRequest(r.id, { status: 'held', activityId });
        await audit({
          event: 'lectureRequest.held', objectType: 'lectureRequest', objectId: r.id, summary: `宣讲已开讲：${r.orgUnitName}「${r.topicTitle}」${input.date}`,
          detail: { before: { status: r.status }, after: { status: 'held', activityId, date: input.date, hours: input.hours, lecturerId: r.lecturerId, campaignId: input.campaignId ?? null, audience: input.audienceStudents + input.audienceYouth + input.audienceOther } },
        });
      });
      return this.get(actor, id);
    },

    async rate(actor: Actor, who: AuditActor, id: string, input: z.output<typeof lectureRate>) {
      const r = await load(actor, id);
      require(actor, r, 'rate');
      await step(who, r, 'lectureRequest.rate', `评价宣讲：「${r.topicTitle}」${input.rating} 分`, { rating: input.rating, ratingComment: input.comment ?? null, ratedAt: new Date().toISOString() }, { rating: input.rating });
      return this.get(actor, id);
    },
  };
}
