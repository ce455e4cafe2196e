import { sql } from 'kysely';
import type { z } from 'zod';
import { type MyFollowUp, type MyLecture, type MyMentee, type MyWork, type myLectureHeld } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { serviceTotals, volunteerOfUser } from '../volunteers/index.js';
import { lecturerAssignments, lecturerRequest, markLectureHeld } from '../lectures/index.js';
import { saveActivity } from '../activities/index.js';
import { loadCareCaseSettings, todayInChina } from '../careCases/mentoring.js';
import { newId } from '../../platform/db/ids.js';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * 我的工作 for a signed-in elder volunteer (scope self): their own lecture assignments, their own mentees
 * (only what mentoring needs, B16), follow-ups due, and their service totals. Everything is keyed on the
 * volunteer record linked to the caller's account; nobody else's rows are ever read.
 */
export function createMyWorkService(platform: Platform) {
  const { db } = platform;

  async function myVolunteer(actor: Actor) {
    const v = await volunteerOfUser(db, actor.userId);
    if (!v) throw new AppError('VOLUNTEER_NOT_FOUND', '您的账号还没有关联志愿者档案，请联系所在乡镇关工委');
    return v;
  }

  async function lectures(volunteerId: string, today: string): Promise<MyLecture[]> {
    const rows = await lecturerAssignments(db, volunteerId);
    return rows.map((r) => ({
      id: r.id, topicTitle: r.title, place: r.place, date: r.scheduledDate, status: r.status,
      actions: r.status === 'assigned' ? ['confirm'] : ['record'],
    }));
  }

  async function mentees(actor: Actor, today: string): Promise<MyMentee[]> {
    const settings = await loadCareCaseSettings(db);
    const rows = await db
      .selectFrom('careMentorship')
      .innerJoin('volunteer', 'volunteer.id', 'careMentorship.volunteerId')
      .innerJoin('careCase', 'careCase.id', 'careMentorship.caseId')
      .select(['careMentorship.id as mentorshipId', 'careMentorship.startOn', 'careCase.id as caseId', 'careCase.name', 'careCase.schoolOrWork'])
      .select(sql<string | null>`(SELECT MAX(v.visited_on) FROM care_visit v WHERE v.mentorship_id = care_mentorship.id)`.as('lastContactOn'))
      .select(sql<string | null>`(SELECT v.next_contact_due FROM care_visit v WHERE v.mentorship_id = care_mentorship.id ORDER BY v.visited_on DESC, v.created_at DESC LIMIT 1)`.as('plannedDue'))
      .where('volunteer.userId', '=', actor.userId)
      .where('careCase.status', 'not in', ['closed', 'merged'])
      .where((eb) => eb.or([eb('careMentorship.endOn', 'is', null), eb('careMentorship.endOn', '>=', today)]))
      .orderBy('careCase.namePinyin')
      .execute();
    const goals = rows.length
      ? await db.selectFrom('careCaseGoal').select(['caseId', 'goal', 'dueOn', 'doneOn']).where('caseId', 'in', rows.map((r) => r.caseId)).orderBy('dueOn').execute()
      : [];
    return rows.map((r) => {
      const nextContactDue = r.plannedDue ?? addDays(r.lastContactOn ?? r.startOn, settings.warnDays);
      return {
        mentorshipId: r.mentorshipId, name: r.name, schoolOrWork: r.schoolOrWork,
        goals: goals.filter((g) => g.caseId === r.caseId).map((g) => ({ goal: g.goal, dueOn: g.dueOn, doneOn: g.doneOn })),
        lastContactOn: r.lastContactOn, nextContactDue, due: nextContactDue <= today,
      };
    });
  }

  /** Contacts due within a week and open plan goals due within a week, soonest first. */
  function followUps(list: MyMentee[], today: string): MyFollowUp[] {
    const horizon = addDays(today, 7);
    const out: MyFollowUp[] = [];
    for (const m of list) {
      if (m.nextContactDue <= horizon) out.push({ mentorshipId: m.mentorshipId, name: m.name, what: '联系或走访', dueOn: m.nextContactDue });
      for (const g of m.goals) if (!g.doneOn && g.dueOn && g.dueOn <= horizon) out.push({ mentorshipId: m.mentorshipId, name: m.name, what: g.goal, dueOn: g.dueOn });
    }
    return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  }

  return {
    myVolunteer,

    async work(actor: Actor): Promise<MyWork> {
      const v = await myVolunteer(actor);
      const today = todayInChina();
      const year = Number(today.slice(0, 4));
      const [lectureList, menteeList, totals] = await Promise.all([lectures(v.id, today), mentees(actor, today), serviceTotals(db, v.id, { from: `${year}-01-01`, to: `${year}-12-31` })]);
      return {
        volunteer: { id: v.id, name: v.name }, today, lectures: lectureList, mentees: menteeList, followUps: followUps(menteeList, today),
        service: { year, yearHours: totals.periodHours, totalHours: totals.totalHours, stars: totals.stars },
      };
    },

    /**
     * The lecturer reports their own confirmed lecture as held. Like the office's "登记已开讲", it becomes one
     * lecture activity crediting the lecturer's hours; anyone else's request answers 404.
     */
    async recordLecture(actor: Actor, who: AuditActor, id: string, input: z.output<typeof myLectureHeld>) {
      const v = await myVolunteer(actor);
      // A report already recorded, sent again (its answer lost on the way, or the phone's queue and its form at once):
      // the same answer, nothing written twice.
      const recorded = (x: Awaited<ReturnType<typeof lecturerRequest>>) =>
        x?.status === 'held' && x.activityId && x.heldOn ? { id: x.id, status: 'held', activityId: x.activityId, date: x.heldOn } : undefined;
      const r = await lecturerRequest(db, id, v.id);
      const again = recorded(r);
      if (again) return again;
      if (!r || (r.status !== 'confirmed' && r.status !== 'assigned')) throw new AppError('LECTURE_REQUEST_NOT_FOUND');
      if (r.status !== 'confirmed') throw new AppError('CONFLICT', '请先确认这次宣讲安排');
      if (input.date > todayInChina()) throw new AppError('VALIDATION_FAILED', '宣讲日期不能晚于今天', [{ path: 'date', message: '宣讲日期不能晚于今天' }]);
      const photos = [...new Set(input.photoUploadIds)];
      if (photos.length) {
        const own = await db.selectFrom('upload').select('id').where('id', 'in', photos).where('createdBy', '=', actor.userId).execute();
        if (own.length !== photos.length) throw new AppError('UPLOAD_NOT_FOUND', undefined, [{ path: 'photoUploadIds', message: '照片不存在，请重新拍照上传' }]);
      }
      const school = r.kind === 'school';
      const activityId = newId();
      const write = () =>
        platform.transaction(who, async (trx, audit) => {
          await saveActivity(trx, {
            id: activityId, isNew: true, createdBy: actor.userId,
            values: {
              type: 'lecture', studyLevel: null, title: `宣讲：${r.title}`, activityDate: input.date, startTime: null, endTime: null,
              orgUnitId: r.orgUnitId, memberUnitId: null, venue: r.place, baseId: null, campaignId: null, lectureRequestId: r.id,
              audienceStudents: school ? input.audience : 0, audienceYouth: 0, audienceOther: school ? 0 : input.audience, summary: input.summary ?? null,
              photoUploadIds: JSON.stringify(photos), fileUploadIds: '[]',
            },
            participants: [{ volunteerId: v.id, hours: input.hours, role: 'lecturer' }],
          });
          // Held meanwhile by another send of this report: roll back; the catch below answers the one recorded.
          if (!(await markLectureHeld(trx, r.id, activityId))) throw new AppError('CONFLICT', '这次宣讲已经登记过了');
          await audit({
            event: 'lectureRequest.held', objectType: 'lectureRequest', objectId: r.id, summary: `宣讲员登记已开讲：${r.place}「${r.title}」${input.date}`,
            detail: { before: { status: r.status }, after: { status: 'held', activityId, date: input.date, hours: input.hours, audience: input.audience, photos: photos.length }, by: 'lecturer' },
          });
        });
      try {
        await write();
      } catch (err) {
        // Held by another send of this report at once: readable once that one is committed.
        await platform.commitsSettled();
        const raced = recorded(await lecturerRequest(db, id, v.id));
        if (raced) return raced;
        throw err;
      }
      return { id: r.id, status: 'held', activityId, date: input.date };
    },
  };
}
