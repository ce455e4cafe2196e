import { z } from 'zod';
import { id, isoDate, limits, listQuery, optionalText, trimmed } from './common.js';

/**
 * 个人信息请求登记 (security.md D24): requests to view, correct or delete a young person's data, tracked from
 * receipt to decision to completion. The register belongs to the care cases module; scope follows the case.
 */

export const dataRequestKinds = ['view', 'correct', 'delete'] as const;
export type DataRequestKind = (typeof dataRequestKinds)[number];
export const dataRequestKindLabels: Record<DataRequestKind, string> = { view: '查阅', correct: '更正', delete: '删除' };

export const dataRequestStatuses = ['received', 'approved', 'rejected', 'done'] as const;
export type DataRequestStatus = (typeof dataRequestStatuses)[number];
export const dataRequestStatusLabels: Record<DataRequestStatus, string> = { received: '待处理', approved: '已同意', rejected: '不予办理', done: '已办结' };

export const dataRequestRelations = ['self', 'guardian', 'agent'] as const;
export type DataRequestRelation = (typeof dataRequestRelations)[number];
export const dataRequestRelationLabels: Record<DataRequestRelation, string> = { self: '本人', guardian: '监护人', agent: '委托代理人' };

export const dataRequestCreate = z.strictObject({
  caseId: id,
  kind: z.enum(dataRequestKinds, { error: '请选择请求类型' }),
  requesterName: trimmed(limits.name, '申请人姓名'),
  requesterRelation: z.enum(dataRequestRelations, { error: '请选择申请人与本人关系' }),
  receivedOn: isoDate,
  details: trimmed(limits.longText, '请求内容'),
});
export type DataRequestCreate = z.input<typeof dataRequestCreate>;

export const dataRequestDecision = z.strictObject({
  approve: z.boolean({ error: '请选择是否同意' }),
  note: optionalText(500, '处理意见'),
});

export const dataRequestDone = z.strictObject({
  doneOn: isoDate,
  note: optionalText(500, '办理情况'),
  /** For a deletion request on a closed case: anonymise the record now instead of waiting for the retention period. */
  anonymize: z.boolean().optional(),
});

export const dataRequestListQuery = listQuery(['receivedOn', 'status', 'kind', 'updatedAt'] as const).extend({
  kind: z.enum(dataRequestKinds, { error: '请求类型不正确' }).optional(),
  status: z.enum(dataRequestStatuses, { error: '状态不正确' }).optional(),
  caseId: id.optional(),
  receivedFrom: isoDate.optional(),
  receivedTo: isoDate.optional(),
});
export type DataRequestListQuery = z.input<typeof dataRequestListQuery>;
export const dataRequestExportQuery = dataRequestListQuery.omit({ page: true, pageSize: true });

export const dataRequest = z.object({
  id: z.string(),
  caseId: z.string(),
  caseName: z.string(),
  orgUnitName: z.string(),
  kind: z.enum(dataRequestKinds),
  requesterName: z.string(),
  requesterRelation: z.enum(dataRequestRelations),
  receivedOn: z.string(),
  details: z.string(),
  status: z.enum(dataRequestStatuses),
  decisionNote: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  doneOn: z.string().nullable(),
  doneNote: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.string()),
});
export type DataRequest = z.infer<typeof dataRequest>;
