import { maskPhone, type OrgUnit, type OrgUnitKind, type OrgUnitTreeNode } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { FieldCipher } from '../../platform/crypto/cipher.js';
import type { OrgUnitRow } from './repository.js';
import { orgUnitActions } from './policy.js';

export const contactPhoneAad = (id: string) => `org_unit:${id}:contact_phone`;

export function ancestorIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

export function presentOrgUnit(actor: Actor, row: OrgUnitRow, names: Map<string, string>, cipher: FieldCipher): OrgUnit {
  const phone = row.contactPhoneEnc ? cipher.decrypt(row.contactPhoneEnc, contactPhoneAad(row.id)) : null;
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    kind: row.kind as OrgUnitKind,
    code: row.code,
    depth: row.depth,
    status: row.status as OrgUnit['status'],
    contactName: row.contactName,
    // Office contact numbers: visible to those who may edit the node, masked to everyone else.
    contactPhone: phone && !actor.permissions.has('orgUnit:update') ? maskPhone(phone) : phone,
    address: row.address,
    hasCommittee: Boolean(row.hasCommittee),
    childCount: row.childCount,
    pathNames: ancestorIds(row.path).map((id) => names.get(id) ?? '…'),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actions: orgUnitActions(actor, row),
  };
}

export function presentTreeNode(row: OrgUnitRow): OrgUnitTreeNode {
  return { id: row.id, name: row.name, kind: row.kind as OrgUnitKind, status: row.status as OrgUnitTreeNode['status'], childCount: row.childCount };
}
