import type { z } from 'zod';
import { meetingAttendanceLabels, type meetingAttendanceInput, type meetingCreate, type meetingDecisionCreate, type meetingListQuery, type meetingUpdate, type MeetingAttendance, type MeetingDetail } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import type { MeetingTable } from '../../platform/db/schema.js';
import { checkUploads, parseIds, resolveOwner, uploadNames, type Owner } from '../targets/index.js';
import { meetingRepository, type MeetingRow } from './repository.js';
import { taskRepository } from './taskRepository.js';
import { meetingPolicy } from './policy.js';
import { presentMeeting, presentTask } from './presenter.js';
import { newTaskRow } from './tasks.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof meetingCreate>;
type UpdateInput = z.output<typeof meetingUpdate>;
type AttendanceInput = z.output<typeof meetingAttendanceInput>;
type DecisionInput = z.output<typeof meetingDecisionCreate>;
type ListQuery = z.output<typeof meetingListQuery>;

export function createMeetingService(platform: Platform) {
  const { db } = platform;
  const repo = meetingRepository(db);

  async function load(actor: Actor, id: string): Promise<MeetingRow> {
    const row = await repo.findVisible(actor, id);
    if (!row) throw new AppError('MEETING_NOT_FOUND');
    return row;
  }
  const allow = (ok: boolean) => {
    if (!ok) throw new AppError('FORBIDDEN');
  };
  async function checkUnits(ids: string[]) {
    const unique = [...new Set(ids)];
    const found = await repo.activeMemberUnits(unique);
    if (found.length !== unique.length) throw new AppError('MEMBER_UNIT_NOT_FOUND');
    return unique;
  }

  return {
    async get(actor: Actor, id: string): Promise<MeetingDetail> {
      const row = await load(actor, id);
      const names = await uploadNames(db, parseIds(row.materialUploadIds));
      const invitees = await repo.invitees(id);
      const decisions = await repo.decisions(id);
      const tasks = await taskRepository(db).ofMeeting(id);
      return {
        ...presentMeeting(actor, row, names),
        invitees: invitees.map((i) => ({ memberUnitId: i.memberUnitId, name: i.name, attendance: i.attendance as MeetingAttendance, attendee: i.attendee })),
        decisions: decisions.map((d) => ({ id: d.id, content: d.content, sortOrder: Number(d.sortOrder), tasks: tasks.filter((t) => t.decisionId === d.id).map((t) => presentTask(actor, t)) })),
      };
    },

    async list(actor: Actor, query: ListQuery) {
      const { rows, total } = await repo.list(actor, query, query);
      const names = await uploadNames(db, rows.flatMap((r) => parseIds(r.materialUploadIds)));
      return { items: rows.map((r) => presentMeeting(actor, r, names)), total, page: query.page, pageSize: query.pageSize };
    },

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const owner = input.orgUnitId ? await resolveOwner(db, actor, { orgUnitId: input.orgUnitId }) : null;
      const orgUnitId = owner?.orgUnitId ?? actor.orgUnitId ?? (await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
      const units = await checkUnits(input.invitedMemberUnitIds);
      const id = newId();
      const now = new Date().toISOString();
      const row: MeetingTable = {
        id, orgUnitId, title: input.title, meetingDate: input.meetingDate, location: input.location ?? null, chair: input.chair ?? null,
        agenda: input.agenda ?? null, minutes: null, materialUploadIds: '[]', status: 'planned', createdAt: now, updatedAt: now, createdBy: actor.userId,
      };
      await platform.transaction(who, async (trx, audit) => {
        const r = meetingRepository(trx);
        await r.insert(row);
        await r.setInvitees(id, units);
        await audit({ event: 'meeting.create', objectType: 'meeting', objectId: id, summary: `新建会议：${input.title}（${input.meetingDate}）`, detail: { after: { title: input.title, meetingDate: input.meetingDate, invited: units.length } } });
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      allow(meetingPolicy.update(actor, row));
      if (input.materialUploadIds) await checkUploads(db, actor, input.materialUploadIds);
      const units = input.invitedMemberUnitIds ? await checkUnits(input.invitedMemberUnitIds) : undefined;
      const patch: Partial<MeetingTable> = {
        ...(input.title !== undefined && { title: input.title }),
        ...(input.meetingDate !== undefined && { meetingDate: input.meetingDate }),
        ...('location' in input && { location: input.location ?? null }),
        ...('chair' in input && { chair: input.chair ?? null }),
        ...('agenda' in input && { agenda: input.agenda ?? null }),
        ...('minutes' in input && { minutes: input.minutes ?? null }),
        ...(input.materialUploadIds !== undefined && { materialUploadIds: JSON.stringify([...new Set(input.materialUploadIds)]) }),
        ...(input.status !== undefined && { status: input.status }),
      };
      const diff = changes(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      if (units) {
        const before = (await repo.invitees(id)).map((i) => i.memberUnitId).sort();
        if (JSON.stringify(before) !== JSON.stringify([...units].sort())) {
          (diff.before as Record<string, unknown>).invited = before.length;
          (diff.after as Record<string, unknown>).invited = units.length;
        }
      }
      if (!Object.keys(diff.after).length) return this.get(actor, id);
      await platform.transaction(who, async (trx, audit) => {
        const r = meetingRepository(trx);
        await r.update(id, { ...patch, updatedAt: new Date().toISOString() });
        if (units) await r.setInvitees(id, units);
        await audit({ event: 'meeting.update', objectType: 'meeting', objectId: id, summary: `编辑会议：${row.title}`, detail: diff });
      });
      return this.get(actor, id);
    },

    async recordAttendance(actor: Actor, who: AuditActor, id: string, input: AttendanceInput) {
      const row = await load(actor, id);
      allow(meetingPolicy.recordAttendance(actor, row));
      await platform.transaction(who, async (trx, audit) => {
        const r = meetingRepository(trx);
        for (const e of input.entries) {
          if ((await r.setAttendance(id, e.memberUnitId, e.attendance, e.attendee ?? null)) !== 1) throw new AppError('MEMBER_UNIT_NOT_FOUND', '该单位不在本次会议的邀请名单中');
        }
        await r.update(id, { status: 'held', updatedAt: new Date().toISOString() });
        const tally = Object.fromEntries(Object.entries(meetingAttendanceLabels).map(([k, label]) => [label, input.entries.filter((e) => e.attendance === k).length]));
        await audit({ event: 'meeting.attendance', objectType: 'meeting', objectId: id, summary: `登记会议出席情况：${row.title}`, detail: { entries: input.entries.length, tally } });
      });
      return this.get(actor, id);
    },

    /** A decision (议定事项) and the tasks it becomes, each assigned to a unit with a deadline. */
    async addDecision(actor: Actor, who: AuditActor, id: string, input: DecisionInput) {
      const row = await load(actor, id);
      allow(meetingPolicy.addDecision(actor, row));
      const owners: Owner[] = [];
      for (const t of input.tasks) owners.push(await resolveOwner(db, actor, t));
      const decisionId = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        const r = meetingRepository(trx);
        await r.insertDecision({ id: decisionId, meetingId: id, content: input.content, sortOrder: await r.nextDecisionOrder(id), createdAt: now });
        const tasks = taskRepository(trx);
        for (const [i, t] of input.tasks.entries()) {
          const taskRow = newTaskRow(actor, owners[i], { title: t.title ?? input.content.slice(0, 200), description: input.content, deadline: t.deadline, meetingId: id, decisionId });
          await tasks.insert(taskRow);
          await audit({ event: 'task.create', objectType: 'task', objectId: taskRow.id, summary: `交办任务：${taskRow.title} → ${owners[i].name}（${t.deadline}前）`, detail: { after: { meeting: row.title, owner: owners[i].name, deadline: t.deadline } } });
        }
        await audit({ event: 'meeting.decision', objectType: 'meeting', objectId: id, summary: `会议议定事项：${input.content.slice(0, 50)}`, detail: { decisionId, tasks: input.tasks.length } });
      });
      return this.get(actor, id);
    },
  };
}
