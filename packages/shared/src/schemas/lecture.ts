import { z } from 'zod';
import { id, isoDate, limits, listQuery, optionalText, queryBool, trimmed } from './common.js';
import { clockTime, serviceHours } from './activity.js';

/** The lecture menu (菜单式宣讲): topics by category, who may give them, who may book them. */
export const lectureCategories = ['theory', 'redHeritage', 'law', 'safety', 'mentalHealth', 'skills', 'other'] as const;
export type LectureCategory = (typeof lectureCategories)[number];
export const lectureCategoryLabels: Record<LectureCategory, string> = {
  theory: '党的创新理论',
  redHeritage: '红色传承',
  law: '法治教育',
  safety: '安全教育',
  mentalHealth: '心理健康',
  skills: '创业就业',
  other: '其他',
};

/** Who can book a topic: the kinds of org node a request comes from. */
export const lectureAudiences = ['school', 'village', 'community', 'enterprise'] as const;
export type LectureAudience = (typeof lectureAudiences)[number];
export const lectureAudienceLabels: Record<LectureAudience, string> = { school: '学校', village: '村', community: '社区', enterprise: '企业' };

export const lectureTopicStatuses = ['published', 'withdrawn'] as const;
export type LectureTopicStatus = (typeof lectureTopicStatuses)[number];
export const lectureTopicStatusLabels: Record<LectureTopicStatus, string> = { published: '已上架', withdrawn: '已下架' };

export const lectureTopicCreate = z.strictObject({
  title: trimmed(limits.shortText, '宣讲主题'),
  category: z.enum(lectureCategories, { error: '请选择宣讲类别' }),
  summary: optionalText(limits.longText, '内容简介'),
  audiences: z.array(z.enum(lectureAudiences, { error: '面向对象不正确' })).min(1, { error: '请至少选择一类面向对象' }).max(4),
  durationMinutes: z.number({ error: '时长必须是数字' }).int().min(10, { error: '时长至少10分钟' }).max(480, { error: '时长不能超过480分钟' }).default(60),
  /** Schools accept outside speakers only on topics the office (with the education bureau) has approved. */
  schoolApproved: z.boolean({ error: '是否准入学校只能是是或否' }).default(false),
  lecturerIds: z.array(id).max(50, { error: '宣讲员最多50人' }).default([]),
});
export type LectureTopicCreate = z.input<typeof lectureTopicCreate>;

export const lectureTopicUpdate = z.strictObject({
  title: lectureTopicCreate.shape.title.optional(),
  category: lectureTopicCreate.shape.category.optional(),
  summary: lectureTopicCreate.shape.summary,
  audiences: lectureTopicCreate.shape.audiences.optional(),
  durationMinutes: z.number({ error: '时长必须是数字' }).int().min(10, { error: '时长至少10分钟' }).max(480, { error: '时长不能超过480分钟' }).optional(),
  schoolApproved: z.boolean({ error: '是否准入学校只能是是或否' }).optional(),
  lecturerIds: z.array(id).max(50, { error: '宣讲员最多50人' }).optional(),
  status: z.enum(lectureTopicStatuses, { error: '状态只能是已上架或已下架' }).optional(),
});
export type LectureTopicUpdate = z.input<typeof lectureTopicUpdate>;

export const lectureTopicListQuery = listQuery(['title', 'category', 'requests'] as const).extend({
  category: z.enum(lectureCategories, { error: '宣讲类别不正确' }).optional(),
  audience: z.enum(lectureAudiences, { error: '面向对象不正确' }).optional(),
  status: z.enum(lectureTopicStatuses, { error: '状态不正确' }).optional(),
});

export const lectureTopic = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(lectureCategories),
  summary: z.string().nullable(),
  audiences: z.array(z.enum(lectureAudiences)),
  durationMinutes: z.number().int(),
  schoolApproved: z.boolean(),
  status: z.enum(lectureTopicStatuses),
  lecturers: z.array(z.object({ id: z.string(), name: z.string() })),
  requests: z.number().int(),
  held: z.number().int(),
  averageRating: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type LectureTopic = z.infer<typeof lectureTopic>;

export const lectureRequestStatuses = ['requested', 'assigned', 'confirmed', 'held', 'cancelled'] as const;
export type LectureRequestStatus = (typeof lectureRequestStatuses)[number];
export const lectureRequestStatusLabels: Record<LectureRequestStatus, string> = {
  requested: '待派讲',
  assigned: '待宣讲员确认',
  confirmed: '已确认',
  held: '已开讲',
  cancelled: '已取消',
};

export const lectureRequestCreate = z.strictObject({
  topicId: id,
  orgUnitId: id,
  preferredDate: isoDate,
  preferredTime: clockTime.nullable().optional(),
  audienceEstimate: z.number({ error: '预计人数必须是数字' }).int({ error: '预计人数必须是整数' }).min(1, { error: '预计人数至少1人' }).max(5000, { error: '预计人数不能超过5000' }),
  note: optionalText(500, '备注'),
});
export type LectureRequestCreate = z.input<typeof lectureRequestCreate>;

export const lectureAssign = z.strictObject({ lecturerId: id, scheduledDate: isoDate });
export type LectureAssign = z.input<typeof lectureAssign>;
export const lectureDecline = z.strictObject({ reason: trimmed(200, '不能前往的原因') });
export const lectureCancel = z.strictObject({ reason: trimmed(200, '取消原因') });

/** Recording a held lecture makes it an activity: the lecturer's hours and the campaign's totals follow. */
export const lectureHeld = z.strictObject({
  date: isoDate,
  startTime: clockTime.nullable().optional(),
  hours: serviceHours,
  audienceStudents: z.number({ error: '学生人数必须是数字' }).int().min(0).max(100000).default(0),
  audienceYouth: z.number({ error: '青年人数必须是数字' }).int().min(0).max(100000).default(0),
  audienceOther: z.number({ error: '其他人数必须是数字' }).int().min(0).max(100000).default(0),
  campaignId: id.nullable().optional(),
  summary: optionalText(limits.longText, '宣讲情况'),
  photoUploadIds: z.array(id).max(20, { error: '照片最多20张' }).default([]),
});
export type LectureHeld = z.input<typeof lectureHeld>;

export const lectureRate = z.strictObject({
  rating: z.number({ error: '请打分' }).int({ error: '评分必须是整数' }).min(1, { error: '评分为1到5分' }).max(5, { error: '评分为1到5分' }),
  comment: optionalText(500, '评价'),
});
export type LectureRate = z.input<typeof lectureRate>;

export const lectureRequestListQuery = listQuery(['preferredDate', 'createdAt', 'status'] as const).extend({
  status: z.enum(lectureRequestStatuses, { error: '状态不正确' }).optional(),
  topicId: id.optional(),
  orgUnitId: id.optional(),
  /** Only the caller's own assignments (for lecturers). */
  mine: queryBool.optional(),
});

export const lectureRequest = z.object({
  id: z.string(),
  topicId: z.string(),
  topicTitle: z.string(),
  schoolApproved: z.boolean(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  orgUnitKind: z.string(),
  requestedByName: z.string().nullable(),
  preferredDate: z.string(),
  preferredTime: z.string().nullable(),
  audienceEstimate: z.number().int(),
  note: z.string().nullable(),
  status: z.enum(lectureRequestStatuses),
  lecturerId: z.string().nullable(),
  lecturerName: z.string().nullable(),
  scheduledDate: z.string().nullable(),
  assignedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  activityId: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type LectureRequest = z.infer<typeof lectureRequest>;
