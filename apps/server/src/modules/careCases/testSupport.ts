import { idNumberCheckChar } from '@gg/shared';
import type { TestServer } from '../../../test/harness.js';
import { newId } from '../../platform/db/ids.js';

/** A valid, fictitious ID number: region, birth date (YYYYMMDD), a 3-digit sequence (odd = male), check character. */
export function fakeIdNumber(birth: string, seq: number, region = '360781'): string {
  const first17 = `${region}${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A birth date `years` years ago (YYYYMMDD), for under/over-14 cases. */
export function birthYearsAgo(years: number, extraDays = 30): string {
  const d = new Date(Date.now() - extraDays * 86_400_000);
  d.setFullYear(d.getFullYear() - years);
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

export function caseInput(s: TestServer, over: Record<string, unknown> = {}) {
  return {
    name: '李小明',
    idNumber: fakeIdNumber(birthYearsAgo(16), 11),
    categories: ['dropout', 'unsupervised'],
    orgUnitId: s.tree.villageA1,
    phone: '13812345678',
    householdAddress: '东风镇东风村三组12号',
    currentAddress: '东风镇东风村三组12号',
    schoolOrWork: '东风镇中学',
    guardianName: '李大山',
    guardianRelation: '祖父',
    guardianPhone: '13987654321',
    familySituation: '父母在外务工，随祖父母生活，家庭收入低',
    riskLevel: 'medium',
    ...over,
  };
}

/** An elder volunteer at a node, optionally linked to a user account (the mentor's sign-in). */
export async function insertVolunteer(s: TestServer, at: keyof TestServer['tree'], name = '王老师', userId: string | null = null) {
  const id = newId();
  const now = new Date().toISOString();
  await s.platform.db.insertInto('volunteer').values({
    id, orgUnitId: s.tree[at], userId, category: 'teacher', name, namePinyin: 'wanglaoshi', nameInitials: 'wls', sex: 'male', birthDate: '1955-03-01',
    idNumberEnc: null, idNumberBidx: null, phoneEnc: null, formerPost: null, formerUnit: null, politicalStatus: null, health: null, availability: null,
    committeePost: 'none', joinDate: null, status: 'active', remark: null, createdAt: now, updatedAt: now, createdBy: null,
  }).execute();
  return id;
}

export async function auditRows(s: TestServer, event: string, objectId?: string) {
  let q = s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', event);
  if (objectId) q = q.where('objectId', '=', objectId);
  return q.orderBy('seq').execute();
}
