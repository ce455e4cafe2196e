import { z } from 'zod';
import {
  ageBands,
  committeePosts,
  politicalStatuses,
  sexes,
  volunteerAvailabilities,
  volunteerCategories,
  volunteerHealths,
  volunteerServiceSources,
  volunteerSpecialties,
  volunteerStatuses,
  volunteerTeamKinds,
  volunteerTeamRoles,
} from '../enums.js';
import { parseIdNumber } from '../idNumber.js';
import { id, idNumber, isoDate, limits, listQuery, optionalPhone, optionalText, trimmed } from './common.js';

const category = z.enum(volunteerCategories, { error: '请选择类别（老干部、老战士、老专家、老教师、老模范）' });
const sex = z.enum(sexes, { error: '性别只能是男或女' });
const status = z.enum(volunteerStatuses, { error: '状态不正确' });
const specialties = z
  .array(z.enum(volunteerSpecialties, { error: '特长不在可选范围内' }), { error: '特长应为列表' })
  .max(volunteerSpecialties.length)
  .transform((v) => [...new Set(v)]);
const pastDate = (label: string) => isoDate.refine((v) => v <= new Date().toISOString().slice(0, 10), { error: `${label}不能晚于今天` });
const optionalIdNumber = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v))
  .pipe(idNumber.optional());

const volunteerFields = {
  orgUnitId: id,
  userId: id.nullable().optional(),
  category,
  name: trimmed(20, '姓名'),
  sex: sex.optional(),
  birthDate: pastDate('出生日期').optional(),
  idNumber: optionalIdNumber,
  phone: optionalPhone,
  formerPost: optionalText(limits.shortText, '原职务'),
  formerUnit: optionalText(limits.shortText, '原工作单位'),
  politicalStatus: z.enum(politicalStatuses, { error: '政治面貌不正确' }).optional(),
  health: z.enum(volunteerHealths, { error: '健康状况不正确' }).optional(),
  availability: z.enum(volunteerAvailabilities, { error: '可服务时间不正确' }).optional(),
  committeePost: z.enum(committeePosts, { error: '关工委职务不正确' }),
  joinDate: pastDate('加入日期').optional(),
  specialties,
  remark: optionalText(limits.longText, '备注'),
};

/**
 * Sex and birth date come from the ID number where one is given; they must agree if both are sent.
 * Without an ID number, both are required.
 */
function checkIdentity(v: { idNumber?: string; sex?: string; birthDate?: string }, ctx: z.RefinementCtx, requireBoth: boolean) {
  if (v.idNumber) {
    const parsed = parseIdNumber(v.idNumber);
    if (!parsed.ok) return;
    if (v.birthDate && v.birthDate !== parsed.info.birthDate) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: '出生日期与身份证号不一致' });
    if (v.sex && v.sex !== parsed.info.sex) ctx.addIssue({ code: 'custom', path: ['sex'], message: '性别与身份证号不一致' });
    return;
  }
  if (!requireBoth) return;
  if (!v.birthDate) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: '请填写出生日期（或填写身份证号）' });
  if (!v.sex) ctx.addIssue({ code: 'custom', path: ['sex'], message: '请选择性别（或填写身份证号）' });
}

export const volunteerCreate = z
  .strictObject({
    ...volunteerFields,
    committeePost: volunteerFields.committeePost.default('none'),
    specialties: volunteerFields.specialties.default([]),
  })
  .superRefine((v, ctx) => checkIdentity(v, ctx, true));
export type VolunteerCreate = z.input<typeof volunteerCreate>;

/** Edit: only the keys sent change; an empty string clears an optional field. Status has its own route. */
export const volunteerUpdate = z
  .strictObject({
    orgUnitId: id.optional(),
    userId: id.nullable().optional(),
    category: category.optional(),
    name: volunteerFields.name.optional(),
    sex: sex.optional(),
    birthDate: volunteerFields.birthDate,
    idNumber: volunteerFields.idNumber,
    phone: volunteerFields.phone,
    formerPost: volunteerFields.formerPost,
    formerUnit: volunteerFields.formerUnit,
    politicalStatus: volunteerFields.politicalStatus,
    health: volunteerFields.health,
    availability: volunteerFields.availability,
    committeePost: volunteerFields.committeePost.optional(),
    joinDate: volunteerFields.joinDate,
    specialties: volunteerFields.specialties.optional(),
    remark: volunteerFields.remark,
  })
  .superRefine((v, ctx) => checkIdentity(v, ctx, false));
