import { z } from 'zod';
import { meetingAttendances, meetingStatuses, taskStatuses } from '../enums.js';
import { id, isoDate, limits, listQuery, optionalText, queryBool, trimmed } from './common.js';
import { oneOwner, ownerFields, uploadIdList } from './target.js';

const longer = 5000;

export const meetingCreate = z.strictObject({
  title: trimmed(limits.shortText, '会议名称'),
  meetingDate: isoDate,
  location: optionalText(limits.shortText, '会议地点'),
  chair: optionalText(50, '主持人'),
  agenda: optionalText(longer, '会议议程'),
  orgUnitId: id.optional(),
  invitedMemberUnitIds: z.array(id).max(100).default([]),
});
export type MeetingCreate = z.input<typeof meetingCreate>;

export const meetingUpdate = z.strictObject({
  title: trimmed(limits.shortText, '会议名称').optional(),
  meetingDate: isoDate.optional(),
  location: optionalText(limits.shortText, '会议地点'),
  chair: optionalText(50, '主持人'),
  agenda: optionalText(longer, '会议议程'),
  minutes: optionalText(longer, '会议纪要'),
  materialUploadIds: uploadIdList.optional(),
  status: z.enum(meetingStatuses, { error: '状态只能是筹备中或已召开' }).optional(),
  invitedMemberUnitIds: z.array(id).max(100).optional(),
});

export const meetingAttendanceInput = z.strictObject({
  entries: z
    .array(z.strictObject({ memberUnitId: id, attendance: z.enum(meetingAttendances, { error: '出席情况不正确' }), attendee: optionalText(50, '参会人') }))
    .min(1, { error: '请填写出席情况' })
    .max(100),
});

export const taskAssignment = z
  .strictObject({ ...ownerFields, title: optionalText(200, '任务名称'), deadline: isoDate })
  .refine((v) => oneOwner(v) && Boolean(v.memberUnitId || v.orgUnitId), { error: '每项任务须交办给一个成员单位或一个乡镇（街道）关工委', path: ['memberUnitId'] });

export const meetingDecisionCreate = z.strictObject({
  content: trimmed(limits.longText, '议定事项'),
  tasks: z.array(taskAssignment).max(50).default([]),
});

export const taskCreate = z
  .strictObject({ ...ownerFields, title: trimmed(200, '任务名称'), description: optionalText(limits.longText, '任务要求'), deadline: isoDate })
  .refine((v) => oneOwner(v) && Boolean(v.memberUnitId || v.orgUnitId), { error: '任务须交办给一个成员单位或一个乡镇（街道）关工委', path: ['memberUnitId'] });

export const taskUpdateInput = z.strictObject({
  status: z.enum(taskStatuses, { error: '办理状态不正确' }),
  note: trimmed(limits.longText, '办理情况'),
  uploadIds: uploadIdList.default([]),
});
export const taskDeadlineInput = z.strictObject({ deadline: isoDate, note: optionalText(500, '调整说明') });

export const meetingListQuery = listQuery(['meetingDate', 'title'] as const).extend({
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum(meetingStatuses).optional(),
});
export const taskListQuery = listQuery(['deadline', 'title', 'createdAt'] as const).extend({
  status: z.enum(taskStatuses).optional(),
  memberUnitId: id.optional(),
  orgUnitId: id.optional(),
  meetingId: id.optional(),
  overdue: queryBool.optional(),
  open: queryBool.optional(),
});

export const task = z.object({
  id: z.string(),
  meetingId: z.string().nullable(),
  meetingTitle: z.string().nullable(),
  decisionId: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  memberUnitId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  ownerName: z.string(),
  deadline: z.string(),
  status: z.enum(taskStatuses),
  /** Past its deadline and not done (set by the nightly job, and checked on every read). */
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  overdueAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  lastNote: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type Task = z.infer<typeof task>;

export const taskUpdateEntry = z.object({
  id: z.string(),
  status: z.enum(taskStatuses),
  note: z.string(),
  uploads: z.array(z.object({ id: z.string(), name: z.string() })),
  at: z.string(),
  byName: z.string().nullable(),
});
export const taskDetail = task.extend({ updates: z.array(taskUpdateEntry) });
export type TaskDetail = z.infer<typeof taskDetail>;

export const meeting = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  title: z.string(),
  meetingDate: z.string(),
  location: z.string().nullable(),
  chair: z.string().nullable(),
  agenda: z.string().nullable(),
  minutes: z.string().nullable(),
  materials: z.array(z.object({ id: z.string(), name: z.string() })),
  status: z.enum(meetingStatuses),
  invitedCount: z.number().int(),
  presentCount: z.number().int(),
  taskCount: z.number().int(),
  openTaskCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type Meeting = z.infer<typeof meeting>;

export const meetingDetail = meeting.extend({
  invitees: z.array(z.object({ memberUnitId: z.string(), name: z.string(), attendance: z.enum(meetingAttendances), attendee: z.string().nullable() })),
  decisions: z.array(z.object({ id: z.string(), content: z.string(), sortOrder: z.number().int(), tasks: z.array(task) })),
});
export type MeetingDetail = z.infer<typeof meetingDetail>;

/** The supervision list (督办): open tasks, overdue first, with counts per unit. */
export const supervision = z.object({
  asOf: z.string(),
  open: z.number().int(),
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  tasks: z.array(task),
  byUnit: z.array(z.object({ ownerName: z.string(), open: z.number().int(), overdue: z.number().int() })),
});
export type Supervision = z.infer<typeof supervision>;
