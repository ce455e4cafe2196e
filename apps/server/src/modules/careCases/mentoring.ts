import { sql } from 'kysely';
import type { z } from 'zod';
import {
  careCaseAlertDefaults, careCaseRetentionDefaultYears, careCaseSettings, mentorRoleLabels, visitModeLabels,
  type CareCaseAlert, type CareCaseSettings, type Mentee, type MentorRole, type Mentorship, type Visit, type VisitMode,
  type careCaseAlertQuery, type mentorshipCreate, type visitCreate,
} from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/database.js';
import { inOrgScope } from '../../platform/authz/scope.js';
import { AppError } from '../../platform/errors.js';
import { recordService } from '../volunteers/index.js';
import { careCaseRepository } from './repository.js';
import { careCasePolicy } from './policy.js';
import { auditName } from './presenter.js';
import { visitAad } from './caseWork.js';
import { daysBetween } from './metrics.js';
import { requireAllowed, type createCareCaseService } from './service.js';
import { newId } from '../../platform/db/ids.js';

type MentorshipInput = z.output<typeof mentorshipCreate>;
type VisitInput = z.output<typeof visitCreate>;
type AlertQuery = z.output<typeof careCaseAlertQuery>;

const SETTINGS_KEY = 'careCase';
/** Hours credited to the mentor's service record for one contact. */
const visitHours: Record<VisitMode, number> = { home: 2, school: 1.5, phone: 0.5, online: 0.5 };

export const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export async function loadCareCaseSettings(db: Executor): Promise<CareCaseSettings> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  const defaults = { ...careCaseAlertDefaults, retentionYears: careCaseRetentionDefaultYears };
  if (!row) return defaults;
  const parsed = careCaseSettings.safeParse({ ...defaults, ...JSON.parse(row.value) });
  return parsed.success ? { ...defaults, ...parsed.data } : defaults;
}