export type VolunteerUpdate = z.input<typeof volunteerUpdate>;

export const volunteerStatusChange = z.strictObject({
  status,
  reason: trimmed(200, '原因'),
});

export const volunteerUnmask = z.strictObject({
  field: z.enum(['idNumber', 'phone'], { error: '只能查看身份证号或联系电话' }),
  reason: optionalText(200, '原因'),
});
export const volunteerUnmaskReply = z.object({ field: z.string(), value: z.string().nullable() });

const volunteerFilters = {
  category: z.enum(volunteerCategories, { error: '类别不正确' }).optional(),
  specialty: z.enum(volunteerSpecialties, { error: '特长不正确' }).optional(),
  /** An org node (township, village…): the volunteers at it and below. */
  orgUnitId: id.optional(),
  ageBand: z.enum(ageBands, { error: '年龄段不正确' }).optional(),
  status: status.optional(),
  committeePost: z.enum(committeePosts, { error: '关工委职务不正确' }).optional(),
  teamId: id.optional(),
};

export const volunteerListQuery = listQuery(['name', 'birthDate', 'joinDate', 'createdAt', 'category'] as const).extend(volunteerFilters);
export const volunteerExportQuery = volunteerListQuery.omit({ page: true, pageSize: true }).extend({
  /** A full (unmasked) export: needs volunteer:unmask and a reason; watermarked and logged. */
  full: z.enum(['true', 'false', '1', '0'], { error: '只能是 true 或 false' }).optional().transform((v) => v === 'true' || v === '1'),
  reason: optionalText(200, '导出原因'),
});

export const volunteer = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  townshipName: z.string().nullable(),
  userId: z.string().nullable(),
  category: z.enum(volunteerCategories),
  name: z.string(),
  sex: z.enum(sexes),
  birthDate: z.string(),
  age: z.number().int(),
  /**
   * Always masked (1101**********1234); the full value only through the logged unmask route. Null in list items: the
   * register does not show it, so a page does not carry it (the detail does, masked).
   */
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  formerPost: z.string().nullable(),
  formerUnit: z.string().nullable(),
  politicalStatus: z.enum(politicalStatuses).nullable(),
  health: z.enum(volunteerHealths).nullable(),
  availability: z.enum(volunteerAvailabilities).nullable(),
  committeePost: z.enum(committeePosts),
  joinDate: z.string().nullable(),
  status: z.enum(volunteerStatuses),
  specialties: z.array(z.enum(volunteerSpecialties)),
  remark: z.string().nullable(),
  totalHours: z.number(),
  stars: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type Volunteer = z.infer<typeof volunteer>;

// ---- Service records ----

const hours = z
  .number({ error: '时长必须是数字' })
  .positive({ error: '时长必须大于0' })
  .max(24, { error: '一次服务时长不能超过24小时' })
  .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, { error: '时长最多保留一位小数' });

/** Staff add service that no other module records (e.g. a talk arranged by phone), with a reason. */
export const volunteerServiceCreate = z.strictObject({
  date: pastDate('服务日期'),
  hours,
  description: trimmed(200, '服务内容'),
  reason: trimmed(200, '补录原因'),
  teamId: id.optional(),
});
export type VolunteerServiceCreate = z.input<typeof volunteerServiceCreate>;

export const volunteerServiceQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax, { error: `每页最多${limits.pageSizeMax}条` }).default(20),
});

