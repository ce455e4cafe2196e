import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { makeVolunteer } from '../activities/testSupport.js';
import { rebuildServiceYears } from './serviceYears.js';

/** The per-volunteer yearly service summary (issue 10) follows every service write in the same transaction. */
describe('volunteer service summary table', () => {
  let s: TestServer;
  let office: Awaited<ReturnType<TestServer['as']>>;
  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
  });
  afterAll(() => s.close());

  const summary = async () =>
    (await s.platform.db.selectFrom('volunteerServiceYear').select(['volunteerId', 'year', 'hoursTenths', 'records']).where('records', '!=', 0).orderBy('volunteerId').orderBy('year').execute())
      .map((r) => ({ ...r, hoursTenths: Number(r.hoursTenths), records: Number(r.records) }));
  /** The same figures straight from the service records. */
  const fromBase = async () =>
    (await sql<{ volunteerId: string; year: string; hoursTenths: number; records: number }>`
      SELECT volunteer_id AS "volunteerId", substr(service_date, 1, 4) AS year, SUM(hours_tenths) AS "hoursTenths", COUNT(*) AS records
      FROM volunteer_service GROUP BY volunteer_id, substr(service_date, 1, 4) ORDER BY 1, 2`.execute(s.platform.db)).rows
      .map((r) => ({ ...r, hoursTenths: Number(r.hoursTenths), records: Number(r.records) }));

  it('activity create / edit / delete and manual records keep it equal to the service rows; statistics and the list read it', async () => {
    const v1 = await makeVolunteer(office, s.tree.villageA1, '王明德');
    const v2 = await makeVolunteer(office, s.tree.villageB1, '李秀兰');
    const body = { type: 'lecture', title: '红色故事会', date: '2025-04-03', orgUnitId: s.tree.villageA1, audienceStudents: 40, volunteers: [{ volunteerId: v1, hours: 2, role: 'lecturer' }, { volunteerId: v2, hours: 1.5, role: 'participant' }] };
    const a = await office.post('/api/activities', body);
    const b = await office.post('/api/activities', { ...body, date: '2024-11-20', volunteers: [{ volunteerId: v1, hours: 3, role: 'lecturer' }] });
    expect([a.status, b.status]).toEqual([200, 200]);
    const manual = await office.post(`/api/volunteers/${v2}/service`, { date: '2025-02-01', hours: 4, description: '走访慰问', reason: '纸质台账补录' });
    expect(manual.status, manual.text).toBe(200);
    expect(await summary()).toEqual(await fromBase());
    expect((await summary()).find((r) => r.volunteerId === v1 && r.year === '2025')).toMatchObject({ hoursTenths: 20, records: 1 });

    // Edit: hours, date into another year, and a volunteer taken off the activity.
    expect((await office.patch(`/api/activities/${a.body.id}`, { date: '2026-01-05', volunteers: [{ volunteerId: v1, hours: 2.5, role: 'lecturer' }] })).status).toBe(200);
    expect(await summary()).toEqual(await fromBase());
    expect((await summary()).find((r) => r.volunteerId === v1 && r.year === '2026')).toMatchObject({ hoursTenths: 25, records: 1 });
    expect((await summary()).some((r) => r.volunteerId === v1 && r.year === '2025')).toBe(false);
    expect((await summary()).find((r) => r.volunteerId === v2 && r.year === '2025')).toMatchObject({ hoursTenths: 40, records: 1 });

    expect((await office.delete(`/api/activities/${b.body.id}`)).status).toBe(200);
    expect(await summary()).toEqual(await fromBase());

    // Statistics and the registry list read the summary; their figures are those of the service rows.
    const stats = await office.get('/api/volunteers/stats?year=2026');
    expect(stats.status).toBe(200);
    expect(stats.body.hours).toMatchObject({ total: 6.5, year: 2026, yearHours: 2.5, records: 2 });
    const list = await office.get(`/api/volunteers?orgUnitId=${s.tree.villageB1}`);
    expect(list.body.items.find((x: { id: string }) => x.id === v2)).toMatchObject({ totalHours: 4 });

    // The rebuild after a bulk load gives the same table.
    const kept = await summary();
    await rebuildServiceYears(s.platform.db);
    expect(await summary()).toEqual(kept);
  });
});
