import { z } from 'zod';
import { recordStatuses } from '../enums.js';
import { limits, listQuery, optionalPhone, optionalText, trimmed } from './common.js';

export const memberUnitCreate = z.strictObject({
  name: trimmed(limits.name, '单位名称'),
  shortName: optionalText(20, '简称'),
  duties: optionalText(limits.longText, '工作职责'),
  liaisonName: optionalText(20, '联络员'),
  liaisonPhone: optionalPhone,
  leaderName: optionalText(20, '分管领导'),
  sortOrder: z.number({ error: '排序必须是数字' }).int().min(0).max(9999).default(100),
});
export type MemberUnitCreate = z.input<typeof memberUnitCreate>;

export const memberUnitUpdate = memberUnitCreate.partial().extend({
  status: z.enum(recordStatuses, { error: '状态只能是启用或停用' }).optional(),
});

export const memberUnitListQuery = listQuery(['name', 'sortOrder', 'createdAt'] as const).extend({
  status: z.enum(recordStatuses).optional(),
});

export const memberUnit = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  duties: z.string().nullable(),
  liaisonName: z.string().nullable(),
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
