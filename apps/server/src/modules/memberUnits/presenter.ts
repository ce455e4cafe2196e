import { maskPhone, type MemberUnit } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { FieldCipher } from '../../platform/crypto/cipher.js';
import type { MemberUnitRow } from './repository.js';
import { memberUnitActions, memberUnitPolicy } from './policy.js';

export const liaisonPhoneAad = (id: string) => `member_unit:${id}:liaison_phone`;

export function presentMemberUnit(actor: Actor, row: MemberUnitRow, cipher: FieldCipher): MemberUnit {
  const phone = row.liaisonPhoneEnc ? cipher.decrypt(row.liaisonPhoneEnc, liaisonPhoneAad(row.id)) : null;
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    duties: row.duties,
    liaisonName: row.liaisonName,
    liaisonPhone: phone && !memberUnitPolicy.seeLiaisonPhone(actor, row) ? maskPhone(phone) : phone,
    leaderName: row.leaderName,
    sortOrder: row.sortOrder,
    status: row.status as MemberUnit['status'],
    userCount: row.userCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actions: memberUnitActions(actor, row),
  };
}
