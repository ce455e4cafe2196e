import { maskPhone, type User } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { FieldCipher } from '../../platform/crypto/cipher.js';
import type { UserRole, UserRow } from './repository.js';
import { isLocked, userActions } from './policy.js';

export const phoneAad = (userId: string) => `app_user:${userId}:phone`;

export function decryptPhone(cipher: FieldCipher, row: Pick<UserRow, 'id' | 'phoneEnc'>): string | null {
  return row.phoneEnc ? cipher.decrypt(row.phoneEnc, phoneAad(row.id)) : null;
}

/** The account as it leaves the server. Phones are masked unless `unmaskPhone` (JSON: the caller holds user:unmask). */
export function presentUser(
  actor: Actor,
  row: UserRow,
  extra: { roles: UserRole[]; customScopeOrgUnitIds: string[] },
  cipher: FieldCipher,
  unmaskPhone = actor.permissions.has('user:unmask'),
): User {
  const phone = decryptPhone(cipher, row);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    phone: phone && !unmaskPhone ? maskPhone(phone) : phone,
    orgUnit: row.orgUnitId ? { id: row.orgUnitId, name: row.orgUnitName ?? '…' } : null,
    memberUnit: row.memberUnitId ? { id: row.memberUnitId, name: row.memberUnitName ?? '…' } : null,
    roles: extra.roles.map((r) => ({ id: r.id, code: r.code, name: r.name })),
    customScopeOrgUnitIds: extra.customScopeOrgUnitIds,
    status: row.status as User['status'],
    mustChangePassword: Boolean(row.mustChangePassword),
    lockedUntil: row.lockedUntil,
    locked: isLocked(row),
    lastLoginAt: row.lastLoginAt,
    remark: row.remark,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actions: userActions(actor, row),
  };
}
