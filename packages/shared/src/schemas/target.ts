import { z } from 'zod';
import { notableDeedStatuses, targetKinds, targetStatuses } from '../enums.js';
import { id, isoDate, limits, listQuery, optionalText, queryBool, trimmed } from './common.js';

/** A work year (目标年度). */
export const workYear = z.coerce.number({ error: '年度必须是数字' }).int({ error: '年度必须是整数' }).min(2000, { error: '年度不正确' }).max(2100, { error: '年度不正确' });
export const yearQuery = z.strictObject({ year: workYear });

/**
 * Whose item it is: a member unit or a committee's org node (乡镇关工委), at most one of the two.
 * Left out, a member-unit liaison's own unit (or a township officer's own node) is taken.
 */
export const ownerFields = { memberUnitId: id.optional(), orgUnitId: id.optional() };
export const oneOwner = (v: { memberUnitId?: string; orgUnitId?: string }) => !(v.memberUnitId && v.orgUnitId);
const oneOwnerError = { error: '成员单位和乡镇（街道）关工委只能选一个', path: ['orgUnitId'] };

export const uploadIdList = z.array(id).max(20, { error: '附件最多20个' });
export const activityIdList = z.array(id).max(50, { error: '关联活动最多50项' });

const percent = z.number({ error: '进度必须是数字' }).int({ error: '进度必须是整数' }).min(0, { error: '进度不能小于0' }).max(100, { error: '进度不能大于100' });

const targetFields = {
  kind: z.enum(targetKinds, { error: '类别只能是目标任务或责任事项' }),
  title: trimmed(200, '目标内容'),
  measure: optionalText(500, '衡量标准'),
  deadline: isoDate.nullable().optional(),
  weight: z.number({ error: '分值必须是数字' }).int({ error: '分值必须是整数' }).min(0, { error: '分值不能小于0' }).max(100, { error: '分值不能大于100' }),
  owner: optionalText(50, '责任人'),
  sortOrder: z.number({ error: '排序必须是数字' }).int().min(0).max(9999),
};

export const targetCreate = z
  .strictObject({ year: workYear, ...ownerFields, ...targetFields, kind: targetFields.kind.default('target'), weight: targetFields.weight.default(0), sortOrder: targetFields.sortOrder.default(100) })
  .refine(oneOwner, oneOwnerError);
export type TargetCreate = z.input<typeof targetCreate>;

export const targetUpdate = z.strictObject({
  kind: targetFields.kind.optional(),
  title: targetFields.title.optional(),
  measure: targetFields.measure,
  deadline: targetFields.deadline,
  weight: targetFields.weight.optional(),
  owner: targetFields.owner,
  sortOrder: targetFields.sortOrder.optional(),
});
export type TargetUpdate = z.input<typeof targetUpdate>;

export const targetProgressCreate = z.strictObject({
  reportDate: isoDate,
  progressPercent: percent,
  note: trimmed(limits.longText, '进展情况'),
  uploadIds: uploadIdList.default([]),
  activityIds: activityIdList.default([]),
});
export type TargetProgressCreate = z.input<typeof targetProgressCreate>;

export const targetListQuery = listQuery(['deadline', 'title', 'progressPercent', 'createdAt'] as const).extend({
  year: workYear.optional(),
  memberUnitId: id.optional(),
  orgUnitId: id.optional(),
  kind: z.enum(targetKinds).optional(),
  status: z.enum(targetStatuses).optional(),
  overdue: queryBool.optional(),
});

export const linkedActivity = z.object({ id: z.string(), title: z.string(), date: z.string() });
export const linkedUpload = z.object({ id: z.string(), name: z.string() });

export const target = z.object({
  id: z.string(),
  year: z.number().int(),
  memberUnitId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  ownerName: z.string(),
  kind: z.enum(targetKinds),
  title: z.string(),
  measure: z.string().nullable(),
  deadline: z.string().nullable(),
  weight: z.number().int(),
  owner: z.string().nullable(),
  status: z.enum(targetStatuses),
  progressPercent: z.number().int(),
  /** Past its deadline and not completed. */
  overdue: z.boolean(),
  /** Recorded activities linked as evidence, counted automatically. */
  activityCount: z.number().int(),
  completedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type Target = z.infer<typeof target>;

export const targetProgress = z.object({
  id: z.string(),
  reportDate: z.string(),
  progressPercent: z.number().int(),
  note: z.string(),
  uploads: z.array(linkedUpload),
  activities: z.array(linkedActivity),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type TargetProgress = z.infer<typeof targetProgress>;

export const targetDetail = target.extend({ progress: z.array(targetProgress) });
export type TargetDetail = z.infer<typeof targetDetail>;

/** Per unit for a year: how its list stands. */
export const targetUnitSummary = z.object({
  memberUnitId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  ownerName: z.string(),
  targets: z.number().int(),
  draft: z.number().int(),
  completed: z.number().int(),
  overdue: z.number().int(),
  averageProgress: z.number().int(),
  activityCount: z.number().int(),
});
export type TargetUnitSummary = z.infer<typeof targetUnitSummary>;

// ---------------------------------------------------------------- notable deeds (像样的事)

const deedFields = {
  title: trimmed(100, '事项名称'),
  description: trimmed(limits.longText, '事项内容和成效'),
  deedDate: isoDate,
  uploadIds: uploadIdList,
  activityIds: activityIdList,
};

export const notableDeedCreate = z
  .strictObject({ year: workYear, ...ownerFields, ...deedFields, uploadIds: deedFields.uploadIds.default([]), activityIds: deedFields.activityIds.default([]) })
  .refine(oneOwner, oneOwnerError);
export type NotableDeedCreate = z.input<typeof notableDeedCreate>;

export const notableDeedUpdate = z.strictObject({
  title: deedFields.title.optional(),
  description: deedFields.description.optional(),
  deedDate: deedFields.deedDate.optional(),
  uploadIds: deedFields.uploadIds.optional(),
  activityIds: deedFields.activityIds.optional(),
});
export type NotableDeedUpdate = z.input<typeof notableDeedUpdate>;

export const notableDeedReview = z.strictObject({
  status: z.enum(['qualified', 'rejected'], { error: '认定结果只能是已认定或未认定' }),
  note: optionalText(500, '认定意见'),
});

export const notableDeedDeadlineInput = z.strictObject({ year: workYear, dueDate: isoDate });

export const notableDeedListQuery = listQuery(['deedDate', 'createdAt', 'title'] as const).extend({
  year: workYear.optional(),
  memberUnitId: id.optional(),
  orgUnitId: id.optional(),
  status: z.enum(notableDeedStatuses).optional(),
});

export const notableDeed = z.object({
  id: z.string(),
  year: z.number().int(),
  memberUnitId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  ownerName: z.string(),
  title: z.string(),
  description: z.string(),
  deedDate: z.string(),
  uploads: z.array(linkedUpload),
  activities: z.array(linkedActivity),
  status: z.enum(notableDeedStatuses),
  reviewNote: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type NotableDeed = z.infer<typeof notableDeed>;

/** The floor (下要保底): for a year, each member unit's deeds and whether it is flagged. */
export const notableDeedFloor = z.object({
  year: z.number().int(),
  dueDate: z.string().nullable(),
  units: z.array(
    z.object({
      memberUnitId: z.string(),
      name: z.string(),
      submitted: z.number().int(),
      qualified: z.number().int(),
      flagged: z.boolean(),
      flaggedAt: z.string().nullable(),
    }),
  ),
});
export type NotableDeedFloor = z.infer<typeof notableDeedFloor>;
