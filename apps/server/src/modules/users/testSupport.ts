import crypto from 'node:crypto';
import type { BuiltinRoleCode, DataScope, Permission } from '@gg/shared';
import type { TestServer, TestTree } from '../../../test/harness.js';
import { bumpAuthzEpoch } from '../../platform/authz/epoch.js';
import { newId } from '../../platform/db/ids.js';

let n = 0;

/** A signed-in user holding a built-in role plus a custom role with extra permissions (e.g. user:unmask). */
export async function asWith(s: TestServer, base: BuiltinRoleCode, permissions: Permission[], options: { at?: keyof TestTree; dataScope?: DataScope } = {}) {
  const roleId = await customRole(s, permissions, options.dataScope ?? 'all');
  const username = `${base}_plus_${n++}_${crypto.randomBytes(2).toString('hex')}`;
  const userId = await s.createUser({ username, role: base, at: options.at ?? 'root' });
  await s.platform.db.insertInto('userRole').values({ userId, roleId }).execute();
  await bumpAuthzEpoch(s.platform.db);
  const client = await s.login(username);
  return Object.assign(client, { userId, username });
}

export async function customRole(s: TestServer, permissions: Permission[], dataScope: DataScope = 'all') {
  const id = newId();
  const now = new Date().toISOString();
  await s.platform.db
    .insertInto('role')
    .values({ id, code: `custom_${n++}_${crypto.randomBytes(2).toString('hex')}`, name: `自定义角色${n}`, description: null, dataScope, builtin: 0, separatedDuty: null, requiresSecondFactor: 0, createdAt: now, updatedAt: now })
    .execute();
  if (permissions.length) await s.platform.db.insertInto('rolePermission').values(permissions.map((permission) => ({ roleId: id, permission }))).execute();
  await bumpAuthzEpoch(s.platform.db);
  return id;
}

export async function roleId(s: TestServer, code: string) {
  return (await s.platform.db.selectFrom('role').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function auditRows(s: TestServer, event: string, objectId?: string) {
  let q = s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', event);
  if (objectId) q = q.where('objectId', '=', objectId);
  return q.orderBy('seq').execute();
}
