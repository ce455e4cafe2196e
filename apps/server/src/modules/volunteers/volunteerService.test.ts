import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { idNumberCheckChar } from '@gg/shared';
import { recordService, removeService } from './index.js';

const idNumber = (birth: string, seq: string) => {
  const first17 = `360123${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
};

describe('volunteer teams, service hours, certificate and statistics', () => {
  let s: TestServer;
  let officer: Awaited<ReturnType<TestServer['as']>>;
  let zhang: string;
  let li: string;
  let teamId: string;
  beforeAll(async () => {
    s = await startTestServer();
    officer = await s.as('townshipOfficer', 'townshipA');
    zhang = (await officer.post('/api/volunteers', { orgUnitId: s.tree.villageA1, category: 'teacher', name: '张三丰', idNumber: idNumber('19480315', '135'), specialties: ['lecturing'] })).body.id;
    li = (await officer.post('/api/volunteers', { orgUnitId: s.tree.villageA2, category: 'veteran', name: '李四', sex: 'male', birthDate: '1962-01-01', specialties: ['lecturing', 'law'] })).body.id;
  });
  afterAll(() => s.close());

  it('creates a lecture team, adds members with roles and topics, and keeps out-of-scope volunteers out', async () => {
    const bad = await officer.post('/api/volunteer-teams', { orgUnitId: s.tree.townshipA, kind: 'choir', name: 'x' });
    expect(bad.status).toBe(400);
    const created = await officer.post('/api/volunteer-teams', { orgUnitId: s.tree.townshipA, kind: 'lecture', name: '东风镇“五老”宣讲团', description: '讲党史、讲家风' });
    expect(created.status).toBe(200);
    teamId = created.body.id;
    expect(created.body).toMatchObject({ kind: 'lecture', orgUnitName: '东风镇', memberCount: 0, members: [], topics: [], actions: ['update', 'manageMembers'] });
    expect((await officer.post('/api/volunteer-teams', { orgUnitId: s.tree.townshipA, kind: 'report', name: '东风镇“五老”宣讲团' })).status).toBe(409);
    const added = await officer.post(`/api/volunteer-teams/${teamId}/members`, { volunteerId: zhang, role: 'leader' });
    expect(added.status).toBe(200);
    await officer.post(`/api/volunteer-teams/${teamId}/members`, { volunteerId: li });
    const again = await officer.post(`/api/volunteer-teams/${teamId}/members`, { volunteerId: li });
    expect(again.status).toBe(409);
    const topic = await officer.post(`/api/volunteer-teams/${teamId}/topics`, { title: '红色家风代代传', summary: '结合本村革命故事' });
    expect(topic.body.topics.map((t: { title: string }) => t.title)).toEqual(['红色家风代代传']);
    expect(topic.body.members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([['张三丰', 'leader'], ['李四', 'member']]);
    const role = await officer.patch(`/api/volunteer-teams/${teamId}/members/${li}`, { role: 'deputy' });
    expect(role.body.members[1].role).toBe('deputy');
    const events = await s.platform.db.selectFrom('auditEvent').select('event').where('objectId', '=', teamId).orderBy('seq').execute();
    expect(events.map((e) => e.event)).toEqual(['volunteerTeam.create', 'volunteerTeam.member.add', 'volunteerTeam.member.add', 'volunteerTeam.topic.add', 'volunteerTeam.member.update']);
    const teams = await officer.get(`/api/volunteers/${zhang}/teams`);
    expect(teams.body).toEqual([expect.objectContaining({ teamId, kind: 'lecture', role: 'leader' })]);

    // B11: another township's officer neither sees the team nor can add its own volunteers to it.
    const officerB = await s.as('townshipOfficer', 'townshipB');
    expect((await officerB.get(`/api/volunteer-teams/${teamId}`)).status).toBe(404);
    expect((await officerB.get('/api/volunteer-teams')).body.total).toBe(0);
    const bVolunteer = (await officerB.post('/api/volunteers', { orgUnitId: s.tree.villageB1, category: 'model', name: '王五', sex: 'male', birthDate: '1950-01-01' })).body.id;
    expect((await officer.post(`/api/volunteer-teams/${teamId}/members`, { volunteerId: bVolunteer })).status).toBe(404);
    expect((await officer.get('/api/volunteer-teams?kind=lecture')).body.items.map((t: { id: string }) => t.id)).toEqual([teamId]);
  });

  it('hours rise when another module records service; re-recording the same activity does not double count; totals per year and stars', async () => {
    const before = await officer.get(`/api/volunteers/${zhang}/service`);
    expect(before.body).toMatchObject({ totalHours: 0, stars: 0, nextStarHours: 100, byYear: [], items: [] });
    const activityId = crypto.randomUUID();
    await s.platform.transaction({ userId: null, username: 'activities', orgUnitId: null, ip: null }, async (trx) => {
      await recordService(trx, { volunteerId: zhang, source: 'activity', sourceId: activityId, date: '2025-05-04', hours: 2.5, description: '红色家风宣讲进校园', teamId });
      await recordService(trx, { volunteerId: li, source: 'activity', sourceId: activityId, date: '2025-05-04', hours: 2.5, description: '红色家风宣讲进校园', teamId });
    });
    // Saving the activity again with corrected hours updates, never duplicates.
    await s.platform.transaction({ userId: null, username: 'activities', orgUnitId: null, ip: null }, (trx) =>
      recordService(trx, { volunteerId: zhang, source: 'activity', sourceId: activityId, date: '2025-05-04', hours: 3, description: '红色家风宣讲进校园', teamId }),
    );
    await s.platform.transaction({ userId: null, username: 'visits', orgUnitId: null, ip: null }, (trx) =>
      recordService(trx, { volunteerId: zhang, source: 'visit', sourceId: crypto.randomUUID(), date: '2024-11-20', hours: 1.5, description: '结对走访' }),
    );
    const after = await officer.get(`/api/volunteers/${zhang}/service`);
    expect(after.body.totalHours).toBe(4.5);
    expect(after.body.byYear).toEqual([{ year: 2025, hours: 3, records: 1 }, { year: 2024, hours: 1.5, records: 1 }]);
    expect(after.body.items.map((i: { source: string; teamName: string | null }) => [i.source, i.teamName])).toEqual([['activity', '东风镇“五老”宣讲团'], ['visit', null]]);
    expect((await officer.get(`/api/volunteers/${zhang}`)).body.totalHours).toBe(4.5);

    // Manual service needs a reason and is audited; hours are at most 24 with one decimal.
    expect((await officer.post(`/api/volunteers/${zhang}/service`, { date: '2025-06-01', hours: 2, description: '电话辅导' })).status).toBe(400);
    expect((await officer.post(`/api/volunteers/${zhang}/service`, { date: '2025-06-01', hours: 25, description: '电话辅导', reason: '补录' })).status).toBe(400);
    expect((await officer.post(`/api/volunteers/${zhang}/service`, { date: '2025-06-01', hours: 1.25, description: '电话辅导', reason: '补录' })).status).toBe(400);
    const manual = await officer.post(`/api/volunteers/${zhang}/service`, { date: '2025-06-01', hours: 96, description: '暑期托管辅导', reason: '线下登记表补录' });
    expect(manual.status).toBe(400);
    let total = 4.5;
    for (const day of ['2025-07-01', '2025-07-02', '2025-07-03', '2025-07-04']) {
      const r = await officer.post(`/api/volunteers/${zhang}/service`, { date: day, hours: 24, description: '暑期托管辅导', reason: '线下登记表补录' });
      expect(r.status).toBe(200);
      total += 24;
      expect(r.body.totalHours).toBe(total);
    }
    const summary = await officer.get(`/api/volunteers/${zhang}/service?from=2025-01-01&to=2025-12-31`);
    expect(summary.body).toMatchObject({ totalHours: 100.5, periodHours: 99, stars: 1, nextStarHours: 300 });
    const audit = await s.platform.db.selectFrom('auditEvent').select('detail').where('event', '=', 'volunteer.service.add').where('objectId', '=', zhang).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!).reason).toBe('线下登记表补录');
    const team = await officer.get(`/api/volunteer-teams/${teamId}`);
    expect(team.body.totalHours).toBe(5.5);
    expect(team.body.history).toHaveLength(2);

    // Withdrawing the activity takes its hours away.
    await s.platform.transaction({ userId: null, username: 'activities', orgUnitId: null, ip: null }, (trx) => removeService(trx, { source: 'activity', sourceId: activityId }));
    expect((await officer.get(`/api/volunteers/${li}`)).body.totalHours).toBe(0);
    expect((await officer.get(`/api/volunteers/${zhang}`)).body.totalHours).toBe(97.5);
  });

  it('issues a certificate of service as a Word document with masked identity, period, content, hours and issuer', async () => {
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    expect((await liaison.get(`/api/volunteers/${zhang}/certificate`)).status).toBe(403);
    const res = await officer.get(`/api/volunteers/${zhang}/certificate?from=2025-01-01&to=2025-12-31`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('志愿服务记录证明');
    expect(text).toContain('张三丰');
    expect(text).toContain('3601**********');
    expect(text).not.toContain(idNumber('19480315', '135'));
    expect(text).toContain('2025年1月1日至2025年12月31日');
    expect(text).toContain('累计服务时长96.0小时');
    expect(text).toContain('暑期托管辅导');
    expect(text).toContain('合计96.0');
    expect(text).toContain('东风镇关心下一代工作委员会');
    expect(xml).toContain('仿宋_GB2312');
    const audit = await s.platform.db.selectFrom('auditEvent').select('detail').where('event', '=', 'volunteer.certificate').where('objectId', '=', zhang).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ from: '2025-01-01', to: '2025-12-31', hours: 96, records: 4 });
    expect((await officer.get(`/api/volunteers/${zhang}/certificate?from=2025-12-31&to=2025-01-01`)).status).toBe(400);
  });

  it('statistics count by category, age band, township and specialty with hours, scope-filtered; the county leader sees only aggregates', async () => {
    const office = await s.as('countyOffice');
    const all = await office.get('/api/volunteers/stats?year=2025');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 3, active: 3, inactive: 0 });
    expect(all.body.byCategory.find((c: { key: string }) => c.key === 'teacher').count).toBe(1);
    expect(all.body.byAgeBand.find((c: { key: string }) => c.key === '70to79').count).toBe(2);
    expect(all.body.byAgeBand.find((c: { key: string }) => c.key === '60to69').count).toBe(1);
    expect(all.body.bySpecialty[0]).toMatchObject({ key: 'lecturing', count: 2 });
    expect(all.body.byTownship).toEqual([
      { key: s.tree.townshipA, label: '东风镇', count: 2, hours: 97.5 },
      { key: s.tree.townshipB, label: '西岭乡', count: 1, hours: 0 },
    ]);
    expect(all.body.hours).toEqual({ total: 97.5, year: 2025, yearHours: 96, records: 5 });
    expect(all.body.teams.find((t: { key: string }) => t.key === 'lecture').count).toBe(1);
    await office.post(`/api/volunteers/${li}/status`, { status: 'left', reason: '迁居外地' });
    const scoped = await officer.get('/api/volunteers/stats');
    expect(scoped.body).toMatchObject({ total: 2, active: 1, inactive: 1 });
    expect(scoped.body.byTownship.map((t: { label: string }) => t.label)).toEqual(['东风镇']);
    const leader = await s.as('countyLeader');
    const seen = await leader.get('/api/volunteers/stats');
    expect(seen.status).toBe(200);
    expect(seen.body.total).toBe(3);
    expect(JSON.stringify(seen.body)).not.toContain('张三丰');
  });
});
