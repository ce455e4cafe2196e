import { z } from 'zod';
import { ageOn, parseIdNumber } from '../idNumber.js';
import { politicalStatuses } from '../enums.js';
import { id, idNumber, isoDate, limits, listQuery, optionalPhone, optionalText, queryBool, trimmed } from './common.js';

/**
 * Care cases for vulnerable young people (关爱帮扶): the young person and their case, case work,
 * mentors (结对帮扶), visits, the assistance ledger (助学/助困/助业) and outcomes.
 */

export const careCaseCategories = ['offender', 'unsupervised', 'dropout', 'unemployed', 'bereaved'] as const;
export type CareCaseCategory = (typeof careCaseCategories)[number];
export const careCaseCategoryLabels: Record<CareCaseCategory, string> = {
  offender: '失足',
  unsupervised: '失管',
  dropout: '失学',
  unemployed: '失业',
  bereaved: '失亲',
};

export const careCaseStatuses = ['intake', 'assessment', 'plan', 'in_progress', 'closed', 'reopened', 'merged'] as const;
export type CareCaseStatus = (typeof careCaseStatuses)[number];
export const careCaseStatusLabels: Record<CareCaseStatus, string> = {
  intake: '登记',
  assessment: '评估',
  plan: '制定计划',
  in_progress: '帮扶中',
  closed: '已结案',
  reopened: '重新启动',
  merged: '已合并',
};

/** Status moves a case worker may make directly (closing goes through request + approval). */
export const careCaseTransitions: Record<CareCaseStatus, readonly CareCaseStatus[]> = {
  intake: ['assessment'],
  assessment: ['plan'],
  plan: ['in_progress'],
  in_progress: [],
  closed: ['reopened'],
  reopened: ['assessment', 'plan', 'in_progress'],
  merged: [],
};

export const riskLevels = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const riskLevelLabels: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高' };

export const careCaseOutcomes = ['back_in_school', 'employed', 'stable', 'relocated', 'aged_out', 'other'] as const;
export type CareCaseOutcome = (typeof careCaseOutcomes)[number];
export const careCaseOutcomeLabels: Record<CareCaseOutcome, string> = {
  back_in_school: '重返校园',
  employed: '实现就业',
  stable: '情况稳定',
  relocated: '迁出本地',
  aged_out: '超出帮扶年龄',
  other: '其他',
};

export const assistanceKinds = ['education', 'hardship', 'employment'] as const;
export type AssistanceKind = (typeof assistanceKinds)[number];
export const assistanceKindLabels: Record<AssistanceKind, string> = { education: '助学', hardship: '助困', employment: '助业' };

export const needKinds = ['education', 'hardship', 'employment', 'psychological', 'legal', 'guardianship', 'other'] as const;
export type NeedKind = (typeof needKinds)[number];
export const needKindLabels: Record<NeedKind, string> = {
  education: '就学',
  hardship: '生活困难',
  employment: '就业创业',
  psychological: '心理疏导',
  legal: '法律帮助',
  guardianship: '监护照料',
  other: '其他',
};

export const visitModes = ['home', 'school', 'phone', 'online'] as const;
export type VisitMode = (typeof visitModes)[number];
export const visitModeLabels: Record<VisitMode, string> = { home: '入户走访', school: '到校走访', phone: '电话联系', online: '网络联系' };

export const mentorRoles = ['lead', 'assistant'] as const;
export type MentorRole = (typeof mentorRoles)[number];
export const mentorRoleLabels: Record<MentorRole, string> = { lead: '主要帮扶人', assistant: '协助帮扶人' };

/** Fields a permitted user may reveal one at a time (each reveal is logged). */
export const careCaseUnmaskFields = ['idNumber', 'phone', 'guardianPhone', 'householdAddress', 'currentAddress'] as const;
export type CareCaseUnmaskField = (typeof careCaseUnmaskFields)[number];

/** Under this age a case records guardian consent or the legal basis (PIPL §31, security.md D24). */
export const careCaseConsentAge = 14;

