import {
  ageOn, maskAddress, maskIdNumber, maskName, maskPhone,
  type CareCaseCategory, type CareCaseDetail, type CareCaseDuplicate, type CareCaseListItem, type CareCaseOutcome,
  type CareCaseStatus, type PoliticalStatus, type RiskLevel,
} from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { FieldCipher } from '../../platform/crypto/cipher.js';
import type { CareCaseListRow, CareCaseRow } from './repository.js';
import { careCaseActions } from './policy.js';

/** AADs of the encrypted fields: table, row and field, so a ciphertext moved to another row fails. */
export const caseAad = (id: string, field: string) => `care_case:${id}:${field}`;
export const encryptedCaseFields = {
  idNumber: 'idNumberEnc',
  phone: 'phoneEnc',
  householdAddress: 'householdAddressEnc',
  currentAddress: 'currentAddressEnc',
  guardianPhone: 'guardianPhoneEnc',
  contacts: 'contactsEnc',
  familySituation: 'familySituationEnc',
} as const;
export type EncryptedCaseField = keyof typeof encryptedCaseFields;

export function decryptField(cipher: FieldCipher, row: Pick<CareCaseRow, 'id' | (typeof encryptedCaseFields)[EncryptedCaseField]>, field: EncryptedCaseField): string | null {
  const token = row[encryptedCaseFields[field]];
  return token ? cipher.decrypt(token, caseAad(row.id, field)) : null;
}

export function encryptField(cipher: FieldCipher, id: string, field: EncryptedCaseField, value: string | null | undefined): string | null {
  return value ? cipher.encrypt(value, caseAad(id, field)) : null;
}

/** The encrypted fields in `encryptedCaseFields` order: the order of `caseSecrets`. */
export const caseSecretFields = Object.keys(encryptedCaseFields) as EncryptedCaseField[];

/**
 * A new case's values for its encrypted fields, in `caseSecretFields` order (null: the field stays empty). The case
 * service encrypts them one by one; the import has a hundred rows' sealed at once beside the main thread.
 */
export function caseSecrets(
  input: { phone?: string | null; householdAddress?: string | null; currentAddress?: string | null; guardianPhone?: string | null; contacts?: unknown[] | null; familySituation?: string | null },
  idNumber: string,
): (string | null)[] {
  return [
    idNumber, input.phone || null, input.householdAddress || null, input.currentAddress || null, input.guardianPhone || null,
    input.contacts?.length ? JSON.stringify(input.contacts) : null, input.familySituation || null,
  ];
}

/** The masks, one per unmaskable field: JSON and masked exports use the same ones. */
export const fieldMasks = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  guardianPhone: maskPhone,
  householdAddress: maskAddress,
  currentAddress: maskAddress,
} as const;

const mask = <T extends keyof typeof fieldMasks>(field: T, v: string | null) => (v ? fieldMasks[field](v) : null);

export function presentListItem(actor: Actor, row: CareCaseListRow): CareCaseListItem {
  return {
    id: row.id,
    name: row.name,
    sex: row.sex as 'male' | 'female',
    birthDate: row.birthDate,
    age: ageOn(row.birthDate),
    categories: row.categories as CareCaseCategory[],
    status: row.status as CareCaseStatus,
    riskLevel: row.riskLevel as RiskLevel,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    schoolOrWork: row.schoolOrWork,
    intakeDate: row.intakeDate,
    closureRequested: Boolean(row.closureRequestedAt) && row.status !== 'closed',
    mentorCount: row.mentorCount,
    lastContactOn: row.lastContactOn,
    updatedAt: row.updatedAt,
    actions: careCaseActions(actor, row),
  };
}

export interface DetailExtras {
  requesterName: string | null;
  metrics: CareCaseDetail['metrics'];
}

/**
 * One case in full. ID number, phones and addresses are always masked here; revealing one is its own
 * logged route (`POST /care-cases/:id/unmask`). No field, flag or action reveals sealed offence details.
 */
export function presentDetail(actor: Actor, row: CareCaseRow, cipher: FieldCipher, extras: DetailExtras): CareCaseDetail {
  const contactsJson = decryptField(cipher, row, 'contacts');
  const contacts = contactsJson ? (JSON.parse(contactsJson) as { name: string; relation?: string; phone?: string }[]) : [];
  // The list item's fields, then the record's, on the list item itself: an object made by a spread and given keys
  // after it costs Node 20 a hidden class of its own (docs/decisions.md, "Spreads: no keys after a leading spread").
  return Object.assign(presentListItem(actor, row), {
    idNumber: row.anonymizedAt ? '（已匿名）' : mask('idNumber', decryptField(cipher, row, 'idNumber'))!,
    politicalStatus: (row.politicalStatus as PoliticalStatus | null) ?? null,
    phone: mask('phone', decryptField(cipher, row, 'phone')),
    householdAddress: mask('householdAddress', decryptField(cipher, row, 'householdAddress')),
    currentAddress: mask('currentAddress', decryptField(cipher, row, 'currentAddress')),
    guardianName: row.guardianName,
    guardianRelation: row.guardianRelation,
    guardianPhone: mask('guardianPhone', decryptField(cipher, row, 'guardianPhone')),
    contacts: contacts.map((c) => ({ name: c.name, relation: c.relation ?? null, phone: c.phone ? maskPhone(c.phone) : null })),
    familySituation: decryptField(cipher, row, 'familySituation'),
    needsHelp: Boolean(row.needsHelp),
    guardianConsent: Boolean(row.guardianConsent),
    legalBasis: row.legalBasis,
    outcome: (row.outcome as CareCaseOutcome | null) ?? null,
    outcomeNote: row.outcomeNote,
    closedAt: row.closedAt,
    closureRequest:
      row.closureRequestedAt && row.closureOutcome && row.status !== 'closed'
        ? { outcome: row.closureOutcome as CareCaseOutcome, note: row.closureNote, requestedBy: row.closureRequestedBy ?? '', requesterName: extras.requesterName ?? '', requestedAt: row.closureRequestedAt }
        : null,
    planAt: row.planAt,
    mergedIntoId: row.mergedIntoId,
    anonymizedAt: row.anonymizedAt ?? null,
    metrics: extras.metrics,
    createdAt: row.createdAt,
  });
}

export function presentDuplicate(row: CareCaseRow, matchedBy: CareCaseDuplicate['matchedBy']): CareCaseDuplicate {
  return {
    id: row.id,
    name: row.name,
    sex: row.sex as 'male' | 'female',
    birthDate: row.birthDate,
    orgUnitName: row.orgUnitName,
    status: row.status as CareCaseStatus,
    categories: row.categories as CareCaseCategory[],
    matchedBy,
  };
}

/** Masked name for audit details and masked exports. */
export const auditName = (v: string) => maskName(v);