/** Mentors (结对帮扶), their visits and contacts, no-contact alerts, and what a mentor sees of a mentee (B16). */
export function createMentoringService(platform: Platform, cases: ReturnType<typeof createCareCaseService>) {
  const { db, cipher } = platform;

  const pairQuery = (ex: Executor) =>
    ex
      .selectFrom('careMentorship')
      .innerJoin('volunteer', 'volunteer.id', 'careMentorship.volunteerId')
      .selectAll('careMentorship')
      .select('volunteer.name as volunteerName')
      .select(sql<string | null>`(SELECT MAX(v.visited_on) FROM care_visit v WHERE v.mentorship_id = care_mentorship.id)`.as('lastContactOn'))
      .select(sql<number>`(SELECT COUNT(*) FROM care_visit v WHERE v.mentorship_id = care_mentorship.id)`.as('visitCount'));

  const presentPair = (r: Awaited<ReturnType<ReturnType<typeof pairQuery>['execute']>>[number]): Mentorship => ({
    id: r.id, caseId: r.caseId, volunteerId: r.volunteerId, volunteerName: r.volunteerName, role: r.role as MentorRole,
    startOn: r.startOn, endOn: r.endOn, endReason: r.endReason ?? null, lastContactOn: r.lastContactOn, visitCount: Number(r.visitCount),
  });

  async function visitsOf(where: { caseId?: string; mentorshipId?: string }): Promise<Visit[]> {
    let q = db
      .selectFrom('careVisit')
      .leftJoin('careMentorship', 'careMentorship.id', 'careVisit.mentorshipId')
      .leftJoin('volunteer', 'volunteer.id', 'careMentorship.volunteerId')
      .leftJoin('appUser', 'appUser.id', 'careVisit.recordedBy')
      .selectAll('careVisit')
      .select(['volunteer.name as mentorName', 'appUser.displayName as recordedByName']);
    if (where.caseId) q = q.where('careVisit.caseId', '=', where.caseId);
    if (where.mentorshipId) q = q.where('careVisit.mentorshipId', '=', where.mentorshipId);
    const rows = await q.orderBy('careVisit.visitedOn', 'desc').orderBy('careVisit.createdAt', 'desc').execute();
    return rows.map((r) => ({
      id: r.id, mentorshipId: r.mentorshipId, mentorName: r.mentorName ?? null, visitedOn: r.visitedOn, mode: r.mode as VisitMode,
      content: cipher.decrypt(r.contentEnc, visitAad(r.id)), photoUploadIds: JSON.parse(r.photoUploadIds) as string[],
      nextContactDue: r.nextContactDue, recordedByName: r.recordedByName ?? '', createdAt: r.createdAt,
    }));
  }

  /** Photos must be uploads the caller may see (their own, or in their scope), and images by content (magic bytes at upload). */
  async function checkUploads(actor: Actor, ids: string[] | undefined) {
    if (!ids?.length) return [];
    const unique = [...new Set(ids)];
    const rows = await db
      .selectFrom('upload')
      .select(['id', 'mime'])
      .where('id', 'in', unique)
      .where((eb) => eb.or([eb('createdBy', '=', actor.userId), inOrgScope(eb, actor, 'upload.orgUnitId')]))
      .execute();
    if (rows.length !== unique.length) throw new AppError('UPLOAD_NOT_FOUND', undefined, [{ path: 'photoUploadIds', message: '照片不存在，请重新上传' }]);
    if (rows.some((r) => !r.mime.startsWith('image/'))) throw new AppError('UPLOAD_TYPE_REJECTED', '走访照片只能是图片（JPG、PNG、GIF、WebP）', [{ path: 'photoUploadIds', message: '只能上传图片' }]);
    return unique;
  }

  /** Write one visit; the mentor's service record is kept by the volunteers module in the same transaction. */
  async function insertVisit(actor: Actor, who: AuditActor, caseRow: { id: string; name: string }, mentorship: { id: string; volunteerId: string } | null, input: Omit<VisitInput, 'mentorshipId'>) {
    const id = input.clientId ?? newId();
    // A repeated send of a visit already recorded (the phone's id): answer that visit, write nothing again. The id of
    // someone else's visit, or of another pair's, is refused without saying whose it is.
    const recorded = async () => {
      if (!input.clientId) return undefined;
      const row = await db.selectFrom('careVisit').select(['caseId', 'mentorshipId', 'recordedBy']).where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      if (row.recordedBy !== actor.userId || row.caseId !== caseRow.id || row.mentorshipId !== (mentorship?.id ?? null)) throw new AppError('CONFLICT', '这条走访记录的编号已被使用，请重新填写后保存');
      return (await visitsOf({ caseId: caseRow.id })).find((v) => v.id === id)!;
    };
    const again = await recorded();
    if (again) return again;
    const photos = await checkUploads(actor, input.photoUploadIds);
    try {
      await write(photos);
    } catch (err) {
      // Two sends of the same visit at once: the second's insert meets the first's row, readable once committed.
      await platform.commitsSettled();
      const raced = await recorded().catch(() => undefined);
      if (raced) return raced;
      throw err;
    }
    return (await visitsOf({ caseId: caseRow.id })).find((v) => v.id === id)!;

    async function write(photos: string[]) {
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('careVisit').values({
          id, caseId: caseRow.id, mentorshipId: mentorship?.id ?? null, visitedOn: input.visitedOn, mode: input.mode,
          contentEnc: cipher.encrypt(input.content, visitAad(id)), photoUploadIds: JSON.stringify(photos),
          nextContactDue: input.nextContactDue ?? null, recordedBy: actor.userId, createdAt: new Date().toISOString(),
        }).execute();
        if (mentorship) {
          await recordService(trx, {
            volunteerId: mentorship.volunteerId, source: 'visit', sourceId: id, date: input.visitedOn, hours: visitHours[input.mode],
            description: `结对帮扶${visitModeLabels[input.mode]}`, createdBy: actor.userId,
          });
        }
        await careCaseRepository(trx).update(caseRow.id, { updatedAt: new Date().toISOString() });
        await audit({
          event: 'careCase.visit', objectType: 'careCase', objectId: caseRow.id, summary: `记录走访：${auditName(caseRow.name)}（${input.visitedOn}，${visitModeLabels[input.mode]}）`,
          detail: { visitId: id, mentorshipId: mentorship?.id ?? null, mode: input.mode, photos: photos.length },
        });
      });
    }
  }

  function alertLevel(days: number, s: CareCaseSettings): 'warn' | 'overdue' | null {
    return days >= s.overdueDays ? 'overdue' : days >= s.warnDays ? 'warn' : null;
  }

  return {
    async listMentorships(actor: Actor, caseId: string) {
      await cases.load(actor, caseId);
      const rows = await pairQuery(db).where('careMentorship.caseId', '=', caseId).orderBy('careMentorship.startOn', 'desc').execute();
      return rows.map(presentPair);
    },

    async pair(actor: Actor, who: AuditActor, caseId: string, input: MentorshipInput) {
      const row = await cases.load(actor, caseId);
      requireAllowed(careCasePolicy.pairMentor(actor, row));
      const volunteer = await db
        .selectFrom('volunteer')
        .select(['id', 'name', 'status'])
        .where('id', '=', input.volunteerId)
        .where((eb) => inOrgScope(eb, actor, 'volunteer.orgUnitId'))
        .executeTakeFirst();
      if (!volunteer) throw new AppError('CARE_CASE_MENTOR_NOT_FOUND', undefined, [{ path: 'volunteerId', message: '志愿者不存在或不在您的管理范围内' }]);
      if (volunteer.status !== 'active') throw new AppError('VOLUNTEER_NOT_IN_SERVICE', undefined, [{ path: 'volunteerId', message: '该志愿者不在服务状态' }]);
      if (input.endOn && input.endOn < input.startOn) throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期', [{ path: 'endOn', message: '结束日期不能早于开始日期' }]);
      const active = await db.selectFrom('careMentorship').select('id').where('caseId', '=', caseId).where('volunteerId', '=', volunteer.id).where('endOn', 'is', null).executeTakeFirst();
      if (active) throw new AppError('CONFLICT', '该志愿者已与该对象结对', [{ path: 'volunteerId', message: '已经结对' }]);
      const id = newId();
      await platform.transaction(who, async (trx, audit) => {
        await trx.insertInto('careMentorship').values({ id, caseId, volunteerId: volunteer.id, role: input.role, startOn: input.startOn, endOn: input.endOn ?? null, createdBy: actor.userId, createdAt: new Date().toISOString() }).execute();
        await careCaseRepository(trx).update(caseId, { updatedAt: new Date().toISOString() });
        await audit({ event: 'careCase.pair', objectType: 'careCase', objectId: caseId, summary: `结对帮扶：${auditName(row.name)} ← ${volunteer.name}（${mentorRoleLabels[input.role]}）`, detail: { mentorshipId: id, volunteerId: volunteer.id, startOn: input.startOn } });
      });
      return presentPair((await pairQuery(db).where('careMentorship.id', '=', id).executeTakeFirstOrThrow()));
    },

    async endPairing(actor: Actor, who: AuditActor, caseId: string, mentorshipId: string, endOn: string, reason?: string) {
      const row = await cases.load(actor, caseId);
      requireAllowed(careCasePolicy.pairMentor(actor, row) || (actor.permissions.has('careCase:update') && row.status === 'closed'));
      const pair = await db.selectFrom('careMentorship').selectAll().where('id', '=', mentorshipId).where('caseId', '=', caseId).executeTakeFirst();
      if (!pair) throw new AppError('CARE_CASE_MENTORSHIP_NOT_FOUND');
      if (pair.endOn && pair.endOn <= todayInChina()) throw new AppError('CONFLICT', '该结对已经结束', [{ path: 'endOn', message: '该结对已经结束' }]);
      if (endOn < pair.startOn) throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期', [{ path: 'endOn', message: '结束日期不能早于开始日期' }]);
      await platform.transaction(who, async (trx, audit) => {
        await trx.updateTable('careMentorship').set({ endOn, endReason: reason ?? null }).where('id', '=', mentorshipId).execute();
        await careCaseRepository(trx).update(caseId, { updatedAt: new Date().toISOString() });
        await audit({ event: 'careCase.unpair', objectType: 'careCase', objectId: caseId, summary: `结束结对：${auditName(row.name)}${reason ? `（${reason}）` : ''}`, detail: { mentorshipId, before: { endOn: pair.endOn }, after: { endOn, reason: reason ?? null } } });
      });
      return presentPair((await pairQuery(db).where('careMentorship.id', '=', mentorshipId).executeTakeFirstOrThrow()));
    },

    async listVisits(actor: Actor, caseId: string) {
      await cases.load(actor, caseId);
      return visitsOf({ caseId });
    },

    async addVisit(actor: Actor, who: AuditActor, caseId: string, input: VisitInput) {
      const row = await cases.load(actor, caseId);
      requireAllowed(careCasePolicy.recordWork(actor, row));
      let pair: { id: string; volunteerId: string } | null = null;
      if (input.mentorshipId) {
        pair = (await db.selectFrom('careMentorship').select(['id', 'volunteerId']).where('id', '=', input.mentorshipId).where('caseId', '=', caseId).executeTakeFirst()) ?? null;
        if (!pair) throw new AppError('CARE_CASE_MENTORSHIP_NOT_FOUND', undefined, [{ path: 'mentorshipId', message: '结对关系不存在' }]);
      }
      return insertVisit(actor, who, row, pair, input);
    },

    /**
     * Pairs with no contact for N days (settings: 14 = warn, 30 = overdue by default), in the caller's scope.
     * The last contact is the latest visit of the pair, or its start when there is none yet.
     */
    async alerts(actor: Actor, query: AlertQuery) {
      const settings = await loadCareCaseSettings(db);
      const t = todayInChina();
      // Every open pair's last contact first, and the names and next due date only for the page's pairs: a county has
      // ~29k open pairs, and reading each one's record, node, volunteer and latest visit took 0.85 s of SQL (issue 10).
      const open = await db
        .selectFrom('careMentorship')
        .innerJoin('careCase', 'careCase.id', 'careMentorship.caseId')
        .select(['careMentorship.id', 'careMentorship.startOn'])
        .select(sql<string | null>`(SELECT MAX(v.visited_on) FROM care_visit v WHERE v.mentorship_id = care_mentorship.id)`.as('lastContactOn'))
        .where((eb) => inOrgScope(eb, actor, 'careCase.orgUnitId', 'careCase.createdBy'))
        .where('careCase.status', 'not in', ['closed', 'merged'])
        .where((eb) => eb.or([eb('careMentorship.endOn', 'is', null), eb('careMentorship.endOn', '>=', t)]))
        .where('careMentorship.startOn', '<=', t)
        .execute();
      const due: { id: string; lastContactOn: string | null; days: number; level: NonNullable<ReturnType<typeof alertLevel>> }[] = [];
      for (const r of open) {
        const days = daysBetween(r.lastContactOn ?? r.startOn, t);
        const level = alertLevel(days, settings);
        if (!level || (query.level && query.level !== level)) continue;
        due.push({ id: r.id, lastContactOn: r.lastContactOn, days, level });
      }
      // Longest without contact first (or shortest), then by pair, so a page is the same on every request.
      const dir = query.sort === 'daysSince' ? 1 : -1;
      due.sort((a, b) => (a.days - b.days) * dir || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const start = (query.page - 1) * query.pageSize;
      const page = due.slice(start, start + query.pageSize);
      const names = new Map(
        (page.length
          ? await db
              .selectFrom('careMentorship')
              .innerJoin('careCase', 'careCase.id', 'careMentorship.caseId')
              .innerJoin('orgUnit', 'orgUnit.id', 'careCase.orgUnitId')
              .innerJoin('volunteer', 'volunteer.id', 'careMentorship.volunteerId')
              .select(['careMentorship.id', 'careMentorship.caseId', 'careMentorship.volunteerId', 'careCase.name as caseName', 'orgUnit.name as orgUnitName', 'volunteer.name as volunteerName'])
              .select(sql<string | null>`(SELECT v.next_contact_due FROM care_visit v WHERE v.mentorship_id = care_mentorship.id ORDER BY v.visited_on DESC, v.created_at DESC LIMIT 1)`.as('nextContactDue'))
              .where('careMentorship.id', 'in', page.map((p) => p.id))
              .execute()
          : []
        ).map((r) => [r.id, r]),
      );
      const items: CareCaseAlert[] = page.flatMap((p) => {
        const r = names.get(p.id);
        return r
          ? [{ mentorshipId: p.id, caseId: r.caseId, caseName: r.caseName, orgUnitName: r.orgUnitName, volunteerId: r.volunteerId, volunteerName: r.volunteerName, lastContactOn: p.lastContactOn, daysSince: p.days, nextContactDue: r.nextContactDue, level: p.level }]
          : [];
      });
      return { items, total: due.length, page: query.page, pageSize: query.pageSize };
    },

    // ---- the mentor's own view (volunteer role): name, school, plan; nothing else (B16) ----

    async mentees(actor: Actor): Promise<Mentee[]> {
      const settings = await loadCareCaseSettings(db);
      const t = todayInChina();
      const rows = await db
        .selectFrom('careMentorship')
        .innerJoin('volunteer', 'volunteer.id', 'careMentorship.volunteerId')
        .innerJoin('careCase', 'careCase.id', 'careMentorship.caseId')
        .select(['careMentorship.id as mentorshipId', 'careMentorship.startOn', 'careCase.id as caseId', 'careCase.name', 'careCase.schoolOrWork'])
        .select(sql<string | null>`(SELECT MAX(v.visited_on) FROM care_visit v WHERE v.mentorship_id = care_mentorship.id)`.as('lastContactOn'))
        .where('volunteer.userId', '=', actor.userId)
        .where('careCase.status', 'not in', ['closed', 'merged'])
        .where((eb) => eb.or([eb('careMentorship.endOn', 'is', null), eb('careMentorship.endOn', '>=', t)]))
        .orderBy('careCase.namePinyin')
        .execute();
      const goals = rows.length
        ? await db.selectFrom('careCaseGoal').select(['caseId', 'goal', 'dueOn', 'doneOn']).where('caseId', 'in', rows.map((r) => r.caseId)).orderBy('dueOn').execute()
        : [];
      return rows.map((r) => {
        const days = daysBetween(r.lastContactOn ?? r.startOn, t);
        return {
          mentorshipId: r.mentorshipId, caseId: r.caseId, name: r.name, schoolOrWork: r.schoolOrWork,
          goals: goals.filter((g) => g.caseId === r.caseId).map((g) => ({ goal: g.goal, dueOn: g.dueOn, doneOn: g.doneOn })),
          lastContactOn: r.lastContactOn, daysSinceContact: days, alert: alertLevel(days, settings),
        };
      });
    },

    /** A mentor logs a contact with their own mentee. Anyone else's mentorship id answers 404. */
    async addMenteeVisit(actor: Actor, who: AuditActor, mentorshipId: string, input: Omit<VisitInput, 'mentorshipId'>) {
      const pair = await db
        .selectFrom('careMentorship')
        .innerJoin('volunteer', 'volunteer.id', 'careMentorship.volunteerId')
        .innerJoin('careCase', 'careCase.id', 'careMentorship.caseId')
        .select(['careMentorship.id', 'careMentorship.volunteerId', 'careMentorship.endOn', 'careCase.id as caseId', 'careCase.name', 'careCase.status'])
        .where('careMentorship.id', '=', mentorshipId)
        .where('volunteer.userId', '=', actor.userId)
        .executeTakeFirst();
      if (!pair || pair.status === 'closed' || pair.status === 'merged' || (pair.endOn && pair.endOn < todayInChina())) throw new AppError('CARE_CASE_MENTORSHIP_NOT_FOUND');
      const visit = await insertVisit(actor, who, { id: pair.caseId, name: pair.name }, { id: pair.id, volunteerId: pair.volunteerId }, input);
      return { id: visit.id, visitedOn: visit.visitedOn, mode: visit.mode, nextContactDue: visit.nextContactDue };
    },

    async settings() {
      return loadCareCaseSettings(db);
    },

    async saveSettings(actor: Actor, who: AuditActor, input: CareCaseSettings) {
      const before = await loadCareCaseSettings(db);
      // A client that only knows the alert days keeps the retention period as it was.
      const value = { ...input, retentionYears: input.retentionYears ?? before.retentionYears };
      await platform.transaction(who, async (trx, audit) => {
        const now = new Date().toISOString();
        const json = JSON.stringify(value);
        const existing = await trx.selectFrom('setting').select('key').where('key', '=', SETTINGS_KEY).executeTakeFirst();
        if (existing) await trx.updateTable('setting').set({ value: json, updatedAt: now, updatedBy: actor.userId }).where('key', '=', SETTINGS_KEY).execute();
        else await trx.insertInto('setting').values({ key: SETTINGS_KEY, value: json, updatedAt: now, updatedBy: actor.userId }).execute();
        await audit({ event: 'careCase.settings', objectType: 'setting', objectId: SETTINGS_KEY, summary: '修改关爱帮扶提醒与保存年限设置', detail: { before, after: value } });
      });
      return value;
    },
  };
}
