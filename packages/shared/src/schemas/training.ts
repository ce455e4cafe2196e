import { z } from 'zod';
import { id, idNumber, isoDate, limits, listQuery, optionalPhone, optionalText, queryBool, trimmed } from './common.js';

/**
 * Youth entrepreneurship and employment skills training (青少年创业就业技能培训): key industries and their labour
 * needs, classes, trainees (optionally linked to a care case), attendance, completion, follow-ups at 3/6/12 months.
 */

export const trainingIndustries = ['navelOrange', 'agriculture', 'ecommerce', 'electronics', 'tourism', 'homeCare', 'catering', 'construction', 'logistics', 'other'] as const;
export type TrainingIndustry = (typeof trainingIndustries)[number];
export const trainingIndustryLabels: Record<TrainingIndustry, string> = {
  navelOrange: '脐橙产业',
  agriculture: '现代农业',
  ecommerce: '电子商务',
  electronics: '电子信息制造',
  tourism: '红色旅游与民宿',
  homeCare: '家政养老',
  catering: '餐饮服务',
  construction: '建筑装饰',
  logistics: '物流快递',
  other: '其他',
};

export const trainingClassStatuses = ['planned', 'enrolling', 'running', 'finished'] as const;
export type TrainingClassStatus = (typeof trainingClassStatuses)[number];
export const trainingClassStatusLabels: Record<TrainingClassStatus, string> = { planned: '筹备中', enrolling: '报名中', running: '培训中', finished: '已结业' };
/** Status moves: forward one step at a time (finishing computes completion). */
export const trainingClassTransitions: Record<TrainingClassStatus, readonly TrainingClassStatus[]> = {
  planned: ['enrolling'],
  enrolling: ['running'],
  running: ['finished'],
  finished: [],
};

export const trainingEnrolmentStatuses = ['enrolled', 'waiting', 'withdrawn', 'completed', 'not_completed'] as const;
export type TrainingEnrolmentStatus = (typeof trainingEnrolmentStatuses)[number];
export const trainingEnrolmentStatusLabels: Record<TrainingEnrolmentStatus, string> = {
  enrolled: '已报名', waiting: '候补', withdrawn: '已退出', completed: '已结业', not_completed: '未结业',
};

export const trainingFollowUpMonths = [3, 6, 12] as const;
export type TrainingFollowUpMonth = (typeof trainingFollowUpMonths)[number];
export const trainingOutcomes = ['employed', 'business', 'seeking', 'school'] as const;
export type TrainingOutcome = (typeof trainingOutcomes)[number];
export const trainingOutcomeLabels: Record<TrainingOutcome, string> = { employed: '已就业', business: '自主创业', seeking: '仍在求职', school: '继续上学' };

export const trainingEducations = ['primary', 'junior', 'senior', 'vocational', 'college'] as const;
export const trainingEducationLabels: Record<(typeof trainingEducations)[number], string> = {
  primary: '小学', junior: '初中', senior: '高中', vocational: '中专/职高', college: '大专及以上',
};

const industry = z.enum(trainingIndustries, { error: '请选择产业' });
const year = z.coerce.number({ error: '年份必须是数字' }).int().min(2000, { error: '年份不正确' }).max(2100, { error: '年份不正确' });

// ---- industry demand ----