/** Default no-contact alert thresholds in days (a setting). */
export const careCaseAlertDefaults = { warnDays: 14, overdueDays: 30 } as const;
/** Default retention: a closed case is anonymised this many years after closure (security.md D24; a setting). */
export const careCaseRetentionDefaultYears = 5;

const category = z.enum(careCaseCategories, { error: '帮扶类别不正确' });
const money = z.number({ error: '金额必须是数字' }).int({ error: '金额以分为单位，须为整数' }).min(0, { error: '金额不能为负数' }).max(100_000_000, { error: '金额过大' });

export const careCaseContact = z.strictObject({
  name: trimmed(limits.name, '联系人姓名'),
  relation: optionalText(20, '关系'),
  phone: optionalPhone,
});

const careCaseFields = {
  name: trimmed(limits.name, '姓名'),
  idNumber,
  categories: z.array(category, { error: '请选择帮扶类别' }).min(1, { error: '请至少选择一个帮扶类别' }).max(5),
  orgUnitId: id,
  politicalStatus: z.enum(politicalStatuses, { error: '政治面貌不正确' }).optional(),
  phone: optionalPhone,
  householdAddress: optionalText(limits.shortText, '户籍地'),
  currentAddress: optionalText(limits.shortText, '常住地'),
  schoolOrWork: optionalText(limits.shortText, '学校或工作单位'),
  guardianName: optionalText(limits.name, '监护人'),
  guardianRelation: optionalText(20, '与监护人关系'),
  guardianPhone: optionalPhone,
  contacts: z.array(careCaseContact).max(5, { error: '其他联系人最多5个' }).optional(),
  familySituation: optionalText(limits.longText, '家庭情况'),
  riskLevel: z.enum(riskLevels, { error: '风险等级不正确' }).default('low'),
  needsHelp: z.boolean().default(true),
  intakeDate: isoDate.optional(),
  guardianConsent: z.boolean().optional(),
  legalBasis: optionalText(200, '法律依据'),
};

/** Under 14 (at intake): guardian consent or a legal basis is required (D24). */
export function consentIssue(v: { idNumber?: string; intakeDate?: string; guardianConsent?: boolean; legalBasis?: string }): string | undefined {
  if (!v.idNumber) return undefined;
  const parsed = parseIdNumber(v.idNumber);
  if (!parsed.ok) return undefined;
  const day = v.intakeDate ? new Date(`${v.intakeDate}T12:00:00Z`) : new Date();
  if (ageOn(parsed.info.birthDate, day) >= careCaseConsentAge) return undefined;
  return v.guardianConsent || v.legalBasis ? undefined : '未满14周岁的帮扶对象，须记录监护人同意或法律依据';
}

export const careCaseOffenceInput = z.strictObject({
  offenceDate: isoDate.optional(),
  narrative: trimmed(limits.longText, '违法犯罪情况'),
  disposition: optionalText(500, '处理结果'),
});
export type CareCaseOffenceInput = z.input<typeof careCaseOffenceInput>;

export const careCaseCreate = z
  .strictObject({ ...careCaseFields, offence: careCaseOffenceInput.optional() })
  .superRefine((v, ctx) => {
    const issue = consentIssue(v);
    if (issue) ctx.addIssue({ code: 'custom', path: ['guardianConsent'], message: issue });
  });
export type CareCaseCreate = z.input<typeof careCaseCreate>;

export const careCaseUpdate = z.strictObject({
  name: careCaseFields.name.optional(),
  categories: careCaseFields.categories.optional(),
  orgUnitId: id.optional(),
  politicalStatus: careCaseFields.politicalStatus,
  phone: careCaseFields.phone,
  householdAddress: careCaseFields.householdAddress,
  currentAddress: careCaseFields.currentAddress,
  schoolOrWork: careCaseFields.schoolOrWork,
  guardianName: careCaseFields.guardianName,
  guardianRelation: careCaseFields.guardianRelation,
  guardianPhone: careCaseFields.guardianPhone,
  contacts: careCaseFields.contacts,
  familySituation: careCaseFields.familySituation,
  riskLevel: z.enum(riskLevels, { error: '风险等级不正确' }).optional(),
  needsHelp: z.boolean().optional(),
  guardianConsent: z.boolean().optional(),
  legalBasis: careCaseFields.legalBasis,
});
export type CareCaseUpdate = z.input<typeof careCaseUpdate>;

