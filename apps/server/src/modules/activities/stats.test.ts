import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { makeVolunteer } from './testSupport.js';
import { rebuildActivityStats } from './stats.js';

/** The activity summary table (issue 10) follows every write in the same transaction and answers the summaries. */
describe('activity summary table', () => {
  let s: TestServer;
  let office: Awaited<ReturnType<TestServer['as']>>;
  let v1: string;
  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
    v1 = await makeVolunteer(office, s.tree.townshipA, '王老师');
  });
  afterAll(() => s.close());

  const stat = async () =>
    (await s.platform.db.selectFrom('activityStat').select(['orgUnitId', 'month', 'type', 'activities', 'audience', 'hoursTenths']).where('activities', '!=', 0).orderBy('orgUnitId').orderBy('month').orderBy('type').execute())
      .map((r) => ({ ...r, activities: Number(r.activities), audience: Number(r.audience), hoursTenths: Number(r.hoursTenths) }));
  /** The same figures straight from the activities. */
  const fromBase = async () =>
    (await sql<{ orgUnitId: string; month: string; type: string; activities: number; audience: number; hoursTenths: number }>`
      SELECT org_unit_id AS "orgUnitId", substr(activity_date, 1, 7) AS month, type, COUNT(*) AS activities, SUM(audience_total) AS audience,
        COALESCE(SUM((SELECT SUM(hours_tenths) FROM activity_volunteer WHERE activity_id = activity.id)), 0) AS "hoursTenths"
      FROM activity GROUP BY org_unit_id, substr(activity_date, 1, 7), type ORDER BY 1, 2, 3`.execute(s.platform.db)).rows
      .map((r) => ({ ...r, activities: Number(r.activities), audience: Number(r.audience), hoursTenths: Number(r.hoursTenths) }));

  it('create, edit (node, month, type, audience) and delete keep it equal to the activities; summaries agree with the base tables', async () => {
    const body = { type: 'lecture', title: '红色故事会', date: '2025-04-03', orgUnitId: s.tree.villageA1, audienceStudents: 40, volunteers: [{ volunteerId: v1, hours: 2, role: 'lecturer' }] };
    const a = await office.post('/api/activities', body);
    const b = await office.post('/api/activities', { ...body, date: '2025-04-20', audienceStudents: 10 });
    const c = await office.post('/api/activities', { ...body, type: 'lawEducation', date: '2025-05-02', orgUnitId: s.tree.villageB1, volunteers: [] });
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect(await stat()).toEqual(await fromBase());
    expect((await stat()).find((r) => r.orgUnitId === s.tree.villageA1 && r.month === '2025-04' && r.type === 'lecture')).toMatchObject({ activities: 2, audience: 50, hoursTenths: 40 });
    // The participants alone change: the hours follow.
    const v2 = await makeVolunteer(office, s.tree.townshipA, '李老师');
    expect((await office.patch(`/api/activities/${a.body.id}`, { volunteers: [{ volunteerId: v1, hours: 3, role: 'lecturer' }, { volunteerId: v2, hours: 1.5, role: 'participant' }] })).status).toBe(200);
    expect(await stat()).toEqual(await fromBase());
    expect((await stat()).find((r) => r.orgUnitId === s.tree.villageA1 && r.month === '2025-04' && r.type === 'lecture')).toMatchObject({ activities: 2, hoursTenths: 65 });
    const april = await office.get('/api/activities/summary?from=2025-04-01&to=2025-04-30');
    expect(april.body.totals).toEqual({ activities: 2, audience: 50, volunteers: 2, volunteerHours: 6.5 });

    expect((await office.patch(`/api/activities/${b.body.id}`, { date: '2025-06-01', type: 'seminar', orgUnitId: s.tree.villageA2, audienceStudents: 7 })).status).toBe(200);
    expect((await office.delete(`/api/activities/${a.body.id}`)).status).toBe(200);
    expect(await stat()).toEqual(await fromBase());
    expect((await stat()).some((r) => r.month === '2025-04')).toBe(false);

    // Whole months by node: answered from the table; the figures are those of the activities.
    const sum = await office.get(`/api/activities/summary?from=2025-01-01&to=2025-12-31&orgUnitId=${s.tree.townshipA}`);
    expect(sum.status).toBe(200);
    expect(sum.body.totals).toEqual({ activities: 1, audience: 7, volunteers: 1, volunteerHours: 2 });
    expect(sum.body.byType).toEqual([{ type: 'seminar', activities: 1, audience: 7 }]);
    expect(sum.body.byMonth).toEqual([{ month: '2025-06', activities: 1, audience: 7 }]);
    // A part of a month falls back to the activities themselves, with the same shape.
    const part = await office.get('/api/activities/summary?from=2025-05-01&to=2025-06-15');
    expect(part.body.totals).toMatchObject({ activities: 2 });
    const dash = await office.get('/api/dashboard/overview?year=2025');
    expect(dash.status).toBe(200);
    expect(dash.body.activities).toMatchObject({ activities: 2, audience: 47 });

    // The rebuild after a bulk load gives the same table.
    const kept = await stat();
    await rebuildActivityStats(s.platform.db);
    expect(await stat()).toEqual(kept);

    // Everything, for the county office: distinct volunteers (counted through the volunteers) and hours (the table's)
    // as the participations have them.
    const base = await sql<{ volunteers: number; tenths: number }>`SELECT COUNT(DISTINCT volunteer_id) AS volunteers, SUM(hours_tenths) AS tenths FROM activity_volunteer`.execute(s.platform.db);
    const all = await office.get('/api/activities/summary');
    expect(all.body.totals).toMatchObject({ volunteers: Number(base.rows[0]!.volunteers), volunteerHours: Number(base.rows[0]!.tenths) / 10 });
    expect(all.body.totals.volunteers).toBeGreaterThan(0);
  });

  it("the list's total comes from the table for node, type and whole months, and from the activities otherwise", async () => {
    const body = { type: 'training', title: '骨干培训', orgUnitId: s.tree.villageB1, audienceStudents: 5, volunteers: [] };
    for (const date of ['2024-02-03', '2024-02-27', '2024-03-09']) expect((await office.post('/api/activities', { ...body, date })).status).toBe(200);
    const list = (q: string) => office.get(`/api/activities?type=training&orgUnitId=${s.tree.townshipB}&${q}`);
    const whole = await list('from=2024-02-01&to=2024-02-29');
    expect(whole.status).toBe(200);
    expect(whole.body.total).toBe(2);
    expect(whole.body.items).toHaveLength(2);
    const part = await list('from=2024-02-10&to=2024-03-31');
    expect([part.body.total, part.body.items.length]).toEqual([2, 2]);
    // Which path answered: a change made behind the platform's back shows only in the totals read from the table.
    await s.platform.db.updateTable('activityStat').set({ activities: 40 }).where('orgUnitId', '=', s.tree.villageB1).where('month', '=', '2024-02').where('type', '=', 'training').execute();
    expect((await list('from=2024-02-01&to=2024-02-29')).body.total).toBe(40);
    expect((await list('from=2024-02-10&to=2024-03-31')).body.total).toBe(2);
    await rebuildActivityStats(s.platform.db);
    expect((await list('from=2024-02-01')).body.total).toBe(3);
  });

  it("the county's volunteers and hours, unfiltered, come from the summary tables and equal the activities joined", async () => {
    const v2 = await makeVolunteer(office, s.tree.townshipB, '李战士');
    const body = { type: 'lecture', title: '宣讲', date: '2024-05-06', orgUnitId: s.tree.villageB1, audienceStudents: 5 };
    expect((await office.post('/api/activities', { ...body, volunteers: [{ volunteerId: v1, hours: 2, role: 'lecturer' }, { volunteerId: v2, hours: 1 }] })).status).toBe(200);
    expect((await office.post('/api/activities', { ...body, date: '2024-05-07', volunteers: [{ volunteerId: v1, hours: 1.5 }] })).status).toBe(200);
    expect((await office.post('/api/activities', { ...body, orgUnitId: s.tree.villageA1, volunteers: [{ volunteerId: v1, hours: 0.5 }] })).status).toBe(200);
    const truth = await s.platform.db
      .selectFrom('activityVolunteer')
      .innerJoin('activity', 'activity.id', 'activityVolunteer.activityId')
      .select([sql<number>`COUNT(DISTINCT activity_volunteer.volunteer_id)`.as('volunteers'), (eb) => eb.fn.sum<number>('activityVolunteer.hoursTenths').as('tenths')])
      .executeTakeFirstOrThrow();
    expect(Number(truth.volunteers)).toBeGreaterThanOrEqual(2);
    const totals = async (q: string, c = office) => {
      const r = await c.get(`/api/activities/summary${q}`);
      expect(r.status).toBe(200);
      return { volunteers: r.body.totals.volunteers, volunteerHours: r.body.totals.volunteerHours };
    };
    const expected = { volunteers: Number(truth.volunteers), volunteerHours: Number(truth.tenths) / 10 };
    expect(await totals('')).toEqual(expected);
    // A filter that keeps everything goes through the activities: the same figures.
    expect(await totals('?from=2000-01-01')).toEqual(expected);
    // Someone who does not see everything is answered from the cells of their own nodes.
    const { path } = await s.platform.db.selectFrom('orgUnit').select('path').where('id', '=', s.tree.townshipB).executeTakeFirstOrThrow();
    const inB = await s.platform.db
      .selectFrom('activityVolunteer')
      .innerJoin('activity', 'activity.id', 'activityVolunteer.activityId')
      .innerJoin('orgUnit', 'orgUnit.id', 'activity.orgUnitId')
      .select([sql<number>`COUNT(DISTINCT activity_volunteer.volunteer_id)`.as('volunteers'), (eb) => eb.fn.sum<number>('activityVolunteer.hoursTenths').as('tenths')])
      .where('orgUnit.path', 'like', `${path}%`)
      .executeTakeFirstOrThrow();
    expect(Number(inB.tenths)).toBeLessThan(Number(truth.tenths));
    expect(await totals('', await s.as('townshipOfficer', 'townshipB'))).toEqual({ volunteers: Number(inB.volunteers), volunteerHours: Number(inB.tenths ?? 0) / 10 });
  });

  it("the unfiltered total for the county equals the activities: SQLite counts the table, PostgreSQL sums the summary", async () => {
    const all = async (c = office) => {
      const r = await c.get('/api/activities?pageSize=1');
      expect(r.status).toBe(200);
      return r.body.total as number;
    };
    const counted = Number((await s.platform.db.selectFrom('activity').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(counted).toBeGreaterThan(0);
    expect(await all()).toBe(counted);
    const officer = await s.as('townshipOfficer', 'townshipB');
    const inB = await all(officer);
    // Which path answered: a change made behind the platform's back shows only where the summary answers.
    await s.platform.db.updateTable('activityStat').set((eb) => ({ activities: eb('activities', '+', 40) })).where('orgUnitId', '=', s.tree.villageB1).execute();
    const rows = Number((await s.platform.db.selectFrom('activityStat').select((eb) => eb.fn.countAll().as('n')).where('orgUnitId', '=', s.tree.villageB1).executeTakeFirstOrThrow()).n);
    expect(rows).toBeGreaterThan(0);
    expect(await all()).toBe(s.platform.handle.dialect === 'sqlite' ? counted : counted + 40 * rows);
    expect(await all(officer)).toBe(inB + 40 * rows);
    await rebuildActivityStats(s.platform.db);
    expect(await all()).toBe(counted);
  });

  it('the volunteers per node, month and type follow every write and answer the filtered summaries', async () => {
    const volStat = async () =>
      (await s.platform.db.selectFrom('activityVolunteerStat').selectAll().orderBy('orgUnitId').orderBy('month').orderBy('type').orderBy('volunteerId').execute())
        .map((r) => ({ ...r, participations: Number(r.participations) }));
    const volFromBase = async () =>
      (await sql<{ orgUnitId: string; month: string; type: string; volunteerId: string; participations: number }>`
        SELECT a.org_unit_id AS "orgUnitId", substr(a.activity_date, 1, 7) AS month, a.type, av.volunteer_id AS "volunteerId", COUNT(*) AS participations
        FROM activity a JOIN activity_volunteer av ON av.activity_id = a.id
        GROUP BY a.org_unit_id, substr(a.activity_date, 1, 7), a.type, av.volunteer_id ORDER BY 1, 2, 3, 4`.execute(s.platform.db)).rows
        .map((r) => ({ ...r, participations: Number(r.participations) }));
    const cell = async (orgUnitId: string, month: string, type: string, volunteerId: string) =>
      (await volStat()).find((r) => r.orgUnitId === orgUnitId && r.month === month && r.type === type && r.volunteerId === volunteerId)?.participations;

    const [w1, w2, w3] = [await makeVolunteer(office, s.tree.townshipA, '赵老兵'), await makeVolunteer(office, s.tree.townshipA, '钱教师'), await makeVolunteer(office, s.tree.townshipB, '孙模范')];
    const body = { type: 'lecture', title: '家风宣讲', date: '2023-07-03', orgUnitId: s.tree.villageA1, audienceStudents: 12 };
    const a = await office.post('/api/activities', { ...body, volunteers: [{ volunteerId: w1, hours: 2, role: 'lecturer' }, { volunteerId: w2, hours: 1 }] });
    const b = await office.post('/api/activities', { ...body, date: '2023-07-21', volunteers: [{ volunteerId: w1, hours: 1 }] });
    const c = await office.post('/api/activities', { ...body, type: 'seminar', date: '2023-08-09', orgUnitId: s.tree.villageB1, volunteers: [{ volunteerId: w3, hours: 3 }] });
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect(await volStat()).toEqual(await volFromBase());
    expect(await cell(s.tree.villageA1, '2023-07', 'lecture', w1)).toBe(2);

    // Participants change within the same cell; then an activity moves to another node, month and type alone.
    expect((await office.patch(`/api/activities/${a.body.id}`, { volunteers: [{ volunteerId: w2, hours: 1 }, { volunteerId: w3, hours: 1 }] })).status).toBe(200);
    expect(await cell(s.tree.villageA1, '2023-07', 'lecture', w1)).toBe(1);
    expect(await cell(s.tree.villageA1, '2023-07', 'lecture', w3)).toBe(1);
    expect((await office.patch(`/api/activities/${b.body.id}`, { date: '2023-09-02', type: 'seminar', orgUnitId: s.tree.villageA2 })).status).toBe(200);
    expect(await cell(s.tree.villageA1, '2023-07', 'lecture', w1)).toBeUndefined();
    expect(await cell(s.tree.villageA2, '2023-09', 'seminar', w1)).toBe(1);
    expect((await office.delete(`/api/activities/${c.body.id}`)).status).toBe(200);
    expect(await cell(s.tree.villageB1, '2023-08', 'seminar', w3)).toBeUndefined();
    expect(await volStat()).toEqual(await volFromBase());

    // Filtered summaries count the distinct volunteers the participations have under the same filter.
    const pathOf = async (id: string) => (await s.platform.db.selectFrom('orgUnit').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
    const truth = async (f: { under?: string; type?: string; from?: string; to?: string }) => {
      let q = s.platform.db
        .selectFrom('activityVolunteer')
        .innerJoin('activity', 'activity.id', 'activityVolunteer.activityId')
        .innerJoin('orgUnit', 'orgUnit.id', 'activity.orgUnitId')
        .select(sql<number>`COUNT(DISTINCT activity_volunteer.volunteer_id)`.as('n'));
      if (f.under) q = q.where('orgUnit.path', 'like', `${await pathOf(f.under)}%`);
      if (f.type) q = q.where('activity.type', '=', f.type);
      if (f.from) q = q.where('activity.activityDate', '>=', f.from);
      if (f.to) q = q.where('activity.activityDate', '<=', f.to);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    const volunteers = async (q: string, c = office) => {
      const r = await c.get(`/api/activities/summary?${q}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.totals.volunteers as number;
    };
    const cases: [string, Parameters<typeof truth>[0]][] = [
      [`orgUnitId=${s.tree.townshipA}`, { under: s.tree.townshipA }],
      [`orgUnitId=${s.tree.townshipA}&from=2023-07-01&to=2023-07-31`, { under: s.tree.townshipA, from: '2023-07-01', to: '2023-07-31' }],
      ['from=2023-01-01&to=2023-12-31', { from: '2023-01-01', to: '2023-12-31' }],
      [`orgUnitId=${s.tree.villageA2}`, { under: s.tree.villageA2 }],
      [`orgUnitId=${s.tree.villageB1}&from=2023-08-01&to=2023-08-31`, { under: s.tree.villageB1, from: '2023-08-01', to: '2023-08-31' }],
    ];
    for (const [q, f] of cases) expect(await volunteers(q), q).toBe(await truth(f));
    expect(await volunteers(`orgUnitId=${s.tree.townshipA}&from=2023-07-01&to=2023-07-31`)).toBe(2);
    const officerA = await s.as('townshipOfficer', 'townshipA');
    expect(await volunteers('from=2023-01-01&to=2023-12-31', officerA)).toBe(await truth({ under: s.tree.townshipA, from: '2023-01-01', to: '2023-12-31' }));

    // Which path answered: a row put in behind the platform's back counts; the rebuild puts the table right.
    const kept = await volStat();
    await s.platform.db.insertInto('activityVolunteerStat').values({ orgUnitId: s.tree.villageA2, month: '2023-09', type: 'seminar', volunteerId: w2, participations: 1 }).execute();
    expect(await volunteers(`orgUnitId=${s.tree.villageA2}&from=2023-09-01&to=2023-09-30`)).toBe(2);
    // The whole county over a period: one look-up per volunteer, in the same table.
    expect(await truth({ from: '2023-09-01', to: '2023-09-30' })).toBe(1);
    expect(await volunteers('from=2023-09-01&to=2023-09-30')).toBe(2);
    await rebuildActivityStats(s.platform.db);
    expect(await volStat()).toEqual(kept);
    // (Another period: the summary just read is cached until the platform's next write.)
    expect(await volunteers(`orgUnitId=${s.tree.villageA2}&from=2023-09-01&to=2023-10-31`)).toBe(1);
  });
});
