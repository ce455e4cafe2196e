import { allPermissions, dutyOnlyPermissions, permissionGroups, type DataScope, type Permission, type PermissionTree, type RoleItem } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { RoleRow } from './repository.js';
import { roleActions } from './policy.js';

export function presentRole(actor: Actor, row: RoleRow): RoleItem {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    dataScope: row.dataScope as DataScope,
    // Only names the platform still knows (a permission dropped from the catalogue is ignored by the checks too).
    permissions: row.permissions.filter((p) => (allPermissions as string[]).includes(p)),
    builtin: Boolean(row.builtin),
    separatedDuty: row.separatedDuty,
    requiresSecondFactor: Boolean(row.requiresSecondFactor),
    userCount: row.userCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actions: roleActions(actor, row),
  };
}

export function permissionTreeOf(): PermissionTree {
  return Object.entries(permissionGroups).map(([module, group]) => ({
    module,
    label: group.label,
    actions: Object.entries(group.actions as Record<string, string>).map(([action, label]) => {
      const permission = `${module}:${action}`;
      return { permission, action, label, onlyFor: dutyOnlyPermissions[permission as Permission] ?? null };
    }),
  }));
}
