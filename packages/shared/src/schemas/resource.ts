import { z } from 'zod';
import { fundDirections, fundSources, leadershipPosts, recordStatuses, venueTypes } from '../enums.js';
import { id, isoDate, limits, listQuery, optionalText, trimmed } from './common.js';
import { activityIdList, uploadIdList, workYear } from './target.js';

// ---------------------------------------------------------------- funds ledger (经费), amounts in fen

const fen = z.number({ error: '金额必须是数字' }).int({ error: '金额以分为单位，必须是整数' }).min(1, { error: '金额必须大于0' }).max(100_000_000_000, { error: '金额过大' });

export const fundEntryCreate = z
  .strictObject({
    orgUnitId: id,
    entryDate: isoDate,
    direction: z.enum(fundDirections, { error: '请选择收入或支出' }),
    source: z.enum(fundSources, { error: '收入来源不正确' }).nullable().optional(),
    project: optionalText(limits.shortText, '支出项目'),
    memberUnitId: id.nullable().optional(),
    activityId: id.nullable().optional(),
    amountFen: fen,
    note: optionalText(500, '备注'),
  })
  .refine((v) => (v.direction === 'income' ? Boolean(v.source) : Boolean(v.project)), { error: '收入须选择来源，支出须填写项目', path: ['source'] });
export type FundEntryCreate = z.input<typeof fundEntryCreate>;

export const fundEntryUpdate = z.strictObject({
  entryDate: isoDate.optional(),
  source: z.enum(fundSources, { error: '收入来源不正确' }).nullable().optional(),
  project: optionalText(limits.shortText, '支出项目'),
  memberUnitId: id.nullable().optional(),
  activityId: id.nullable().optional(),
  amountFen: fen.optional(),
  note: optionalText(500, '备注'),
});

export const fundEntryListQuery = listQuery(['entryDate', 'amountFen', 'createdAt'] as const).extend({
  year: workYear.optional(),
  orgUnitId: id.optional(),
  direction: z.enum(fundDirections).optional(),
  source: z.enum(fundSources).optional(),
  memberUnitId: id.optional(),
});
export const fundBalanceQuery = z.strictObject({ year: workYear, orgUnitId: id.optional() });

export const fundEntry = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  year: z.number().int(),
  entryDate: z.string(),
  direction: z.enum(fundDirections),
  source: z.enum(fundSources).nullable(),
  project: z.string().nullable(),
  memberUnitId: z.string().nullable(),
  memberUnitName: z.string().nullable(),
  activityId: z.string().nullable(),
  activityTitle: z.string().nullable(),
  amountFen: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.string()),
});
export type FundEntry = z.infer<typeof fundEntry>;

export const fundBalance = z.object({
  year: z.number().int(),
  rows: z.array(
    z.object({
      orgUnitId: z.string(),
      orgUnitName: z.string(),
      openingFen: z.number().int(),
      incomeFen: z.number().int(),
      incomeBySource: z.record(z.string(), z.number().int()),
      expenseFen: z.number().int(),
      closingFen: z.number().int(),
    }),
  ),
  totals: z.object({ openingFen: z.number().int(), incomeFen: z.number().int(), expenseFen: z.number().int(), closingFen: z.number().int() }),
});
export type FundBalance = z.infer<typeof fundBalance>;

// ---------------------------------------------------------------- venues (阵地)

const venueFields = {
  orgUnitId: id,
  name: trimmed(limits.shortText, '阵地名称'),
  type: z.enum(venueTypes, { error: '请选择阵地类型' }),
  address: optionalText(200, '地址'),
  areaSqm: z.number({ error: '面积必须是数字' }).int({ error: '面积必须是整数' }).min(0).max(1_000_000).nullable().optional(),
  facilities: optionalText(limits.longText, '设施'),
  openingHours: optionalText(limits.shortText, '开放时间'),
};
export const venueCreate = z.strictObject(venueFields);
export type VenueCreate = z.input<typeof venueCreate>;
export const venueUpdate = z.strictObject({
  name: venueFields.name.optional(),
  type: venueFields.type.optional(),
  address: venueFields.address,
  areaSqm: venueFields.areaSqm,
  facilities: venueFields.facilities,
  openingHours: venueFields.openingHours,
  status: z.enum(recordStatuses).optional(),
});
export const venueUseInput = z.strictObject({ activityId: id });
export const venueListQuery = listQuery(['name', 'createdAt'] as const).extend({ type: z.enum(venueTypes).optional(), orgUnitId: id.optional(), status: z.enum(recordStatuses).optional() });