export const trainingDemandCreate = z.strictObject({
  industry,
  skill: trimmed(limits.shortText, '技能工种'),
  headcount: z.number({ error: '请填写用工人数' }).int({ error: '用工人数须为整数' }).min(1, { error: '用工人数至少为1' }).max(100000, { error: '用工人数过大' }),
  year: z.number({ error: '请填写年度' }).int().min(2000, { error: '年份不正确' }).max(2100, { error: '年份不正确' }),
  period: optionalText(50, '用工时段'),
  memberUnitId: id.optional(),
  employer: optionalText(limits.shortText, '用工企业'),
  note: optionalText(500, '备注'),
});
export const trainingDemandUpdate = trainingDemandCreate.partial();
export const trainingDemandListQuery = listQuery(['year', 'industry', 'headcount'] as const).extend({ year: year.optional(), industry: industry.optional() });
export const trainingDemand = z.object({
  id: z.string(),
  industry,
  skill: z.string(),
  headcount: z.number().int(),
  year: z.number().int(),
  period: z.string().nullable(),
  memberUnitId: z.string().nullable(),
  memberUnitName: z.string().nullable(),
  employer: z.string().nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type TrainingDemand = z.infer<typeof trainingDemand>;

// ---- classes ----

export const trainingTrainerInput = z.strictObject({
  name: trimmed(limits.name, '讲师姓名'),
  volunteerId: id.optional(),
});

const classFields = {
  orgUnitId: id,
  title: trimmed(limits.shortText, '班级名称'),
  skill: trimmed(limits.shortText, '培训技能'),
  industry,
  venue: optionalText(limits.shortText, '培训地点'),
  startDate: isoDate,
  endDate: isoDate,
  capacity: z.number({ error: '请填写招生人数' }).int({ error: '招生人数须为整数' }).min(1, { error: '招生人数至少为1' }).max(1000, { error: '招生人数不能超过1000' }),
  fundingFen: z.number({ error: '经费必须是数字' }).int({ error: '经费以分为单位，须为整数' }).min(0, { error: '经费不能为负数' }).max(1_000_000_000, { error: '经费过大' }).default(0),
  fundingSource: optionalText(limits.shortText, '经费来源'),
  minAttendancePct: z.number().int().min(1, { error: '结业出勤率须在1%到100%之间' }).max(100, { error: '结业出勤率须在1%到100%之间' }).default(80),
  description: optionalText(limits.longText, '培训内容'),
  partnerUnitIds: z.array(id).max(20, { error: '联办单位最多20个' }).default([]),
  trainers: z.array(trainingTrainerInput).max(20, { error: '讲师最多20人' }).default([]),
};
const datesInOrder = (v: { startDate?: string; endDate?: string }) => !v.startDate || !v.endDate || v.endDate >= v.startDate;

export const trainingClassCreate = z.strictObject(classFields).refine(datesInOrder, { error: '结束日期不能早于开始日期', path: ['endDate'] });
export type TrainingClassCreate = z.input<typeof trainingClassCreate>;
export const trainingClassUpdate = z
  .strictObject({
    title: classFields.title.optional(),
    skill: classFields.skill.optional(),
    industry: industry.optional(),
    venue: classFields.venue,
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    capacity: classFields.capacity.optional(),
    fundingFen: z.number().int().min(0).max(1_000_000_000).optional(),
    fundingSource: classFields.fundingSource,
    minAttendancePct: z.number().int().min(1).max(100).optional(),
    description: classFields.description,
    partnerUnitIds: z.array(id).max(20).optional(),
    trainers: z.array(trainingTrainerInput).max(20).optional(),
  })
  .refine(datesInOrder, { error: '结束日期不能早于开始日期', path: ['endDate'] });
export const trainingClassStatusChange = z.strictObject({ to: z.enum(trainingClassStatuses, { error: '状态不正确' }) });

export const trainingClassListQuery = listQuery(['startDate', 'title', 'status', 'capacity'] as const).extend({
  status: z.enum(trainingClassStatuses, { error: '状态不正确' }).optional(),
  industry: industry.optional(),
  year: year.optional(),
  orgUnitId: id.optional(),
});
export const trainingClassExportQuery = trainingClassListQuery.omit({ page: true, pageSize: true });

export const trainingClass = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  title: z.string(),
  skill: z.string(),
  industry,
  venue: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  capacity: z.number().int(),
  fundingFen: z.number().int(),
  fundingSource: z.string().nullable(),
  minAttendancePct: z.number().int(),
  description: z.string().nullable(),
  status: z.enum(trainingClassStatuses),
  finishedAt: z.string().nullable(),
  partners: z.array(z.object({ id: z.string(), name: z.string() })),
  trainers: z.array(z.object({ id: z.string(), name: z.string(), volunteerId: z.string().nullable() })),
  enrolled: z.number().int(),
  waiting: z.number().int(),
  completed: z.number().int(),
  sessionCount: z.number().int(),
  createdAt: z.string(),
  actions: z.array(z.string()),
});
export type TrainingClass = z.infer<typeof trainingClass>;

// ---- sessions and attendance ----

export const trainingItemParams = z.strictObject({ id, itemId: id });
export const trainingSessionCreate = z.strictObject({
  sessionDate: isoDate,
  topic: trimmed(limits.shortText, '课程内容'),
  hours: z.number({ error: '请填写课时' }).min(0.5, { error: '课时至少0.5小时' }).max(12, { error: '每次课时不超过12小时' }),
  trainerId: id.optional(),
});
export const trainingAttendanceInput = z.strictObject({
  presentIds: z.array(id).max(1000),
});
export const trainingSession = z.object({
  id: z.string(),
  sessionDate: z.string(),
  topic: z.string(),
  hours: z.number(),
  trainerId: z.string().nullable(),
  trainerName: z.string().nullable(),
  held: z.boolean(),
  presentIds: z.array(z.string()),
});
export type TrainingSession = z.infer<typeof trainingSession>;

// ---- trainees ----

export const trainingEnrolmentCreate = z.strictObject({
  careCaseId: id.optional(),
  name: trimmed(limits.name, '姓名').optional(),
  idNumber: idNumber.optional(),
  phone: optionalPhone,
  education: z.enum(trainingEducations, { error: '文化程度不正确' }).optional(),
}).refine((v) => Boolean(v.careCaseId) || (Boolean(v.name) && Boolean(v.idNumber)), { error: '请填写姓名和身份证号，或选择帮扶对象', path: ['name'] });
export type TrainingEnrolmentCreate = z.input<typeof trainingEnrolmentCreate>;

