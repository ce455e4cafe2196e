import { z } from 'zod';
import { assessmentStatuses, rubricAppliesTo, rubricItemKinds, rubricMetrics, rubricScorings } from '../enums.js';
import { id, limits, listQuery, optionalText, trimmed } from './common.js';
import { workYear } from './target.js';

const points = (label: string) => z.number({ error: `${label}必须是数字` }).int({ error: `${label}必须是整数` }).min(-100, { error: `${label}不能小于-100` }).max(100, { error: `${label}不能大于100` });

export const rubricCreate = z.strictObject({
  code: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_-]{1,29}$/, { error: '编码为2-30位字母、数字、下划线，以字母开头' }),
  name: trimmed(limits.shortText, '细则名称'),
  appliesTo: z.enum(rubricAppliesTo, { error: '请选择考核对象' }),
  description: optionalText(limits.longText, '说明'),
});
export const rubricUpdate = z.strictObject({
  name: trimmed(limits.shortText, '细则名称').optional(),
  description: optionalText(limits.longText, '说明'),
  status: z.enum(['active', 'disabled'], { error: '状态只能是启用或停用' }).optional(),
});
export const rubricCopy = z.strictObject({ code: rubricCreate.shape.code, name: rubricCreate.shape.name });

const rubricItemFields = {
  section: trimmed(50, '考核板块'),
  title: trimmed(200, '评分内容'),
  kind: z.enum(rubricItemKinds, { error: '请选择评分项类别' }),
  scoring: z.enum(rubricScorings, { error: '请选择计分方式' }),
  /** Full marks of an item; the cap of a deduction or bonus (null: no cap). */
  maxPoints: z.number({ error: '分值必须是数字' }).int({ error: '分值必须是整数' }).min(0, { error: '分值不能小于0' }).max(100, { error: '分值不能大于100' }).nullable(),
  metric: z.enum(rubricMetrics, { error: '数据指标不正确' }).nullable(),
  threshold: z.number({ error: '达标值必须是数字' }).int().min(0).max(100000).nullable(),
  perUnit: z.number({ error: '每项分值必须是数字' }).int().min(0).max(100).nullable(),
  sortOrder: z.number({ error: '排序必须是数字' }).int().min(0).max(9999),
};
export const rubricItemCreate = z.strictObject({
  ...rubricItemFields,
  maxPoints: rubricItemFields.maxPoints.default(null),
  metric: rubricItemFields.metric.default(null),
  threshold: rubricItemFields.threshold.default(null),
  perUnit: rubricItemFields.perUnit.default(null),
  sortOrder: rubricItemFields.sortOrder.default(100),
});
export type RubricItemCreate = z.input<typeof rubricItemCreate>;
export const rubricItemUpdate = z.strictObject(Object.fromEntries(Object.entries(rubricItemFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof rubricItemFields]: z.ZodOptional<(typeof rubricItemFields)[K]> });
export const rubricItemParams = z.strictObject({ id, itemId: id });

export const rubricItem = z.object({
  id: z.string(),
  section: z.string(),
  title: z.string(),
  kind: z.enum(rubricItemKinds),
  scoring: z.enum(rubricScorings),
  maxPoints: z.number().int().nullable(),
  metric: z.enum(rubricMetrics).nullable(),
  threshold: z.number().int().nullable(),
  perUnit: z.number().int().nullable(),
  sortOrder: z.number().int(),
});
export type RubricItem = z.infer<typeof rubricItem>;

export const rubric = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  appliesTo: z.enum(rubricAppliesTo),
  description: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  /** Sum of the full marks of the items (deductions and bonuses not counted). */
  fullMarks: z.number().int(),
  inUse: z.boolean(),
  items: z.array(rubricItem),
  actions: z.array(z.string()),
});
export type Rubric = z.infer<typeof rubric>;

export const assessmentGenerate = z.strictObject({ year: workYear, rubricId: id });

export const assessmentScoreInput = z.strictObject({ itemId: id, points: points('分值'), note: optionalText(500, '评分说明') });
export const assessmentSelfInput = z.strictObject({
  scores: z.array(assessmentScoreInput).max(200),
  comment: optionalText(limits.longText, '自评说明'),
});
export const assessmentReviewInput = z.strictObject({
  scores: z.array(assessmentScoreInput).max(200),
  comment: optionalText(limits.longText, '审核意见'),
});
export const assessmentNoteInput = z.strictObject({ note: optionalText(limits.longText, '意见') });

export const assessmentListQuery = listQuery(['ownerName', 'selfTotal', 'reviewTotal', 'finalScore'] as const).extend({
  year: workYear.optional(),
  rubricId: id.optional(),
  status: z.enum(assessmentStatuses).optional(),
});
export const rankingQuery = z.strictObject({ year: workYear, rubricId: id });

export const assessment = z.object({
  id: z.string(),
  year: z.number().int(),
  rubricId: z.string(),
  rubricName: z.string(),
  memberUnitId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  ownerName: z.string(),
  status: z.enum(assessmentStatuses),
  selfTotal: z.number().int().nullable(),
  reviewTotal: z.number().int().nullable(),
  finalScore: z.number().int().nullable(),
  selfComment: z.string().nullable(),
  reviewComment: z.string().nullable(),
  finalComment: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  finalizedAt: z.string().nullable(),
  actions: z.array(z.string()),
});
export type Assessment = z.infer<typeof assessment>;

export const assessmentScoreLine = rubricItem.extend({
  /** The metric's value for this unit and year (computed items). */
  computedValue: z.number().int().nullable(),
  /** Points the data gives (computed items). */
  computedPoints: z.number().int().nullable(),
  selfPoints: z.number().int().nullable(),
  selfNote: z.string().nullable(),
  reviewPoints: z.number().int().nullable(),
  reviewNote: z.string().nullable(),
});
export type AssessmentScoreLine = z.infer<typeof assessmentScoreLine>;

export const assessmentEvent = z.object({
  id: z.string(),
  event: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  total: z.number().int().nullable(),
  note: z.string().nullable(),
  at: z.string(),
  byName: z.string().nullable(),
});

export const assessmentDetail = assessment.extend({ lines: z.array(assessmentScoreLine), history: z.array(assessmentEvent) });
export type AssessmentDetail = z.infer<typeof assessmentDetail>;

export const rankingRow = z.object({
  rank: z.number().int().nullable(),
  assessmentId: z.string(),
  ownerName: z.string(),
  status: z.enum(assessmentStatuses),
  selfTotal: z.number().int().nullable(),
  reviewTotal: z.number().int().nullable(),
  finalScore: z.number().int().nullable(),
  /** The score the rank is by: final, else reviewed, else self-assessed. */
  score: z.number().int().nullable(),
});
export const ranking = z.object({ year: z.number().int(), rubricId: z.string(), rubricName: z.string(), rows: z.array(rankingRow) });
export type Ranking = z.infer<typeof ranking>;
