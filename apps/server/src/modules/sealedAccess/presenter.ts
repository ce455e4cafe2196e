import type { SealedAccessRequest, SealedAccessStatus } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { SealedAccessRow } from './repository.js';
import { sealedAccessActions } from './policy.js';

export function sealedAccessStatus(row: Pick<SealedAccessRow, 'status' | 'expiresAt'>, now = new Date()): SealedAccessStatus {
  if (row.status === 'approved' && row.expiresAt && row.expiresAt <= now.toISOString()) return 'expired';
  return row.status as SealedAccessStatus;
}

export function presentSealedAccess(actor: Actor, row: SealedAccessRow): SealedAccessRequest {
  return {
    id: row.id,
    objectType: row.objectType,
    objectId: row.objectId,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    reason: row.reason,
    requestedBy: row.requestedBy,
    requesterName: row.requesterName,
    requestedAt: row.requestedAt,
    status: sealedAccessStatus(row),
    decidedBy: row.decidedBy,
    deciderName: row.deciderName,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
    expiresAt: row.expiresAt,
    actions: sealedAccessActions(actor, row),
  };
}