export const trainingUnmaskFields = ['idNumber', 'phone'] as const;
export const trainingUnmask = z.strictObject({ field: z.enum(trainingUnmaskFields, { error: '字段不正确' }) });
export const trainingUnmaskReply = z.object({ field: z.enum(trainingUnmaskFields), value: z.string().nullable() });

export const trainingFollowUp = z.object({
  id: z.string(),
  month: z.number().int(),
  outcome: z.enum(trainingOutcomes),
  employer: z.string().nullable(),
  industry: industry.nullable(),
  note: z.string().nullable(),
  recordedOn: z.string(),
});
export type TrainingFollowUp = z.infer<typeof trainingFollowUp>;

export const trainingEnrolment = z.object({
  id: z.string(),
  classId: z.string(),
  careCaseId: z.string().nullable(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  education: z.enum(trainingEducations).nullable(),
  status: z.enum(trainingEnrolmentStatuses),
  waitingPosition: z.number().int().nullable(),
  attended: z.number().int(),
  certificateNo: z.string().nullable(),
  followUps: z.array(trainingFollowUp),
  /** Follow-ups due (month offsets past their due date with nothing recorded). */
  dueFollowUps: z.array(z.number().int()),
  createdAt: z.string(),
  actions: z.array(z.string()),
});
export type TrainingEnrolment = z.infer<typeof trainingEnrolment>;

export const trainingFollowUpCreate = z
  .strictObject({
    month: z.union([z.literal(3), z.literal(6), z.literal(12)], { error: '回访节点只能是3、6或12个月' }),
    outcome: z.enum(trainingOutcomes, { error: '请选择回访结果' }),
    employer: optionalText(limits.shortText, '就业单位或创业项目'),
    industry: industry.optional(),
    note: optionalText(500, '备注'),
    recordedOn: isoDate,
  })
  .refine((v) => !(v.outcome === 'employed' || v.outcome === 'business') || Boolean(v.employer), { error: '请填写就业单位或创业项目', path: ['employer'] })
  .refine((v) => !(v.outcome === 'employed' || v.outcome === 'business') || Boolean(v.industry), { error: '请选择所属产业', path: ['industry'] });
export type TrainingFollowUpCreate = z.input<typeof trainingFollowUpCreate>;

export const trainingCaseCandidateQuery = z.strictObject({ q: trimmed(limits.search, '搜索词') });
export const trainingCaseCandidate = z.object({ id: z.string(), name: z.string(), idNumber: z.string(), orgUnitName: z.string(), birthDate: z.string() });

/** What a care case shows of its young person's training (read by the care case timeline). */
export const trainingForCaseItem = z.object({
  enrolmentId: z.string(),
  classId: z.string(),
  classTitle: z.string(),
  industry,
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(trainingEnrolmentStatuses),
  enrolledAt: z.string(),
  followUps: z.array(trainingFollowUp),
});
export type TrainingForCaseItem = z.infer<typeof trainingForCaseItem>;

// ---- results ----

export const trainingResultsQuery = z.strictObject({ year: year.optional(), orgUnitId: id.optional(), industry: industry.optional() });
const counts = {
  classes: z.number().int(),
  trainees: z.number().int(),
  completed: z.number().int(),
  followedUp: z.number().int(),
  employed: z.number().int(),
  business: z.number().int(),
  seeking: z.number().int(),
  school: z.number().int(),
  employedInIndustry: z.number().int(),
};
export const trainingResults = z.object({
  total: z.object(counts),
  byYear: z.array(z.object({ year: z.number().int(), ...counts })),
  byIndustry: z.array(z.object({ industry, label: z.string(), demand: z.number().int(), ...counts })),
  byClass: z.array(z.object({ classId: z.string(), title: z.string(), industry, startDate: z.string(), status: z.enum(trainingClassStatuses), ...counts })),
});
export type TrainingResults = z.infer<typeof trainingResults>;

// ---- import ----

export const trainingImportCommit = z.strictObject({ previewId: id });
export const trainingImportPreview = z.object({
  previewId: z.string(),
  rowCount: z.number().int(),
  validCount: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
  sample: z.array(z.object({ row: z.number().int(), name: z.string(), idNumber: z.string(), careCase: z.boolean() })),
  expiresAt: z.string(),
});
export type TrainingImportPreview = z.infer<typeof trainingImportPreview>;
export const trainingImportResult = z.object({ created: z.number().int(), waiting: z.number().int() });

export const trainingExportQuery = z.strictObject({ full: queryBool.optional() });