export const volunteerServiceRecord = z.object({
  id: z.string(),
  source: z.enum(volunteerServiceSources),
  sourceId: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  date: z.string(),
  hours: z.number(),
  description: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type VolunteerServiceRecord = z.infer<typeof volunteerServiceRecord>;

export const volunteerServiceSummary = z.object({
  items: z.array(volunteerServiceRecord),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  totalHours: z.number(),
  /** Hours and records in the period asked (from/to), or overall. */
  periodHours: z.number(),
  byYear: z.array(z.object({ year: z.number().int(), hours: z.number(), records: z.number().int() })),
  stars: z.number().int(),
  nextStarHours: z.number().nullable(),
});
export type VolunteerServiceSummary = z.infer<typeof volunteerServiceSummary>;

export const volunteerCertificateQuery = z
  .strictObject({ from: isoDate.optional(), to: isoDate.optional() })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { error: '开始日期不能晚于结束日期', path: ['to'] });

// ---- Teams ----

const teamKind = z.enum(volunteerTeamKinds, { error: '队伍类型不正确' });
export const volunteerTeamCreate = z.strictObject({
  orgUnitId: id,
  kind: teamKind,
  name: trimmed(limits.name, '队伍名称'),
  description: optionalText(limits.longText, '简介'),
  foundedOn: pastDate('成立日期').optional(),
});
export type VolunteerTeamCreate = z.input<typeof volunteerTeamCreate>;
export const volunteerTeamUpdate = z.strictObject({
  kind: teamKind.optional(),
  name: trimmed(limits.name, '队伍名称').optional(),
  description: optionalText(limits.longText, '简介'),
  foundedOn: pastDate('成立日期').optional(),
  status: z.enum(['active', 'disabled'], { error: '状态只能是启用或停用' }).optional(),
});
export const volunteerTeamListQuery = listQuery(['name', 'kind', 'createdAt'] as const).extend({
  kind: teamKind.optional(),
  orgUnitId: id.optional(),
  status: z.enum(['active', 'disabled'], { error: '状态只能是启用或停用' }).optional(),
});
export const volunteerTeamMemberAdd = z.strictObject({
  volunteerId: id,
  role: z.enum(volunteerTeamRoles, { error: '队内角色不正确' }).default('member'),
});
export const volunteerTeamMemberUpdate = z.strictObject({ role: z.enum(volunteerTeamRoles, { error: '队内角色不正确' }) });
export const volunteerTeamMemberParams = z.strictObject({ id, volunteerId: id });
export const volunteerTeamTopicCreate = z.strictObject({
  title: trimmed(limits.shortText, '宣讲题目'),
  summary: optionalText(limits.longText, '内容简介'),
});
export const volunteerTeamTopicParams = z.strictObject({ id, topicId: id });

export const volunteerTeam = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  kind: z.enum(volunteerTeamKinds),
  name: z.string(),
  description: z.string().nullable(),
  foundedOn: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  memberCount: z.number().int(),
  totalHours: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type VolunteerTeam = z.infer<typeof volunteerTeam>;

export const volunteerTeamMember = z.object({
  volunteerId: z.string(),
  name: z.string(),
  category: z.enum(volunteerCategories),
  orgUnitName: z.string(),
  role: z.enum(volunteerTeamRoles),
  joinedOn: z.string(),
  status: z.enum(volunteerStatuses),
});
export const volunteerTeamTopic = z.object({ id: z.string(), title: z.string(), summary: z.string().nullable(), sortOrder: z.number().int() });
export const volunteerTeamDetail = volunteerTeam.extend({
  members: z.array(volunteerTeamMember),
  topics: z.array(volunteerTeamTopic),
  /** The team's service history (activities, lectures, manual records), newest first. */
  history: z.array(volunteerServiceRecord.extend({ volunteerId: z.string(), volunteerName: z.string() })),
});
export type VolunteerTeamDetail = z.infer<typeof volunteerTeamDetail>;

/** A volunteer's teams (the 所在队伍 tab). */
export const volunteerTeamMembership = z.object({
  teamId: z.string(),
  teamName: z.string(),
  kind: z.enum(volunteerTeamKinds),
  role: z.enum(volunteerTeamRoles),
  joinedOn: z.string(),
});

// ---- Statistics ----

export const volunteerStatsQuery = z.strictObject({ orgUnitId: id.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });
const countRow = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
export const volunteerStats = z.object({
  total: z.number().int(),
  active: z.number().int(),
  inactive: z.number().int(),
  byStatus: z.array(countRow),
  byCategory: z.array(countRow),
  byAgeBand: z.array(countRow),
  byTownship: z.array(countRow.extend({ hours: z.number() })),
  bySpecialty: z.array(countRow),
  hours: z.object({ total: z.number(), year: z.number().int(), yearHours: z.number(), records: z.number().int() }),
  teams: z.array(countRow),
});
export type VolunteerStats = z.infer<typeof volunteerStats>;

// ---- Import ----

export const volunteerImportCommit = z.strictObject({
  token: id,
  /** What to do with rows that match a volunteer already registered: skip them, or update them. */
  duplicates: z.enum(['skip', 'update'], { error: '重复处理方式只能是跳过或更新' }).default('skip'),
});
export const volunteerImportRow = z.object({
  row: z.number().int(),
  name: z.string(),
  category: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  birthDate: z.string().nullable(),
  idNumber: z.string().nullable(),
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
  /** The registered volunteer this row matches (by ID number, or name + birth date). */
  duplicateOf: z.string().nullable(),
});
export const volunteerImportPreview = z.object({
  token: z.string().nullable(),
  fileName: z.string().nullable(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  duplicates: z.number().int(),
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  rows: z.array(volunteerImportRow),
});
export type VolunteerImportPreview = z.infer<typeof volunteerImportPreview>;
export const volunteerImportResult = z.object({ created: z.number().int(), updated: z.number().int(), skipped: z.number().int() });

// ---- Honours and recognitions (表彰/荣誉) ----

export const honourLevels = ['national', 'provincial', 'city', 'county', 'township'] as const;
export type HonourLevel = (typeof honourLevels)[number];
export const honourLevelLabels: Record<HonourLevel, string> = { national: '国家级', provincial: '省级', city: '市级', county: '县级', township: '乡镇级' };

const honourFields = {
  title: trimmed(limits.shortText, '荣誉名称'),
  level: z.enum(honourLevels, { error: '请选择荣誉级别（国家级、省级、市级、县级、乡镇级）' }),
  awardedBy: optionalText(limits.shortText, '授予单位'),
  awardedOn: pastDate('授予日期'),
  /** An uploaded file (certificate scan, commendation notice) as evidence. */
  evidenceUploadId: id.nullable().optional(),
  /** Whether the certificate of service lists it (when awarded within the certificate's period). */
  onCertificate: z.boolean({ error: '只能是是或否' }),
  remark: optionalText(limits.longText, '备注'),
};
export const volunteerHonourCreate = z.strictObject({ ...honourFields, onCertificate: honourFields.onCertificate.default(true) });
export type VolunteerHonourCreate = z.input<typeof volunteerHonourCreate>;
export const volunteerHonourUpdate = z.strictObject({
  title: honourFields.title.optional(),
  level: honourFields.level.optional(),
  awardedBy: honourFields.awardedBy,
  awardedOn: honourFields.awardedOn.optional(),
  evidenceUploadId: honourFields.evidenceUploadId,
  onCertificate: honourFields.onCertificate.optional(),
  remark: honourFields.remark,
});
export const volunteerHonourParams = z.strictObject({ id, honourId: id });
export const volunteerHonour = z.object({
  id: z.string(),
  volunteerId: z.string(),
  title: z.string(),
  level: z.enum(honourLevels),
  awardedBy: z.string().nullable(),
  awardedOn: z.string(),
  evidence: z.object({ id: z.string(), originalName: z.string() }).nullable(),
  onCertificate: z.boolean(),
  remark: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
  actions: z.array(z.string()),
});
export type VolunteerHonour = z.infer<typeof volunteerHonour>;

/** 星级标准: cumulative hours for one to five stars, strictly rising. */
export const volunteerSettings = z.strictObject({
  starHours: z
    .array(z.number({ error: '小时数必须是数字' }).int({ error: '小时数须为整数' }).min(1, { error: '小时数最少为1' }).max(100_000, { error: '小时数最多为100000' }), { error: '请填写五个星级的小时数' })
    .length(5, { error: '请填写一星至五星共五个小时数' })
    .refine((hours) => hours.every((h, i) => i === 0 || h > hours[i - 1]!), { error: '星级小时数须逐级递增' }),
});
export type VolunteerSettings = z.output<typeof volunteerSettings>;
