import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

describe('resources: funds ledger, venues, leadership, staff training, brands', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('keeps the ledger in fen and gives balances per year carried over; a township officer sees only their own', async () => {
    const office = await s.as('countyOffice');
    const post = (b: Record<string, unknown>) => office.post('/api/fund-entries', b);
    expect((await post({ orgUnitId: s.tree.root, entryDate: '2025-02-01', direction: 'income', amountFen: 100 })).status).toBe(400);
    expect((await post({ orgUnitId: s.tree.root, entryDate: '2025-02-01', direction: 'income', source: 'fiscal', amountFen: 12.5 })).status).toBe(400);
    await post({ orgUnitId: s.tree.root, entryDate: '2024-03-01', direction: 'income', source: 'fiscal', amountFen: 5_000_000 });
    await post({ orgUnitId: s.tree.root, entryDate: '2024-09-01', direction: 'expense', project: '五老宣讲', amountFen: 1_200_050 });
    await post({ orgUnitId: s.tree.root, entryDate: '2025-01-15', direction: 'income', source: 'foundation', amountFen: 2_000_000 });
    await post({ orgUnitId: s.tree.root, entryDate: '2025-04-01', direction: 'expense', project: '校外辅导站补助', amountFen: 800_000 });
    const town = await post({ orgUnitId: s.tree.townshipA, entryDate: '2025-03-01', direction: 'income', source: 'donation', amountFen: 300_000, note: '乡贤捐赠' });
    expect(town.body).toMatchObject({ orgUnitName: '东风镇', amountFen: 300_000, source: 'donation' });

    const bal = await office.get('/api/fund-entries/balances?year=2025');
    const root = bal.body.rows.find((r: { orgUnitId: string }) => r.orgUnitId === s.tree.root);
    expect(root).toMatchObject({ openingFen: 3_799_950, incomeFen: 2_000_000, expenseFen: 800_000, closingFen: 4_999_950 });
    expect(root.incomeBySource.foundation).toBe(2_000_000);
    expect(bal.body.totals).toMatchObject({ closingFen: 5_299_950 });

    const officer = await s.as('townshipOfficer', 'townshipA');
    const mine = await officer.get('/api/fund-entries/balances?year=2025');
    expect(mine.body.rows.map((r: { orgUnitId: string }) => r.orgUnitId)).toEqual([s.tree.townshipA]);
    const rootEntry = (await office.get('/api/fund-entries?year=2025&direction=expense')).body.items[0];
    expect((await officer.get(`/api/fund-entries/${rootEntry.id}`)).status).toBe(404);
    expect((await officer.post('/api/fund-entries', { orgUnitId: s.tree.townshipB, entryDate: '2025-03-01', direction: 'income', source: 'fiscal', amountFen: 1 })).status).toBe(404);
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'fundEntry.create').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.summary).toContain('¥3,000.00');

    const xlsx = await office.get('/api/fund-entries/export?year=2025');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const finance = await office.post('/api/member-units', { name: '县财政局' });
    const liaison = await s.as('memberUnitLiaison', { memberUnitId: finance.body.id });
    expect((await liaison.get('/api/fund-entries')).status).toBe(403);
  });

  it('venues with their use by activities, committee leadership and staff training, each audited', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const v = await officer.post('/api/venues', { orgUnitId: s.tree.villageA1, name: '东风村关工活动室', type: 'room', areaSqm: 80, openingHours: '周六、周日 9:00-17:00' });
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ orgUnitName: '东风村', useCount: 0, uses: [] });
    const other = await s.as('townshipOfficer', 'townshipB');
    expect((await other.get(`/api/venues/${v.body.id}`)).status).toBe(404);

    const c = await officer.post('/api/committee-members', { orgUnitId: s.tree.townshipA, name: '张建国', post: 'director', workTitle: '镇退休干部', isElder: true });
    expect(c.body).toMatchObject({ post: 'director', isElder: true, orgUnitName: '东风镇' });
    const t = await officer.post('/api/staff-trainings', { orgUnitId: s.tree.townshipA, title: '关工委干部业务培训班', trainingDate: '2025-04-12', trainees: 35, hours: 6 });
    expect(t.body).toMatchObject({ ownerName: '东风镇', trainees: 35 });
    const events = await s.platform.db.selectFrom('auditEvent').select('event').where('username', '=', officer.username).where('event', '<>', 'auth.login').orderBy('seq').execute();
    expect(events.map((e) => e.event)).toEqual(['venue.create', 'committeeMember.create', 'staffTraining.create']);
  });

  it('brands: a page per local brand with its units and linked activities', async () => {
    const office = await s.as('countyOffice');
    const unit = await office.post('/api/member-units', { name: '县委宣传部' });
    const b = await office.post('/api/brands', { name: '“1357”工作机制', description: '一个目标、三支队伍、五项活动、七个阵地', orgUnitId: s.tree.root, memberUnitIds: [unit.body.id] });
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ memberUnits: [{ name: '县委宣传部' }], activityCount: 0, actions: ['update'] });
    expect((await office.post('/api/brands', { name: '“1357”工作机制', description: 'x', orgUnitId: s.tree.root })).status).toBe(409);
    const leader = await s.as('countyLeader');
    expect((await leader.get(`/api/brands/${b.body.id}`)).body.actions).toEqual([]);
    expect((await leader.patch(`/api/brands/${b.body.id}`, { results: 'x' })).status).toBe(403);

    const xlsx = await office.get('/api/brands/export?q=1357');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const row = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'brand.export').executeTakeFirstOrThrow();
    expect(JSON.parse(row.detail!)).toMatchObject({ rows: 1, filters: { 品牌名称: '1357' } });
    expect((await leader.get('/api/brands/export')).status).toBe(403);
  });

  it('venues, leadership and staff training export to Excel within the actor’s scope, each export audited with its row count', async () => {
    const officer = await s.as('townshipOfficer', 'townshipB');
    await officer.post('/api/venues', { orgUnitId: s.tree.townshipB, name: '西岭镇校外辅导站', type: 'tutoringStation' });
    await officer.post('/api/committee-members', { orgUnitId: s.tree.townshipB, name: '王秀英', post: 'deputyDirector' });
    await officer.post('/api/staff-trainings', { orgUnitId: s.tree.townshipB, title: '充电赋能专题培训', trainingDate: '2025-06-01', trainees: 20, hours: 4 });
    const rowsOf = async (event: string) => JSON.parse((await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', event).orderBy('seq', 'desc').executeTakeFirstOrThrow()).detail!).rows;
    for (const [url, event] of [['/api/venues/export', 'venue.export'], ['/api/committee-members/export', 'committeeMember.export'], ['/api/staff-trainings/export?year=2025', 'staffTraining.export']]) {
      const res = await officer.get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      // townshipA's records from the earlier test are out of this officer's scope.
      expect(await rowsOf(event), url).toBe(1);
    }
    const office = await s.as('countyOffice');
    await office.get('/api/venues/export');
    expect(await rowsOf('venue.export')).toBe(2);
    const leader = await s.as('countyLeader');
    expect((await leader.get('/api/venues/export')).status).toBe(403);
  });
});
