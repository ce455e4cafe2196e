import { z } from 'zod';
import { dataScopes, orgUnitKinds } from '../enums.js';

export const loginBody = z.strictObject({
  username: z.string({ error: '请输入用户名' }).trim().min(1, { error: '请输入用户名' }).max(64, { error: '用户名过长' }),
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(256, { error: '密码过长' }),
  otp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: '动态验证码为6位数字' })
    .optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z.strictObject({
  oldPassword: z.string({ error: '请输入原密码' }).min(1, { error: '请输入原密码' }).max(256),
  newPassword: z.string({ error: '请输入新密码' }).min(1, { error: '请输入新密码' }).max(256, { error: '密码不能超过256个字符' }),
});

/** What reasons a session may be limited to the change-password page (or the 2FA set-up). */
export const pendingActions = ['changePassword', 'setupSecondFactor'] as const;
export type PendingAction = (typeof pendingActions)[number];

export const me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgUnit: z.object({ id: z.string(), name: z.string(), kind: z.enum(orgUnitKinds) }).nullable(),
  memberUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  roles: z.array(z.object({ code: z.string(), name: z.string(), dataScope: z.enum(dataScopes) })),
  permissions: z.array(z.string()),
  pending: z.array(z.enum(pendingActions)),
  secondFactorEnabled: z.boolean(),
});
export type Me = z.infer<typeof me>;

export const loginReply = z.object({ user: me, mustChangePassword: z.boolean(), pending: z.array(z.enum(pendingActions)) });

export const passwordPolicy = z.object({
  minLength: z.number().int(),
  minClasses: z.number().int(),
});

/** Count of character classes (lower, upper, digit, symbol) in a password. */
export function passwordClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^a-zA-Z0-9]/.test(password)) n++;
  return n;
}
