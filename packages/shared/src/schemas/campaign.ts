import { z } from 'zod';
import { recordStatuses } from '../enums.js';
import { limits, listQuery, optionalText, trimmed } from './common.js';
import { activityTotals } from './activity.js';

const year = (label: string) => z.number({ error: `${label}必须是数字` }).int({ error: `${label}必须是整数` }).min(2000, { error: `${label}不正确` }).max(2100, { error: `${label}不正确` });
const goal = (label: string) => z.number({ error: `${label}必须是数字` }).int({ error: `${label}必须是整数` }).min(0, { error: `${label}不能小于0` }).max(10_000_000, { error: `${label}过大` });

/** Named, multi-year campaigns (传承红色基因，争做时代新人; 四史三爱; 大手牵小手，永远跟党走; 关爱明天、普法先行). */
export const campaignCreate = z.strictObject({
  name: trimmed(limits.shortText, '活动名称'),
  theme: trimmed(limits.shortText, '主题'),
  description: optionalText(limits.longText, '活动说明'),
  startYear: year('开始年份'),
  endYear: year('结束年份').nullable().optional(),
  goalActivities: goal('目标场次').nullable().optional(),
  goalAudience: goal('目标受众人数').nullable().optional(),
});
export type CampaignCreate = z.input<typeof campaignCreate>;

export const campaignUpdate = z.strictObject({
  name: campaignCreate.shape.name.optional(),
  theme: campaignCreate.shape.theme.optional(),
  description: campaignCreate.shape.description,
  startYear: campaignCreate.shape.startYear.optional(),
  endYear: campaignCreate.shape.endYear,
  goalActivities: campaignCreate.shape.goalActivities,
  goalAudience: campaignCreate.shape.goalAudience,
  status: z.enum(recordStatuses, { error: '状态只能是启用或停用' }).optional(),
});
export type CampaignUpdate = z.input<typeof campaignUpdate>;

export const campaignListQuery = listQuery(['name', 'startYear', 'activities'] as const).extend({
  status: z.enum(recordStatuses, { error: '状态只能是启用或停用' }).optional(),
});

export const campaign = z.object({
  id: z.string(),
  name: z.string(),
  theme: z.string(),
  description: z.string().nullable(),
  startYear: z.number().int(),
  endYear: z.number().int().nullable(),
  goalActivities: z.number().int().nullable(),
  goalAudience: z.number().int().nullable(),
  status: z.enum(recordStatuses),
  /** Counted from the activities in the caller's scope: entered once, counted here. */
  totals: activityTotals,
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type Campaign = z.infer<typeof campaign>;