export const venue = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  name: z.string(),
  type: z.enum(venueTypes),
  address: z.string().nullable(),
  areaSqm: z.number().int().nullable(),
  facilities: z.string().nullable(),
  openingHours: z.string().nullable(),
  status: z.enum(recordStatuses),
  useCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type Venue = z.infer<typeof venue>;
export const venueDetail = venue.extend({ uses: z.array(z.object({ id: z.string(), title: z.string(), date: z.string() })) });
export type VenueDetail = z.infer<typeof venueDetail>;

// ---------------------------------------------------------------- leadership (班子) and staff training

export const committeeMemberCreate = z.strictObject({
  orgUnitId: id,
  name: trimmed(20, '姓名'),
  post: z.enum(leadershipPosts, { error: '请选择职务' }),
  workTitle: optionalText(100, '工作单位及职务'),
  isElder: z.boolean().default(false),
  since: isoDate.nullable().optional(),
  sortOrder: z.number().int().min(0).max(9999).default(100),
});
export const committeeMemberUpdate = z.strictObject({
  name: trimmed(20, '姓名').optional(),
  post: z.enum(leadershipPosts, { error: '请选择职务' }).optional(),
  workTitle: optionalText(100, '工作单位及职务'),
  isElder: z.boolean().optional(),
  since: isoDate.nullable().optional(),
  status: z.enum(recordStatuses).optional(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
});
export const committeeMemberListQuery = listQuery(['sortOrder', 'name'] as const).extend({ orgUnitId: id.optional(), status: z.enum(recordStatuses).optional() });
export const committeeMember = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  name: z.string(),
  post: z.enum(leadershipPosts),
  workTitle: z.string().nullable(),
  isElder: z.boolean(),
  since: z.string().nullable(),
  status: z.enum(recordStatuses),
  sortOrder: z.number().int(),
  actions: z.array(z.string()),
});
export type CommitteeMember = z.infer<typeof committeeMember>;

export const staffTrainingCreate = z
  .strictObject({
    orgUnitId: id.optional(),
    memberUnitId: id.optional(),
    title: trimmed(limits.shortText, '培训名称'),
    trainingDate: isoDate,
    organizer: optionalText(100, '主办单位'),
    trainees: z.number({ error: '参训人数必须是数字' }).int().min(1, { error: '参训人数至少1人' }).max(100000),
    hours: z.number({ error: '学时必须是数字' }).int().min(1, { error: '学时至少1' }).max(1000),
    content: optionalText(limits.longText, '培训内容'),
    uploadIds: uploadIdList.default([]),
  })
  .refine((v) => !(v.orgUnitId && v.memberUnitId), { error: '组织和成员单位只能选一个', path: ['orgUnitId'] });
export const staffTrainingListQuery = listQuery(['trainingDate', 'title'] as const).extend({ year: workYear.optional(), orgUnitId: id.optional(), memberUnitId: id.optional() });
export const staffTraining = z.object({
  id: z.string(),
  orgUnitId: z.string().nullable(),
  memberUnitId: z.string().nullable(),
  ownerName: z.string(),
  title: z.string(),
  trainingDate: z.string(),
  organizer: z.string().nullable(),
  trainees: z.number().int(),
  hours: z.number().int(),
  content: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.string()),
});
export type StaffTraining = z.infer<typeof staffTraining>;

// ---------------------------------------------------------------- brands of practice (工作品牌)

export const brandCreate = z.strictObject({
  name: trimmed(50, '品牌名称'),
  slogan: optionalText(100, '品牌口号'),
  description: trimmed(5000, '品牌内涵和做法'),
  results: optionalText(5000, '工作成效'),
  orgUnitId: id,
  memberUnitIds: z.array(id).max(100).default([]),
  activityIds: activityIdList.default([]),
});
export const brandUpdate = z.strictObject({
  name: trimmed(50, '品牌名称').optional(),
  slogan: optionalText(100, '品牌口号'),
  description: trimmed(5000, '品牌内涵和做法').optional(),
  results: optionalText(5000, '工作成效'),
  memberUnitIds: z.array(id).max(100).optional(),
  activityIds: activityIdList.optional(),
  status: z.enum(recordStatuses).optional(),
});
export const brandListQuery = listQuery(['name', 'createdAt'] as const).extend({ status: z.enum(recordStatuses).optional() });
export const brand = z.object({
  id: z.string(),
  name: z.string(),
  slogan: z.string().nullable(),
  description: z.string(),
  results: z.string().nullable(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  status: z.enum(recordStatuses),
  memberUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  activities: z.array(z.object({ id: z.string(), title: z.string(), date: z.string() })),
  activityCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type Brand = z.infer<typeof brand>;
