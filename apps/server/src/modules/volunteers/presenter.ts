import { ageOn, maskIdNumber, maskPhone, volunteerStars, type Volunteer } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import type { FieldCipher } from '../../platform/crypto/cipher.js';
import type { VolunteerRow } from './repository.js';
import { volunteerActions } from './policy.js';

export const idNumberAad = (id: string) => `volunteer:${id}:id_number`;
export const phoneAad = (id: string) => `volunteer:${id}:phone`;
export const importPayloadAad = (id: string) => `volunteer_import_preview:${id}:payload`;

export type OrgNames = Map<string, { id: string; name: string; kind: string; path: string }>;

/** Hours are stored in tenths; people read hours with at most one decimal. */
export const hoursOf = (tenths: number) => Math.round(Number(tenths)) / 10;

/** The township (乡镇/街道) a node lies in: the ancestor of that kind on its path, or the node itself. */
export function townshipNodeOf(path: string, nodes: OrgNames): { id: string; name: string } | null {
  const ids = path.split('/').filter(Boolean);
  for (const id of ids) {
    const n = nodes.get(id);
    if (n?.kind === 'township') return { id: n.id, name: n.name };
  }
  return null;
}

export const townshipOf = (path: string, nodes: OrgNames): string | null => townshipNodeOf(path, nodes)?.name ?? null;

/** Ancestor ids of the nodes the rows sit at (for names and the township column). */
export function orgIdsFor(rows: { orgUnitId: string }[], paths: Map<string, string>): string[] {
  return rows.flatMap((r) => (paths.get(r.orgUnitId) ?? '').split('/').filter(Boolean).concat(r.orgUnitId));
}

export interface Decrypted {
  idNumber: string | null;
  phone: string | null;
}

export function decryptVolunteer(row: VolunteerRow, cipher: FieldCipher): Decrypted {
  return {
    idNumber: row.idNumberEnc ? cipher.decrypt(row.idNumberEnc, idNumberAad(row.id)) : null,
    phone: row.phoneEnc ? cipher.decrypt(row.phoneEnc, phoneAad(row.id)) : null,
  };
}

/**
 * What leaves the server about a volunteer. ID numbers and phones are masked in JSON for everyone
 * (security.md B12); the full value comes only from the logged unmask route. A volunteer reading their
 * own record sees their own phone. A list (`listed`) carries no ID number at all: the register does not show it, and
 * what a page does not show it does not send (PIPL's minimum necessary) nor decrypt.
 */
export function presentVolunteer(
  actor: Actor,
  row: VolunteerRow,
  nodes: OrgNames,
  cipher: FieldCipher,
  opts: { unmasked?: boolean; starHours?: readonly number[]; listed?: boolean } = {},
): Volunteer {
  const plain = opts.listed
    ? { idNumber: null, phone: row.phoneEnc ? cipher.decrypt(row.phoneEnc, phoneAad(row.id)) : null }
    : decryptVolunteer(row, cipher);
  const own = row.userId !== null && row.userId === actor.userId;
  const node = nodes.get(row.orgUnitId);
  const total = hoursOf(row.hoursTenths);
  return {
    id: row.id,
    orgUnitId: row.orgUnitId,
    orgUnitName: node?.name ?? '…',
    townshipName: node ? townshipOf(node.path, nodes) : null,
    userId: row.userId,
    category: row.category as Volunteer['category'],
    name: row.name,
    sex: row.sex as Volunteer['sex'],
    birthDate: row.birthDate,
    age: ageOn(row.birthDate),
    idNumber: plain.idNumber && !opts.unmasked ? maskIdNumber(plain.idNumber) : plain.idNumber,
    phone: plain.phone && !opts.unmasked && !own ? maskPhone(plain.phone) : plain.phone,
    formerPost: row.formerPost,
    formerUnit: row.formerUnit,
    politicalStatus: row.politicalStatus as Volunteer['politicalStatus'],
    health: row.health as Volunteer['health'],
    availability: row.availability as Volunteer['availability'],
    committeePost: row.committeePost as Volunteer['committeePost'],
    joinDate: row.joinDate,
    status: row.status as Volunteer['status'],
    specialties: row.specialties as Volunteer['specialties'],
    remark: row.remark,
    totalHours: total,
    stars: volunteerStars(total, opts.starHours).stars,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actions: volunteerActions(actor, row),
  };
}
