import type { OnlineSession } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { FieldCipher } from '../../platform/crypto/cipher.js';
import type { OpenSessionRow } from './repository.js';
import { sessionActions } from './policy.js';

/**
 * The id a session is known by outside the server: a keyed hash of the stored hash. It cannot be turned
 * back into the cookie or the stored hash, and without the server's key it cannot be computed from either.
 */
export const publicSessionId = (cipher: FieldCipher, idHash: string) => cipher.blindIndex(idHash, 'session:public-id');

export function presentSession(actor: Actor, row: OpenSessionRow, cipher: FieldCipher): OnlineSession {
  return {
    id: publicSessionId(cipher, row.idHash),
    user: { id: row.userId, username: row.username, displayName: row.displayName },
    orgUnit: row.orgUnitId && row.orgUnitName ? { id: row.orgUnitId, name: row.orgUnitName } : null,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
    current: row.idHash === actor.sessionIdHash,
    actions: sessionActions(actor, row),
  };
}
