import { maskName, maskPhone, type userCreate, type userListQuery, type userUpdate } from '@gg/shared';
import type { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/database.js';
import type { AppUserTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { generateOneTimePassword, hashPassword } from '../../platform/auth/passwords.js';
import { endSessions } from '../../platform/auth/sessions.js';
import { memberUnitRepository } from '../memberUnits/repository.js';
import { userRepository, usernameKey, type UserRow } from './repository.js';
import { isSelf, userPolicy } from './policy.js';
import { decryptPhone, phoneAad, presentUser } from './presenter.js';
import { newId } from '../../platform/db/ids.js';

type CreateInput = z.output<typeof userCreate>;
type UpdateInput = z.output<typeof userUpdate>;
export type UserListQuery = z.output<typeof userListQuery>;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
const unique = (ids: readonly string[]) => [...new Set(ids)];
const usernameTaken = () => new AppError('USERNAME_TAKEN', undefined, [{ path: 'username', message: '用户名已被使用（不区分大小写）' }]);
const grantForbidden = () => new AppError('FORBIDDEN', '分配角色和数据范围须由安全管理员操作');

/** Masked values for audit before/after: never plaintext personal data. */
export const auditMask = {
  name: (v: string | null | undefined) => (v ? maskName(v) : null),
  phone: (v: string | null | undefined) => (v ? maskPhone(v) : null),
};

export function createUserService(platform: Platform) {
  const { db, cipher } = platform;
  const repo = userRepository(db);

  async function load(actor: Actor, id: string): Promise<UserRow> {
    const row = await repo.findInScope(actor, id);
    if (!row) throw new AppError('USER_NOT_FOUND');
    return row;
  }

  async function present(actor: Actor, rows: UserRow[], unmaskPhone?: boolean) {
    const ids = rows.map((r) => r.id);
    const [roles, scopes] = await Promise.all([repo.rolesOf(ids), repo.customScopeOf(ids)]);
    return rows.map((r) => presentUser(actor, r, { roles: roles.get(r.id) ?? [], customScopeOrgUnitIds: scopes.get(r.id) ?? [] }, cipher, unmaskPhone));
  }

  /** Roles exist, and at most one of the three separated duties (B14). */
  async function checkRoles(roleIds: string[]) {
    const ids = unique(roleIds);
    const roles = await repo.rolesByIds(ids);
    if (roles.length !== ids.length) throw new AppError('ROLE_NOT_FOUND', undefined, [{ path: 'roleIds', message: '所选角色不存在' }]);
    const duties = new Set(roles.map((r) => r.separatedDuty).filter(Boolean));
    if (duties.size > 1) throw new AppError('SEPARATION_OF_DUTIES', undefined, [{ path: 'roleIds', message: '三员角色不能由同一账号兼任' }]);
    return roles;
  }

  /** Custom data-scope nodes must exist within the granter's own scope. */
  async function checkScopeNodes(actor: Actor, ids: string[]) {
    const wanted = unique(ids);
    const found = await repo.orgUnitsInScope(actor, wanted);
    if (found.length !== wanted.length) throw new AppError('ORG_UNIT_NOT_FOUND', '自定义数据范围中有组织不存在或不在您的管理范围内', [{ path: 'customScopeOrgUnitIds', message: '组织不存在' }]);
    return wanted;
  }

  /** Where an account may be placed: an active org node in scope, or (county-wide actors only) an active member unit. */
  async function checkPlacement(actor: Actor, placement: { orgUnitId?: string; memberUnitId?: string }) {
    if (placement.orgUnitId) {
      const [node] = await repo.orgUnitsInScope(actor, [placement.orgUnitId]);
      if (!node) throw new AppError('ORG_UNIT_NOT_FOUND', undefined, [{ path: 'orgUnitId', message: '组织不存在或不在您的管理范围内' }]);
      if (node.status !== 'active') throw new AppError('BAD_REQUEST', '所选组织已停用', [{ path: 'orgUnitId', message: '所选组织已停用' }]);
      return { orgUnitId: node.id, memberUnitId: null };
    }
    if (!actor.scope.all) throw new AppError('FORBIDDEN', '只有全县范围的管理员可以管理成员单位的账号');
    const unit = await memberUnitRepository(db).findVisible(actor, placement.memberUnitId!);
    if (!unit) throw new AppError('MEMBER_UNIT_NOT_FOUND', undefined, [{ path: 'memberUnitId', message: '成员单位不存在' }]);
    if (unit.status !== 'active') throw new AppError('BAD_REQUEST', '所选成员单位已停用', [{ path: 'memberUnitId', message: '所选成员单位已停用' }]);
    return { orgUnitId: null, memberUnitId: unit.id };
  }

  async function roleCodes(trx: Executor, userId: string) {
    return ((await userRepository(trx).rolesOf([userId])).get(userId) ?? []).map((r) => r.code);
  }

  /** A fresh one-time password, hashed; the user must change it at next sign-in (A4). */
  async function oneTimePassword() {
    const password = generateOneTimePassword();
    return { password, hash: await hashPassword(password, platform.config.crypto) };
  }

  const service = {
    load,
    present,
    checkPlacement,
    oneTimePassword,

    async get(actor: Actor, id: string) {
      return (await present(actor, [await load(actor, id)]))[0];
    },

    async list(actor: Actor, query: Omit<UserListQuery, 'page' | 'pageSize'> & { page: number; pageSize: number }, unmaskPhone?: boolean) {
      let orgPath: string | undefined;
      if (query.orgUnitId) {
        const [node] = await repo.orgUnitsInScope(actor, [query.orgUnitId]);
        if (!node) throw new AppError('ORG_UNIT_NOT_FOUND');
        orgPath = node.path;
      }
      const { rows, total } = await repo.list(actor, { orgPath, ...query }, query);
      return { items: await present(actor, rows, unmaskPhone), total, page: query.page, pageSize: query.pageSize };
    },

    async create(actor: Actor, who: AuditActor, input: CreateInput) {
      const roleIds = unique(input.roleIds);
      const customScope = input.customScopeOrgUnitIds ?? [];
      if ((roleIds.length || customScope.length) && !can(actor, 'role:grant')) throw grantForbidden();
      const placement = await checkPlacement(actor, input);
      const roles = await checkRoles(roleIds);
      const scopeIds = await checkScopeNodes(actor, customScope);
      const key = usernameKey(input.username);
      if ((await repo.takenKeys([key])).size) throw usernameTaken();
      const id = newId();
      const now = new Date().toISOString();
      const otp = await oneTimePassword();
      await platform.transaction(who, async (trx, audit) => {
        const r = userRepository(trx);
        if ((await r.takenKeys([key])).size) throw usernameTaken();
        await r.insert(newUserRow({ id, username: input.username, displayName: input.displayName, phoneEnc: input.phone ? cipher.encrypt(input.phone, phoneAad(id)) : null, ...placement, remark: input.remark ?? null, passwordHash: otp.hash, now, createdBy: actor.userId }));
        await r.setRoles(id, roleIds);
        await r.setCustomScope(id, scopeIds);
        await audit({
          event: 'user.create', objectType: 'user', objectId: id, summary: `新增用户：${input.username}`,
          detail: { after: { username: input.username, displayName: auditMask.name(input.displayName), phone: auditMask.phone(input.phone), ...placement, roles: roles.map((x) => x.code), customScopeOrgUnitIds: scopeIds, remark: input.remark ?? null } },
        });
      });
      return { user: await service.get(actor, id), oneTimePassword: otp.password };
    },

    async update(actor: Actor, who: AuditActor, id: string, input: UpdateInput) {
      const row = await load(actor, id);
      if (!userPolicy.update(actor, row)) throw new AppError('FORBIDDEN');
      const [current] = await present(actor, [row]);
      const currentRoleIds = current.roles.map((r) => r.id);
      const placementChange =
        (input.orgUnitId !== undefined && input.orgUnitId !== row.orgUnitId) || (input.memberUnitId !== undefined && input.memberUnitId !== row.memberUnitId);
      const rolesChange = input.roleIds !== undefined && !sameSet(unique(input.roleIds), currentRoleIds);
      const scopeChange = input.customScopeOrgUnitIds !== undefined && !sameSet(unique(input.customScopeOrgUnitIds), current.customScopeOrgUnitIds);
      if (isSelf(actor, row) && (placementChange || rolesChange || scopeChange)) throw new AppError('SELF_CHANGE_FORBIDDEN');
      if ((rolesChange || scopeChange) && !can(actor, 'role:grant')) throw grantForbidden();

      const patch: Partial<AppUserTable> = {};
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      if (input.displayName !== undefined && input.displayName !== row.displayName) {
        patch.displayName = input.displayName;
        before.displayName = auditMask.name(row.displayName);
        after.displayName = auditMask.name(input.displayName);
      }
      if ('phone' in input) {
        const oldPhone = decryptPhone(cipher, row);
        const newPhone = input.phone ?? null;
        if (oldPhone !== newPhone) {
          patch.phoneEnc = newPhone ? cipher.encrypt(newPhone, phoneAad(id)) : null;
          before.phone = auditMask.phone(oldPhone);
          after.phone = auditMask.phone(newPhone);
        }
      }
      if ('remark' in input && (input.remark ?? null) !== row.remark) {
        patch.remark = input.remark ?? null;
        before.remark = row.remark;
        after.remark = patch.remark;
      }
      if (placementChange) {
        const placement = await checkPlacement(actor, input.orgUnitId ? { orgUnitId: input.orgUnitId } : { memberUnitId: input.memberUnitId });
        Object.assign(patch, placement);
        Object.assign(before, { orgUnitId: row.orgUnitId, memberUnitId: row.memberUnitId });
        Object.assign(after, placement);
      }
      let newRoles: Awaited<ReturnType<typeof checkRoles>> | undefined;
      let newScope: string[] | undefined;
      if (rolesChange) {
        newRoles = await checkRoles(input.roleIds!);
        before.roles = current.roles.map((r) => r.code);
        after.roles = newRoles.map((r) => r.code);
      }
      if (scopeChange) {
        newScope = await checkScopeNodes(actor, input.customScopeOrgUnitIds!);
        before.customScopeOrgUnitIds = current.customScopeOrgUnitIds;
        after.customScopeOrgUnitIds = newScope;
      }
      if (Object.keys(after).length === 0) return current;
      await platform.transaction(who, async (trx, audit) => {
        const r = userRepository(trx);
        await r.update(id, { ...patch, updatedAt: new Date().toISOString() });
        if (newRoles) await r.setRoles(id, newRoles.map((x) => x.id));
        if (newScope) await r.setCustomScope(id, newScope);
        await audit({ event: 'user.update', objectType: 'user', objectId: id, summary: `编辑用户：${row.username}`, detail: { before, after } });
      });
      return service.get(actor, id);
    },

    /** PUT /users/:id/roles: the security administrator grants roles and data scope (B13, B14). */
    async setRoles(actor: Actor, who: AuditActor, id: string, input: { roleIds: string[]; customScopeOrgUnitIds?: string[] }) {
      const row = await load(actor, id);
      if (isSelf(actor, row)) throw new AppError('SELF_CHANGE_FORBIDDEN');
      if (!userPolicy.grantRoles(actor, row)) throw new AppError('FORBIDDEN');
      const roles = await checkRoles(input.roleIds);
      const scope = input.customScopeOrgUnitIds !== undefined ? await checkScopeNodes(actor, input.customScopeOrgUnitIds) : undefined;
      await platform.transaction(who, async (trx, audit) => {
        const r = userRepository(trx);
        const beforeRoles = await roleCodes(trx, id);
        const beforeScope = (await r.customScopeOf([id])).get(id) ?? [];
        await r.setRoles(id, roles.map((x) => x.id));
        if (scope) await r.setCustomScope(id, scope);
        await r.update(id, { updatedAt: new Date().toISOString() });
        await audit({
          event: 'user.grantRoles', objectType: 'user', objectId: id, summary: `分配角色：${row.username} → ${roles.map((x) => x.name).join('、') || '（无）'}`,
          detail: { before: { roles: beforeRoles, ...(scope && { customScopeOrgUnitIds: beforeScope }) }, after: { roles: roles.map((x) => x.code), ...(scope && { customScopeOrgUnitIds: scope }) } },
        });
      });
      return service.get(actor, id);
    },

    async setStatus(actor: Actor, who: AuditActor, id: string, status: 'active' | 'disabled') {
      const row = await load(actor, id);
      if (isSelf(actor, row)) throw new AppError('SELF_CHANGE_FORBIDDEN');
      if (row.status === status) return service.get(actor, id);
      if (!(status === 'disabled' ? userPolicy.disable(actor, row) : userPolicy.enable(actor, row))) throw new AppError('FORBIDDEN');
      await platform.transaction(who, async (trx, audit) => {
        await userRepository(trx).update(id, { status, updatedAt: new Date().toISOString() });
        // A7: disabling ends the account's sessions on the server.
        const ended = status === 'disabled' ? await endSessions(trx, { userId: id }, 'accountDisabled') : 0;
        await audit({
          event: status === 'disabled' ? 'user.disable' : 'user.enable', objectType: 'user', objectId: id,
          summary: `${status === 'disabled' ? '停用' : '启用'}用户：${row.username}`,
          detail: { before: { status: row.status }, after: { status }, ...(status === 'disabled' && { sessionsEnded: ended }) },
        });
      });
      return service.get(actor, id);
    },

    async resetPassword(actor: Actor, who: AuditActor, id: string) {
      const row = await load(actor, id);
      if (isSelf(actor, row)) throw new AppError('FORBIDDEN', '请在个人中心修改自己的密码');
      if (!userPolicy.resetPassword(actor, row)) throw new AppError('FORBIDDEN');
      const otp = await oneTimePassword();
      await platform.transaction(who, async (trx, audit) => {
        const now = new Date().toISOString();
        const r = userRepository(trx);
        await r.update(id, { passwordHash: otp.hash, passwordChangedAt: now, mustChangePassword: 1, failedAttempts: 0, lockedUntil: null, updatedAt: now });
        await r.addPasswordHistory(id, otp.hash, now);
        const ended = await endSessions(trx, { userId: id }, 'passwordReset');
        await audit({ event: 'user.resetPassword', objectType: 'user', objectId: id, summary: `重置密码：${row.username}`, detail: { sessionsEnded: ended } });
      });
      return { user: await service.get(actor, id), oneTimePassword: otp.password };
    },

    async unlock(actor: Actor, who: AuditActor, id: string) {
      const row = await load(actor, id);
      if (isSelf(actor, row)) throw new AppError('FORBIDDEN');
      if (!can(actor, 'user:update')) throw new AppError('FORBIDDEN');
      await platform.transaction(who, async (trx, audit) => {
        await userRepository(trx).update(id, { failedAttempts: 0, lockedUntil: null, updatedAt: new Date().toISOString() });
        await audit({ event: 'user.unlock', objectType: 'user', objectId: id, summary: `解除锁定：${row.username}`, detail: { before: { lockedUntil: row.lockedUntil, failedAttempts: row.failedAttempts }, after: { lockedUntil: null, failedAttempts: 0 } } });
      });
      return service.get(actor, id);
    },

    /** B12: one field in full, for a stated reason, logged. */
    async unmask(actor: Actor, who: AuditActor, id: string, field: 'phone', reason: string) {
      const row = await load(actor, id);
      if (!can(actor, 'user:unmask')) throw new AppError('FORBIDDEN');
      const value = decryptPhone(cipher, row);
      await platform.record(who, { event: 'user.unmask', objectType: 'user', objectId: id, summary: `查看完整手机号：${row.username}`, detail: { field, reason } });
      return { field, value };
    },
  };
  return service;
}

export function newUserRow(input: {
  id: string; username: string; displayName: string; phoneEnc: string | null; orgUnitId: string | null; memberUnitId: string | null;
  remark: string | null; passwordHash: string; now: string; createdBy: string;
}): AppUserTable {
  return {
    id: input.id, username: input.username.trim(), usernameKey: usernameKey(input.username), displayName: input.displayName,
    phoneEnc: input.phoneEnc, orgUnitId: input.orgUnitId, memberUnitId: input.memberUnitId,
    passwordHash: input.passwordHash, passwordChangedAt: input.now, mustChangePassword: 1, status: 'active',
    failedAttempts: 0, lockedUntil: null, lastLoginAt: null, totpSecretEnc: null, totpEnabled: 0, remark: input.remark,
    createdAt: input.now, updatedAt: input.now, createdBy: input.createdBy,
  };
}
