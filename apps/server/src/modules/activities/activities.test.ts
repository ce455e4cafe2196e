import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditRows, makeVolunteer, serviceHours } from './testSupport.js';

describe('activities: enter once, counted everywhere', () => {
  let s: TestServer;
  let office: Awaited<ReturnType<TestServer['as']>>;
  let v1: string;
  let v2: string;
  let campaignId: string;
  let baseId: string;
  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
    v1 = await makeVolunteer(office, s.tree.townshipA, '王老师');
    v2 = await makeVolunteer(office, s.tree.townshipB, '李战士');
    campaignId = (await office.post('/api/campaigns', { name: '四史三爱', theme: '学四史、爱党爱国爱社会主义', startYear: 2023 })).body.id;
    baseId = (await office.post('/api/bases', { name: '东风革命旧址', orgUnitId: s.tree.townshipA, level: 'county', theme: '苏区精神' })).body.id;
  });
  afterAll(() => s.close());

  const activityBody = (over: Record<string, unknown> = {}) => ({
    type: 'redEducation', title: '清明祭英烈', date: '2025-04-03', orgUnitId: s.tree.villageA1, campaignId, baseId,
    audienceStudents: 40, audienceYouth: 5, audienceOther: 3, volunteers: [{ volunteerId: v1, hours: 2.5, role: 'lecturer' }, { volunteerId: v2, hours: 1 }], ...over,
  });

  it('records an activity once: volunteer hours, campaign totals and base visits follow in the same save; audited', async () => {
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    const res = await liaison.post('/api/activities', activityBody());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: '清明祭英烈', audienceTotal: 48, volunteerHours: 3.5, campaignName: '四史三爱', baseName: '东风革命旧址', orgUnitName: '东风村' });
    expect(res.body.actions).toEqual(['update', 'delete']);
    // The answer is built from what the save checked, not read back: it must be what a read shows (the lecturer
    // first, though 李 sorts before 王 by pinyin).
    expect(res.body.volunteers.map((v: { name: string }) => v.name)).toEqual(['王老师', '李战士']);
    expect(res.body).toEqual((await liaison.get(`/api/activities/${res.body.id}`)).body);
    expect(await serviceHours(s, v1)).toBe(2.5);
    expect(await serviceHours(s, v2)).toBe(1);
    const campaign = await office.get(`/api/campaigns/${campaignId}`);
    expect(campaign.body.totals).toEqual({ activities: 1, audience: 48, volunteers: 2, volunteerHours: 3.5 });
    const base = await office.get(`/api/bases/${baseId}`);
    expect(base.body).toMatchObject({ activities: 1, visitors: 48, lastActivityDate: '2025-04-03' });
    const audit = await auditRows(s, 'activity.create', res.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].username).toBe(liaison.username);

    // Editing the participants moves the hours; no second entry anywhere.
    const edit = await liaison.patch(`/api/activities/${res.body.id}`, { volunteers: [{ volunteerId: v1, hours: 3 }], audienceOther: 0 });
    expect(edit.status).toBe(200);
    expect(await serviceHours(s, v1)).toBe(3);
    expect(await serviceHours(s, v2)).toBe(0);
    expect((await office.get(`/api/campaigns/${campaignId}`)).body.totals).toEqual({ activities: 1, audience: 45, volunteers: 1, volunteerHours: 3 });
    expect(await auditRows(s, 'activity.update', res.body.id)).toHaveLength(1);

    // Deleting withdraws the service record too.
    const del = await liaison.delete(`/api/activities/${res.body.id}`);
    expect(del.status).toBe(200);
    expect(await serviceHours(s, v1)).toBe(0);
    expect((await office.get(`/api/campaigns/${campaignId}`)).body.totals.activities).toBe(0);
    expect(await auditRows(s, 'activity.delete', res.body.id)).toHaveLength(1);
    expect((await office.get(`/api/activities/${res.body.id}`)).status).toBe(404);
  });

  it('a list page carries each of its activities own participants, lecturers first, as the detail shows them', async () => {
    const v3 = await makeVolunteer(office, s.tree.townshipA, '艾老师');
    const title = '名单页参与者';
    const made = [
      (await office.post('/api/activities', activityBody({ title, date: '2024-06-03', volunteers: [{ volunteerId: v2, hours: 1 }, { volunteerId: v3, hours: 1 }, { volunteerId: v1, hours: 2, role: 'lecturer' }] }))).body,
      (await office.post('/api/activities', activityBody({ title, date: '2024-06-02', volunteers: [{ volunteerId: v2, hours: 1.5 }] }))).body,
      (await office.post('/api/activities', activityBody({ title, date: '2024-06-01', volunteers: [] }))).body,
    ];
    const names = (a: { volunteers: { name: string }[] }) => a.volunteers.map((v) => v.name);
    // 王 lectures, so first; then 艾 (ai) before 李 (li) by pinyin.
    expect(names(made[0])).toEqual(['王老师', '艾老师', '李战士']);
    for (const [i, a] of made.entries()) {
      const page = await office.get(`/api/activities?q=${encodeURIComponent(title)}&pageSize=1&page=${i + 1}`);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(3);
      expect(page.body.items).toHaveLength(1);
      expect(page.body.items[0].id).toBe(a.id);
      expect(page.body.items[0]).toEqual((await office.get(`/api/activities/${a.id}`)).body);
    }
    const all = (await office.get(`/api/activities?q=${encodeURIComponent(title)}&pageSize=10`)).body.items;
    expect(all.map(names)).toEqual([['王老师', '艾老师', '李战士'], ['李战士'], []]);
    expect(all.map((a: { volunteerHours: number }) => a.volunteerHours)).toEqual([4, 1.5, 0]);
    for (const a of made) expect((await office.delete(`/api/activities/${a.id}`)).status).toBe(200);
  });

  it('E25: rejects bad input with Chinese messages (unknown keys, bad dates, hours out of range, unknown references)', async () => {
    const extra = await office.post('/api/activities', { ...activityBody(), extra: 1 });
    expect(extra.status).toBe(400);
    const badDate = await office.post('/api/activities', activityBody({ date: '2025-13-40' }));
    expect(badDate.status).toBe(400);
    expect(badDate.body.message).toMatch(/日期/);
    const badHours = await office.post('/api/activities', activityBody({ volunteers: [{ volunteerId: v1, hours: 30 }] }));
    expect(badHours.status).toBe(400);
    expect(badHours.body.message).toMatch(/服务时长/);
    const dup = await office.post('/api/activities', activityBody({ volunteers: [{ volunteerId: v1, hours: 1 }, { volunteerId: v1, hours: 2 }] }));
    expect(dup.status).toBe(400);
    const noCampaign = await office.post('/api/activities', activityBody({ campaignId: '00000000-0000-4000-8000-000000000000' }));
    expect(noCampaign.status).toBe(400);
    expect(noCampaign.body.code).toBe('ACTIVITY_REFERENCE_INVALID');
    const noUpload = await office.post('/api/activities', activityBody({ photoUploadIds: ['00000000-0000-4000-8000-000000000000'] }));
    expect(noUpload.status).toBe(404);
    expect(noUpload.body.code).toBe('UPLOAD_NOT_FOUND');
    const sort = await office.get('/api/activities?sort=title;DROP TABLE activity');
    expect(sort.status).toBe(400);
    // Nothing was written by the failed saves.
    expect(await serviceHours(s, v1)).toBe(0);
  });

  it('B11: scope — a liaison sees and records only at their node; out of scope is 404; a township officer sees the subtree', async () => {
    const a = await office.post('/api/activities', activityBody({ title: '东风村法治课', type: 'lawEducation', orgUnitId: s.tree.villageA1, volunteers: [] }));
    const b = await office.post('/api/activities', activityBody({ title: '西岭村法治课', type: 'lawEducation', orgUnitId: s.tree.villageB1, volunteers: [] }));
    const liaisonB = await s.as('grassrootsLiaison', 'villageB1');
    const list = await liaisonB.get('/api/activities?pageSize=100');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([b.body.id]);
    expect((await liaisonB.get(`/api/activities/${a.body.id}`)).status).toBe(404);
    expect((await liaisonB.patch(`/api/activities/${a.body.id}`, { title: '改' })).status).toBe(404);
    expect((await liaisonB.delete(`/api/activities/${a.body.id}`)).status).toBe(404);
    const outside = await liaisonB.post('/api/activities', activityBody({ orgUnitId: s.tree.villageA1, volunteers: [] }));
    expect(outside.status).toBe(404);
    const officer = await s.as('townshipOfficer', 'townshipA');
    const ids = (await officer.get('/api/activities?pageSize=100')).body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(a.body.id);
    expect(ids).not.toContain(b.body.id);
    // Campaign totals count only what the caller may see.
    const officerCampaign = await officer.get(`/api/campaigns/${campaignId}`);
    expect(officerCampaign.body.totals.activities).toBe(1);
    expect((await office.get(`/api/campaigns/${campaignId}`)).body.totals.activities).toBe(2);
  });

  it('a member-unit liaison records and sees the activities their unit organised, anywhere in the county', async () => {
    const mu = await office.post('/api/member-units', { name: '县司法局', shortName: '司法局' });
    const other = await office.post('/api/member-units', { name: '县教育局', shortName: '教育局' });
    expect(mu.status).toBe(200);
    const liaison = await s.as('memberUnitLiaison', { memberUnitId: mu.body.id });
    const own = await liaison.post('/api/activities', activityBody({ title: '关爱明天、普法先行进校园', type: 'lawEducation', orgUnitId: s.tree.schoolA, volunteers: [] }));
    expect(own.status).toBe(200);
    expect(own.body.memberUnitId).toBe(mu.body.id);
    expect(own.body).toMatchObject({ memberUnitName: '县司法局', volunteers: [], volunteerHours: 0 });
    expect(own.body).toEqual((await liaison.get(`/api/activities/${own.body.id}`)).body);
    const notOwn = await liaison.post('/api/activities', activityBody({ orgUnitId: s.tree.schoolA, memberUnitId: other.body.id, volunteers: [] }));
    expect(notOwn.status).toBe(404);
    const byOffice = await office.post('/api/activities', activityBody({ title: '教育局组织的活动', orgUnitId: s.tree.schoolA, memberUnitId: other.body.id, volunteers: [] }));
    const list = await liaison.get('/api/activities?pageSize=100');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([own.body.id]);
    expect((await liaison.get(`/api/activities/${byOffice.body.id}`)).status).toBe(404);
  });

  it('a volunteer sees their own activities; filters, calendar, summary and export', async () => {
    const user = await s.as('volunteer', 'townshipA');
    const me = await makeVolunteer(office, s.tree.townshipA, '张模范', user.userId);
    const mine = await office.post('/api/activities', activityBody({ title: '模范事迹报告会', type: 'studySession', studyLevel: 'elders', date: '2025-05-12', volunteers: [{ volunteerId: me, hours: 2 }] }));
    expect(mine.status).toBe(200);
    expect(mine.body.studyLevel).toBe('elders');
    const seen = await user.get('/api/activities?pageSize=100');
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((i: { id: string }) => i.id)).toEqual([mine.body.id]);
    expect((await user.post('/api/activities', activityBody())).status).toBe(403);

    await office.post('/api/activities', activityBody({ title: '五月座谈', type: 'seminar', date: '2025-05-12', volunteers: [] }));
    await office.post('/api/activities', activityBody({ title: '五月培训', type: 'training', date: '2025-05-20', volunteers: [] }));
    const filtered = await office.get(`/api/activities?type=seminar&from=2025-05-01&to=2025-05-31&orgUnitId=${s.tree.townshipA}`);
    expect(filtered.body.total).toBe(1);
    expect(filtered.body.items[0].title).toBe('五月座谈');
    expect((await office.get(`/api/activities?volunteerId=${me}`)).body.total).toBe(1);
    const cal = await office.get('/api/activities/calendar?month=2025-05');
    expect(cal.status).toBe(200);
    expect(cal.body.days).toEqual([
      { date: '2025-05-12', count: 2, audience: 96 },
      { date: '2025-05-20', count: 1, audience: 48 },
    ]);
    expect((await office.get('/api/activities/calendar?month=2025-5')).status).toBe(400);
    const leader = await s.as('countyLeader');
    const summary = await leader.get('/api/activities/summary?from=2025-05-01&to=2025-05-31');
    expect(summary.status).toBe(200);
    expect(summary.body.totals).toEqual({ activities: 3, audience: 144, volunteers: 1, volunteerHours: 2 });
    expect(summary.body.byMonth).toEqual([{ month: '2025-05', activities: 3, audience: 144 }]);
    expect((await leader.get('/api/activities')).status).toBe(403);
    const xlsx = await office.get('/api/activities/export?from=2025-05-01&to=2025-05-31');
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const exp = await auditRows(s, 'activity.export');
    expect(exp.at(-1)!.detail).toContain('"rows":3');
    const opts = await office.get('/api/activities/volunteer-options?q=zhang');
    expect(opts.body.map((o: { name: string }) => o.name)).toEqual(['张模范']);
  });

  it('deletes one photo or file from an activity: edit right, scope, audit; other uploads stay', async () => {
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    const upload = async (name: string) => {
      const fd = new FormData();
      fd.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'))], { type: 'application/pdf' }), name);
      return (await liaison.post('/api/uploads', fd)).body.id as string;
    };
    const [a, b] = [await upload('签到表.pdf'), await upload('方案.pdf')];
    const created = await liaison.post('/api/activities', activityBody({ title: '附件测试', fileUploadIds: [a, b], volunteers: [] }));
    expect(created.status).toBe(200);
    const id = created.body.id;
    const other = await s.as('grassrootsLiaison', 'villageB1');
    expect((await other.delete(`/api/activities/${id}/uploads/${a}`)).status).toBe(404);
    const leader = await s.as('countyLeader');
    expect((await leader.delete(`/api/activities/${id}/uploads/${a}`)).status).toBe(403);
    expect((await liaison.delete(`/api/activities/${id}/uploads/not-an-id`)).status).toBe(400);
    const res = await liaison.delete(`/api/activities/${id}/uploads/${a}`);
    expect(res.status).toBe(200);
    expect(res.body.fileUploadIds).toEqual([b]);
    expect((await liaison.delete(`/api/activities/${id}/uploads/${a}`)).status).toBe(404);
    const audit = await auditRows(s, 'activity.upload.delete', id);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail!)).toMatchObject({ uploadId: a, kind: 'file', originalName: '签到表.pdf' });
  });

  it('the export is streamed month by month in keyset pages: every activity once, newest first, across a month boundary and ties on a date', async () => {
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    const dates = ['2024-08-31', '2024-09-02', '2024-09-02', '2024-09-02', '2024-09-03', '2024-09-03', '2024-09-05'];
    for (const [i, date] of dates.entries()) {
      // The last one has two participants: the lecturer first, though the other comes first by pinyin (li < wang).
      const volunteers = i === 6 ? [{ volunteerId: v2, hours: 1.5 }, { volunteerId: v1, hours: 1, role: 'lecturer' }] : [{ volunteerId: v1, hours: 1 }];
      expect((await liaison.post('/api/activities', activityBody({ title: `分页${i}`, date, volunteers }))).status).toBe(200);
    }
    const { activityRepository } = await import('./repository.js');
    const { loadActor } = await import('../../platform/auth/sessions.js');
    const loaded = await loadActor(s.platform.db, office.cookie.replace(/^gg_session=/, ''), await s.platform.settings.security());
    if (!('actor' in loaded)) throw new Error('no session');
    const actor = loaded.actor;
    const repo = activityRepository(s.platform.db);
    const f = { from: '2024-08-01', to: '2024-09-30' };
    const pages: string[][] = [];
    const participants = new Map<string, string>();
    const references = new Map<string, string>();
    for await (const page of repo.exportPages(actor, f, 2)) {
      pages.push(page.map((r) => `${r.activityDate} ${r.title}`));
      for (const r of page) {
        participants.set(r.title, `${r.volunteerNames} ${r.hours}`);
        references.set(r.title, [r.orgUnitName, r.memberUnitName, r.baseName, r.campaignName].join('|'));
      }
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    // Participants and hours on every page (a volunteer's name is looked up once and reused on later pages).
    expect(participants.get('分页6')).toBe('王老师、李战士 2.5');
    for (let i = 0; i < 6; i++) expect(participants.get(`分页${i}`)).toBe('王老师 1');
    const flat = pages.flat();
    expect(new Set(flat).size).toBe(7);
    expect(flat.map((x) => x.slice(0, 10))).toEqual([...dates].sort().reverse());
    const { rows: whole } = await repo.list(actor, f, { page: 1, pageSize: 50 });
    expect(new Set(whole.map((r) => `${r.activityDate} ${r.title}`))).toEqual(new Set(flat));
    // The names of node, member unit, base and campaign (looked up once per export) are those the list joins.
    for (const r of whole) expect(references.get(r.title)).toBe([r.orgUnitName, r.memberUnitName, r.baseName, r.campaignName].join('|'));
    expect(whole[0].orgUnitName).toBeTruthy();

    const res = await office.get('/api/activities/export?from=2024-08-01&to=2024-09-30');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-row-count')).toBe('7');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell(1, 1).value).toBe('活动登记表');
    expect(ws.getCell(2, 2).value).toBe('活动日期');
    const titles = Array.from({ length: 7 }, (_, i) => String(ws.getCell(3 + i, 3).value));
    expect(titles.sort()).toEqual(dates.map((_, i) => `分页${i}`).sort());
    expect(ws.getCell(10, 1).value).toBe('合计');
    expect(ws.getCell(10, 15).value).toBe(8.5);
    expect(ws.getCell(3, 14).value).toBe('王老师、李战士');
    expect(wb.getWorksheet('导出说明')!.getCell(3, 2).value).toBe(7);
  });
});