export const careCaseDuplicateQuery = z.strictObject({
  idNumber: idNumber.optional(),
  name: trimmed(limits.name, '姓名'),
  birthDate: isoDate.optional(),
});
export type CareCaseDuplicateQuery = z.input<typeof careCaseDuplicateQuery>;

export const careCaseDuplicate = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  orgUnitName: z.string(),
  status: z.enum(careCaseStatuses),
  categories: z.array(category),
  matchedBy: z.array(z.enum(['idNumber', 'nameBirthDate', 'pinyin'])),
});
export type CareCaseDuplicate = z.infer<typeof careCaseDuplicate>;

export const careCaseMerge = z.strictObject({ sourceId: id, reason: trimmed(200, '合并原因') });

export const careCaseListQuery = listQuery(['name', 'birthDate', 'intakeDate', 'updatedAt', 'riskLevel', 'status'] as const).extend({
  category: category.optional(),
  status: z.enum(careCaseStatuses, { error: '状态不正确' }).optional(),
  riskLevel: z.enum(riskLevels, { error: '风险等级不正确' }).optional(),
  orgUnitId: id.optional(),
  closurePending: queryBool.optional(),
  intakeFrom: isoDate.optional(),
  intakeTo: isoDate.optional(),
});
export type CareCaseListQuery = z.input<typeof careCaseListQuery>;

export const careCaseExportQuery = careCaseListQuery.omit({ page: true, pageSize: true }).extend({
  full: queryBool.optional(),
  reason: optionalText(200, '导出原因'),
});

