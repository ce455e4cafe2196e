import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { birthYearsAgo, caseInput, fakeIdNumber, insertVolunteer } from '../careCases/testSupport.js';
import { logSms } from './sms.js';

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

  it('tasks assigned, deadlines near and approvals waiting reach the people who act; SMS goes out only once the setting turns it on', async () => {
    const office = await s.as('countyOffice');
    const unit = (await office.post('/api/member-units', { name: '县教育局' })).body.id as string;
    const liaison = await s.as('memberUnitLiaison', { memberUnitId: unit });
    const officerA = await s.as('townshipOfficer', 'townshipA');
    const officerB = await s.as('townshipOfficer', 'townshipB');
    const task = await office.post('/api/tasks', { memberUnitId: unit, title: '开展校园周边环境整治', deadline: daysAgo(-2) });
    expect(task.status, task.text).toBe(200);
    const target = await office.post('/api/targets', { year: Number(daysAgo(0).slice(0, 4)), orgUnitId: s.tree.townshipA, title: '建成“五老”工作室2个', deadline: daysAgo(-5) });
    expect(target.status, target.text).toBe(200);
    // A closure asked for by a liaison in township A, and a deed waiting for the office's review (rows written directly).
    const c = await officerA.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber(birthYearsAgo(14), 733) }));
    expect(c.status, c.text).toBe(200);
    const asker = await s.as('grassrootsLiaison', 'villageA1');
    const at = new Date().toISOString();
    await s.platform.db.updateTable('careCase').set({ status: 'in_progress', closureRequestedAt: at, closureRequestedBy: asker.userId }).where('id', '=', c.body.id).execute();
    await s.platform.db.insertInto('notableDeed').values({ id: crypto.randomUUID(), year: 2026, memberUnitId: unit, orgUnitId: null, title: '护苗行动进百校', description: '……', deedDate: daysAgo(3), uploadIds: '[]', activityIds: '[]', status: 'submitted', reviewNote: null, reviewedAt: null, reviewedBy: null, createdAt: at, updatedAt: at, createdBy: liaison.userId }).execute();

    logSms.sent.length = 0;
    // Two runs at once (as two instances would): the lease lets exactly one of them work.
    const both = await Promise.all([s.platform.jobs.runOne('inboxReminders', true), s.platform.jobs.runOne('inboxReminders', true)]);
    expect(both.filter((r) => r === false)).toHaveLength(1);
    expect(both.find((r) => r !== false)).toMatchObject({ status: 'success' });
    const kinds = async (who: { get: typeof office.get }) => ((await who.get('/api/inbox')).body.items as { kind: string; title: string; link: string }[]).map((i) => `${i.kind}:${i.title}`).sort();
    expect(await kinds(liaison)).toEqual(['deadlineNear:交办任务即将到期：开展校园周边环境整治', 'taskAssigned:新交办任务：开展校园周边环境整治']);
    expect(await kinds(officerA)).toEqual(['approvalWaiting:帮扶对象结案申请待审批', 'deadlineNear:目标任务即将到期：建成“五老”工作室2个']);
    expect(await kinds(officerB)).toEqual([]);
    expect(await kinds(asker)).toEqual([]);
    expect((await kinds(office)).filter((k) => k.startsWith('approvalWaiting'))).toEqual(['approvalWaiting:“像样的事”待认定：护苗行动进百校', 'approvalWaiting:帮扶对象结案申请待审批']);
    expect(JSON.stringify((await officerA.get('/api/inbox')).body)).not.toContain('李小明');
    // SMS is off by default: nothing was sent.
    expect(logSms.sent).toEqual([]);

    // The security admin turns SMS on (log-only sender); the next new reminder is also sent, and marked so.
    const admin = await s.as('securityAdmin');
    expect((await admin.get('/api/inbox/settings')).body).toEqual({ smsEnabled: false, smsSender: 'log', senders: expect.arrayContaining(['log']) });
    expect((await admin.put('/api/inbox/settings', { smsEnabled: true, smsSender: 'nope' })).status).toBe(400);
    expect((await admin.put('/api/inbox/settings', { smsEnabled: true, smsSender: 'log', extra: 1 })).status).toBe(400);
    const on = await admin.put('/api/inbox/settings', { smsEnabled: true, smsSender: 'log' });
    expect(on.status, on.text).toBe(200);
    expect(on.body.smsEnabled).toBe(true);
    expect((await liaison.put('/api/inbox/settings', { smsEnabled: false, smsSender: 'log' })).status).toBe(403);
    const audit = await s.platform.db.selectFrom('auditEvent').select('summary').where('event', '=', 'inbox.settings').execute();
    expect(audit).toEqual([{ summary: '待办提醒短信：开启（log）' }]);
    const second = await office.post('/api/tasks', { orgUnitId: s.tree.townshipB, title: '摸排留守儿童', deadline: daysAgo(-30) });
    expect(second.status, second.text).toBe(200);
    expect(await s.platform.jobs.runOne('inboxReminders', true)).toMatchObject({ status: 'success', message: expect.stringContaining('（已发短信）') });
    expect(logSms.sent.map((m) => [m.userId, m.text])).toEqual([[officerB.userId, '新交办任务：摸排留守儿童']]);
    const row = await s.platform.db.selectFrom('inboxItem').select('smsSentAt').where('userId', '=', officerB.userId).executeTakeFirstOrThrow();
    expect(row.smsSentAt).not.toBeNull();
  });
});
