import { z } from 'zod';

/** Security settings (等保 defaults). The security administrator may change them within these bounds. */
export const securitySettings = z.strictObject({
  passwordMinLength: z.number().int().min(8, { error: '密码最短不能少于8位' }).max(64).default(8),
  passwordMinClasses: z.number().int().min(2).max(4).default(3),
  passwordMaxAgeDays: z.number().int().min(0, { error: '0 表示不过期' }).max(3650).default(90),
  passwordHistory: z.number().int().min(0).max(24).default(5),
  lockoutThreshold: z.number().int().min(3).max(20).default(5),
  lockoutMinutes: z.number().int().min(1).max(1440).default(30),
  sessionIdleMinutes: z.number().int().min(5).max(240).default(30),
  sessionAbsoluteHours: z.number().int().min(1).max(24).default(8),
  loginRatePerMinute: z.number().int().min(3).max(1000).default(20),
  secondFactorForPrivileged: z.boolean().default(true),
  auditRetentionDays: z.number().int().min(180, { error: '审计记录至少保存180天' }).max(3650).default(180),
  ipBlocklist: z
    .array(z.union([z.ipv4({ error: 'IP 地址格式不正确' }), z.ipv6({ error: 'IP 地址格式不正确' })]))
    .max(500)
    .default([]),
});
export type SecuritySettings = z.infer<typeof securitySettings>;
export const defaultSecuritySettings: SecuritySettings = securitySettings.parse({});
export const securitySettingsUpdate = securitySettings.partial();

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
