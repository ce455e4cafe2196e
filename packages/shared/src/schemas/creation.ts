import { z } from 'zod';
import { orgUnitKinds, recordStatuses } from '../enums.js';
import { id, isoDate, limits, listQuery, optionalText, trimmed } from './common.js';

/** Creation campaigns (创建活动): 零犯罪学校、零犯罪村（社区）、四零社区 and any type the office configures. */
export const creationStatuses = ['applied', 'checked', 'rejected', 'named', 'expired', 'revoked'] as const;
export type CreationStatus = (typeof creationStatuses)[number];
export const creationStatusLabels: Record<CreationStatus, string> = {
  applied: '已申报待验收',
  checked: '验收通过待命名',
  rejected: '验收未通过',
  named: '已命名',
  expired: '命名期满',
  revoked: '已撤销',
};

export const creationScorings = ['pass', 'points'] as const;
export type CreationScoring = (typeof creationScorings)[number];
export const creationScoringLabels: Record<CreationScoring, string> = { pass: '达标/不达标', points: '计分' };

export const creationCheckKinds = ['joint', 'review'] as const;
export type CreationCheckKind = (typeof creationCheckKinds)[number];
export const creationCheckKindLabels: Record<CreationCheckKind, string> = { joint: '联合验收', review: '年度复查' };

export const creationCriterionInput = z.strictObject({
  id: id.optional(),
  title: trimmed(200, '标准内容'),
  scoring: z.enum(creationScorings, { error: '评分方式只能是达标或计分' }),
  maxPoints: z.number({ error: '分值必须是数字' }).int().min(0).max(100, { error: '分值不能超过100' }).default(0),
});

export const creationTypeCreate = z.strictObject({
  code: z.string().trim().regex(/^[a-zA-Z][a-zA-Z0-9_-]{1,29}$/, { error: '编码为2到30位字母、数字、下划线' }),
  name: trimmed(limits.name, '创建类型名称'),
  targetKinds: z.array(z.enum(orgUnitKinds, { error: '创建对象类型不正确' })).min(1, { error: '请至少选择一类创建对象' }),
  validYears: z.number({ error: '命名有效期必须是数字' }).int().min(1, { error: '命名有效期至少1年' }).max(10, { error: '命名有效期不能超过10年' }),
  passScore: z.number({ error: '合格分必须是数字' }).int().min(0).max(1000).default(0),
  description: optionalText(limits.longText, '说明'),
  criteria: z.array(creationCriterionInput).min(1, { error: '请至少填写一条创建标准' }).max(50),
});
export type CreationTypeCreate = z.input<typeof creationTypeCreate>;

export const creationTypeUpdate = z.strictObject({
  name: creationTypeCreate.shape.name.optional(),
  targetKinds: creationTypeCreate.shape.targetKinds.optional(),
  validYears: creationTypeCreate.shape.validYears.optional(),
  passScore: z.number({ error: '合格分必须是数字' }).int().min(0).max(1000).optional(),
  description: creationTypeCreate.shape.description,
  /** Replaces the checklist: listed ids are kept (edited), new ones added, missing ones retired (past checks keep them). */
  criteria: creationTypeCreate.shape.criteria.optional(),
  status: z.enum(recordStatuses, { error: '状态只能是启用或停用' }).optional(),
});
export type CreationTypeUpdate = z.input<typeof creationTypeUpdate>;

export const creationCriterion = z.object({ id: z.string(), title: z.string(), scoring: z.enum(creationScorings), maxPoints: z.number().int(), sortOrder: z.number().int() });
export const creationType = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  targetKinds: z.array(z.enum(orgUnitKinds)),
  validYears: z.number().int(),
  passScore: z.number().int(),
  description: z.string().nullable(),
  status: z.enum(recordStatuses),
  criteria: z.array(creationCriterion),
  actions: z.array(z.string()),
});
export type CreationType = z.infer<typeof creationType>;

export const creationApply = z.strictObject({
  typeId: id,
  orgUnitId: id,
  note: optionalText(limits.longText, '申报材料说明'),
  evidenceUploadIds: z.array(id).max(20, { error: '佐证材料最多20个' }).default([]),
});
export type CreationApply = z.input<typeof creationApply>;

export const creationCheckItemInput = z.strictObject({
  criterionId: id,
  passed: z.boolean({ error: '请选择是否达标' }),
  points: z.number({ error: '得分必须是数字' }).int().min(0).max(100).default(0),
  note: optionalText(200, '说明'),
});

/** A joint check (联合验收) of an application, or the yearly review (年度复查) of a named unit. */
export const creationCheckInput = z.strictObject({
  checkDate: isoDate,
  inspectors: trimmed(200, '验收单位和人员'),
  items: z.array(creationCheckItemInput).min(1, { error: '请逐项填写验收结果' }).max(50),
  note: optionalText(limits.longText, '验收意见'),
});
export type CreationCheckInput = z.input<typeof creationCheckInput>;
export const creationReviewInput = creationCheckInput.extend({
  year: z.number({ error: '复查年度必须是数字' }).int().min(2000).max(2100),
});
export type CreationReviewInput = z.input<typeof creationReviewInput>;

export const creationName = z.strictObject({ namedFrom: isoDate, title: optionalText(limits.shortText, '命名称号') });
export type CreationNameInput = z.input<typeof creationName>;
export const creationRevoke = z.strictObject({ incidentDate: isoDate, reason: trimmed(500, '撤销原因') });
export type CreationRevokeInput = z.input<typeof creationRevoke>;

export const creationListQuery = listQuery(['appliedAt', 'namedUntil', 'status'] as const).extend({
  typeId: id.optional(),
  status: z.enum(creationStatuses, { error: '状态不正确' }).optional(),
  orgUnitId: id.optional(),
});
export const creationBoardQuery = z.strictObject({ typeId: id.optional() });

export const creationCheckRecord = z.object({
  id: z.string(),
  kind: z.enum(creationCheckKinds),
  reviewYear: z.number().int().nullable(),
  checkDate: z.string(),
  inspectors: z.string(),
  passed: z.boolean(),
  totalPoints: z.number().int(),
  note: z.string().nullable(),
  items: z.array(z.object({ criterionId: z.string(), title: z.string(), passed: z.boolean(), points: z.number().int(), note: z.string().nullable() })),
});
export const creationEvent = z.object({ id: z.string(), event: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), note: z.string().nullable(), at: z.string(), byName: z.string().nullable() });

export const creation = z.object({
  id: z.string(),
  typeId: z.string(),
  typeName: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  orgUnitKind: z.string(),
  status: z.enum(creationStatuses),
  applicationNote: z.string().nullable(),
  evidenceUploadIds: z.array(z.string()),
  appliedAt: z.string(),
  namedTitle: z.string().nullable(),
  namedFrom: z.string().nullable(),
  namedUntil: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type Creation = z.infer<typeof creation>;
export const creationDetail = creation.extend({ checks: z.array(creationCheckRecord), history: z.array(creationEvent) });
export type CreationDetail = z.infer<typeof creationDetail>;

export const creationBoard = z.object({
  types: z.array(z.object({ id: z.string(), name: z.string() })),
  rows: z.array(z.object({ townshipId: z.string(), townshipName: z.string(), counts: z.record(z.enum(creationStatuses), z.number().int()) })),
  totals: z.record(z.enum(creationStatuses), z.number().int()),
});
export type CreationBoard = z.infer<typeof creationBoard>;
