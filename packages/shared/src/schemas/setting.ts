import { z } from 'zod';

/** The fields of the security settings, without defaults (an update sends only what changes). */
const securitySettingFields = {
  passwordMinLength: z.number().int().min(8, { error: '密码最短不能少于8位' }).max(64),
  passwordMinClasses: z.number().int().min(2).max(4),
  passwordMaxAgeDays: z.number().int().min(0, { error: '0 表示不过期' }).max(3650),
  passwordHistory: z.number().int().min(0).max(24),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  sessionIdleMinutes: z.number().int().min(5).max(240),
  sessionAbsoluteHours: z.number().int().min(1).max(24),
  loginRatePerMinute: z.number().int().min(3).max(1000),
  secondFactorForPrivileged: z.boolean(),
  auditRetentionDays: z.number().int().min(180, { error: '审计记录至少保存180天' }).max(3650),
  ipBlocklist: z
    .array(z.union([z.ipv4(), z.ipv6()], { error: 'IP 地址格式不正确（如 10.1.2.3）' }))
    .max(500, { error: '禁止访问的 IP 地址最多500个' }),
};

/** Security settings (等保 defaults). The security administrator may change them within these bounds. */
export const securitySettings = z.strictObject({
  passwordMinLength: securitySettingFields.passwordMinLength.default(8),
  passwordMinClasses: securitySettingFields.passwordMinClasses.default(3),
  passwordMaxAgeDays: securitySettingFields.passwordMaxAgeDays.default(90),
  passwordHistory: securitySettingFields.passwordHistory.default(5),
  lockoutThreshold: securitySettingFields.lockoutThreshold.default(5),
  lockoutMinutes: securitySettingFields.lockoutMinutes.default(30),
  sessionIdleMinutes: securitySettingFields.sessionIdleMinutes.default(30),
  sessionAbsoluteHours: securitySettingFields.sessionAbsoluteHours.default(8),
  loginRatePerMinute: securitySettingFields.loginRatePerMinute.default(20),
  secondFactorForPrivileged: securitySettingFields.secondFactorForPrivileged.default(true),
  auditRetentionDays: securitySettingFields.auditRetentionDays.default(180),
  ipBlocklist: securitySettingFields.ipBlocklist.default([]),
});
export type SecuritySettings = z.infer<typeof securitySettings>;
export const defaultSecuritySettings: SecuritySettings = securitySettings.parse({});
/** An update: only the keys sent (no defaults filled in, so unsent keys keep their current value). */
export const securitySettingsUpdate = z.strictObject(securitySettingFields).partial();

export const securitySettingLabels: Record<keyof SecuritySettings, string> = {
  passwordMinLength: '密码最短长度',
  passwordMinClasses: '密码至少包含的字符类别数（大写、小写、数字、符号）',
  passwordMaxAgeDays: '密码有效期（天，0 为不过期）',
  passwordHistory: '不能与最近几次密码相同',
  lockoutThreshold: '连续登录失败锁定次数',
  lockoutMinutes: '锁定时长（分钟）',
  sessionIdleMinutes: '无操作自动退出（分钟）',
  sessionAbsoluteHours: '单次登录最长时长（小时）',
  loginRatePerMinute: '同一 IP 每分钟登录尝试上限',
  secondFactorForPrivileged: '管理员和可查看敏感数据的角色须使用动态验证码',
  auditRetentionDays: '审计记录保存天数',
  ipBlocklist: '禁止访问的 IP 地址',
};

/** What GET /api/settings/security answers: the settings in force, who last changed them, what the caller may do. */
export const securitySettingsView = z.object({
  settings: securitySettings,
  defaults: securitySettings,
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  actions: z.array(z.string()),
});
export type SecuritySettingsView = z.infer<typeof securitySettingsView>;
