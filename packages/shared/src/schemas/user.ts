import { z } from 'zod';
import { dataScopes, userStatuses } from '../enums.js';
import { id, listQuery, optionalPhone, optionalText, trimmed } from './common.js';

export const username = z
  .string({ error: '请填写用户名' })
  .trim()
  .min(2, { error: '用户名至少2个字符' })
  .max(32, { error: '用户名不能超过32个字符' })
  .regex(/^[A-Za-z0-9_.@-]+$/, { error: '用户名只能包含字母、数字和 _ . @ -' });

const userBase = z.strictObject({
  username,
  displayName: trimmed(20, '姓名'),
  phone: optionalPhone,
  orgUnitId: id.optional(),
  memberUnitId: id.optional(),
  roleIds: z.array(id).max(10).default([]),
  customScopeOrgUnitIds: z.array(id).max(200).optional(),
  remark: optionalText(200, '备注'),
});

const belongsSomewhere = (v: { orgUnitId?: string; memberUnitId?: string }) => Boolean(v.orgUnitId || v.memberUnitId);
export const userCreate = userBase.refine(belongsSomewhere, { error: '请选择所属组织或成员单位', path: ['orgUnitId'] });
export type UserCreate = z.input<typeof userCreate>;

export const userUpdate = userBase.omit({ username: true }).partial();
export const userStatusBody = z.strictObject({ status: z.enum(userStatuses, { error: '状态只能是正常或停用' }) });

export const userListQuery = listQuery(['username', 'displayName', 'createdAt', 'lastLoginAt'] as const).extend({
  orgUnitId: id.optional(),
  memberUnitId: id.optional(),
  roleId: id.optional(),
  status: z.enum(userStatuses).optional(),
});

export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  orgUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  memberUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  roles: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  status: z.enum(userStatuses),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  remark: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.string()),
});
export type User = z.infer<typeof user>;

export const oneTimePasswordReply = z.object({ user, oneTimePassword: z.string() });

export const role = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  dataScope: z.enum(dataScopes),
  permissions: z.array(z.string()),
  builtin: z.boolean(),
  separatedDuty: z.string().nullable(),
  requiresSecondFactor: z.boolean(),
  userCount: z.number().int(),
});
export type Role = z.infer<typeof role>;
