import { z } from 'zod';
import { id, limits, listQuery, optionalText, trimmed } from './common.js';

/**
 * Access requests for sealed records (封存, 刑事诉讼法 §286): a reason, an approver other than the
 * requester, and an expiry. `expired` is not stored: it is an approved request past its expiry.
 */
export const sealedAccessStatuses = ['pending', 'approved', 'rejected', 'expired'] as const;
export type SealedAccessStatus = (typeof sealedAccessStatuses)[number];
export const sealedAccessStatusLabels: Record<SealedAccessStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '已驳回',
  expired: '已过期',
};

/** An approval may last at most this long. */
export const sealedAccessMaxDays = 30;
export const sealedReasonMinLength = 10;

export const sealedAccessRequestCreate = z.strictObject({
  objectType: z
    .string({ error: '请填写记录类型' })
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,49}$/, { error: '记录类型格式不正确' }),
  objectId: z.string({ error: '请填写记录编号' }).trim().min(1, { error: '请填写记录编号' }).max(64, { error: '记录编号格式不正确' }),
  orgUnitId: id,
  reason: z
    .string({ error: '请填写查阅理由' })
    .trim()
    .min(sealedReasonMinLength, { error: `查阅理由至少${sealedReasonMinLength}个字，请写明依据和用途` })
    .max(limits.longText, { error: `查阅理由不能超过${limits.longText}个字` }),
});
export type SealedAccessRequestCreate = z.input<typeof sealedAccessRequestCreate>;

export const sealedAccessApprove = z.strictObject({
  expiresAt: z.iso.datetime({ offset: true, error: '有效期格式不正确（如 2026-12-31T18:00:00+08:00）' }),
  note: optionalText(500, '审批意见'),
});
export const sealedAccessReject = z.strictObject({
  note: trimmed(500, '驳回理由'),
});

export const sealedAccessListQuery = listQuery(['requestedAt', 'expiresAt'] as const).extend({
  /** `mine`: the caller's own requests; `pending`: requests in scope awaiting a decision (approvers). */
  box: z.enum(['mine', 'pending'], { error: '只能是 mine 或 pending' }).default('mine'),
  status: z.enum(sealedAccessStatuses, { error: '状态不正确' }).optional(),
});

export const sealedAccessRequest = z.object({
  id: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  reason: z.string(),
  requestedBy: z.string(),
  requesterName: z.string(),
  requestedAt: z.string(),
  status: z.enum(sealedAccessStatuses),
  decidedBy: z.string().nullable(),
  deciderName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  expiresAt: z.string().nullable(),
  actions: z.array(z.string()),
});
export type SealedAccessRequest = z.infer<typeof sealedAccessRequest>;
