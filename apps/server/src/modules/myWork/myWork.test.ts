import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { makeVolunteer, serviceHours } from '../activities/testSupport.js';
import { caseInput, fakeIdNumber, birthYearsAgo } from '../careCases/testSupport.js';

const future = (days: number) => new Date(Date.now() + days * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
const today = () => future(0);

describe('我的工作 (the volunteer’s own work on the phone pages)', () => {
  let s: TestServer;
  let office: Awaited<ReturnType<TestServer['as']>>;
  let mine: Awaited<ReturnType<TestServer['as']>>;
  let other: Awaited<ReturnType<TestServer['as']>>;
  let myId: string;
  let otherId: string;
  let myLecture: string;
  let otherLecture: string;
  let myCase: string;
  const idNumber = fakeIdNumber(birthYearsAgo(16), 21);

  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
    mine = await s.as('volunteer', 'villageA1');
    other = await s.as('volunteer', 'villageA1');
    myId = await makeVolunteer(office, s.tree.villageA1, '陈老师', mine.userId);
    otherId = await makeVolunteer(office, s.tree.villageA1, '周老干部', other.userId);
    const topic = await office.post('/api/lecture-topics', { title: '小故事里的大道理', category: 'theory', audiences: ['school', 'village'], schoolApproved: true, lecturerIds: [myId, otherId] });
    expect(topic.status).toBe(200);
    const school = await s.as('grassrootsLiaison', 'schoolA');
    const ask = async (lecturerId: string) => {
      const r = await school.post('/api/lecture-requests', { topicId: topic.body.id, orgUnitId: s.tree.schoolA, preferredDate: future(5), audienceEstimate: 80 });
      expect((await office.post(`/api/lecture-requests/${r.body.id}/assign`, { lecturerId, scheduledDate: future(5) })).status).toBe(200);
      return r.body.id as string;
    };
    myLecture = await ask(myId);
    otherLecture = await ask(otherId);

    const mk = async (name: string, volunteerId: string, n: number) => {
      const c = await office.post('/api/care-cases', caseInput(s, { name, idNumber: fakeIdNumber(birthYearsAgo(16), n), offence: { narrative: '盗窃电动车一辆', disposition: '训诫' } }));
      expect(c.status).toBe(200);
      expect((await office.post(`/api/care-cases/${c.body.id}/mentorships`, { volunteerId, startOn: future(-20) })).status).toBe(200);
      return c.body.id as string;
    };
    myCase = await mk('李小明', myId, 21);
    await mk('赵小红', otherId, 23);
  });
  afterAll(() => s?.close());

  it('shows only the caller’s own lectures and mentees, with what mentoring needs and nothing more (B16)', async () => {
    const res = await mine.get('/api/me/work');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.body.volunteer).toEqual({ id: myId, name: '陈老师' });
    expect(res.body.lectures.map((l: { id: string }) => l.id)).toEqual([myLecture]);
    expect(res.body.lectures[0]).toMatchObject({ topicTitle: '小故事里的大道理', place: '东风镇中心小学', date: future(5), status: 'assigned', actions: ['confirm'] });
    expect(res.body.mentees).toHaveLength(1);
    const m = res.body.mentees[0];
    expect(Object.keys(m).sort()).toEqual(['due', 'goals', 'lastContactOn', 'mentorshipId', 'name', 'nextContactDue', 'schoolOrWork']);
    expect(m).toMatchObject({ name: '李小明', schoolOrWork: '东风镇中学', lastContactOn: null, nextContactDue: future(-6), due: true });
    expect(res.body.followUps).toEqual([{ mentorshipId: m.mentorshipId, name: '李小明', what: '联系或走访', dueOn: future(-6) }]);
    const text = JSON.stringify(res.body);
    for (const secret of [idNumber, '13812345678', '13987654321', '李大山', '东风村三组', '父母在外务工', '盗窃', '训诫', '赵小红', '周老干部']) expect(text).not.toContain(secret);

    const theirs = await other.get('/api/me/work');
    expect(theirs.body.lectures.map((l: { id: string }) => l.id)).toEqual([otherLecture]);
    expect(theirs.body.mentees.map((x: { name: string }) => x.name)).toEqual(['赵小红']);
    expect(JSON.stringify(theirs.body)).not.toContain('李小明');

    // The case file, its offence record and other volunteers stay closed to a mentor.
    expect((await mine.get(`/api/care-cases/${myCase}`)).status).toBe(403);
    expect((await mine.get(`/api/care-cases/${myCase}/offence`)).status).toBe(403);
    expect((await mine.get(`/api/volunteers/${otherId}`)).status).toBe(404);
    const list = await mine.get('/api/volunteers');
    expect(list.body.items.map((v: { id: string }) => v.id)).toEqual([myId]);
  });

  it('a lecturer reports their own confirmed lecture as held; hours rise; someone else’s lecture is not found', async () => {
    expect((await mine.post(`/api/me/lectures/${myLecture}/held`, { date: today(), audience: 60 })).status).toBe(409);
    expect((await mine.post(`/api/lecture-requests/${myLecture}/confirm`)).status).toBe(200);
    expect((await mine.post(`/api/me/lectures/${otherLecture}/held`, { date: today() })).status).toBe(404);
    expect((await mine.post(`/api/me/lectures/${myLecture}/held`, { date: future(2) })).status).toBe(400);
    expect((await mine.post(`/api/me/lectures/${myLecture}/held`, { date: today(), bogus: 1 })).status).toBe(400);
    expect((await mine.post(`/api/me/lectures/${myLecture}/held`, { date: today(), photoUploadIds: [crypto.randomUUID()] })).status).toBe(404);
    // Sent twice at once (the phone's form and its queue): one lecture recorded, both answered with it.
    const report = { date: today(), hours: 1.5, audience: 60, summary: '讲了老区的故事' };
    const [held, twin] = await Promise.all([mine.post(`/api/me/lectures/${myLecture}/held`, report), mine.post(`/api/me/lectures/${myLecture}/held`, report)]);
    expect([held.status, twin.status], held.text + twin.text).toEqual([200, 200]);
    expect(held.body).toMatchObject({ id: myLecture, status: 'held', date: today() });
    expect(twin.body).toEqual(held.body);
    expect(await s.platform.db.selectFrom('activity').select('id').where('lectureRequestId', '=', myLecture).execute()).toEqual([{ id: held.body.activityId }]);
    expect(await serviceHours(s, myId)).toBe(1.5);
    expect(await serviceHours(s, otherId)).toBe(0);
    const activity = await office.get(`/api/activities/${held.body.activityId}`);
    expect(activity.body).toMatchObject({ type: 'lecture', audienceTotal: 60, lectureRequestId: myLecture });
    const audit = await s.platform.db.selectFrom('auditEvent').select(['event', 'userId']).where('objectId', '=', myLecture).where('event', '=', 'lectureRequest.held').execute();
    expect(audit).toEqual([{ event: 'lectureRequest.held', userId: mine.userId }]);
    // Sent again later (its answer lost on the way): the same answer, nothing written again.
    const again = await mine.post(`/api/me/lectures/${myLecture}/held`, { date: today() });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(held.body);
    expect(await serviceHours(s, myId)).toBe(1.5);

    const work = await mine.get('/api/me/work');
    expect(work.body.lectures).toEqual([]);
    expect(work.body.service).toMatchObject({ yearHours: 1.5, totalHours: 1.5 });
    expect((await other.get('/api/me/work')).body.service).toMatchObject({ yearHours: 0, totalHours: 0 });
  });

  it('the own certificate downloads; an account with no volunteer record, or without the role, is refused', async () => {
    const doc = await mine.get('/api/me/certificate');
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toContain('wordprocessingml');
    expect((await mine.get(`/api/volunteers/${otherId}/certificate`)).status).toBe(403);
    const officer = await s.as('townshipOfficer', 'townshipA');
    const none = await officer.get('/api/me/work');
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('VOLUNTEER_NOT_FOUND');
    const leader = await s.as('countyLeader');
    expect((await leader.get('/api/me/work')).status).toBe(403);
    expect((await leader.post(`/api/me/lectures/${otherLecture}/held`, { date: today() })).status).toBe(403);
  });
});
