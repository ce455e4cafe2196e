import type { Meeting, MeetingStatus, Task, TaskStatus } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import { chinaToday, parseIds } from '../targets/index.js';
import type { MeetingRow } from './repository.js';
import type { TaskRow } from './taskRepository.js';
import { meetingActions, taskActions } from './policy.js';

const dayMs = 86_400_000;

export function presentTask(actor: Actor, row: TaskRow, today = chinaToday()): Task {
  const overdue = row.status !== 'done' && row.deadline < today;
  return {
    id: row.id,
    meetingId: row.meetingId,
    meetingTitle: row.meetingTitle,
    decisionId: row.decisionId,
    title: row.title,
    description: row.description,
    memberUnitId: row.memberUnitId,
    orgUnitId: row.orgUnitId,
    ownerName: row.ownerName,
    deadline: row.deadline,
    status: row.status as TaskStatus,
    overdue,
    daysOverdue: overdue ? Math.round((Date.parse(today) - Date.parse(row.deadline)) / dayMs) : 0,
    overdueAt: row.overdueAt,
    completedAt: row.completedAt,
    lastNote: row.lastNote,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actions: taskActions(actor, row),
  };
}

export function presentMeeting(actor: Actor, row: MeetingRow, uploads: Map<string, string>): Meeting {
  return {
    id: row.id,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    title: row.title,
    meetingDate: row.meetingDate,
    location: row.location,
    chair: row.chair,
    agenda: row.agenda,
    minutes: row.minutes,
    materials: parseIds(row.materialUploadIds).map((id) => ({ id, name: uploads.get(id) ?? '材料' })),
    status: row.status as MeetingStatus,
    invitedCount: row.invitedCount,
    presentCount: row.presentCount,
    taskCount: row.taskCount,
    openTaskCount: row.openTaskCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actions: meetingActions(actor, row),
  };
}
