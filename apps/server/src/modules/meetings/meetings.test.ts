import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

const audits = (s: TestServer, event: string) => s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', event).orderBy('seq').execute();

describe('joint meetings, tasks and the supervision list', () => {
  let s: TestServer;
  let unitA: string;
  let unitB: string;
  beforeAll(async () => {
    s = await startTestServer();
    const office = await s.as('countyOffice');
    unitA = (await office.post('/api/member-units', { name: '县公安局' })).body.id;
    unitB = (await office.post('/api/member-units', { name: '县妇联' })).body.id;
  });
  afterAll(() => s.close());

  it('a decision becomes a task that goes overdue, is marked by the job and leads the supervision list until the unit closes it', async () => {
    const office = await s.as('countyOffice');
    const meeting = await office.post('/api/meetings', { title: '2025年县关工委成员单位联席会议', meetingDate: '2025-03-10', location: '县委三楼会议室', agenda: '一、通报工作\n二、部署任务', invitedMemberUnitIds: [unitA, unitB] });
    expect(meeting.status).toBe(200);
    expect(meeting.body).toMatchObject({ status: 'planned', invitedCount: 2, invitees: [expect.objectContaining({ attendance: 'invited' }), expect.objectContaining({ attendance: 'invited' })] });
    const id = meeting.body.id;

    const att = await office.put(`/api/meetings/${id}/attendance`, { entries: [{ memberUnitId: unitA, attendance: 'present', attendee: '李副局长' }, { memberUnitId: unitB, attendance: 'leave' }] });
    expect(att.body).toMatchObject({ status: 'held', presentCount: 1 });
    const minutes = await office.patch(`/api/meetings/${id}`, { minutes: '会议议定：开展校园周边环境整治。' });
    expect(minutes.body.minutes).toContain('校园周边');

    const decided = await office.post(`/api/meetings/${id}/decisions`, {
      content: '开展校园周边环境集中整治',
      tasks: [{ memberUnitId: unitA, title: '校园周边环境整治', deadline: '2025-06-30' }, { memberUnitId: unitB, deadline: '2099-12-31' }],
    });
    expect(decided.status).toBe(200);
    expect(decided.body.decisions[0].tasks).toHaveLength(2);
    const late = decided.body.decisions[0].tasks.find((t: { memberUnitId: string }) => t.memberUnitId === unitA);
    expect(late).toMatchObject({ status: 'open', overdue: true, overdueAt: null, ownerName: '县公安局' });
    expect((await audits(s, 'task.create')).length).toBe(2);

    // The liaison of unit B sees only their own task; unit A's task answers 404.
    const liaisonB = await s.as('memberUnitLiaison', { memberUnitId: unitB });
    const own = await liaisonB.get('/api/tasks?pageSize=100');
    expect(own.body.items.map((t: { memberUnitId: string }) => t.memberUnitId)).toEqual([unitB]);
    expect((await liaisonB.get(`/api/tasks/${late.id}`)).status).toBe(404);
    expect((await liaisonB.post(`/api/tasks/${late.id}/updates`, { status: 'done', note: '冒充' })).status).toBe(404);
    expect((await liaisonB.get(`/api/meetings/${id}`)).status).toBe(200);
    expect((await liaisonB.get('/api/tasks/supervision')).status).toBe(403);

    const run = await s.platform.jobs.runOne('supervisionSweep', true);
    expect(run).toMatchObject({ status: 'success' });
    expect((run as { message: string }).message).toContain('新增逾期任务 1 项');
    const marked = await s.platform.db.selectFrom('task').select('overdueAt').where('id', '=', late.id).executeTakeFirstOrThrow();
    expect(marked.overdueAt).toBeTruthy();
    expect((await audits(s, 'task.overdue')).length).toBe(1);
    // Running again changes nothing and writes no audit row.
    await s.platform.jobs.runOne('supervisionSweep', true);
    expect((await audits(s, 'task.overdue')).length).toBe(1);

    const leader = await s.as('countyLeader');
    const sup = await leader.get('/api/tasks/supervision');
    expect(sup.status).toBe(200);
    expect(sup.body).toMatchObject({ open: 2, overdue: 1 });
    expect(sup.body.tasks[0]).toMatchObject({ id: late.id, overdue: true });
    expect(sup.body.tasks[0].daysOverdue).toBeGreaterThan(0);
    expect(sup.body.byUnit[0]).toMatchObject({ ownerName: '县公安局', open: 1, overdue: 1 });

    const liaisonA = await s.as('memberUnitLiaison', { memberUnitId: unitA });
    const progress = await liaisonA.post(`/api/tasks/${late.id}/updates`, { status: 'inProgress', note: '已排查学校周边商户42家' });
    expect(progress.body).toMatchObject({ status: 'inProgress', lastNote: '已排查学校周边商户42家' });
    const closed = await liaisonA.post(`/api/tasks/${late.id}/updates`, { status: 'done', note: '整治完成' });
    expect(closed.body).toMatchObject({ status: 'done', overdue: false, actions: [] });
    expect(closed.body.updates.map((u: { status: string }) => u.status)).toEqual(['done', 'inProgress']);
    expect((await liaisonA.post(`/api/tasks/${late.id}/updates`, { status: 'inProgress', note: '再报' })).status).toBe(409);
    const trail = await audits(s, 'task.update');
    expect(JSON.parse(trail[trail.length - 1].detail!)).toEqual({ before: { status: 'inProgress' }, after: { status: 'done' } });
    expect((await leader.get('/api/tasks/supervision')).body).toMatchObject({ open: 1, overdue: 0 });

    const xlsx = await office.get('/api/tasks/export?open=true');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(JSON.parse((await audits(s, 'task.export'))[0].detail!)).toMatchObject({ rows: 1 });
    expect((await office.get('/api/meetings/export?status=held')).status).toBe(200);
    expect(JSON.parse((await audits(s, 'meeting.export'))[0].detail!)).toMatchObject({ rows: 1, filters: { 状态: '已召开' } });
    expect((await liaisonA.get('/api/tasks/export')).status).toBe(403);
  });

  it('only the office convenes meetings; a unit not invited does not see the meeting', async () => {
    const office = await s.as('countyOffice');
    const m = await office.post('/api/meetings', { title: '专题会', meetingDate: '2025-05-01', invitedMemberUnitIds: [unitA] });
    const liaisonB = await s.as('memberUnitLiaison', { memberUnitId: unitB });
    expect((await liaisonB.get(`/api/meetings/${m.body.id}`)).status).toBe(404);
    expect((await liaisonB.post('/api/meetings', { title: 'x', meetingDate: '2025-05-01' })).status).toBe(403);
    expect((await office.post(`/api/meetings/${m.body.id}/decisions`, { content: '无主任务', tasks: [{ deadline: '2025-06-01' }] })).status).toBe(400);
  });
});