export const careCaseListItem = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  categories: z.array(category),
  status: z.enum(careCaseStatuses),
  riskLevel: z.enum(riskLevels),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  schoolOrWork: z.string().nullable(),
  intakeDate: z.string(),
  closureRequested: z.boolean(),
  mentorCount: z.number().int(),
  lastContactOn: z.string().nullable(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type CareCaseListItem = z.infer<typeof careCaseListItem>;

export const careCaseDetail = careCaseListItem.extend({
  idNumber: z.string(),
  politicalStatus: z.enum(politicalStatuses).nullable(),
  phone: z.string().nullable(),
  householdAddress: z.string().nullable(),
  currentAddress: z.string().nullable(),
  guardianName: z.string().nullable(),
  guardianRelation: z.string().nullable(),
  guardianPhone: z.string().nullable(),
  contacts: z.array(z.object({ name: z.string(), relation: z.string().nullable(), phone: z.string().nullable() })),
  familySituation: z.string().nullable(),
  needsHelp: z.boolean(),
  guardianConsent: z.boolean(),
  legalBasis: z.string().nullable(),
  outcome: z.enum(careCaseOutcomes).nullable(),
  outcomeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  closureRequest: z.object({ outcome: z.enum(careCaseOutcomes), note: z.string().nullable(), requestedBy: z.string(), requesterName: z.string(), requestedAt: z.string() }).nullable(),
  planAt: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  /** Set when the retention job anonymised the closed case (identity and narratives erased). */
  anonymizedAt: z.string().nullable().optional(),
  metrics: z.object({ daysIntakeToPlan: z.number().nullable(), contactsPerMonth: z.number().nullable(), visitCount: z.number().int(), assistanceFen: z.number().int(), assistanceCount: z.number().int() }),
  createdAt: z.string(),
});
export type CareCaseDetail = z.infer<typeof careCaseDetail>;

export const careCaseTransition = z.strictObject({
  to: z.enum(careCaseStatuses, { error: '状态不正确' }),
  note: optionalText(500, '说明'),
});

export const careCaseClosureRequest = z.strictObject({
  outcome: z.enum(careCaseOutcomes, { error: '请选择结案结果' }),
  note: optionalText(500, '结案说明'),
});
export const careCaseClosureDecision = z.strictObject({
  approve: z.boolean({ error: '请选择批准或退回' }),
  note: optionalText(500, '审批意见'),
});

export const careCaseUnmask = z.strictObject({ field: z.enum(careCaseUnmaskFields, { error: '字段不正确' }) });

// ---- screenings, needs, plan goals ----

export const screeningCreate = z.strictObject({
  screenedOn: isoDate,
  riskFound: z.boolean(),
  riskLevel: z.enum(riskLevels, { error: '风险等级不正确' }).optional(),
  reoffended: z.boolean().default(false),
  description: optionalText(limits.longText, '排查情况'),
  handling: optionalText(limits.longText, '处置措施'),
  screenedBy: trimmed(limits.name, '排查人'),
});
export const screening = z.object({
  id: z.string(),
  screenedOn: z.string(),
  riskFound: z.boolean(),
  riskLevel: z.enum(riskLevels).nullable(),
  reoffended: z.boolean(),
  description: z.string().nullable(),
  handling: z.string().nullable(),
  screenedBy: z.string(),
  createdAt: z.string(),
});
export type Screening = z.infer<typeof screening>;

export const needCreate = z.strictObject({
  kind: z.enum(needKinds, { error: '需求类型不正确' }),
  description: trimmed(limits.longText, '需求内容'),
});
export const needUpdate = z.strictObject({ resolvedOn: isoDate.nullable() });
export const need = z.object({ id: z.string(), kind: z.enum(needKinds), description: z.string(), resolvedOn: z.string().nullable(), createdAt: z.string() });
export type Need = z.infer<typeof need>;

export const goalCreate = z.strictObject({ goal: trimmed(500, '帮扶目标'), dueOn: isoDate });
export const goalUpdate = z.strictObject({ doneOn: isoDate.nullable() });
export const goal = z.object({ id: z.string(), goal: z.string(), dueOn: z.string(), doneOn: z.string().nullable(), overdue: z.boolean(), createdAt: z.string() });
export type Goal = z.infer<typeof goal>;

export const subItemParams = z.strictObject({ id, itemId: id });

// ---- mentorships and visits ----

export const mentorshipCreate = z.strictObject({
  volunteerId: id,
  role: z.enum(mentorRoles, { error: '帮扶角色不正确' }).default('lead'),
  startOn: isoDate,
  endOn: isoDate.optional(),
});
export const mentorshipEnd = z.strictObject({ endOn: isoDate, reason: optionalText(200, '结束原因') });
export const mentorship = z.object({
  id: z.string(),
  caseId: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  role: z.enum(mentorRoles),
  startOn: z.string(),
  endOn: z.string().nullable(),
  endReason: z.string().nullable().optional(),
  lastContactOn: z.string().nullable(),
  visitCount: z.number().int(),
});
export type Mentorship = z.infer<typeof mentorship>;

export const visitCreate = z.strictObject({
  /**
   * The visit's id, chosen by the phone when the volunteer saves it: a send repeated after a lost answer or a
   * returning connection records the visit once (the repeat answers the visit already recorded).
   */
  clientId: id.optional(),
  mentorshipId: id.optional(),
  visitedOn: isoDate,
  mode: z.enum(visitModes, { error: '走访方式不正确' }),
  content: trimmed(limits.longText, '走访内容'),
  photoUploadIds: z.array(id).max(9, { error: '照片最多9张' }).optional(),
  nextContactDue: isoDate.optional(),
});
export const visit = z.object({
  id: z.string(),
  mentorshipId: z.string().nullable(),
  mentorName: z.string().nullable(),
  visitedOn: z.string(),
  mode: z.enum(visitModes),
  content: z.string(),
  photoUploadIds: z.array(z.string()),
  nextContactDue: z.string().nullable(),
  recordedByName: z.string(),
  createdAt: z.string(),
});
export type Visit = z.infer<typeof visit>;

export const careCaseAlertQuery = listQuery(['daysSince'] as const).extend({
  level: z.enum(['warn', 'overdue'], { error: '级别不正确' }).optional(),
});
export const careCaseAlert = z.object({
  mentorshipId: z.string(),
  caseId: z.string(),
  caseName: z.string(),
  orgUnitName: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  lastContactOn: z.string().nullable(),
  daysSince: z.number().int(),
  nextContactDue: z.string().nullable(),
  level: z.enum(['warn', 'overdue']),
});
export type CareCaseAlert = z.infer<typeof careCaseAlert>;

export const careCaseSettings = z.strictObject({
  warnDays: z.number().int().min(1).max(365),
  overdueDays: z.number().int().min(1).max(365),
  /** Years after closure before a closed case is anonymised (identity and narratives erased, aggregates kept). */
  retentionYears: z.number({ error: '保存年限必须是数字' }).int({ error: '保存年限须为整数' }).min(1, { error: '保存年限最少1年' }).max(30, { error: '保存年限最多30年' }).optional(),
}).refine((v) => v.overdueDays >= v.warnDays, { error: '逾期天数不能小于提醒天数', path: ['overdueDays'] });
export type CareCaseSettings = z.infer<typeof careCaseSettings>;

/** What a mentor (elder volunteer) sees of a mentee: name, school, plan. Never ID numbers or offence details (B16). */
export const mentee = z.object({
  mentorshipId: z.string(),
  caseId: z.string(),
  name: z.string(),
  schoolOrWork: z.string().nullable(),
  goals: z.array(z.object({ goal: z.string(), dueOn: z.string(), doneOn: z.string().nullable() })),
  lastContactOn: z.string().nullable(),
  daysSinceContact: z.number().int().nullable(),
  alert: z.enum(['warn', 'overdue']).nullable(),
});
export type Mentee = z.infer<typeof mentee>;

export const menteeVisitCreate = visitCreate.omit({ mentorshipId: true });
export const mentorshipParams = z.strictObject({ mentorshipId: id });

// ---- assistance ledger ----

export const assistanceCreate = z
  .strictObject({
    kind: z.enum(assistanceKinds, { error: '帮扶类型不正确' }),
    amountFen: money.default(0),
    goods: optionalText(200, '物资'),
    fundingSource: trimmed(100, '资金来源'),
    approvedBy: trimmed(limits.name, '审批人'),
    paidOn: isoDate,
    receiptUploadId: id.optional(),
    employmentResult: optionalText(200, '就业创业结果'),
    note: optionalText(500, '备注'),
  })
  .refine((v) => v.amountFen > 0 || Boolean(v.goods), { error: '请填写金额或物资', path: ['amountFen'] });
export const assistance = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: z.enum(assistanceKinds),
  amountFen: z.number().int(),
  goods: z.string().nullable(),
  fundingSource: z.string(),
  approvedBy: z.string(),
  paidOn: z.string(),
  receiptUploadId: z.string().nullable(),
  employmentResult: z.string().nullable(),
  note: z.string().nullable(),
  recordedByName: z.string(),
  createdAt: z.string(),
});
export type Assistance = z.infer<typeof assistance>;

