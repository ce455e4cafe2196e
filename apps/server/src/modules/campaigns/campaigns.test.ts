import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditRows } from '../activities/testSupport.js';

describe('campaigns and education bases', () => {
  let s: TestServer;
  let office: Awaited<ReturnType<TestServer['as']>>;
  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
  });
  afterAll(() => s.close());

  it('creates, lists with totals, edits and disables a campaign; names are unique; audited', async () => {
    const c = await office.post('/api/campaigns', { name: '传承红色基因，争做时代新人', theme: '红色教育', startYear: 2023, endYear: 2025, goalActivities: 500 });
    expect(c.status).toBe(200);
    expect(c.body.totals).toEqual({ activities: 0, audience: 0, volunteers: 0, volunteerHours: 0 });
    expect(c.body.actions).toContain('update');
    expect((await office.post('/api/campaigns', { name: '传承红色基因，争做时代新人', theme: 'x', startYear: 2023 })).status).toBe(409);
    expect((await office.post('/api/campaigns', { name: '倒序', theme: 'x', startYear: 2025, endYear: 2023 })).status).toBe(400);
    await office.post('/api/activities', { type: 'redEducation', title: '红色故事会', date: '2024-03-01', orgUnitId: s.tree.villageA1, campaignId: c.body.id, audienceStudents: 30 });
    const list = await office.get('/api/campaigns?sort=-activities');
    expect(list.body.items[0]).toMatchObject({ id: c.body.id, totals: { activities: 1, audience: 30 } });
    const off = await office.patch(`/api/campaigns/${c.body.id}`, { status: 'disabled' });
    expect(off.body.status).toBe('disabled');
    expect(await auditRows(s, 'campaign.update', c.body.id)).toHaveLength(1);
    const late = await office.post('/api/activities', { type: 'redEducation', title: '停用后', date: '2024-03-02', orgUnitId: s.tree.villageA1, campaignId: c.body.id });
    expect(late.status).toBe(400);
    const liaison = await s.as('grassrootsLiaison', 'villageB1');
    expect((await liaison.get(`/api/campaigns/${c.body.id}`)).body.totals.activities).toBe(0);
    expect((await liaison.post('/api/campaigns', { name: '越权', theme: 'x', startYear: 2024 })).status).toBe(403);
    expect((await liaison.get('/api/campaigns/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('registers bases with level and theme; counts visits from activities; validates; audited', async () => {
    const bad = await office.post('/api/bases', { name: '某基地', orgUnitId: s.tree.townshipA, level: 'galactic', theme: 'x' });
    expect(bad.status).toBe(400);
    const b = await office.post('/api/bases', { name: '西岭红军纪念馆', orgUnitId: s.tree.townshipB, level: 'provincial', theme: '红军长征', capacity: 300, openingHours: '周二至周日 9:00-17:00' });
    expect(b.status).toBe(200);
    expect(await auditRows(s, 'base.create', b.body.id)).toHaveLength(1);
    await office.post('/api/activities', { type: 'visit', title: '参观纪念馆', date: '2024-05-01', orgUnitId: s.tree.villageB1, baseId: b.body.id, audienceStudents: 50, audienceYouth: 10 });
    await office.post('/api/activities', { type: 'visit', title: '再次参观', date: '2024-06-01', orgUnitId: s.tree.villageB1, baseId: b.body.id, audienceStudents: 20 });
    const list = await office.get(`/api/bases?level=provincial&orgUnitId=${s.tree.townshipB}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ activities: 2, visitors: 80, lastActivityDate: '2024-06-01', orgUnitName: '西岭乡' });
    const edit = await office.patch(`/api/bases/${b.body.id}`, { capacity: 400 });
    expect(edit.body.capacity).toBe(400);
    expect(await auditRows(s, 'base.update', b.body.id)).toHaveLength(1);
    expect((await office.post('/api/bases', { name: '西岭红军纪念馆', orgUnitId: s.tree.townshipB, level: 'county', theme: 'x' })).status).toBe(409);
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    expect((await liaison.get('/api/bases')).status).toBe(200);
    expect((await liaison.patch(`/api/bases/${b.body.id}`, { capacity: 1 })).status).toBe(403);
  });

  it('exports bases and campaigns to Excel with their totals, with the list filters; audited with the row count', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const read = async (buf: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      const rows: string[] = [];
      wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))).join('|')));
      return rows.join('\n');
    };
    const bases = await office.get('/api/bases/export?level=provincial');
    expect(bases.status).toBe(200);
    const bText = await read(bases.body as Buffer);
    expect(bText).toContain('西岭红军纪念馆|省级');
    expect(bText).toMatch(/西岭红军纪念馆.*\|2\|80\|/);
    expect((await auditRows(s, 'base.export')).at(-1)!.detail).toContain('"rows":1');
    expect((await office.get('/api/bases/export?level=galactic')).status).toBe(400);
    const camps = await office.get('/api/campaigns/export');
    expect(camps.status).toBe(200);
    expect(await read(camps.body as Buffer)).toMatch(/传承红色基因，争做时代新人.*\|1\|30\|/);
    expect((await auditRows(s, 'campaign.export')).at(-1)!.detail).toContain('"rows":1');
    const leader = await s.as('grassrootsLiaison', 'villageB1');
    expect((await leader.get('/api/campaigns/export?bogus=1')).status).toBe(400);
  });
});
