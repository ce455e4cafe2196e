import { dutyViolations, isPermission, type SeparatedDuty } from '@gg/shared';
import type { z } from 'zod';
import type { roleCreate, roleUpdate } from '@gg/shared';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { changes } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { roleNeedsSecondFactor } from '../../platform/authz/builtin-roles.js';
import { roleRepository, type RoleRow } from './repository.js';
import { rolePolicy } from './policy.js';
import { permissionTreeOf, presentRole } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof roleCreate>;
type UpdateInput = z.output<typeof roleUpdate>;

/** Unknown names, then 三员分立: throws with one field error per offending permission. */
function checkPermissions(duty: string | null, permissions: string[]) {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length) {
    throw new AppError('VALIDATION_FAILED', `提交的内容有误：没有这些权限：${unknown.join('、')}`, unknown.map((p) => ({ path: 'permissions', message: `没有权限「${p}」` })));
  }
  const violations = dutyViolations(duty as SeparatedDuty | null, permissions);
  if (violations.length) {
    throw new AppError('ROLE_PERMISSION_SEPARATION', `三员分立：${violations.map((v) => v.message).join('；')}`, violations.map((v) => ({ path: 'permissions', message: v.message })));
  }
}

export function createRoleService(platform: Platform) {
  const repo = roleRepository(platform.db);

  async function load(id: string): Promise<RoleRow> {
    const row = await repo.find(id);
    if (!row) throw new AppError('ROLE_NOT_FOUND');
    return row;
  }

  return {
    permissionTree: permissionTreeOf,

    async list(actor: Actor) {
      return (await repo.list()).map((r) => presentRole(actor, r));
    },

    async get(actor: Actor, id: string) {
      return presentRole(actor, await load(id));
    },

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const duty = input.separatedDuty ?? null;
      checkPermissions(duty, input.permissions);
      if (await repo.codeTaken(input.code)) throw new AppError('ROLE_CODE_TAKEN', undefined, [{ path: 'code', message: '角色编码已被使用' }]);
      const id = newId();
      const now = new Date().toISOString();
      await platform.transaction(who, async (trx, audit) => {
        const r = roleRepository(trx);
        await r.insert({
          id, code: input.code, name: input.name, description: input.description ?? null, dataScope: input.dataScope, builtin: 0,
          separatedDuty: duty, requiresSecondFactor: roleNeedsSecondFactor({ separatedDuty: duty }, input.permissions) ? 1 : 0, createdAt: now, updatedAt: now,
        });
        await r.replacePermissions(id, input.permissions);
        await audit({
          event: 'role.create', objectType: 'role', objectId: id, summary: `新增角色：${input.name}（${input.code}）`,
          detail: { after: { code: input.code, name: input.name, description: input.description ?? null, dataScope: input.dataScope, separatedDuty: duty, permissions: input.permissions } },
        });
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(id);
      if (!rolePolicy.update(actor, row)) throw new AppError('FORBIDDEN');
      if ('separatedDuty' in input && input.separatedDuty !== undefined && (input.separatedDuty ?? null) !== row.separatedDuty) throw new AppError('ROLE_DUTY_IMMUTABLE');
      if (input.code !== undefined && input.code !== row.code) {
        if (row.builtin) throw new AppError('ROLE_BUILTIN_CODE', undefined, [{ path: 'code', message: '内置角色的编码不能修改' }]);
        if (await repo.codeTaken(input.code, id)) throw new AppError('ROLE_CODE_TAKEN', undefined, [{ path: 'code', message: '角色编码已被使用' }]);
      }
      const permissionsChange = input.permissions !== undefined && JSON.stringify(input.permissions) !== JSON.stringify([...row.permissions].sort());
      const scopeChange = input.dataScope !== undefined && input.dataScope !== row.dataScope;
      if ((permissionsChange || scopeChange) && !rolePolicy.changeAccess(actor, row)) {
        throw new AppError('SELF_CHANGE_FORBIDDEN', '不能修改自己所持角色的权限或数据范围');
      }
      if (permissionsChange) checkPermissions(row.separatedDuty, input.permissions!);

      const permissions = input.permissions ?? row.permissions;
      const patch = {
        ...(input.code !== undefined && { code: input.code }),
        ...(input.name !== undefined && { name: input.name }),
        ...('description' in input && { description: input.description ?? null }),
        ...(input.dataScope !== undefined && { dataScope: input.dataScope }),
        requiresSecondFactor: roleNeedsSecondFactor({ separatedDuty: row.separatedDuty }, permissions) ? 1 : 0,
      };
      const diff = changes(row as unknown as Record<string, unknown>, patch) as { before: Record<string, unknown>; after: Record<string, unknown> };
      const before = [...row.permissions].sort();
      const detail: Record<string, unknown> = { before: diff.before, after: diff.after };
      if (permissionsChange) {
        diff.before.permissions = before;
        diff.after.permissions = permissions;
        detail.added = permissions.filter((p) => !before.includes(p));
        detail.removed = before.filter((p) => !permissions.includes(p));
      }
      if (!Object.keys(diff.after).length) return this.get(actor, id);
      await platform.transaction(who, async (trx, audit) => {
        const r = roleRepository(trx);
        await r.update(id, { ...patch, updatedAt: new Date().toISOString() });
        if (permissionsChange) await r.replacePermissions(id, permissions);
        await audit({ event: 'role.update', objectType: 'role', objectId: id, summary: `编辑角色：${row.name}（${row.code}）`, detail });
      });
      return this.get(actor, id);
    },
  };
}
