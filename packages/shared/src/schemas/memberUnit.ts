import { z } from 'zod';
import { recordStatuses } from '../enums.js';
import { limits, listQuery, optionalPhone, optionalText, trimmed } from './common.js';

const memberUnitFields = {
  name: trimmed(limits.name, '单位名称'),
  shortName: optionalText(20, '简称'),
  duties: optionalText(limits.longText, '工作职责'),
  liaisonName: optionalText(20, '联络员'),
  liaisonPhone: optionalPhone,
  leaderName: optionalText(20, '分管领导'),
  sortOrder: z.number({ error: '排序必须是数字' }).int({ error: '排序必须是整数' }).min(0, { error: '排序不能小于0' }).max(9999, { error: '排序不能大于9999' }),
};

export const memberUnitCreate = z.strictObject({ ...memberUnitFields, sortOrder: memberUnitFields.sortOrder.default(100) });
export type MemberUnitCreate = z.input<typeof memberUnitCreate>;

/**
 * Edit: only the keys sent are changed (no defaults). An empty string clears an optional text field.
 * `status` switches the unit between 启用 and 停用 (member units are never deleted).
 */
export const memberUnitUpdate = z.strictObject({
  name: memberUnitFields.name.optional(),
  shortName: memberUnitFields.shortName,
  duties: memberUnitFields.duties,
  liaisonName: memberUnitFields.liaisonName,
  liaisonPhone: memberUnitFields.liaisonPhone,
  leaderName: memberUnitFields.leaderName,
  sortOrder: memberUnitFields.sortOrder.optional(),
  status: z.enum(recordStatuses, { error: '状态只能是启用或停用' }).optional(),
});
export type MemberUnitUpdate = z.input<typeof memberUnitUpdate>;

export const memberUnitListQuery = listQuery(['name', 'sortOrder', 'createdAt'] as const).extend({
  status: z.enum(recordStatuses, { error: '状态只能是启用或停用' }).optional(),
});

export const memberUnit = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  duties: z.string().nullable(),
  liaisonName: z.string().nullable(),
  /** Masked (138****5678) unless the caller may edit member units. */
  liaisonPhone: z.string().nullable(),
  leaderName: z.string().nullable(),
  sortOrder: z.number().int(),
  status: z.enum(recordStatuses),
  userCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type MemberUnit = z.infer<typeof memberUnit>;
