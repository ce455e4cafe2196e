import { z } from 'zod';
import { recordStatuses } from '../enums.js';
import { limits, listQuery, trimmed } from './common.js';

export const dictionaryType = z
  .string({ error: '请填写字典类型' })
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.]{1,49}$/, { error: '字典类型以字母开头，只能包含字母、数字、下划线和点，2-50位' });

export const dictionaryCode = z
  .string({ error: '请填写字典编码' })
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,32}$/, { error: '字典编码只能包含字母、数字和 _ . -，最多32位' });

const sortOrder = z.number({ error: '排序必须是数字' }).int({ error: '排序必须是整数' }).min(0, { error: '排序不能小于0' }).max(9999, { error: '排序不能大于9999' });

export const dictionaryItemCreate = z.strictObject({
  type: dictionaryType,
  code: dictionaryCode,
  label: trimmed(limits.name, '显示名称'),
  sortOrder: sortOrder.default(0),
});
export type DictionaryItemCreate = z.input<typeof dictionaryItemCreate>;

/** Edit: type and code are fixed once created (data refers to them); label, order and status change. */
export const dictionaryItemUpdate = z.strictObject({
  label: trimmed(limits.name, '显示名称').optional(),
  sortOrder: sortOrder.optional(),
  status: z.enum(recordStatuses, { error: '状态只能是启用或停用' }).optional(),
});

export const dictionaryListQuery = listQuery(['type', 'code', 'sortOrder', 'label'] as const).extend({
  type: dictionaryType.optional(),
  status: z.enum(recordStatuses, { error: '状态只能是启用或停用' }).optional(),
});

export const dictionaryItem = z.object({
  id: z.string(),
  type: z.string(),
  code: z.string(),
  label: z.string(),
  sortOrder: z.number().int(),
  status: z.enum(recordStatuses),
  actions: z.array(z.string()),
});
export type DictionaryItem = z.infer<typeof dictionaryItem>;

export const dictionaryTypeSummary = z.object({ type: z.string(), itemCount: z.number().int(), activeCount: z.number().int() });
