import crypto from 'node:crypto';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { backgroundTasks, freezeActor, MAX_ATTEMPTS, TaskRunner } from '../../platform/tasks/tasks.js';
import { birthYearsAgo, caseInput, fakeIdNumber } from '../careCases/testSupport.js';
import { makeVolunteer } from '../activities/testSupport.js';

const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/** Data rows of a list export's first sheet (between the header and the end, without 合计 or a watermark). */
async function sheetRows(buf: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row, n) => { if (n > 2 && typeof row.getCell(1).value === 'number') rows.push((row.values as unknown[]).slice(1)); });
  return rows;
}

describe('background tasks: the yearly report, returns and list exports run in the background with progress and an owner-only download', () => {
  let s: TestServer;
  let office: Awaited<ReturnType<TestServer['as']>>;
  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
    await makeVolunteer(office, s.tree.villageA1, '张三丰');
    await makeVolunteer(office, s.tree.villageB1, '王五岳');
    expect((await office.post('/api/care-cases', caseInput(s, { name: '李小明', idNumber: fakeIdNumber(birthYearsAgo(15), 811) }))).status).toBe(200);
    expect((await office.post('/api/care-cases', caseInput(s, { name: '赵小红', idNumber: fakeIdNumber(birthYearsAgo(15), 813), orgUnitId: s.tree.villageB1 }))).status).toBe(200);
  });
  afterAll(() => s.close());

  it('the yearly report task runs once, reports progress, and only its owner downloads it (audited)', async () => {
    const start = await office.post('/api/reports/yearly/task', { year });
    expect(start.status, start.text).toBe(200);
    expect(start.body).toMatchObject({ kind: 'report.yearly', label: `年度工作总结（${year}年）`, actions: [] });
    expect(['queued', 'running']).toContain(start.body.status);
    await backgroundTasks(s.platform).drain();
    const t = await office.get(`/api/background-tasks/${start.body.id}`);
    expect(t.status).toBe(200);
    // Overview, the township table, deeds and targets, the document: 4 steps, all done.
    expect(t.body).toMatchObject({ status: 'done', progress: { done: 4, total: 4, percent: 100 }, actions: ['download'], error: null });
    expect(t.body.resultName).toMatch(/年工作总结\.docx$/);
    expect(t.body.expiresAt > t.body.finishedAt).toBe(true);

    const list = await office.get('/api/background-tasks');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([start.body.id]);
    expect(list.body.active).toBe(0);

    const dl = await office.get(`/api/background-tasks/${start.body.id}/download`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toContain('wordprocessingml');
    expect(dl.headers.get('content-disposition')).toContain('attachment');
    const text = (await (await JSZip.loadAsync(dl.body as Buffer)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('登记在册“五老”志愿者2人');

    // Someone else — even with the same role — sees nothing: 404 for the task and its file, an empty list.
    const other = await s.as('countyOffice');
    expect((await other.get(`/api/background-tasks/${start.body.id}`)).status).toBe(404);
    expect((await other.get(`/api/background-tasks/${start.body.id}/download`)).status).toBe(404);
    expect((await other.get('/api/background-tasks')).body).toEqual({ items: [], active: 0 });
    expect((await s.client().get(`/api/background-tasks/${start.body.id}/download`)).status).toBe(401);

    const db = s.platform.db;
    const events = await db.selectFrom('auditEvent').select(['event', 'objectId']).where('event', 'in', ['task.start', 'task.download', 'report.yearly']).orderBy('seq').execute();
    expect(events).toEqual([
      { event: 'task.start', objectId: start.body.id },
      { event: 'report.yearly', objectId: null },
      { event: 'task.download', objectId: start.body.id },
    ]);
    const row = await db.selectFrom('backgroundTask').selectAll().where('id', '=', start.body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 1, lockedBy: null });
    expect(await db.selectFrom('upload').select('id').where('id', '=', row.resultUploadId!).executeTakeFirst()).toBeTruthy();
  });

  it('the county leader’s report task holds aggregates only; the leader cannot start a list export', async () => {
    const leader = await s.as('countyLeader');
    const start = await leader.post('/api/reports/yearly/task', { year });
    expect(start.status, start.text).toBe(200);
    await backgroundTasks(s.platform).drain();
    const dl = await leader.get(`/api/background-tasks/${start.body.id}/download`);
    expect(dl.status).toBe(200);
    const text = (await (await JSZip.loadAsync(dl.body as Buffer)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('登记在册“五老”志愿者2人');
    for (const name of ['张三丰', '王五岳', '李小明', '赵小红']) expect(text).not.toContain(name);
    expect((await leader.post('/api/care-cases/export/task', {})).status).toBe(403);
    expect((await leader.post('/api/volunteers/export/task', {})).status).toBe(403);
  });

  it('a list export task holds the requester’s scope at request time, even if their scope grows before it runs', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const runner = backgroundTasks(s.platform);
    runner.pause();
    const start = await officer.post('/api/care-cases/export/task', {});
    expect(start.status, start.text).toBe(200);
    expect(start.body).toMatchObject({ status: 'queued', label: '导出帮扶对象', progress: { done: 0, total: 0, percent: 0 } });
    // The officer is moved to the county root: from now on they see both cases…
    await s.platform.db.updateTable('appUser').set({ orgUnitId: s.tree.root }).where('id', '=', officer.userId).execute();
    const now = await officer.get('/api/care-cases');
    expect(now.body.total).toBe(2);
    // …but the task, asked for as a township officer of A, exports A's case only.
    runner.resume();
    await runner.drain();
    const t = (await officer.get(`/api/background-tasks/${start.body.id}`)).body;
    expect(t).toMatchObject({ status: 'done', resultRows: null, progress: { percent: 100 } });
    const dl = await officer.get(`/api/background-tasks/${start.body.id}/download`);
    expect(dl.status).toBe(200);
    const rows = await sheetRows(dl.body as Buffer);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('赵');
    // The export itself audited its row count under the requester's name.
    const exp = await s.platform.db.selectFrom('auditEvent').select(['event', 'userId']).where('event', 'like', 'careCase.export%').execute();
    expect(exp).toEqual([{ event: expect.stringMatching(/^careCase\.export/), userId: officer.userId }]);
    // A role without the export permission cannot start it.
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    expect((await liaison.post('/api/care-cases/export/task', {})).status).toBe(403);
    expect((await officer.post('/api/care-cases/export/task', { nope: 1 })).status).toBe(400);
  });

  it('volunteer and activity exports and the returns run as tasks; a failing export is marked failed with its message', async () => {
    const v = await office.post('/api/volunteers/export/task', {});
    const a = await office.post('/api/activities/export/task', {});
    const r = await office.post('/api/reports/returns/task', { year, quarter: 2 });
    const bad = await office.post('/api/volunteers/export/task', { full: 'true' });
    for (const x of [v, a, r, bad]) expect(x.status, x.text).toBe(200);
    await backgroundTasks(s.platform).drain();
    const vol = await office.get(`/api/background-tasks/${v.body.id}/download`);
    expect(vol.status).toBe(200);
    expect(await sheetRows(vol.body as Buffer)).toHaveLength(2);
    expect((await office.get(`/api/background-tasks/${a.body.id}/download`)).status).toBe(200);
    const ret = (await office.get(`/api/background-tasks/${r.body.id}`)).body;
    expect(ret).toMatchObject({ status: 'done', label: `统计报表（${year}年第2季度）`, progress: { done: 3, total: 3 } });
    expect(ret.resultRows).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await office.get(`/api/background-tasks/${r.body.id}/download`)).body as never);
    expect(wb.worksheets.map((w) => w.name)).toContain('填报说明');
    const failed = (await office.get(`/api/background-tasks/${bad.body.id}`)).body;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^生成失败：/);
    expect(failed.actions).toEqual([]);
    expect((await office.get(`/api/background-tasks/${bad.body.id}/download`)).status).toBe(409);
    expect((await office.get('/api/background-tasks?status=failed')).body.items.map((i: { id: string }) => i.id)).toEqual([bad.body.id]);
    expect((await office.get('/api/background-tasks?status=bogus')).status).toBe(400);
  });

  it('exactly one runner claims a task; a task whose instance died is retried, then failed; results expire', async () => {
    const db = s.platform.db;
    const main = backgroundTasks(s.platform);
    main.pause();
    const second = new TaskRunner(s.platform);
    for (const def of main.kinds.values()) second.register(def);
    const start = await office.post('/api/reports/returns/task', { year });
    expect(start.status).toBe(200);
    const claims = await Promise.all([main.runNext(), second.runNext(), second.runNext()]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await db.selectFrom('backgroundTask').select(['status', 'attempts']).where('id', '=', start.body.id).executeTakeFirstOrThrow()).toEqual({ status: 'done', attempts: 1 });

    // Rows left "running" by an instance that died: one with an attempt left is run again, one without fails.
    const officeUser = await db.selectFrom('appUser').select('id').where('id', '=', office.userId).executeTakeFirstOrThrow();
    const snapshot = await db.selectFrom('backgroundTask').select(['actorSnapshot', 'auditActor']).where('id', '=', start.body.id).executeTakeFirstOrThrow();
    expect(JSON.parse(snapshot.actorSnapshot).userId).toBe(officeUser.id);
    const past = new Date(Date.now() - 60_000).toISOString();
    const dead = (attempts: number) => ({
      id: crypto.randomUUID(), kind: 'report.returns', label: '统计报表', ownerId: office.userId, orgUnitId: null, params: JSON.stringify({ year }),
      actorSnapshot: snapshot.actorSnapshot, auditActor: snapshot.auditActor, status: 'running', progressDone: 1, progressTotal: 3, progressNote: null, attempts,
      lockedBy: 'dead-host:1:abc', lockedUntil: past, resultUploadId: null, resultName: null, resultRows: null, error: null, createdAt: past, startedAt: past, finishedAt: null, expiresAt: null,
    });
    const retry = dead(1);
    const gone = dead(MAX_ATTEMPTS);
    await db.insertInto('backgroundTask').values([retry, gone]).execute();
    main.resume();
    await main.drain();
    expect((await office.get(`/api/background-tasks/${retry.id}`)).body).toMatchObject({ status: 'done' });
    expect((await db.selectFrom('backgroundTask').select('attempts').where('id', '=', retry.id).executeTakeFirstOrThrow()).attempts).toBe(2);
    expect((await office.get(`/api/background-tasks/${gone.id}`)).body).toMatchObject({ status: 'failed', error: expect.stringContaining('执行中断') });

    // Expiry: past its time the file is gone and the download answers 410.
    await db.updateTable('backgroundTask').set({ expiresAt: past }).where('id', '=', retry.id).execute();
    const uploadId = (await db.selectFrom('backgroundTask').select('resultUploadId').where('id', '=', retry.id).executeTakeFirstOrThrow()).resultUploadId!;
    expect((await office.get(`/api/background-tasks/${retry.id}`)).body).toMatchObject({ status: 'expired', actions: [] });
    expect(await s.platform.jobs.runOne('backgroundTaskCleanup', true)).toMatchObject({ status: 'success' });
    expect(await db.selectFrom('upload').select('id').where('id', '=', uploadId).executeTakeFirst()).toBeUndefined();
    expect((await office.get(`/api/background-tasks/${retry.id}/download`)).status).toBe(410);
    expect(freezeActor).toBeTypeOf('function');
  });
});
