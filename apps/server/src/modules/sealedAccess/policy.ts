import { can, type Actor } from '../../platform/authz/actor.js';
import type { SealedAccessRow } from './repository.js';

/** actor may <action> on a request (already in scope) when … */
export const sealedAccessPolicy = {
  approve: (actor: Actor, row: SealedAccessRow) => can(actor, 'sealed:approve') && row.status === 'pending' && row.requestedBy !== actor.userId,
  reject: (actor: Actor, row: SealedAccessRow) => can(actor, 'sealed:approve') && row.status === 'pending' && row.requestedBy !== actor.userId,
};

export type SealedAccessAction = keyof typeof sealedAccessPolicy;

export function sealedAccessActions(actor: Actor, row: SealedAccessRow): SealedAccessAction[] {
  return (Object.keys(sealedAccessPolicy) as SealedAccessAction[]).filter((a) => sealedAccessPolicy[a](actor, row));
}
