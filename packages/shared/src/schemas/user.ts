import { z } from 'zod';
import { dataScopes, userStatuses } from '../enums.js';
import { id, listQuery, optionalPhone, optionalText, queryBool, trimmed } from './common.js';

export const username = z
  .string({ error: '请填写用户名' })
  .trim()
  .min(2, { error: '用户名至少2个字符' })
  .max(32, { error: '用户名不能超过32个字符' })
  .regex(/^[A-Za-z0-9_.@-]+$/, { error: '用户名只能包含字母、数字和 _ . @ -' });

const userFields = {
  username,
  displayName: trimmed(20, '姓名'),
  phone: optionalPhone,
  orgUnitId: id.optional(),
  memberUnitId: id.optional(),
  /** Granting roles needs the permission role:grant (the security administrator). */
  roleIds: z.array(id).max(10, { error: '最多分配10个角色' }),
  /** Org nodes (with their subtrees) for roles whose data scope is 自定义组织. */
  customScopeOrgUnitIds: z.array(id).max(200, { error: '自定义数据范围最多200个组织' }),
  remark: optionalText(200, '备注'),
};

const belongsSomewhere = (v: { orgUnitId?: string; memberUnitId?: string }) => Boolean(v.orgUnitId || v.memberUnitId);
const notBoth = (v: { orgUnitId?: string; memberUnitId?: string }) => !(v.orgUnitId && v.memberUnitId);
const notBothMessage = '所属组织和成员单位只能选择其一';

export const userCreate = z
  .strictObject({ ...userFields, roleIds: userFields.roleIds.default([]), customScopeOrgUnitIds: userFields.customScopeOrgUnitIds.optional() })
  .refine(belongsSomewhere, { error: '请选择所属组织或成员单位', path: ['orgUnitId'] })
  .refine(notBoth, { error: notBothMessage, path: ['memberUnitId'] });
export type UserCreate = z.input<typeof userCreate>;

/**
 * Edit: only the keys sent change (no defaults). Setting orgUnitId moves the account to that node
 * (and off any member unit), setting memberUnitId the reverse. Send roleIds / customScopeOrgUnitIds
 * only to change them (that needs role:grant); the same values as now are accepted as no change.
 */
export const userUpdate = z
  .strictObject({
    displayName: userFields.displayName.optional(),
    phone: userFields.phone,
    orgUnitId: userFields.orgUnitId,
    memberUnitId: userFields.memberUnitId,
    roleIds: userFields.roleIds.optional(),
    customScopeOrgUnitIds: userFields.customScopeOrgUnitIds.optional(),
    remark: userFields.remark,
  })
  .refine(notBoth, { error: notBothMessage, path: ['memberUnitId'] });
export type UserUpdate = z.input<typeof userUpdate>;

export const userStatusBody = z.strictObject({ status: z.enum(userStatuses, { error: '状态只能是正常或停用' }) });

export const userRolesBody = z.strictObject({
  roleIds: userFields.roleIds,
  customScopeOrgUnitIds: userFields.customScopeOrgUnitIds.optional(),
});
export type UserRolesBody = z.input<typeof userRolesBody>;

export const unmaskReason = z
  .string({ error: '请填写查看原因' })
  .trim()
  .min(2, { error: '请填写查看原因（至少2个字）' })
  .max(200, { error: '原因不能超过200个字' });

export const userUnmaskBody = z.strictObject({ field: z.enum(['phone'], { error: '只能查看手机号' }), reason: unmaskReason });
export const userUnmaskReply = z.object({ field: z.literal('phone'), value: z.string().nullable() });

export const userListQuery = listQuery(['username', 'displayName', 'createdAt', 'lastLoginAt'] as const).extend({
  orgUnitId: id.optional(),
  memberUnitId: id.optional(),
  roleId: id.optional(),
  status: z.enum(userStatuses, { error: '状态只能是正常或停用' }).optional(),
});

/** Export: the list's filters; `full=1` with a `reason` exports unmasked phones (needs user:unmask). */
export const userExportQuery = userListQuery.omit({ page: true, pageSize: true }).extend({
  full: queryBool.optional(),
  reason: z.string().trim().max(200, { error: '原因不能超过200个字' }).optional(),
});

export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** Masked (138****5678) unless the caller holds user:unmask. */
  phone: z.string().nullable(),
  orgUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  memberUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  roles: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  customScopeOrgUnitIds: z.array(z.string()),
  status: z.enum(userStatuses),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  /** lockedUntil is in the future. */
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  remark: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export type User = z.infer<typeof user>;

export const oneTimePasswordReply = z.object({ user, oneTimePassword: z.string() });

/** Import (Excel): preview, then commit with the preview's token. */
export const userImportFields = ['username', 'displayName', 'phone', 'orgUnit', 'memberUnit', 'remark'] as const;
export type UserImportField = (typeof userImportFields)[number];

export const userImportPreview = z.object({
  token: z.string(),
  expiresAt: z.string(),
  fileName: z.string().nullable(),
  /** Which spreadsheet header was matched to which field. */
  columns: z.array(z.object({ header: z.string(), field: z.enum(userImportFields).nullable(), label: z.string().nullable() })),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  rows: z.array(
    z.object({
      row: z.number().int(),
      username: z.string().nullable(),
      displayName: z.string().nullable(),
      phone: z.string().nullable(),
      orgUnit: z.string().nullable(),
      memberUnit: z.string().nullable(),
      ok: z.boolean(),
    }),
  ),
  /** Every problem, by spreadsheet row number and column, in Chinese. */
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
export type UserImportPreview = z.infer<typeof userImportPreview>;

export const userImportCommitBody = z.strictObject({
  token: z.uuid({ error: '导入批次编号格式不正确' }),
  /** Import only the rows without problems (the others are left out). Without it, any problem blocks the import. */
  skipInvalid: z.boolean().optional(),
});

export const userImportCommitReply = z.object({
  created: z.number().int(),
  skipped: z.number().int(),
  users: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string(), oneTimePassword: z.string() })),
});

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
