import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { birthYearsAgo, caseInput, fakeIdNumber, insertVolunteer } from '../careCases/testSupport.js';

const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

describe('inbox: reminders created by the scheduled job, each user reads only their own', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('an overdue mentor contact and an assigned lecture become reminders once, for the mentor / lecturer only', async () => {
    const mentor = await s.as('volunteer', 'villageA1');
    const other = await s.as('volunteer', 'villageA1');
    const volunteerId = await insertVolunteer(s, 'villageA1', '王老师', mentor.userId);
    const officer = await s.as('townshipOfficer', 'townshipA');
    const c = await officer.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber(birthYearsAgo(15), 701) }));
    expect(c.status, c.text).toBe(200);
    expect((await officer.post(`/api/care-cases/${c.body.id}/mentorships`, { volunteerId, role: 'lead', startOn: daysAgo(40) })).status).toBe(200);
    // An assigned lecture (rows written directly: the lecture workflow has its own tests).
    const now = new Date().toISOString();
    const topicId = crypto.randomUUID();
    await s.platform.db.insertInto('lectureTopic').values({ id: topicId, title: '传承红色基因', category: 'redHeritage', summary: null, audiences: '[]', durationMinutes: 45, schoolApproved: 1, status: 'published', createdAt: now, updatedAt: now, createdBy: null }).execute();
    await s.platform.db.insertInto('lectureRequest').values({
      id: crypto.randomUUID(), topicId, orgUnitId: s.tree.schoolA, requestedBy: null, preferredDate: daysAgo(-10), preferredTime: null, audienceEstimate: 50, note: null, status: 'assigned',
      lecturerId: volunteerId, scheduledDate: daysAgo(-10), assignedAt: now, assignedBy: null, confirmedAt: null, declineReason: null, activityId: null, rating: null, ratingComment: null, ratedAt: null, createdAt: now, updatedAt: now,
    }).execute();

    const first = await s.platform.jobs.runOne('inboxReminders', true);
    expect(first).toMatchObject({ status: 'success' });
    const again = await s.platform.jobs.runOne('inboxReminders', true);
    expect(again).toMatchObject({ status: 'success' });
    const mine = await mentor.get('/api/inbox');
    expect(mine.status).toBe(200);
    expect(mine.body.unread).toBe(2);
    expect(mine.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['lectureAssigned', 'mentorOverdue']);
    const overdue = mine.body.items.find((i: { kind: string }) => i.kind === 'mentorOverdue');
    expect(overdue).toMatchObject({ title: '结对帮扶已 40 天未联系', link: '/my-mentees', readAt: null });
    expect(JSON.stringify(mine.body)).not.toContain('李小明');
    expect(mine.body.items.find((i: { kind: string }) => i.kind === 'lectureAssigned').title).toContain('传承红色基因');

    // Someone else sees nothing and cannot mark the mentor's reminder.
    expect((await other.get('/api/inbox')).body).toEqual({ items: [], unread: 0 });
    expect((await other.post(`/api/inbox/${overdue.id}/read`)).status).toBe(404);
    expect((await mentor.post(`/api/inbox/${overdue.id}/read`)).status).toBe(200);
    expect((await mentor.get('/api/inbox?unread=true')).body.items).toHaveLength(1);
    expect((await mentor.post('/api/inbox/read-all')).status).toBe(200);
    expect((await mentor.get('/api/inbox')).body.unread).toBe(0);

    // The second run found the same two and added nothing; the run log says so. No session, no inbox.
    const runs = await s.platform.db.selectFrom('jobRun').select(['status', 'message']).where('jobName', '=', 'inboxReminders').execute();
    expect(runs.map((r) => r.message)).toEqual(['检查 2 项，新增提醒 2 条', '检查 2 项，新增提醒 0 条']);
    expect((await s.client().get('/api/inbox')).status).toBe(401);
  });
});
