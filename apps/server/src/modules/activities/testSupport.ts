import type { TestServer } from '../../../test/harness.js';

type Office = Awaited<ReturnType<TestServer['as']>>;

/** A serving volunteer created through the volunteers API (optionally linked to a user account). */
export async function makeVolunteer(office: Office, orgUnitId: string, name: string, userId?: string): Promise<string> {
  const res = await office.post('/api/volunteers', { orgUnitId, category: 'teacher', name, sex: 'male', birthDate: '1955-03-01', ...(userId ? { userId } : {}) });
  if (res.status !== 200) throw new Error(`volunteer ${name}: ${res.status} ${res.text}`);
  return res.body.id as string;
}

export async function serviceHours(s: TestServer, volunteerId: string): Promise<number> {
  const r = await s.platform.db.selectFrom('volunteerService').select((eb) => eb.fn.sum<number>('hoursTenths').as('t')).where('volunteerId', '=', volunteerId).executeTakeFirstOrThrow();
  return Number(r.t ?? 0) / 10;
}

export async function auditRows(s: TestServer, event: string, objectId?: string) {
  let q = s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', event);
  if (objectId) q = q.where('objectId', '=', objectId);
  return q.execute();
}
