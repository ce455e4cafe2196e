import type { Creation, CreationStatus, CreationType, CreationScoring, OrgUnitKind, RecordStatus } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { CreationCriterionTable, CreationTypeTable } from '../../platform/db/schema.js';
import { today, type CreationRow } from './repository.js';
import { creationActions } from './policy.js';

export function statusOf(c: Pick<CreationRow, 'status' | 'namedUntil'>): CreationStatus {
  return c.status === 'named' && c.namedUntil !== null && c.namedUntil < today() ? 'expired' : (c.status as CreationStatus);
}

export function presentCreation(actor: Actor, c: CreationRow): Creation {
  const status = statusOf(c);
  return {
    id: c.id, typeId: c.typeId, typeName: c.typeName, orgUnitId: c.orgUnitId, orgUnitName: c.orgUnitName, orgUnitKind: c.orgUnitKind, status,
    applicationNote: c.applicationNote, evidenceUploadIds: JSON.parse(c.evidenceUploadIds) as string[], appliedAt: c.appliedAt,
    namedTitle: c.namedTitle, namedFrom: c.namedFrom, namedUntil: c.namedUntil, revokedAt: c.revokedAt, revokeReason: c.revokeReason,
    createdAt: c.createdAt, updatedAt: c.updatedAt, actions: creationActions(actor, c, status),
  };
}

export function presentType(actor: Actor, t: CreationTypeTable, criteria: CreationCriterionTable[]): CreationType {
  return {
    id: t.id, code: t.code, name: t.name, targetKinds: JSON.parse(t.targetKinds) as OrgUnitKind[], validYears: t.validYears, passScore: t.passScore,
    description: t.description, status: t.status as RecordStatus,
    criteria: criteria.filter((c) => c.typeId === t.id).map((c) => ({ id: c.id, title: c.title, scoring: c.scoring as CreationScoring, maxPoints: c.maxPoints, sortOrder: c.sortOrder })),
    actions: [...(can(actor, 'creation:manage') ? ['update'] : []), ...(can(actor, 'creation:apply') && t.status === 'active' ? ['apply'] : [])],
  };
}
