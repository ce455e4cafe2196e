import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { makeVolunteer } from './testSupport.js';
import { saveActivity, type ActivityValues } from './write.js';

/**
 * Activity writes that record service for volunteers of several nodes at once (write.ts → volunteers' node hour rows):
 * run together, each waits for the other instead of deadlocking — on PostgreSQL, where they truly run at once.
 */
describe('concurrent activity writes', () => {
  let s: TestServer;
  let office: Awaited<ReturnType<TestServer['as']>>;
  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
  });
  afterAll(() => s.close());

  it('saves with volunteers of two nodes listed in opposite orders all succeed, and the node hours add up', async () => {
    const a = [await makeVolunteer(office, s.tree.villageA1, '甲一'), await makeVolunteer(office, s.tree.villageA1, '甲二')];
    const b = [await makeVolunteer(office, s.tree.villageB1, '乙一'), await makeVolunteer(office, s.tree.villageB1, '乙二')];
    const body = (i: number) => ({
      type: 'lecture', title: `并发宣讲${i}`, date: '2026-03-0' + (1 + (i % 9)), orgUnitId: s.tree.villageA1, audienceStudents: 10,
      // Half list node A's volunteer first, half node B's: the order each write meets the nodes' hour rows in.
      volunteers: (i % 2 ? [a[i % 2], b[(i >> 1) % 2]] : [b[(i >> 1) % 2], a[i % 2]]).map((volunteerId) => ({ volunteerId, hours: 1.5, role: 'participant' })),
    });
    const created = await Promise.all(Array.from({ length: 24 }, (_, i) => office.post('/api/activities', body(i))));
    expect(created.map((r) => r.status)).toEqual(created.map(() => 200));
    // Edits that swap the volunteers and deletes, at once too.
    const changed = await Promise.all(
      created.map((r, i) =>
        i % 3 === 0
          ? office.delete(`/api/activities/${r.body.id}`)
          : office.patch(`/api/activities/${r.body.id}`, { volunteers: [b[i % 2], a[(i + 1) % 2]].map((volunteerId) => ({ volunteerId, hours: 2, role: 'participant' })) }),
      ),
    );
    expect(changed.map((r) => r.status)).toEqual(changed.map(() => 200));

    const kept = (await sql<{ node: string; tenths: number; records: number }>`
      SELECT org_unit_id AS node, hours_tenths AS tenths, records FROM volunteer_hours_stat WHERE hours_tenths <> 0 OR records <> 0 ORDER BY 1`.execute(s.platform.db)).rows
      .map((r) => ({ node: r.node, tenths: Number(r.tenths), records: Number(r.records) }));
    const fromBase = (await sql<{ node: string; tenths: number; records: number }>`
      SELECT v.org_unit_id AS node, SUM(x.hours_tenths) AS tenths, COUNT(*) AS records FROM volunteer_service x JOIN volunteer v ON v.id = x.volunteer_id
      GROUP BY v.org_unit_id ORDER BY 1`.execute(s.platform.db)).rows
      .map((r) => ({ node: r.node, tenths: Number(r.tenths), records: Number(r.records) }));
    expect(kept).toEqual(fromBase);
    // 16 activities kept, two volunteers each at 2 hours.
    expect(fromBase.reduce((n, r) => n + r.records, 0)).toBe(32);
    expect(fromBase.reduce((n, r) => n + r.tenths, 0)).toBe(32 * 20);
  });

  it('two writes that meet the same two nodes in opposite orders wait for each other (PostgreSQL, interleaved by hand)', async () => {
    if (s.dialect !== 'postgres') return; // SQLite runs one writer at a time: nothing to interleave
    const [a1, a2] = [await makeVolunteer(office, s.tree.villageA1, '丙一'), await makeVolunteer(office, s.tree.villageA1, '丙二')];
    const b1 = await makeVolunteer(office, s.tree.villageB1, '丁一');
    // Each activity in a month of its own: their summary rows (activity_stat) must not order the writes.
    const month = { 先行: '2026-04-01', 后续: '2026-05-01', 交叉: '2026-06-01' } as Record<string, string>;
    const values = (title: string): ActivityValues => ({
      type: 'lecture', studyLevel: null, title, activityDate: month[title], startTime: null, endTime: null, orgUnitId: s.tree.villageA1,
      memberUnitId: null, venue: null, baseId: null, campaignId: null, lectureRequestId: null, audienceStudents: 5, audienceYouth: 0,
      audienceOther: 0, summary: null, photoUploadIds: '[]', fileUploadIds: '[]',
    });
    const save = (trx: Parameters<typeof saveActivity>[0], title: string, volunteerIds: string[]) =>
      saveActivity(trx, { id: crypto.randomUUID(), values: values(title), participants: volunteerIds.map((volunteerId) => ({ volunteerId, hours: 1, role: 'participant' as const })), createdBy: null, isNew: true });
    let secondStarted!: () => void;
    const started = new Promise<void>((r) => (secondStarted = r));
    let firstHolds!: () => void;
    const holds = new Promise<void>((r) => (firstHolds = r));
    // T1 takes node B's volunteer (and hour row) and holds them; T2 then lists node A's volunteer before node B's;
    // T1 goes on to node A. Taken in the listed order, T2 would hold node A's hour row while waiting for T1's
    // volunteer, and T1 wait for that row: a deadlock, one of them refused.
    const t1 = s.platform.db.transaction().execute(async (trx) => {
      await save(trx, '先行', [b1]);
      firstHolds();
      await started;
      await new Promise((r) => setTimeout(r, 300));
      await save(trx, '后续', [a2]);
    });
    await holds;
    const t2 = s.platform.db.transaction().execute(async (trx) => {
      secondStarted();
      await save(trx, '交叉', [a1, b1]);
    });
    const results = await Promise.allSettled([t1, t2]);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
    const rows = (await s.platform.db.selectFrom('activity').select('title').where('title', 'in', ['先行', '后续', '交叉']).execute()).map((r) => r.title).sort();
    expect(rows).toEqual(['交叉', '先行', '后续'].sort());
  });
});