export const assistanceSummaryQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  orgUnitId: id.optional(),
  kind: z.enum(assistanceKinds).optional(),
});
const bucket = z.object({ key: z.string(), label: z.string(), count: z.number().int(), amountFen: z.number().int() });
export const assistanceSummary = z.object({
  total: z.object({ count: z.number().int(), amountFen: z.number().int(), cases: z.number().int() }),
  byKind: z.array(bucket),
  bySource: z.array(bucket),
  byTownship: z.array(bucket),
  byYear: z.array(bucket),
});
export type AssistanceSummary = z.infer<typeof assistanceSummary>;

// ---- outcomes ----

export const outcomesQuery = z.strictObject({
  orgUnitId: id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const outcomes = z.object({
  cases: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  byCategory: z.array(z.object({ key: z.enum(careCaseCategories), label: z.string(), count: z.number().int() })),
  byStatus: z.array(z.object({ key: z.enum(careCaseStatuses), label: z.string(), count: z.number().int() })),
  backInSchool: z.number().int(),
  dropoutCases: z.number().int(),
  employed: z.number().int(),
  unemployedCases: z.number().int(),
  offenderCasesFollowed12m: z.number().int(),
  noReoffending12m: z.number().int(),
  contactsPerMonth: z.number().nullable(),
  avgDaysIntakeToPlan: z.number().nullable(),
});
export type Outcomes = z.infer<typeof outcomes>;

// ---- timeline ----

export const timelineEvent = z.object({
  at: z.string(),
  kind: z.enum(['created', 'status', 'closureRequested', 'closureDecided', 'screening', 'need', 'needResolved', 'goal', 'goalDone', 'mentorship', 'mentorshipEnded', 'visit', 'assistance', 'merged', 'training']),
  title: z.string(),
  detail: z.string().nullable(),
  by: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEvent>;

// ---- sealed offence details ----

export const careCaseOffence = z.object({
  offenceDate: z.string().nullable(),
  narrative: z.string(),
  disposition: z.string().nullable(),
  updatedAt: z.string(),
});
export const careCaseOffenceReply = z.object({ offence: careCaseOffence.nullable(), grantExpiresAt: z.string() });

/** The sealed object type for a care case's offence details (platform/sealed). */
export const careCaseOffenceObjectType = 'careCase.offence';

// ---- import ----

/** What to do with a row that matches an existing record: skip it, update the existing record, or keep both. */
export const importDuplicateActions = ['skip', 'update', 'keep'] as const;
export type ImportDuplicateAction = (typeof importDuplicateActions)[number];
export const importDuplicateActionLabels: Record<ImportDuplicateAction, string> = { skip: '跳过', update: '更新已有档案', keep: '两份都保留' };
const duplicateAction = z.enum(importDuplicateActions, { error: '重复行的处理方式只能是 跳过、更新、都保留' });

export const careCaseImportCommit = z.strictObject({
  previewId: id,
  /** The choice for every duplicate row without its own choice. */
  duplicates: duplicateAction.optional(),
  /** Per duplicate row (spreadsheet row number). */
  choices: z.array(z.strictObject({ row: z.number().int().min(1), action: duplicateAction })).max(10_000).optional(),
});
export const careCaseImportDuplicate = z.object({
  row: z.number().int(),
  name: z.string(),
  existingId: z.string(),
  existingName: z.string(),
  existingOrgUnitName: z.string(),
  matchedBy: z.enum(['idNumber', 'nameBirthDate']),
  /** Same ID number: keeping both is impossible (one record per person). */
  allowed: z.array(duplicateAction),
});
export type CareCaseImportDuplicate = z.infer<typeof careCaseImportDuplicate>;
export const careCaseImportPreview = z.object({
  previewId: z.string(),
  fileName: z.string().nullable(),
  rowCount: z.number().int(),
  validCount: z.number().int(),
  invalidCount: z.number().int(),
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
  /** Rows matching a record already in the registry (in scope): the user chooses skip / update / keep both. */
  duplicates: z.array(careCaseImportDuplicate),
  sample: z.array(z.object({ row: z.number().int(), name: z.string(), orgUnitName: z.string(), categories: z.array(z.string()) })),
  expiresAt: z.string(),
});
export type CareCaseImportPreview = z.infer<typeof careCaseImportPreview>;
export const careCaseImportJob = z.object({
  previewId: z.string(),
  status: z.enum(['previewed', 'running', 'done', 'failed']),
  total: z.number().int(),
  done: z.number().int(),
  created: z.number().int(),
  updated: z.number().int().optional(),
  skipped: z.number().int().optional(),
  message: z.string().nullable(),
});
export type CareCaseImportJob = z.infer<typeof careCaseImportJob>;

export const careCaseIdParams = z.strictObject({ id });
