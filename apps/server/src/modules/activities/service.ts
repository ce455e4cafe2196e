import type { z } from 'zod';
import { activityTypeLabels, type activityCalendarQuery, type activityCreate, type activityListQuery, type activitySummaryQuery, type activityUpdate, type ActivityType } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import { orgNodesById } from '../../platform/authz/orgNodes.js';
import { AppError } from '../../platform/errors.js';
import { activityRepository, participantOrder, type ActivityFilter, type ActivityRow } from './repository.js';
import { activityPolicy, mayRecordAt } from './policy.js';
import { presentActivity } from './presenter.js';
import { deleteActivity, saveActivity, type ActivityValues } from './write.js';
import { statsAnswer, statsByNode, statsByTypeAndMonth, volunteerTotals } from './stats.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof activityCreate>;
type UpdateInput = z.output<typeof activityUpdate>;
type ListQuery = z.output<typeof activityListQuery>;
type Filters = Omit<ListQuery, 'page' | 'pageSize' | 'sort'>;

const refError = (path: string, message: string) => new AppError('ACTIVITY_REFERENCE_INVALID', message, [{ path, message }]);

export function createActivityService(platform: Platform) {
  const { db } = platform;
  const repo = activityRepository(db);

  async function load(actor: Actor, id: string): Promise<ActivityRow> {
    const row = await repo.findVisible(actor, id);
    if (!row) throw new AppError('ACTIVITY_NOT_FOUND');
    return row;
  }

  async function present(actor: Actor, rows: ActivityRow[]) {
    const participants = await repo.volunteersOf(rows.map((r) => r.id));
    return rows.map((r) => presentActivity(actor, r, participants));
  }

  /** Turn list filters into repository filters (the org filter becomes a path range, from the kept org nodes). */
  async function filterOf(query: Filters): Promise<ActivityFilter> {
    let underPath: string | undefined;
    if (query.orgUnitId) {
      const node = (await orgNodesById(db, [query.orgUnitId])).get(query.orgUnitId);
      if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
      underPath = node.path;
    }
    return { underPath, ...query };
  }

  /**
   * Check everything the activity points to; answers the values to write, and the names found on the way (the new
   * activity is shown from them, not read back: three queries fewer a create, issue 10).
   */
  async function resolve(actor: Actor, merged: CreateInput, forNew: boolean) {
    if (merged.startTime && merged.endTime && merged.endTime < merged.startTime) throw new AppError('VALIDATION_FAILED', '结束时间不能早于开始时间', [{ path: 'endTime', message: '结束时间不能早于开始时间' }]);
    const memberUnitId = merged.memberUnitId ?? (forNew && actor.memberUnitId && !actor.orgUnitId ? actor.memberUnitId : null);
    const node = await repo.orgUnit(merged.orgUnitId);
    if (!node || node.status !== 'active') throw refError('orgUnitId', '所选组织不存在或已停用');
    if (!mayRecordAt(actor, node, memberUnitId)) throw new AppError('ORG_UNIT_NOT_FOUND');
    const memberUnit = memberUnitId ? await repo.activeMemberUnit(memberUnitId) : undefined;
    if (memberUnitId && !memberUnit) throw refError('memberUnitId', '所选成员单位不存在或已停用');
    const base = merged.baseId ? await repo.activeBase(merged.baseId) : undefined;
    if (merged.baseId && !base) throw refError('baseId', '所选教育基地不存在或已停用');
    const campaign = merged.campaignId ? await repo.activeCampaign(merged.campaignId) : undefined;
    if (merged.campaignId && !campaign) throw refError('campaignId', '所选主题活动不存在或已停用');
    const ids = merged.volunteers.map((v) => v.volunteerId);
    if (new Set(ids).size !== ids.length) throw refError('volunteers', '同一志愿者只能填写一次');
    const serving = await repo.servingVolunteers(ids);
    if (serving.length !== ids.length) throw new AppError('VOLUNTEER_NOT_IN_SERVICE', undefined, [{ path: 'volunteers', message: '有志愿者不存在或不在服务状态' }]);
    const uploads = [...new Set([...merged.photoUploadIds, ...merged.fileUploadIds])];
    const visible = await repo.visibleUploads(actor, uploads, (eb) => inOrgScope(eb, actor, 'upload.orgUnitId'));
    if (visible.length !== uploads.length) throw new AppError('UPLOAD_NOT_FOUND', undefined, [{ path: 'photoUploadIds', message: '照片或附件不存在，请重新上传' }]);
    const values: ActivityValues = {
      type: merged.type, studyLevel: merged.type === 'studySession' ? (merged.studyLevel ?? null) : null, title: merged.title,
      activityDate: merged.date, startTime: merged.startTime ?? null, endTime: merged.endTime ?? null, orgUnitId: node.id,
      memberUnitId, venue: merged.venue ?? null, baseId: merged.baseId ?? null, campaignId: merged.campaignId ?? null,
      lectureRequestId: null, audienceStudents: merged.audienceStudents, audienceYouth: merged.audienceYouth, audienceOther: merged.audienceOther,
      summary: merged.summary ?? null, photoUploadIds: JSON.stringify([...new Set(merged.photoUploadIds)]), fileUploadIds: JSON.stringify([...new Set(merged.fileUploadIds)]),
    };
    const names = { orgUnitName: node.name, memberUnitName: memberUnit?.name ?? null, baseName: base?.name ?? null, campaignName: campaign?.name ?? null };
    return { values, names, serving };
  }

  /** The activity just written, as a read would show it, from what `resolve` found (no read back). */
  function presentWritten(actor: Actor, id: string, r: Awaited<ReturnType<typeof resolve>>, participants: CreateInput['volunteers'], written: { audienceTotal: number; at: string }, createdBy: string) {
    const people = new Map(r.serving.map((v) => [v.id, v]));
    const rows = participants
      .map((p) => ({ activityId: id, volunteerId: p.volunteerId, role: p.role, hoursTenths: Math.round(p.hours * 10), name: people.get(p.volunteerId)!.name, pinyin: people.get(p.volunteerId)!.namePinyin }))
      .sort(participantOrder);
    const row: ActivityRow = { id, audienceTotal: written.audienceTotal, createdAt: written.at, updatedAt: written.at, createdBy, ...r.values, ...r.names };
    return presentActivity(actor, row, rows);
  }

  const auditView = (v: ActivityValues, volunteers?: { volunteerId: string; hours: number }[]) => ({
    type: v.type, title: v.title, date: v.activityDate, orgUnitId: v.orgUnitId, memberUnitId: v.memberUnitId, baseId: v.baseId, campaignId: v.campaignId,
    audience: Number(v.audienceStudents) + Number(v.audienceYouth) + Number(v.audienceOther),
    ...(volunteers ? { volunteers: volunteers.map((x) => ({ volunteerId: x.volunteerId, hours: x.hours })) } : {}),
  });

  return {
    load,

    async get(actor: Actor, id: string) {
      return (await present(actor, [await load(actor, id)]))[0];
    },

    async list(actor: Actor, query: ListQuery) {
      const { rows, total, participants } = await repo.list(actor, await filterOf(query), query);
      return { items: rows.map((r) => presentActivity(actor, r, participants)), total, page: query.page, pageSize: query.pageSize };
    },

    async calendar(actor: Actor, query: z.output<typeof activityCalendarQuery>) {
      const { month, ...rest } = query;
      const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
      const f = await filterOf(rest);
      const from = [f.from, `${month}-01`].filter(Boolean).sort().at(-1);
      const to = [f.to, `${month}-${String(last).padStart(2, '0')}`].filter(Boolean).sort()[0];
      const rows = await repo.calendar(actor, { ...f, from, to });
      return { month, days: rows.map((r) => ({ date: r.date, count: Number(r.count), audience: Number(r.audience ?? 0) })) };
    },

    /** `volunteers: false` (the dashboard) skips the distinct-volunteer count, which no summary table can add up. */
    async summary(actor: Actor, query: z.output<typeof activitySummaryQuery>, opts: { volunteers?: boolean } = {}) {
      const f = await filterOf(query);
      if (statsAnswer(actor, f)) {
        // Whole months, by node and type: the summary table (stats.ts) answers without scanning activities.
        const s = await statsByTypeAndMonth(db, actor, f);
        const v = opts.volunteers === false ? { volunteers: 0, volunteerHours: 0 } : await volunteerTotals(db, actor, f);
        return {
          totals: { activities: s.activities, audience: s.audience, ...v },
          byType: s.byType.map((r) => ({ type: r.type as ActivityType, activities: r.activities, audience: r.audience })),
          byMonth: s.byMonth,
        };
      }
      const [totals, byType, byMonth] = [await repo.totals(actor, f), await repo.byType(actor, f), await repo.byMonth(actor, f)];
      return {
        totals,
        byType: byType.map((r) => ({ type: r.type as ActivityType, activities: Number(r.activities), audience: Number(r.audience ?? 0) })),
        byMonth: byMonth.map((r) => ({ month: r.month, activities: Number(r.activities), audience: Number(r.audience ?? 0) })),
      };
    },

    /** Activities and audience per org node over a period (the summary's totals, node by node), for reports. */
    async summaryByNode(actor: Actor, query: { from?: string; to?: string }): Promise<Map<string, { activities: number; audience: number }>> {
      const f = await filterOf(query);
      const rows = statsAnswer(actor, f) ? await statsByNode(db, actor, f) : await repo.byNode(actor, f);
      return new Map(rows.filter((r) => Number(r.activities)).map((r) => [r.orgUnitId, { activities: Number(r.activities), audience: Number(r.audience ?? 0) }]));
    },

    volunteerOptions: (q: string | undefined) => repo.volunteerOptions(q, 30),

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const resolved = await resolve(actor, input, true);
      const { values } = resolved;
      const id = newId();
      const written = await platform.transaction(who, async (trx, audit) => {
        const saved = await saveActivity(trx, { id, values, participants: input.volunteers, createdBy: actor.userId, isNew: true });
        await audit({
          event: 'activity.create', objectType: 'activity', objectId: id,
          summary: `登记活动：${values.activityDate} ${values.title}（${activityTypeLabels[input.type]}）`,
          detail: { after: auditView(values, input.volunteers) },
        });
        return saved;
      });
      return presentWritten(actor, id, resolved, input.volunteers, written, actor.userId);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      if (!activityPolicy.update(actor, row)) throw new AppError('FORBIDDEN');
      const current = await repo.participants(id);
      const merged: CreateInput = {
        type: input.type ?? (row.type as ActivityType),
        studyLevel: 'studyLevel' in input ? input.studyLevel : (row.studyLevel as CreateInput['studyLevel']),
        title: input.title ?? row.title,
        date: input.date ?? row.activityDate,
        startTime: 'startTime' in input ? input.startTime : row.startTime,
        endTime: 'endTime' in input ? input.endTime : row.endTime,
        orgUnitId: input.orgUnitId ?? row.orgUnitId,
        memberUnitId: 'memberUnitId' in input ? input.memberUnitId : row.memberUnitId,
        venue: 'venue' in input ? input.venue : (row.venue ?? undefined),
        baseId: 'baseId' in input ? input.baseId : row.baseId,
        campaignId: 'campaignId' in input ? input.campaignId : row.campaignId,
        audienceStudents: input.audienceStudents ?? Number(row.audienceStudents),
        audienceYouth: input.audienceYouth ?? Number(row.audienceYouth),
        audienceOther: input.audienceOther ?? Number(row.audienceOther),
        summary: 'summary' in input ? input.summary : (row.summary ?? undefined),
        photoUploadIds: input.photoUploadIds ?? (JSON.parse(row.photoUploadIds) as string[]),
        fileUploadIds: input.fileUploadIds ?? (JSON.parse(row.fileUploadIds) as string[]),
        volunteers: input.volunteers ?? current.map((p) => ({ volunteerId: p.volunteerId, hours: p.hoursTenths / 10, role: p.role as 'lecturer' | 'participant' })),
      };
      // Unchanged uploads were checked when they were attached; only new ones are checked now.
      const oldUploads = new Set([...(JSON.parse(row.photoUploadIds) as string[]), ...(JSON.parse(row.fileUploadIds) as string[])]);
      const { values } = await resolve(actor, { ...merged, photoUploadIds: merged.photoUploadIds.filter((u) => !oldUploads.has(u)), fileUploadIds: merged.fileUploadIds.filter((u) => !oldUploads.has(u)) }, false);
      values.photoUploadIds = JSON.stringify([...new Set(merged.photoUploadIds)]);
      values.fileUploadIds = JSON.stringify([...new Set(merged.fileUploadIds)]);
      values.lectureRequestId = row.lectureRequestId;
      const before = auditView({ ...row }, current.map((p) => ({ volunteerId: p.volunteerId, hours: p.hoursTenths / 10 })));
      await platform.transaction(who, async (trx, audit) => {
        await saveActivity(trx, { id, values, participants: merged.volunteers, createdBy: actor.userId, isNew: false });
        await audit({ event: 'activity.update', objectType: 'activity', objectId: id, summary: `编辑活动：${row.activityDate} ${row.title}`, detail: { before, after: auditView(values, merged.volunteers) } });
      });
      return this.get(actor, id);
    },

    /**
     * Take one photo or file off an activity (the upload itself stays in the store: the audit trail points to it).
     * Needs the right to edit the activity; an id the activity does not hold is UPLOAD_NOT_FOUND.
     */
    async removeUpload(actor: Actor, who: AuditActor, id: string, uploadId: string) {
      const row = await load(actor, id);
      if (!activityPolicy.update(actor, row)) throw new AppError('FORBIDDEN');
      const photos = JSON.parse(row.photoUploadIds) as string[];
      const files = JSON.parse(row.fileUploadIds) as string[];
      const kind = photos.includes(uploadId) ? 'photo' : files.includes(uploadId) ? 'file' : null;
      if (!kind) throw new AppError('UPLOAD_NOT_FOUND');
      const name = await db.selectFrom('upload').select('originalName').where('id', '=', uploadId).executeTakeFirst();
      const patch = kind === 'photo' ? { photoUploadIds: JSON.stringify(photos.filter((u) => u !== uploadId)) } : { fileUploadIds: JSON.stringify(files.filter((u) => u !== uploadId)) };
      await platform.transaction(who, async (trx, audit) => {
        await activityRepository(trx).update(id, { ...patch, updatedAt: new Date().toISOString() });
        await audit({
          event: 'activity.upload.delete', objectType: 'activity', objectId: id,
          summary: `删除活动${kind === 'photo' ? '照片' : '附件'}：${row.activityDate} ${row.title} · ${name?.originalName ?? uploadId}`,
          detail: { uploadId, kind, originalName: name?.originalName ?? null },
        });
      });
      return this.get(actor, id);
    },

    async remove(actor: Actor, who: AuditActor, id: string) {
      const row = await load(actor, id);
      if (!activityPolicy.delete(actor, row)) throw new AppError('FORBIDDEN');
      const current = await repo.participants(id);
      await platform.transaction(who, async (trx, audit) => {
        await deleteActivity(trx, id);
        await audit({
          event: 'activity.delete', objectType: 'activity', objectId: id, summary: `删除活动：${row.activityDate} ${row.title}`,
          detail: { before: auditView({ ...row }, current.map((p) => ({ volunteerId: p.volunteerId, hours: p.hoursTenths / 10 }))) },
        });
      });
      return { ok: true as const };
    },

    filterOf,
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;
