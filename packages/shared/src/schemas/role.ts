import { z } from 'zod';
import { dataScopes, separatedDuties, type SeparatedDuty } from '../enums.js';
import { permissionGroups, type Permission } from '../permissions.js';
import { optionalText, trimmed } from './common.js';
import { role } from './user.js';

/**
 * 三员分立 (security.md B14) as data, so the server enforces it and the web greys out the boxes:
 * some permissions belong to one separated duty only, and the audit administrator holds nothing else.
 */
export const dutyOnlyPermissions: Partial<Record<Permission, SeparatedDuty>> = {
  'audit:read': 'auditAdmin',
  'audit:export': 'auditAdmin',
  'audit:verify': 'auditAdmin',
  'audit:purge': 'auditAdmin',
  'role:grant': 'securityAdmin',
  'setting:update': 'securityAdmin',
};

/** The audit administrator only reads, exports and checks the trail (and reads notices). */
export const auditAdminAllowed = (p: string) => p.startsWith('audit:') || p === 'loginLog:read' || p === 'notice:read';

/** Every permission a role of this duty may not hold, with the reason in Chinese. */
export function dutyViolations(duty: SeparatedDuty | null, permissions: readonly string[]): { permission: string; message: string }[] {
  const out: { permission: string; message: string }[] = [];
  for (const p of permissions) {
    const owner = dutyOnlyPermissions[p as Permission];
    if (owner && owner !== duty) out.push({ permission: p, message: `「${permissionLabel(p)}」只能授予${dutyLabels[owner]}角色` });
    else if (duty === 'auditAdmin' && !auditAdminAllowed(p)) out.push({ permission: p, message: `审计管理员角色只能查看、导出和校验审计记录，不能授予「${permissionLabel(p)}」` });
  }
  return out;
}

export const dutyLabels: Record<SeparatedDuty, string> = { systemAdmin: '系统管理员', securityAdmin: '安全管理员', auditAdmin: '审计管理员' };

export function permissionLabel(p: string): string {
  const [module, action] = p.split(':');
  const group = (permissionGroups as Record<string, { label: string; actions: Record<string, string> }>)[module];
  return group?.actions[action] ? `${group.label}·${group.actions[action]}` : p;
}

const permissionList = z
  .array(z.string().max(64), { error: '权限必须是列表' })
  .max(200, { error: '权限过多' })
  .transform((list) => [...new Set(list)].sort());

export const roleCode = z
  .string({ error: '请填写角色编码' })
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]{1,31}$/, { error: '角色编码以字母开头，只能包含字母、数字和下划线，2-32位' });

const roleFields = {
  name: trimmed(30, '角色名称'),
  description: optionalText(200, '角色说明'),
  dataScope: z.enum(dataScopes, { error: '请选择数据范围' }),
  permissions: permissionList,
};

export const roleCreate = z.strictObject({
  code: roleCode,
  ...roleFields,
  permissions: roleFields.permissions.default([]),
  /** A custom role may be one of the 三员 from the start; afterwards this never changes. */
  separatedDuty: z.enum(separatedDuties, { error: '三员类型不正确' }).nullable().optional(),
});
export type RoleCreate = z.input<typeof roleCreate>;

/** Edit: only the keys sent change. `code` of a built-in role and `separatedDuty` of any role are refused if changed. */
export const roleUpdate = z.strictObject({
  code: roleCode.optional(),
  name: roleFields.name.optional(),
  description: roleFields.description,
  dataScope: roleFields.dataScope.optional(),
  permissions: roleFields.permissions.optional(),
  separatedDuty: z.enum(separatedDuties, { error: '三员类型不正确' }).nullable().optional(),
});
export type RoleUpdate = z.input<typeof roleUpdate>;

export const roleItem = role.extend({ createdAt: z.string(), updatedAt: z.string(), actions: z.array(z.string()) });
export type RoleItem = z.infer<typeof roleItem>;

/** The permission tree for the role editor: one group per module, one leaf per action. */
export const permissionTree = z.array(
  z.object({
    module: z.string(),
    label: z.string(),
    actions: z.array(
      z.object({
        permission: z.string(),
        action: z.string(),
        label: z.string(),
        /** Only a role of this separated duty may hold it (三员分立). */
        onlyFor: z.enum(separatedDuties).nullable(),
      }),
    ),
  }),
);
export type PermissionTree = z.infer<typeof permissionTree>;
