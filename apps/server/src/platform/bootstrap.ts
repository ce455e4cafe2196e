import { allPermissions } from '@gg/shared';
import type { Platform } from './context.js';
import { builtinRoles } from './authz/builtin-roles.js';
import { generateOneTimePassword, hashPassword } from './auth/passwords.js';
import { bumpAuthzEpoch } from './authz/epoch.js';
import { newId } from './db/ids.js';

const SYSTEM_ACTOR = { userId: null, username: 'system', orgUnitId: null, ip: null };

/**
 * Make a database ready to use: built-in roles (and any permission new since the last start granted
 * to the built-in roles that have it by default), a root org node, and the first administrator.
 * Idempotent; safe when several instances start at once (unique keys decide).
 */
export async function bootstrap(platform: Platform): Promise<{ adminPassword?: string; adminCreated: boolean }> {
  const { db } = platform;
  const now = new Date().toISOString();
  await platform.transaction(SYSTEM_ACTOR, async (trx, audit) => {
    const known = new Set((await trx.selectFrom('permissionCatalogue').select('permission').execute()).map((r) => r.permission));
    const fresh = allPermissions.filter((p) => !known.has(p));
    for (const def of builtinRoles) {
      let role = await trx.selectFrom('role').select('id').where('code', '=', def.code).executeTakeFirst();
      let grant = def.permissions.filter((p) => fresh.includes(p));
      if (!role) {
        role = { id: newId() };
        await trx
          .insertInto('role')
          .values({
            id: role.id, code: def.code, name: def.name, description: def.description, dataScope: def.dataScope,
            builtin: 1, separatedDuty: def.separatedDuty ?? null, requiresSecondFactor: 0, createdAt: now, updatedAt: now,
          })
          .execute();
        grant = def.permissions;
      }
      if (grant.length) {
        await trx.insertInto('rolePermission').values(grant.map((permission) => ({ roleId: role.id, permission }))).onConflict((oc) => oc.doNothing()).execute();
        await bumpAuthzEpoch(trx);
      }
    }
    if (fresh.length) {
      await trx.insertInto('permissionCatalogue').values(fresh.map((permission) => ({ permission, firstSeenAt: now }))).execute();
      if (known.size) await audit({ event: 'permission.catalogue', summary: `新增权限 ${fresh.length} 项并授予内置角色`, detail: { permissions: fresh } });
    }
  });

  const root = await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).executeTakeFirst();
  if (!root) {
    const id = newId();
    await platform.transaction(SYSTEM_ACTOR, async (trx, audit) => {
      await trx
        .insertInto('orgUnit')
        .values({ id, parentId: null, name: platform.config.orgName, kind: 'county', code: null, path: `/${id}/`, depth: 0, status: 'active', contactName: null, contactPhoneEnc: null, address: null, hasCommittee: 1, sortOrder: 0, createdAt: now, updatedAt: now })
        .execute();
      await audit({ event: 'orgUnit.create', objectType: 'orgUnit', objectId: id, summary: `初始化根组织 ${platform.config.orgName}` });
    });
  }

  const anyUser = await db.selectFrom('appUser').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { adminCreated: false };
  const password = platform.config.adminPassword ?? generateOneTimePassword();
  await createBootstrapUser(platform, { username: 'admin', displayName: '系统管理员', roleCode: 'systemAdmin', password, mustChange: true });
  return { adminCreated: true, adminPassword: platform.config.adminPassword ? undefined : password };
}

export async function createBootstrapUser(
  platform: Platform,
  input: { username: string; displayName: string; roleCode: string; password: string; mustChange: boolean; orgUnitId?: string | null; memberUnitId?: string | null; phone?: string },
): Promise<string> {
  const now = new Date().toISOString();
  const id = newId();
  const passwordHash = await hashPassword(input.password, platform.config.crypto);
  await platform.transaction(SYSTEM_ACTOR, async (trx, audit) => {
    const root = input.orgUnitId === undefined && !input.memberUnitId
      ? await trx.selectFrom('orgUnit').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()
      : undefined;
    const role = await trx.selectFrom('role').select('id').where('code', '=', input.roleCode).executeTakeFirstOrThrow();
    await trx
      .insertInto('appUser')
      .values({
        id, username: input.username, usernameKey: input.username.trim().toLowerCase(), displayName: input.displayName,
        phoneEnc: input.phone ? platform.cipher.encrypt(input.phone, `app_user:${id}:phone`) : null,
        orgUnitId: input.orgUnitId ?? root?.id ?? null, memberUnitId: input.memberUnitId ?? null,
        passwordHash, passwordChangedAt: now, mustChangePassword: input.mustChange ? 1 : 0, status: 'active',
        failedAttempts: 0, lockedUntil: null, lastLoginAt: null, totpSecretEnc: null, totpEnabled: 0, remark: null,
        createdAt: now, updatedAt: now, createdBy: null,
      })
      .execute();
    await trx.insertInto('passwordHistory').values({ userId: id, passwordHash, createdAt: now }).execute();
    await trx.insertInto('userRole').values({ userId: id, roleId: role.id }).execute();
    await bumpAuthzEpoch(trx);
    await audit({ event: 'user.create', objectType: 'user', objectId: id, summary: `初始化账号 ${input.username}`, detail: { role: input.roleCode } });
  });
  return id;
}
