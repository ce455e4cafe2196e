import type { z } from 'zod';
import { taskStatusLabels, type Supervision, type taskCreate, type taskDeadlineInput, type TaskDetail, type taskListQuery, type taskUpdateInput, type TaskStatus } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import type { TaskTable } from '../../platform/db/schema.js';
import { chinaToday, checkUploads, parseIds, resolveOwner, uploadNames, type Owner } from '../targets/index.js';
import { taskRepository, type TaskFilter, type TaskRow } from './taskRepository.js';
import { taskPolicy } from './policy.js';
import { presentTask } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof taskCreate>;
type UpdateInput = z.output<typeof taskUpdateInput>;
type DeadlineInput = z.output<typeof taskDeadlineInput>;
type ListQuery = z.output<typeof taskListQuery>;

export function newTaskRow(actor: Actor, owner: Owner, v: { title: string; description: string | null; deadline: string; meetingId: string | null; decisionId: string | null }): TaskTable {
  const now = new Date().toISOString();
  return {
    id: newId(), meetingId: v.meetingId, decisionId: v.decisionId, title: v.title, description: v.description,
    memberUnitId: owner.memberUnitId, orgUnitId: owner.orgUnitId, deadline: v.deadline, status: 'open', overdueAt: null, remindedAt: null,
    completedAt: null, createdAt: now, updatedAt: now, createdBy: actor.userId,
  };
}

export function createTaskService(platform: Platform) {
  const { db } = platform;
  const repo = taskRepository(db);

  async function load(actor: Actor, id: string): Promise<TaskRow> {
    const row = await repo.findVisible(actor, id);
    if (!row) throw new AppError('TASK_NOT_FOUND');
    return row;
  }

  return {
    async get(actor: Actor, id: string): Promise<TaskDetail> {
      const row = await load(actor, id);
      const updates = await repo.updates(id);
      const names = await uploadNames(db, updates.flatMap((u) => parseIds(u.uploadIds)));
      return {
        ...presentTask(actor, row),
        updates: updates.map((u) => ({
          id: u.id, status: u.status as TaskStatus, note: u.note, at: u.at, byName: u.byName ?? null,
          uploads: parseIds(u.uploadIds).map((x) => ({ id: x, name: names.get(x) ?? '附件' })),
        })),
      };
    },

    async list(actor: Actor, query: ListQuery) {
      const { rows, total } = await repo.list(actor, query as TaskFilter, query);
      return { items: rows.map((r) => presentTask(actor, r)), total, page: query.page, pageSize: query.pageSize };
    },

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const owner = await resolveOwner(db, actor, input);
      const row = newTaskRow(actor, owner, { title: input.title, description: input.description ?? null, deadline: input.deadline, meetingId: null, decisionId: null });
      await platform.transaction(who, async (trx, audit) => {
        await taskRepository(trx).insert(row);
        await audit({ event: 'task.create', objectType: 'task', objectId: row.id, summary: `交办任务：${row.title} → ${owner.name}（${row.deadline}前）`, detail: { after: { owner: owner.name, deadline: row.deadline } } });
      });
      return this.get(actor, row.id);
    },

    /** The unit reports how the task stands; 已办结 closes it. */
    async report(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      if (!taskPolicy.report(actor, row)) throw new AppError('TASK_STATE');
      await checkUploads(db, actor, input.uploadIds);
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        const r = taskRepository(trx);
        await r.insertUpdate({ id: newId(), taskId: id, status: input.status, note: input.note, uploadIds: JSON.stringify([...new Set(input.uploadIds)]), at: now, byUser: actor.userId });
        await r.update(id, { status: input.status, updatedAt: now, completedAt: input.status === 'done' ? now : null });
        await audit({
          event: 'task.update', objectType: 'task', objectId: id, summary: `任务办理情况：${row.title}（${row.ownerName}）— ${taskStatusLabels[input.status]}`,
          detail: { before: { status: row.status }, after: { status: input.status } },
        });
      });
      return this.get(actor, id);
    },

    async reschedule(actor: Actor, who: AuditActor, id: string, input: DeadlineInput) {
      const row = await load(actor, id);
      if (!taskPolicy.reschedule(actor, row)) throw new AppError('TASK_STATE');
      const today = chinaToday();
      await platform.transaction(who, async (trx, audit) => {
        await taskRepository(trx).update(id, { deadline: input.deadline, updatedAt: new Date().toISOString(), ...(input.deadline >= today && { overdueAt: null }) });
        await audit({ event: 'task.reschedule', objectType: 'task', objectId: id, summary: `调整任务时限：${row.title}（${row.ownerName}）`, detail: { before: { deadline: row.deadline }, after: { deadline: input.deadline }, note: input.note ?? null } });
      });
      return this.get(actor, id);
    },

    /** 督办清单: every open task, overdue first, then by deadline; counts per unit. */
    async supervision(actor: Actor): Promise<Supervision> {
      const today = chinaToday();
      const soon = new Date(Date.parse(today) + 7 * 86_400_000).toISOString().slice(0, 10);
      const open = (await repo.all(actor, { open: true })).map((r) => presentTask(actor, r, today));
      open.sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.daysOverdue - a.daysOverdue || a.deadline.localeCompare(b.deadline));
      const byUnit = new Map<string, { ownerName: string; open: number; overdue: number }>();
      for (const t of open) {
        const u = byUnit.get(t.ownerName) ?? { ownerName: t.ownerName, open: 0, overdue: 0 };
        u.open++;
        if (t.overdue) u.overdue++;
        byUnit.set(t.ownerName, u);
      }
      return {
        asOf: today,
        open: open.length,
        overdue: open.filter((t) => t.overdue).length,
        dueSoon: open.filter((t) => !t.overdue && t.deadline <= soon).length,
        tasks: open,
        byUnit: [...byUnit.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open),
      };
    },
  };
}
