import { ageOn, maskIdNumber, maskName, maskPhone, trainingFollowUpMonths, type TrainingClass, type TrainingEnrolment, type TrainingFollowUp } from '@gg/shared';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { FieldCipher } from '../../platform/crypto/cipher.js';
import type { TrainingFollowUpTable } from '../../platform/db/schema.js';
import type { ClassRow, EnrolmentRow } from './repository.js';
import { classActions, enrolmentActions } from './policy.js';

/** AADs of the encrypted fields: table, row and field, so a ciphertext moved to another row fails. */
export const enrolmentAad = (id: string, field: 'idNumber' | 'phone') => `training_enrolment:${id}:${field}`;
export const importPayloadAad = (id: string) => `training_import_preview:${id}:payload`;
export const ID_NUMBER_DOMAIN = 'training.idNumber';

export const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The day a follow-up falls due: `months` after the class ended (the last day of a shorter month when needed). */
export function followUpDue(endDate: string, months: number): string {
  const [y, m, d] = endDate.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export function decryptEnrolment(row: EnrolmentRow, cipher: FieldCipher) {
  return {
    idNumber: cipher.decrypt(row.idNumberEnc, enrolmentAad(row.id, 'idNumber')),
    phone: row.phoneEnc ? cipher.decrypt(row.phoneEnc, enrolmentAad(row.id, 'phone')) : null,
  };
}

export function presentClass(actor: Actor, row: ClassRow, partners: { id: string; name: string }[], trainers: { id: string; name: string; volunteerId: string | null }[]): TrainingClass {
  return {
    id: row.id, orgUnitId: row.orgUnitId, orgUnitName: row.orgUnitName, title: row.title, skill: row.skill, industry: row.industry as TrainingClass['industry'],
    venue: row.venue, startDate: row.startDate, endDate: row.endDate, capacity: Number(row.capacity), fundingFen: Number(row.fundingFen), fundingSource: row.fundingSource,
    minAttendancePct: Number(row.minAttendancePct), description: row.description, status: row.status as TrainingClass['status'], finishedAt: row.finishedAt,
    partners, trainers, enrolled: row.enrolled, waiting: row.waiting, completed: row.completed, sessionCount: row.sessionCount, createdAt: row.createdAt,
    actions: classActions(actor, row),
  };
}

export function presentFollowUp(f: TrainingFollowUpTable): TrainingFollowUp {
  return { id: f.id, month: Number(f.month), outcome: f.outcome as TrainingFollowUp['outcome'], employer: f.employer, industry: (f.industry as TrainingFollowUp['industry']) ?? null, note: f.note, recordedOn: f.recordedOn };
}

/**
 * What leaves the server about a trainee. ID numbers and phones are always masked in JSON (the full value comes
 * only from the logged unmask route); a reader who may not enrol trainees (a village liaison) sees the name masked too.
 */
export function presentEnrolment(
  actor: Actor, c: ClassRow, row: EnrolmentRow, cipher: FieldCipher,
  extra: { attended: number; followUps: TrainingFollowUpTable[]; waitingPosition: number | null; today?: string },
): TrainingEnrolment {
  const plain = decryptEnrolment(row, cipher);
  const full = can(actor, 'training:enrol');
  const today = extra.today ?? todayInChina();
  const recorded = new Set(extra.followUps.map((f) => Number(f.month)));
  const trained = row.status === 'completed' || row.status === 'not_completed';
  return {
    id: row.id, classId: row.classId, careCaseId: full ? row.careCaseId : null,
    name: full ? row.name : maskName(row.name), sex: row.sex as TrainingEnrolment['sex'], birthDate: row.birthDate, age: ageOn(row.birthDate),
    idNumber: maskIdNumber(plain.idNumber), phone: plain.phone ? maskPhone(plain.phone) : null,
    education: (row.education as TrainingEnrolment['education']) ?? null, status: row.status as TrainingEnrolment['status'],
    waitingPosition: extra.waitingPosition, attended: extra.attended, certificateNo: row.certificateNo,
    followUps: extra.followUps.map(presentFollowUp),
    dueFollowUps: trained && c.status === 'finished' ? trainingFollowUpMonths.filter((m) => !recorded.has(m) && followUpDue(c.endDate, m) <= today) : [],
    createdAt: row.createdAt, actions: enrolmentActions(actor, c, row),
  };
}
