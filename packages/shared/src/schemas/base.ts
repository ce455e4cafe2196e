import { z } from 'zod';
import { recordStatuses } from '../enums.js';
import { id, limits, listQuery, optionalText, trimmed } from './common.js';

/** Education bases (红色基因传承教育基地 and others) by level. */
export const baseLevels = ['national', 'provincial', 'city', 'county'] as const;
export type BaseLevel = (typeof baseLevels)[number];
export const baseLevelLabels: Record<BaseLevel, string> = { national: '国家级', provincial: '省级', city: '市级', county: '县级' };

export const baseCreate = z.strictObject({
  name: trimmed(limits.shortText, '基地名称'),
  orgUnitId: id,
  level: z.enum(baseLevels, { error: '请选择基地级别' }),
  theme: trimmed(limits.shortText, '教育主题'),
  address: optionalText(limits.shortText, '地址'),
  owner: optionalText(limits.shortText, '管理单位'),
  capacity: z.number({ error: '可容纳人数必须是数字' }).int({ error: '可容纳人数必须是整数' }).min(0, { error: '可容纳人数不能小于0' }).max(100000, { error: '可容纳人数过大' }).nullable().optional(),
  openingHours: optionalText(limits.shortText, '开放时间'),
  contactName: optionalText(20, '联系人'),
  description: optionalText(limits.longText, '基地简介'),
});
export type BaseCreate = z.input<typeof baseCreate>;

export const baseUpdate = z.strictObject({
  name: baseCreate.shape.name.optional(),
  orgUnitId: id.optional(),
  level: baseCreate.shape.level.optional(),
  theme: baseCreate.shape.theme.optional(),
  address: baseCreate.shape.address,
  owner: baseCreate.shape.owner,
  capacity: baseCreate.shape.capacity,
  openingHours: baseCreate.shape.openingHours,
  contactName: baseCreate.shape.contactName,
  description: baseCreate.shape.description,
  status: z.enum(recordStatuses, { error: '状态只能是启用或停用' }).optional(),
});
export type BaseUpdate = z.input<typeof baseUpdate>;

export const baseListQuery = listQuery(['name', 'level', 'activities', 'visitors'] as const).extend({
  level: z.enum(baseLevels, { error: '基地级别不正确' }).optional(),
  orgUnitId: id.optional(),
  status: z.enum(recordStatuses, { error: '状态只能是启用或停用' }).optional(),
});

export const educationBase = z.object({
  id: z.string(),
  name: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  level: z.enum(baseLevels),
  theme: z.string(),
  address: z.string().nullable(),
  owner: z.string().nullable(),
  capacity: z.number().int().nullable(),
  openingHours: z.string().nullable(),
  contactName: z.string().nullable(),
  description: z.string().nullable(),
  status: z.enum(recordStatuses),
  /** Activities held at the base and their audience (visitor count), counted from the activity records. */
  activities: z.number().int(),
  visitors: z.number().int(),
  lastActivityDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type EducationBase = z.infer<typeof educationBase>;
