import { z } from 'zod';
import { listQuery } from './common.js';

/** A time filter: a date (YYYY-MM-DD, China time) or a full ISO date-time with offset. */
const timeBound = z.union([z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }), z.iso.datetime({ offset: true, error: '时间格式不正确' })], {
  error: '时间格式应为 YYYY-MM-DD 或完整的日期时间',
});

export const auditResults = ['success', 'failure'] as const;
export const auditResultLabels: Record<(typeof auditResults)[number], string> = { success: '成功', failure: '失败' };

const auditFilters = {
  from: timeBound.optional(),
  /** Inclusive: a date includes the whole day. */
  to: timeBound.optional(),
  /** Event name or prefix: `auth.` matches every sign-in event, `orgUnit.create` one kind. */
  event: z.string().trim().max(64, { error: '事件名称过长' }).regex(/^[A-Za-z0-9_.]*$/, { error: '事件名称格式不正确' }).optional(),
  username: z.string().trim().max(64, { error: '用户名过长' }).optional(),
  result: z.enum(auditResults, { error: '结果只能是成功或失败' }).optional(),
  objectType: z.string().trim().max(64).regex(/^[A-Za-z0-9_]*$/, { error: '对象类型格式不正确' }).optional(),
  objectId: z.string().trim().max(64).optional(),
};

export const auditListQuery = listQuery(['seq', 'at'] as const).extend(auditFilters);
export type AuditListQuery = z.output<typeof auditListQuery>;
export const auditExportQuery = auditListQuery.omit({ page: true, pageSize: true });
/** The sign-in log: the same filters; `event` narrows within the `auth.*` events (auth.login, auth.lockout, auth.forceLogout …). */
export const loginLogListQuery = auditListQuery;

export const auditEvent = z.object({
  seq: z.number().int(),
  id: z.string(),
  /** Local time with offset (+08:00). */
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  orgUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  ip: z.string().nullable(),
  event: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  result: z.enum(auditResults),
  summary: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  actions: z.array(z.string()),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const auditVerifyReply = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
});

export const auditPurgeBody = z.strictObject({
  /** Delete the rows before this date (China time). Must be older than the retention period. */
  before: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }),
});
export const auditPurgeReply = z.object({ purged: z.number().int(), before: z.string(), firstKeptSeq: z.number().int().nullable() });

/** A page of audit events; `actions` says what the caller may do with the trail (export, verify, purge). */
export const auditEventPage = z.object({
  items: z.array(auditEvent),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  actions: z.array(z.string()),
});
