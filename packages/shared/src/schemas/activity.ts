import { z } from 'zod';
import { id, isoDate, limits, listQuery, optionalText, trimmed } from './common.js';

/** Activity types (one dictionary for server, web and exports). */
export const activityTypes = ['lecture', 'redEducation', 'lawEducation', 'studySession', 'seminar', 'training', 'visit', 'cultureSports', 'other'] as const;
export type ActivityType = (typeof activityTypes)[number];
export const activityTypeLabels: Record<ActivityType, string> = {
  lecture: '宣讲',
  redEducation: '红色教育',
  lawEducation: '法治宣传教育',
  studySession: '学习',
  seminar: '座谈研讨',
  training: '培训交流',
  visit: '参观走访',
  cultureSports: '文体活动',
  other: '其他',
};

/** Who a study session is for: 领导班子带头学、党员干部全员学、“五老”骨干专题学. */
export const studyLevels = ['leaders', 'cadres', 'elders'] as const;
export type StudyLevel = (typeof studyLevels)[number];
export const studyLevelLabels: Record<StudyLevel, string> = { leaders: '领导班子带头学', cadres: '党员干部全员学', elders: '“五老”骨干专题学' };

export const activityVolunteerRoles = ['lecturer', 'participant'] as const;
export type ActivityVolunteerRole = (typeof activityVolunteerRoles)[number];
export const activityVolunteerRoleLabels: Record<ActivityVolunteerRole, string> = { lecturer: '主讲', participant: '参与' };

export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:mm' });
const headcount = (label: string) =>
  z.number({ error: `${label}必须是数字` }).int({ error: `${label}必须是整数` }).min(0, { error: `${label}不能小于0` }).max(100000, { error: `${label}不能超过100000` });
export const serviceHours = z.number({ error: '服务时长必须是数字' }).min(0.5, { error: '服务时长至少0.5小时' }).max(24, { error: '服务时长不能超过24小时' });

export const activityVolunteerInput = z.strictObject({
  volunteerId: id,
  hours: serviceHours,
  role: z.enum(activityVolunteerRoles, { error: '角色只能是主讲或参与' }).default('participant'),
});

const activityFields = {
  type: z.enum(activityTypes, { error: '请选择活动类型' }),
  studyLevel: z.enum(studyLevels, { error: '学习层级不正确' }).nullable().optional(),
  title: trimmed(limits.shortText, '活动名称'),
  date: isoDate,
  startTime: clockTime.nullable().optional(),
  endTime: clockTime.nullable().optional(),
  orgUnitId: id,
  memberUnitId: id.nullable().optional(),
  venue: optionalText(limits.shortText, '活动地点'),
  baseId: id.nullable().optional(),
  campaignId: id.nullable().optional(),
  audienceStudents: headcount('学生人数'),
  audienceYouth: headcount('青年人数'),
  audienceOther: headcount('其他人数'),
  summary: optionalText(limits.longText, '活动简介'),
  photoUploadIds: z.array(id).max(20, { error: '照片最多20张' }),
  fileUploadIds: z.array(id).max(10, { error: '附件最多10个' }),
  volunteers: z.array(activityVolunteerInput).max(200, { error: '参与志愿者最多200人' }),
};

export const activityCreate = z.strictObject({
  ...activityFields,
  audienceStudents: activityFields.audienceStudents.default(0),
  audienceYouth: activityFields.audienceYouth.default(0),
  audienceOther: activityFields.audienceOther.default(0),
  photoUploadIds: activityFields.photoUploadIds.default([]),
  fileUploadIds: activityFields.fileUploadIds.default([]),
  volunteers: activityFields.volunteers.default([]),
});
export type ActivityCreate = z.input<typeof activityCreate>;

/** Edit: only the keys sent change; `volunteers` replaces the whole list (their service records follow). */
export const activityUpdate = z.strictObject({
  type: activityFields.type.optional(),
  studyLevel: activityFields.studyLevel,
  title: activityFields.title.optional(),
  date: isoDate.optional(),
  startTime: activityFields.startTime,
  endTime: activityFields.endTime,
  orgUnitId: id.optional(),
  memberUnitId: activityFields.memberUnitId,
  venue: activityFields.venue,
  baseId: activityFields.baseId,
  campaignId: activityFields.campaignId,
  audienceStudents: activityFields.audienceStudents.optional(),
  audienceYouth: activityFields.audienceYouth.optional(),
  audienceOther: activityFields.audienceOther.optional(),
  summary: activityFields.summary,
  photoUploadIds: activityFields.photoUploadIds.optional(),
  fileUploadIds: activityFields.fileUploadIds.optional(),
  volunteers: activityFields.volunteers.optional(),
});
export type ActivityUpdate = z.input<typeof activityUpdate>;

const activityFilters = {
  type: z.enum(activityTypes, { error: '活动类型不正确' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** The node and everything below it. */
  orgUnitId: id.optional(),
  campaignId: id.optional(),
  baseId: id.optional(),
  memberUnitId: id.optional(),
  volunteerId: id.optional(),
};
export const activityListQuery = listQuery(['date', 'title', 'audienceTotal', 'createdAt'] as const).extend(activityFilters);
export type ActivityListQuery = z.input<typeof activityListQuery>;

export const activityCalendarQuery = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' }),
  ...activityFilters,
});

export const activitySummaryQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional(), campaignId: id.optional(), orgUnitId: id.optional() });

export const activityVolunteer = z.object({ volunteerId: z.string(), name: z.string(), role: z.enum(activityVolunteerRoles), hours: z.number() });

export const activity = z.object({
  id: z.string(),
  type: z.enum(activityTypes),
  studyLevel: z.enum(studyLevels).nullable(),
  title: z.string(),
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  memberUnitId: z.string().nullable(),
  memberUnitName: z.string().nullable(),
  venue: z.string().nullable(),
  baseId: z.string().nullable(),
  baseName: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  lectureRequestId: z.string().nullable(),
  audienceStudents: z.number().int(),
  audienceYouth: z.number().int(),
  audienceOther: z.number().int(),
  audienceTotal: z.number().int(),
  summary: z.string().nullable(),
  photoUploadIds: z.array(z.string()),
  fileUploadIds: z.array(z.string()),
  volunteers: z.array(activityVolunteer),
  volunteerHours: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type Activity = z.infer<typeof activity>;

export const activityCalendar = z.object({ month: z.string(), days: z.array(z.object({ date: z.string(), count: z.number().int(), audience: z.number().int() })) });
export type ActivityCalendar = z.infer<typeof activityCalendar>;

export const activityTotals = z.object({ activities: z.number().int(), audience: z.number().int(), volunteers: z.number().int(), volunteerHours: z.number() });
export type ActivityTotals = z.infer<typeof activityTotals>;

export const activitySummary = z.object({
  totals: activityTotals,
  byType: z.array(z.object({ type: z.enum(activityTypes), activities: z.number().int(), audience: z.number().int() })),
  byMonth: z.array(z.object({ month: z.string(), activities: z.number().int(), audience: z.number().int() })),
});
export type ActivitySummary = z.infer<typeof activitySummary>;

/** The picker of volunteers for an activity: serving elders by name or pinyin (names only). */
export const activityVolunteerOptionsQuery = z.strictObject({ q: z.string().trim().max(limits.search, { error: `搜索词不能超过${limits.search}个字` }).optional() });
export const activityVolunteerOption = z.object({ id: z.string(), name: z.string(), category: z.string() });

/** DELETE /activities/:id/uploads/:uploadId — take one photo or file off an activity. */
export const activityUploadParams = z.strictObject({ id, uploadId: id });
