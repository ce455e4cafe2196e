import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditRows, makeVolunteer, serviceHours } from '../activities/testSupport.js';
import { caseInput, fakeIdNumber } from '../careCases/testSupport.js';
import { followUpsDue } from './index.js';
import { collectReminders } from '../inbox/reminders.js';

type Client = Awaited<ReturnType<TestServer['as']>>;

/** A day `days` before today in China (the class ended about seven months ago: 3- and 6-month follow-ups are due). */
const past = (days: number) => new Date(Date.now() - days * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
const yr = Number(past(230).slice(0, 4));

const classBody = (s: TestServer, over: Record<string, unknown> = {}) => ({
  orgUnitId: s.tree.townshipA, title: '电商直播带货培训班', skill: '电商直播', industry: 'ecommerce', venue: '东风镇文化站',
  startDate: past(230), endDate: past(215), capacity: 2, fundingFen: 1_200_000, fundingSource: '县人社局就业资金', ...over,
});

async function roster(rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学员花名册');
  ws.addRow(['姓名', '身份证号', '联系电话', '文化程度']);
  for (const r of rows) ws.addRow(r);
  const f = new FormData();
  f.append('file', new Blob([Buffer.from(await wb.xlsx.writeBuffer())]), '花名册.xlsx');
  return f;
}

describe('skills training (技能培训)', () => {
  let s: TestServer;
  let office: Client;
  let officerA: Client;
  let officerB: Client;
  let volunteerId: string;
  let caseId: string;
  let classId: string;
  const people = { a: fakeIdNumber('20050101', 22), b: fakeIdNumber('20060202', 32), c: fakeIdNumber('20040303', 43) };

  beforeAll(async () => {
    s = await startTestServer();
    office = await s.as('countyOffice');
    officerA = await s.as('townshipOfficer', 'townshipA');
    officerB = await s.as('townshipOfficer', 'townshipB');
    volunteerId = await makeVolunteer(office, s.tree.townshipA, '刘老技师');
    const c = await officerA.post('/api/care-cases', caseInput(s, { name: '陈小军', idNumber: fakeIdNumber('20070404', 55), categories: ['unemployed'] }));
    expect(c.status).toBe(200);
    caseId = c.body.id;
  });
  afterAll(() => s.close());

  it('a class from creation to results: waiting list, case link, attendance with trainer hours, completion, certificate, follow-up on the case', async () => {
    // Validation and scope.
    const bad = await officerA.post('/api/training/classes', classBody(s, { endDate: '2025-02-01', industry: 'nope' }));
    expect(bad.status).toBe(400);
    expect((await officerA.post('/api/training/classes', classBody(s, { orgUnitId: s.tree.townshipB }))).status).toBe(404);
    const created = await officerA.post('/api/training/classes', classBody(s, { trainers: [{ name: '刘老技师', volunteerId }, { name: '县电商中心讲师' }] }));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 'planned', capacity: 2, enrolled: 0, orgUnitName: '东风镇', actions: expect.arrayContaining(['update', 'advance', 'enrol']) });
    classId = created.body.id;
    expect(await auditRows(s, 'training.class.create', classId)).toHaveLength(1);
    expect((await officerB.get(`/api/training/classes/${classId}`)).status).toBe(404);
    expect((await officerB.get(`/api/training/classes/${classId}/enrolments`)).status).toBe(404);

    // Enrol: a care case's young person (picked from cases in scope), two more; the third waits.
    const candidates = await officerA.get('/api/training/case-candidates?q=陈小');
    expect(candidates.body).toEqual([expect.objectContaining({ id: caseId, name: '陈小军', idNumber: `3607**********${fakeIdNumber('20070404', 55).slice(-4)}` })]);
    expect((await officerB.get('/api/training/case-candidates?q=陈小')).body).toEqual([]);
    const fromCase = await officerA.post(`/api/training/classes/${classId}/enrolments`, { careCaseId: caseId });
    expect(fromCase.status).toBe(200);
    expect(fromCase.body).toMatchObject({ name: '陈小军', careCaseId: caseId, status: 'enrolled', waitingPosition: null });
    expect((await officerB.post(`/api/training/classes/${classId}/enrolments`, { careCaseId: caseId })).status).toBe(404);
    const badId = await officerA.post(`/api/training/classes/${classId}/enrolments`, { name: '王五', idNumber: '360781200501010000' });
    expect(badId.status).toBe(400);
    const a = await officerA.post(`/api/training/classes/${classId}/enrolments`, { name: '赵小燕', idNumber: people.a, phone: '13900001111' });
    expect(a.body).toMatchObject({ status: 'enrolled', sex: 'female', birthDate: '2005-01-01', idNumber: `3607**********${people.a.slice(-4)}`, phone: '139****1111' });
    const dup = await officerA.post(`/api/training/classes/${classId}/enrolments`, { name: '赵小燕', idNumber: people.a });
    expect(dup.status).toBe(409);
    const b = await officerA.post(`/api/training/classes/${classId}/enrolments`, { name: '钱大勇', idNumber: people.b });
    expect(b.body).toMatchObject({ status: 'waiting', waitingPosition: 1 });
    const stored = await s.platform.db.selectFrom('trainingEnrolment').select(['idNumberEnc', 'phoneEnc']).where('id', '=', a.body.id).executeTakeFirstOrThrow();
    expect(stored.idNumberEnc).not.toContain(people.a);
    expect(stored.phoneEnc).not.toContain('13900001111');

    // Masking by role: a village liaison in township A reads names masked; the office unmasks (audited); the officer may not.
    const liaison = await s.as('grassrootsLiaison', 'townshipA');
    const masked = await liaison.get(`/api/training/classes/${classId}/enrolments`);
    expect(masked.body.map((e: { name: string; careCaseId: string | null }) => [e.name, e.careCaseId])).toEqual([['陈*军', null], ['赵*燕', null], ['钱*勇', null]]);
    expect(masked.body[1].actions).toEqual([]);
    const villager = await s.as('grassrootsLiaison', 'villageA1');
    expect((await villager.get(`/api/training/classes/${classId}`)).status).toBe(404);
    const seen = await office.get(`/api/training/classes/${classId}/enrolments`);
    expect(seen.body.map((e: { name: string }) => e.name)).toEqual(['陈小军', '赵小燕', '钱大勇']);
    expect((await officerA.post(`/api/training/classes/${classId}/enrolments/${a.body.id}/unmask`, { field: 'idNumber' })).status).toBe(403);
    const un = await office.post(`/api/training/classes/${classId}/enrolments/${a.body.id}/unmask`, { field: 'idNumber' });
    expect(un.body).toEqual({ field: 'idNumber', value: people.a });
    expect(await auditRows(s, 'training.unmask', a.body.id)).toHaveLength(1);

    // A seat frees: the first on the waiting list moves up.
    const left = await officerA.post(`/api/training/classes/${classId}/enrolments/${a.body.id}/withdraw`);
    expect(left.status).toBe(200);
    expect(left.body.find((e: { id: string }) => e.id === b.body.id)).toMatchObject({ status: 'enrolled', waitingPosition: null });
    expect((await auditRows(s, 'training.withdraw', classId))[0].detail).toContain(b.body.id);

    // Running: sessions and attendance; the volunteer trainer's hours count once, however often attendance is saved.
    expect((await officerA.post(`/api/training/classes/${classId}/status`, { to: 'running' })).status).toBe(409);
    for (const to of ['enrolling', 'running']) expect((await officerA.post(`/api/training/classes/${classId}/status`, { to })).status).toBe(200);
    const trainers = (await officerA.get(`/api/training/classes/${classId}`)).body.trainers;
    const s1 = await officerA.post(`/api/training/classes/${classId}/sessions`, { sessionDate: past(228), topic: '直播选品', hours: 3, trainerId: trainers[0].id });
    const s2 = await officerA.post(`/api/training/classes/${classId}/sessions`, { sessionDate: past(221), topic: '短视频剪辑', hours: 2.5, trainerId: trainers[1].id });
    expect(s1.status).toBe(200);
    const r1 = await officerA.put(`/api/training/classes/${classId}/sessions/${s1.body.id}/attendance`, { presentIds: [fromCase.body.id, b.body.id] });
    expect(r1.body).toMatchObject({ held: true, presentIds: expect.arrayContaining([fromCase.body.id, b.body.id]) });
    await officerA.put(`/api/training/classes/${classId}/sessions/${s1.body.id}/attendance`, { presentIds: [fromCase.body.id, b.body.id] });
    expect((await officerA.put(`/api/training/classes/${classId}/sessions/${s2.body.id}/attendance`, { presentIds: [a.body.id] })).status).toBe(400);
    await officerA.put(`/api/training/classes/${classId}/sessions/${s2.body.id}/attendance`, { presentIds: [fromCase.body.id] });
    expect(await serviceHours(s, volunteerId)).toBe(3);
    expect(await auditRows(s, 'training.attendance', classId)).toHaveLength(3);

    // Finish: 2/2 sessions → completed with a certificate number; 1/2 = 50% < 80% → not completed.
    const finished = await officerA.post(`/api/training/classes/${classId}/status`, { to: 'finished' });
    expect(finished.body).toMatchObject({ status: 'finished', completed: 1, actions: ['followUp', 'export'] });
    const list = (await officerA.get(`/api/training/classes/${classId}/enrolments`)).body;
    const chen = list.find((e: { id: string }) => e.id === fromCase.body.id);
    expect(chen).toMatchObject({ status: 'completed', attended: 2, certificateNo: expect.stringMatching(new RegExp(`^PX${yr}-[0-9A-F]{6}-001$`)), dueFollowUps: [3, 6] });
    expect(list.find((e: { id: string }) => e.id === b.body.id)).toMatchObject({ status: 'not_completed', attended: 1, certificateNo: null });
    const cert = await officerA.get(`/api/training/classes/${classId}/enrolments/${fromCase.body.id}/certificate`);
    expect(cert.status).toBe(200);
    expect(cert.headers.get('content-type')).toContain('wordprocessingml');
    expect((cert.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    expect(await auditRows(s, 'training.certificate', fromCase.body.id)).toHaveLength(1);
    expect((await officerA.get(`/api/training/classes/${classId}/enrolments/${b.body.id}/certificate`)).status).toBe(409);

    // Follow-up reminders go to the officer who opened the class; the 6-month result shows on the care case.
    const due = await followUpsDue(s.platform.db);
    expect(due.filter((d) => d.classId === classId).map((d) => [d.month, d.open, d.userId])).toEqual([[3, 2, officerA.userId], [6, 2, officerA.userId]]);
    expect((await collectReminders(s.platform)).filter((r) => r.sourceKey.startsWith(`trainingFollowUp:${classId}`))).toHaveLength(2);
    const early = await officerA.post(`/api/training/classes/${classId}/enrolments/${fromCase.body.id}/follow-ups`, { month: 6, outcome: 'employed', employer: '赣南电商产业园', industry: 'ecommerce', recordedOn: past(60) });
    expect(early.status).toBe(409);
    expect((await officerA.post(`/api/training/classes/${classId}/enrolments/${fromCase.body.id}/follow-ups`, { month: 6, outcome: 'employed', recordedOn: past(0) })).status).toBe(400);
    const six = await officerA.post(`/api/training/classes/${classId}/enrolments/${fromCase.body.id}/follow-ups`, { month: 6, outcome: 'employed', employer: '赣南电商产业园', industry: 'ecommerce', recordedOn: past(0) });
    expect(six.status).toBe(200);
    expect(six.body).toMatchObject({ followUps: [{ month: 6, outcome: 'employed', employer: '赣南电商产业园' }], dueFollowUps: [3] });
    await officerA.post(`/api/training/classes/${classId}/enrolments/${b.body.id}/follow-ups`, { month: 3, outcome: 'seeking', recordedOn: past(0) });
    expect(await auditRows(s, 'training.followUp', fromCase.body.id)).toHaveLength(1);
    // Each recorded follow-up leaves its own month's count only.
    expect((await followUpsDue(s.platform.db)).filter((d) => d.classId === classId).map((d) => [d.month, d.open])).toEqual([[3, 1], [6, 1]]);
    const timeline = (await officerA.get(`/api/care-cases/${caseId}/timeline`)).body as { kind: string; title: string }[];
    expect(timeline.filter((e) => e.kind === 'training').map((e) => e.title).sort()).toEqual([
      '培训跟踪回访（6个月）：已就业 · 赣南电商产业园（电子商务）', '技能培训结业：电商直播带货培训班', '助业·技能培训报名：电商直播带货培训班',
    ].sort());

    // Results: per class, per industry against the stated need, per year.
    const demand = await office.post('/api/training/demands', { industry: 'ecommerce', skill: '电商主播', headcount: 30, year: yr });
    expect(demand.status).toBe(200);
    expect((await officerA.post('/api/training/demands', { industry: 'ecommerce', skill: 'x', headcount: 1, year: yr })).status).toBe(403);
    const results = await office.get(`/api/training/results?year=${yr}`);
    expect(results.status).toBe(200);
    const counts = { classes: 1, trainees: 2, completed: 1, followedUp: 2, employed: 1, business: 0, seeking: 1, school: 0, employedInIndustry: 1 };
    expect(results.body.total).toEqual(counts);
    expect(results.body.byIndustry).toEqual([{ industry: 'ecommerce', label: '电子商务', demand: 30, ...counts }]);
    expect(results.body.byYear).toEqual([{ year: yr, ...counts }]);
    expect(results.body.byClass[0]).toMatchObject({ classId, ...counts });
    expect((await officerB.get(`/api/training/results?year=${yr}`)).body.total.trainees).toBe(0);
    const leader = await s.as('countyLeader');
    expect((await leader.get('/api/training/results')).body.total.classes).toBe(1);
    expect((await leader.get(`/api/training/classes/${classId}`)).status).toBe(403);
    const overview = (await office.get(`/api/dashboard/overview?year=${yr}`)).body.training;
    expect(overview).toMatchObject({ classes: 1, trainees: 2, completed: 1, employed: 1, business: 0, employedInIndustry: 1 });
    expect(overview.byIndustry).toEqual([{ key: 'ecommerce', label: '电子商务', demand: 30, trainees: 2, employedInIndustry: 1 }]);

    // Exports are audited with their row counts.
    const xa = await officerA.get(`/api/training/classes/${classId}/attendance/export`);
    expect(xa.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xa.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const cells = sheet.getSheetValues().flat().map(String).join('|');
    expect(cells).toContain('赣南电商产业园');
    expect(cells).not.toContain(people.b);
    expect(JSON.parse((await auditRows(s, 'training.attendance.export', classId))[0].detail!)).toMatchObject({ rows: 2, sessions: 2 });
    expect((await officerA.get(`/api/training/classes/export?year=${yr}`)).status).toBe(200);
    expect(await auditRows(s, 'training.class.export')).toHaveLength(1);
  });

  it('imports a roster: preview with row errors refuses to commit; a clean file goes in whole, linking a case and filling the waiting list', async () => {
    const c = await officerA.post('/api/training/classes', classBody(s, { title: '脐橙种植技术培训班', industry: 'navelOrange', skill: '脐橙栽培', capacity: 1 }));
    const id = c.body.id;
    const bad = await officerA.post(`/api/training/classes/${id}/import/preview`, await roster([['孙一', people.c, '139', '初中'], ['', fakeIdNumber('20050505', 1), '', '博士']]));
    expect(bad.status).toBe(200);
    expect(bad.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['2:联系电话', '3:姓名', '3:文化程度']);
    expect((await officerA.post(`/api/training/classes/${id}/import/commit`, { previewId: bad.body.previewId })).status).toBe(400);
    expect((await officerB.post(`/api/training/classes/${id}/import/preview`, await roster([['孙一', people.c]]))).status).toBe(404);
    const good = await officerA.post(`/api/training/classes/${id}/import/preview`, await roster([['孙一', people.c, '13700000000', '初中'], ['陈小军', fakeIdNumber('20070404', 55), '', '']]));
    expect(good.body).toMatchObject({ validCount: 2, errors: [], sample: [{ row: 2, careCase: false }, { row: 3, careCase: true }] });
    const done = await officerA.post(`/api/training/classes/${id}/import/commit`, { previewId: good.body.previewId });
    expect(done.body).toEqual({ created: 2, waiting: 1 });
    expect((await officerA.post(`/api/training/classes/${id}/import/commit`, { previewId: good.body.previewId })).status).toBe(410);
    const list = (await officerA.get(`/api/training/classes/${id}/enrolments`)).body;
    expect(list.map((e: { status: string; careCaseId: string | null }) => [e.status, e.careCaseId])).toEqual([['enrolled', null], ['waiting', caseId]]);
    expect(await auditRows(s, 'training.import', id)).toHaveLength(1);

    // Someone enrolled by hand between the preview and the commit: the whole file is refused, nothing of it written.
    const late = await officerA.post(`/api/training/classes/${id}/import/preview`, await roster([['周二', fakeIdNumber('20060606', 71), '', ''], ['吴三', fakeIdNumber('20060707', 73), '', '']]));
    expect(late.body).toMatchObject({ validCount: 2, errors: [] });
    expect((await officerA.post(`/api/training/classes/${id}/enrolments`, { name: '吴三', idNumber: fakeIdNumber('20060707', 73) })).status).toBe(200);
    const clash = await officerA.post(`/api/training/classes/${id}/import/commit`, { previewId: late.body.previewId });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('TRAINING_ALREADY_ENROLLED');
    const after = (await officerA.get(`/api/training/classes/${id}/enrolments`)).body;
    expect(after.map((e: { name: string }) => e.name).sort()).toEqual(['吴三', '孙一', '陈小军'].sort());
    expect(await auditRows(s, 'training.import', id)).toHaveLength(1);
    // A file naming one person twice: the preview points at the second row.
    const twice = await officerA.post(`/api/training/classes/${id}/import/preview`, await roster([['郑四', fakeIdNumber('20060808', 75), '', ''], ['郑四', fakeIdNumber('20060808', 75), '', '']]));
    expect(twice.body.errors).toEqual([{ row: 3, column: '身份证号', message: '与第 2 行重复' }]);
    expect((await officerA.post(`/api/training/classes/${id}/import/commit`, { previewId: twice.body.previewId })).status).toBe(400);
    expect((await officerA.get(`/api/training/classes/${id}/enrolments`)).body).toHaveLength(3);
  });
});
