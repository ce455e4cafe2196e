import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditRows, makeVolunteer, serviceHours } from '../activities/testSupport.js';

const future = (days: number) => new Date(Date.now() + days * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
const past = (days: number) => new Date(Date.now() - days * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);

describe('lecture menu and requests (菜单式宣讲)', () => {
  let s: TestServer;
  let office: Awaited<ReturnType<TestServer['as']>>;
  let lecturerUser: Awaited<ReturnType<TestServer['as']>>;
  let lecturer: string;
  let other: string;
  let approved: string;
  let notApproved: string;
  let campaignId: string;
  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
    lecturerUser = await s.as('volunteer', 'root');
    lecturer = await makeVolunteer(office, s.tree.root, '陈老教师', lecturerUser.userId);
    other = await makeVolunteer(office, s.tree.root, '周老干部');
    campaignId = (await office.post('/api/campaigns', { name: '大手牵小手，永远跟党走', theme: '五老进校园', startYear: 2023 })).body.id;
    const t1 = await office.post('/api/lecture-topics', { title: '小故事里的大道理', category: 'theory', audiences: ['school', 'village'], schoolApproved: true, lecturerIds: [lecturer, other] });
    expect(t1.status).toBe(200);
    approved = t1.body.id;
    notApproved = (await office.post('/api/lecture-topics', { title: '致富带头人经验谈', category: 'skills', audiences: ['school', 'village', 'enterprise'], lecturerIds: [other] })).body.id;
  });
  afterAll(() => s.close());

  it('the whole journey: a school requests, the office assigns, the lecturer confirms, it is held (hours and campaign totals rise), the school rates it', async () => {
    const school = await s.as('grassrootsLiaison', 'schoolA');
    const menu = await school.get('/api/lecture-topics?audience=school');
    expect(menu.status).toBe(200);
    expect(menu.body.items.map((t: { title: string }) => t.title).sort()).toEqual(['小故事里的大道理', '致富带头人经验谈'].sort());
    const req = await school.post('/api/lecture-requests', { topicId: approved, orgUnitId: s.tree.schoolA, preferredDate: future(10), audienceEstimate: 120, note: '六年级' });
    expect(req.status).toBe(200);
    expect(req.body).toMatchObject({ status: 'requested', orgUnitName: '东风镇中心小学', topicTitle: '小故事里的大道理' });
    expect(req.body.actions).toEqual(['cancel']);
    const id = req.body.id;

    // The lecturer cannot confirm before being assigned; another lecturer is not on the topic's list.
    expect((await lecturerUser.post(`/api/lecture-requests/${id}/confirm`)).status).toBe(404);
    const stranger = await makeVolunteer(office, s.tree.root, '吴老专家');
    const wrong = await office.post(`/api/lecture-requests/${id}/assign`, { lecturerId: stranger, scheduledDate: future(12) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('LECTURE_NOT_LECTURER');

    const assigned = await office.post(`/api/lecture-requests/${id}/assign`, { lecturerId: lecturer, scheduledDate: future(12) });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', lecturerName: '陈老教师' });
    expect(await auditRows(s, 'lectureRequest.assign', id)).toHaveLength(1);

    // The lecturer sees it in their own schedule and confirms.
    const schedule = await lecturerUser.get('/api/lecture-requests?mine=true');
    expect(schedule.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(schedule.body.items[0].actions).toEqual(['confirm', 'decline']);
    expect((await school.post(`/api/lecture-requests/${id}/confirm`)).status).toBe(403);
    const confirmed = await lecturerUser.post(`/api/lecture-requests/${id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await lecturerUser.post(`/api/lecture-requests/${id}/confirm`)).status).toBe(409);
    expect(await auditRows(s, 'lectureRequest.confirm', id)).toHaveLength(1);

    // Held: one activity, the lecturer's hours and the campaign's totals rise together.
    expect(await serviceHours(s, lecturer)).toBe(0);
    const early = await school.post(`/api/lecture-requests/${id}/rate`, { rating: 5 });
    expect(early.status).toBe(409);
    const held = await school.post(`/api/lecture-requests/${id}/held`, { date: past(0), hours: 2, audienceStudents: 118, campaignId, summary: '讲了老区的故事' });
    expect(held.status).toBe(200);
    expect(held.body.status).toBe('held');
    expect(held.body.activityId).toBeTruthy();
    expect(await serviceHours(s, lecturer)).toBe(2);
    const activity = await office.get(`/api/activities/${held.body.activityId}`);
    expect(activity.body).toMatchObject({ type: 'lecture', orgUnitId: s.tree.schoolA, campaignId, audienceTotal: 118, lectureRequestId: id, volunteers: [{ volunteerId: lecturer, role: 'lecturer', hours: 2 }] });
    expect(activity.body.actions).toEqual(['update']);
    expect((await office.delete(`/api/activities/${held.body.activityId}`)).status).toBe(403);
    const campaign = await office.get(`/api/campaigns/${campaignId}`);
    expect(campaign.body.totals).toEqual({ activities: 1, audience: 118, volunteers: 1, volunteerHours: 2 });
    expect(await auditRows(s, 'lectureRequest.held', id)).toHaveLength(1);
    // The lecturer sees the activity in their own list too.
    expect((await lecturerUser.get('/api/activities')).body.total).toBe(1);

    const rated = await school.post(`/api/lecture-requests/${id}/rate`, { rating: 5, comment: '孩子们很喜欢' });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ rating: 5, ratingComment: '孩子们很喜欢', actions: [] });
    expect((await school.post(`/api/lecture-requests/${id}/rate`, { rating: 4 })).status).toBe(409);
    const topic = await school.get(`/api/lecture-topics/${approved}`);
    expect(topic.body).toMatchObject({ requests: 1, held: 1, averageRating: 5 });
    expect(await auditRows(s, 'lectureRequest.rate', id)).toHaveLength(1);
  });

  it('schools may only request approved topics; a village may request any topic meant for villages', async () => {
    const school = await s.as('grassrootsLiaison', 'schoolA');
    const refused = await school.post('/api/lecture-requests', { topicId: notApproved, orgUnitId: s.tree.schoolA, preferredDate: future(5), audienceEstimate: 50 });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('LECTURE_TOPIC_NOT_APPROVED');
    expect(refused.body.message).toMatch(/学校只能预约/);
    const village = await s.as('grassrootsLiaison', 'villageA1');
    const ok = await village.post('/api/lecture-requests', { topicId: notApproved, orgUnitId: s.tree.villageA1, preferredDate: future(5), audienceEstimate: 50 });
    expect(ok.status).toBe(200);
    const community = await s.as('grassrootsLiaison', 'villageA2');
    const notFor = await community.post('/api/lecture-requests', { topicId: notApproved, orgUnitId: s.tree.villageA2, preferredDate: future(5), audienceEstimate: 50 });
    expect(notFor.status).toBe(400);
    expect(notFor.body.code).toBe('LECTURE_TOPIC_AUDIENCE');
    const pastDate = await village.post('/api/lecture-requests', { topicId: notApproved, orgUnitId: s.tree.villageA1, preferredDate: past(3), audienceEstimate: 50 });
    expect(pastDate.status).toBe(400);
    const bad = await village.post('/api/lecture-requests', { topicId: notApproved, orgUnitId: s.tree.villageA1, preferredDate: future(5), audienceEstimate: 0, x: 1 });
    expect(bad.status).toBe(400);
  });

  it('B11: requests of other nodes are not found; a lecturer declines and it returns to the office; cancel is audited', async () => {
    const villageB = await s.as('grassrootsLiaison', 'villageB1');
    const r = await villageB.post('/api/lecture-requests', { topicId: approved, orgUnitId: s.tree.villageB1, preferredDate: future(7), audienceEstimate: 30 });
    expect(r.status).toBe(200);
    const outside = await villageB.post('/api/lecture-requests', { topicId: approved, orgUnitId: s.tree.villageA1, preferredDate: future(7), audienceEstimate: 30 });
    expect(outside.status).toBe(404);
    const villageA = await s.as('grassrootsLiaison', 'villageA1');
    expect((await villageA.get(`/api/lecture-requests/${r.body.id}`)).status).toBe(404);
    expect((await villageA.post(`/api/lecture-requests/${r.body.id}/cancel`, { reason: '不需要' })).status).toBe(404);
    expect((await lecturerUser.get(`/api/lecture-requests/${r.body.id}`)).status).toBe(404);

    await office.post(`/api/lecture-requests/${r.body.id}/assign`, { lecturerId: lecturer, scheduledDate: future(8) });
    const declined = await lecturerUser.post(`/api/lecture-requests/${r.body.id}/decline`, { reason: '身体不适' });
    expect(declined.status).toBe(200);
    const after = await office.get(`/api/lecture-requests/${r.body.id}`);
    expect(after.body).toMatchObject({ status: 'requested', lecturerId: null, declineReason: '身体不适' });
    expect((await lecturerUser.get(`/api/lecture-requests/${r.body.id}`)).status).toBe(404);

    const cancelled = await villageB.post(`/api/lecture-requests/${r.body.id}/cancel`, { reason: '学校考试周' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await auditRows(s, 'lectureRequest.cancel', r.body.id)).toHaveLength(1);
    expect((await office.post(`/api/lecture-requests/${r.body.id}/assign`, { lecturerId: lecturer, scheduledDate: future(8) })).status).toBe(409);
  });

  it('B10: only the office manages the menu; topic edits are audited; withdrawn topics leave the menu', async () => {
    const school = await s.as('grassrootsLiaison', 'schoolA');
    expect((await school.post('/api/lecture-topics', { title: '越权', category: 'law', audiences: ['school'] })).status).toBe(403);
    expect((await school.post(`/api/lecture-requests/00000000-0000-4000-8000-000000000000/assign`, { lecturerId: lecturer, scheduledDate: future(3) })).status).toBe(403);
    const dup = await office.post('/api/lecture-topics', { title: '小故事里的大道理', category: 'theory', audiences: ['school'] });
    expect(dup.status).toBe(409);
    const t = await office.post('/api/lecture-topics', { title: '青少年防溺水', category: 'safety', audiences: ['school'], schoolApproved: true });
    const withdrawn = await office.patch(`/api/lecture-topics/${t.body.id}`, { status: 'withdrawn', lecturerIds: [other] });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.lecturers).toEqual([{ id: other, name: '周老干部' }]);
    expect(await auditRows(s, 'lectureTopic.update', t.body.id)).toHaveLength(1);
    const menu = await school.get('/api/lecture-topics?pageSize=100');
    expect(menu.body.items.map((x: { id: string }) => x.id)).not.toContain(t.body.id);
    const req = await school.post('/api/lecture-requests', { topicId: t.body.id, orgUnitId: s.tree.schoolA, preferredDate: future(3), audienceEstimate: 10 });
    expect(req.status).toBe(404);
  });

  it('exports the requests the caller may see to Excel, with the list filters; audited with the row count', async () => {
    const all = await office.get('/api/lecture-requests?pageSize=100');
    const res = await office.get('/api/lecture-requests/export?status=cancelled');
    expect(res.status).toBe(200);
    expect((res.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const cancelled = all.body.items.filter((r: { status: string }) => r.status === 'cancelled').length;
    expect(cancelled).toBeGreaterThan(0);
    expect((await auditRows(s, 'lectureRequest.export')).at(-1)!.detail).toContain(`"rows":${cancelled}`);
    const school = await s.as('grassrootsLiaison', 'villageA1');
    await school.get('/api/lecture-requests/export');
    const visible = (await school.get('/api/lecture-requests?pageSize=100')).body.total;
    expect((await auditRows(s, 'lectureRequest.export')).at(-1)!.detail).toContain(`"rows":${visible}`);
    expect((await office.get('/api/lecture-requests/export?status=nope')).status).toBe(400);
  });
});
