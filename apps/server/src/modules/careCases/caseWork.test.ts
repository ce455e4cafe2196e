import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditRows, birthYearsAgo, caseInput, fakeIdNumber, insertVolunteer } from './testSupport.js';

const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);
let seq = 100;
const nextId = () => fakeIdNumber(birthYearsAgo(16), seq += 2);

describe('care cases: case work, mentors, assistance, outcomes', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('walks intake → assessment → plan → in progress; closure needs a second person with approveClosure; reopen', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const c = (await officer.post('/api/care-cases', caseInput(s, { idNumber: nextId() }))).body;
    const skip = await officer.post(`/api/care-cases/${c.id}/transition`, { to: 'in_progress' });
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('CARE_CASE_TRANSITION_INVALID');
    for (const to of ['assessment', 'plan', 'in_progress']) {
      const r = await officer.post(`/api/care-cases/${c.id}/transition`, { to });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe(to);
    }
    expect((await officer.post(`/api/care-cases/${c.id}/transition`, { to: 'closed' })).status).toBe(409);
    const req = await officer.post(`/api/care-cases/${c.id}/closure-request`, { outcome: 'back_in_school', note: '已复学' });
    expect(req.status).toBe(200);
    expect(req.body.closureRequest).toMatchObject({ outcome: 'back_in_school', requestedBy: officer.userId });
    expect(req.body.actions).not.toContain('decideClosure');
    const self = await officer.post(`/api/care-cases/${c.id}/closure-decision`, { approve: true });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('CARE_CASE_CLOSURE_SELF_APPROVAL');
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    expect((await liaison.post(`/api/care-cases/${c.id}/closure-decision`, { approve: true })).status).toBe(403);
    const supervisor = await s.as('townshipOfficer', 'townshipA');
    const list = await supervisor.get('/api/care-cases?closurePending=true');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    const ok = await supervisor.post(`/api/care-cases/${c.id}/closure-decision`, { approve: true, note: '同意结案' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'closed', outcome: 'back_in_school', closureRequest: null });
    expect(await auditRows(s, 'careCase.approveClosure', c.id)).toHaveLength(1);
    expect((await officer.post(`/api/care-cases/${c.id}/needs`, { kind: 'other', description: '结案后不能再记录' })).status).toBe(403);
    const reopened = await officer.post(`/api/care-cases/${c.id}/transition`, { to: 'reopened', note: '再次辍学' });
    expect(reopened.body).toMatchObject({ status: 'reopened', outcome: null });
    const timeline = await officer.get(`/api/care-cases/${c.id}/timeline`);
    expect(timeline.status).toBe(200);
    const kinds = timeline.body.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['created', 'status', 'closureRequested', 'closureDecided']));
    expect(timeline.body.find((e: { kind: string }) => e.kind === 'closureDecided').title).toBe('批准结案');
  });

  it('records screenings (encrypted narrative), needs and plan goals; all appear on the timeline', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const c = (await officer.post('/api/care-cases', caseInput(s, { idNumber: nextId(), riskLevel: 'low' }))).body;
    const sc = await officer.post(`/api/care-cases/${c.id}/screenings`, { screenedOn: daysAgo(3), riskFound: true, riskLevel: 'high', description: '与社会闲散人员交往密切', handling: '约谈监护人', screenedBy: '李专干' });
    expect(sc.status).toBe(200);
    expect(sc.body).toMatchObject({ riskFound: true, riskLevel: 'high', description: '与社会闲散人员交往密切' });
    const raw = await s.platform.db.selectFrom('careCaseScreening').selectAll().where('id', '=', sc.body.id).executeTakeFirstOrThrow();
    expect(raw.descriptionEnc).not.toContain('闲散');
    expect((await officer.get(`/api/care-cases/${c.id}`)).body.riskLevel).toBe('high');
    const need = await officer.post(`/api/care-cases/${c.id}/needs`, { kind: 'education', description: '需要学费资助' });
    expect(need.status).toBe(200);
    const resolved = await officer.patch(`/api/care-cases/${c.id}/needs/${need.body.id}`, { resolvedOn: daysAgo(0) });
    expect(resolved.body.resolvedOn).toBe(daysAgo(0));
    const goal = await officer.post(`/api/care-cases/${c.id}/goals`, { goal: '秋季学期复学', dueOn: daysAgo(1) });
    expect(goal.body.overdue).toBe(true);
    const done = await officer.patch(`/api/care-cases/${c.id}/goals/${goal.body.id}`, { doneOn: daysAgo(0) });
    expect(done.body).toMatchObject({ overdue: false, doneOn: daysAgo(0) });
    expect((await officer.post(`/api/care-cases/${c.id}/goals`, { goal: '复学', dueOn: '2026-02-30' })).status).toBe(400);
    const other = await officer.patch(`/api/care-cases/${c.id}/goals/${need.body.id}`, { doneOn: null });
    expect(other.status).toBe(404);
    const kinds = (await officer.get(`/api/care-cases/${c.id}/timeline`)).body.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['screening', 'need', 'needResolved', 'goal', 'goalDone']));
  });

  it('pairs a mentor, logs visits (service record written to the volunteer), computes contacts per month', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const volunteerId = await insertVolunteer(s, 'villageA1', '王老师');
    const outsider = await insertVolunteer(s, 'villageB1', '刘老兵');
    const c = (await officer.post('/api/care-cases', caseInput(s, { idNumber: nextId() }))).body;
    expect((await officer.post(`/api/care-cases/${c.id}/mentorships`, { volunteerId: outsider, startOn: daysAgo(40) })).status).toBe(404);
    const pair = await officer.post(`/api/care-cases/${c.id}/mentorships`, { volunteerId, role: 'lead', startOn: daysAgo(40) });
    expect(pair.status).toBe(200);
    expect(pair.body).toMatchObject({ volunteerName: '王老师', visitCount: 0, endOn: null });
    expect((await officer.post(`/api/care-cases/${c.id}/mentorships`, { volunteerId, startOn: daysAgo(1) })).status).toBe(409);
    for (const [d, mode] of [[daysAgo(30), 'home'], [daysAgo(5), 'phone']] as const) {
      const v = await officer.post(`/api/care-cases/${c.id}/visits`, { mentorshipId: pair.body.id, visitedOn: d, mode, content: `第${mode}次走访，了解学习情况`, nextContactDue: daysAgo(-10) });
      expect(v.status).toBe(200);
      expect(v.body).toMatchObject({ mentorName: '王老师', mode });
    }
    const visits = await officer.get(`/api/care-cases/${c.id}/visits`);
    expect(visits.body).toHaveLength(2);
    const service = await s.platform.db.selectFrom('volunteerService').selectAll().where('volunteerId', '=', volunteerId).where('source', '=', 'visit').execute();
    expect(service.map((r) => r.hoursTenths).sort()).toEqual([20, 5]);
    const raw = await s.platform.db.selectFrom('careVisit').select('contentEnc').where('caseId', '=', c.id).execute();
    expect(raw.every((r) => !r.contentEnc.includes('走访'))).toBe(true);
    const detail = (await officer.get(`/api/care-cases/${c.id}`)).body;
    expect(detail.metrics.visitCount).toBe(2);
    expect(detail.metrics.contactsPerMonth).toBeCloseTo(1.5, 1);
    expect(detail.lastContactOn).toBe(daysAgo(5));
    expect(await auditRows(s, 'careCase.visit', c.id)).toHaveLength(2);
  });

  it('no-contact alert after 14 (warn) and 30 (overdue) days, scope-filtered, thresholds are a setting', async () => {
    const officerA = await s.as('townshipOfficer', 'townshipA');
    const officerB = await s.as('townshipOfficer', 'townshipB');
    const v1 = await insertVolunteer(s, 'villageA1', '陈老师');
    const mk = async (startOn: string, lastVisit?: string) => {
      const c = (await officerA.post('/api/care-cases', caseInput(s, { idNumber: nextId(), name: '提醒对象' }))).body;
      const p = (await officerA.post(`/api/care-cases/${c.id}/mentorships`, { volunteerId: v1, startOn })).body;
      if (lastVisit) expect((await officerA.post(`/api/care-cases/${c.id}/visits`, { mentorshipId: p.id, visitedOn: lastVisit, mode: 'home', content: '走访', nextContactDue: daysAgo(-10) })).status).toBe(200);
      return p.id as string;
    };
    const fresh = await mk(daysAgo(60), daysAgo(3));
    const warn = await mk(daysAgo(60), daysAgo(20));
    const overdue = await mk(daysAgo(45));
    const alerts = await officerA.get('/api/care-cases/alerts?pageSize=100');
    expect(alerts.status).toBe(200);
    const byId = new Map(alerts.body.items.map((a: { mentorshipId: string; level: string; daysSince: number }) => [a.mentorshipId, a]));
    expect(byId.has(fresh)).toBe(false);
    expect(byId.get(warn)).toMatchObject({ level: 'warn', daysSince: 20, volunteerName: '陈老师', caseName: '提醒对象', lastContactOn: daysAgo(20), nextContactDue: daysAgo(-10) });
    expect(byId.get(overdue)).toMatchObject({ level: 'overdue', daysSince: 45, lastContactOn: null, nextContactDue: null });
    // Pages: the whole list in order, longest without contact first (or shortest), each page with its names.
    type Alert = { mentorshipId: string; daysSince: number };
    const all = alerts.body.items as Alert[];
    expect(alerts.body.total).toBe(all.length);
    expect(all.map((a) => a.daysSince)).toEqual(all.map((a) => a.daysSince).sort((a, b) => b - a));
    const paged: Alert[] = [];
    for (let page = 1; page <= all.length; page++) paged.push(...(await officerA.get(`/api/care-cases/alerts?pageSize=1&page=${page}`)).body.items);
    expect(paged).toEqual(all);
    const shortest = ((await officerA.get('/api/care-cases/alerts?pageSize=100&sort=daysSince')).body.items as Alert[]).map((a) => a.daysSince);
    expect(shortest).toEqual([...shortest].sort((a, b) => a - b));
    expect((await officerB.get('/api/care-cases/alerts?pageSize=100')).body.items.map((a: { mentorshipId: string }) => a.mentorshipId)).not.toContain(warn);
    const onlyOverdue = await officerA.get('/api/care-cases/alerts?level=overdue&pageSize=100');
    expect(onlyOverdue.body.items.every((a: { level: string }) => a.level === 'overdue')).toBe(true);
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    expect((await liaison.put('/api/care-cases/settings', { warnDays: 2, overdueDays: 4 })).status).toBe(403);
    expect((await officerA.put('/api/care-cases/settings', { warnDays: 30, overdueDays: 10 })).status).toBe(400);
    const saved = await officerA.put('/api/care-cases/settings', { warnDays: 2, overdueDays: 50 });
    expect(saved.status).toBe(200);
    const after = await officerA.get('/api/care-cases/alerts?pageSize=100');
    const again = new Map(after.body.items.map((a: { mentorshipId: string; level: string }) => [a.mentorshipId, a.level]));
    expect(again.get(fresh)).toBe('warn');
    expect(again.get(overdue)).toBe('warn');
    await officerA.put('/api/care-cases/settings', { warnDays: 14, overdueDays: 30 });
  });

  it('B16 a mentor sees only name, school and plan of their own mentees, never ID numbers or offence details', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const mentor = await s.as('volunteer', 'villageA1');
    const other = await s.as('volunteer', 'villageA1');
    const vid = await insertVolunteer(s, 'villageA1', '赵老', mentor.userId);
    await insertVolunteer(s, 'villageA1', '钱老', other.userId);
    const idNumber = nextId();
    const c = (await officer.post('/api/care-cases', caseInput(s, { idNumber, name: '韩小强', categories: ['offender'], offence: { narrative: '2024年盗窃电动车一辆', disposition: '不起诉' } }))).body;
    await officer.post(`/api/care-cases/${c.id}/goals`, { goal: '学会一门手艺', dueOn: daysAgo(-90) });
    const pair = (await officer.post(`/api/care-cases/${c.id}/mentorships`, { volunteerId: vid, startOn: daysAgo(20) })).body;
    const mine = await mentor.get('/api/care-cases/mentees');
    expect(mine.status).toBe(200);
    expect(mine.body).toHaveLength(1);
    expect(Object.keys(mine.body[0]).sort()).toEqual(['alert', 'caseId', 'daysSinceContact', 'goals', 'lastContactOn', 'mentorshipId', 'name', 'schoolOrWork']);
    expect(mine.body[0]).toMatchObject({ name: '韩小强', schoolOrWork: '东风镇中学', goals: [{ goal: '学会一门手艺' }], alert: 'warn' });
    const text = JSON.stringify(mine.body);
    for (const secret of [idNumber, idNumber.slice(-4), '盗窃', 'offender', '13812345678', '祖父母']) expect(text).not.toContain(secret);
    expect((await other.get('/api/care-cases/mentees')).body).toEqual([]);
    expect((await mentor.get(`/api/care-cases/${c.id}`)).status).toBe(403);
    expect((await mentor.get(`/api/care-cases/${c.id}/offence`)).status).toBe(403);
    const logged = await mentor.post(`/api/care-cases/mentees/${pair.id}/visits`, { visitedOn: daysAgo(0), mode: 'school', content: '到校了解近况' });
    expect(logged.status).toBe(200);
    expect((await other.post(`/api/care-cases/mentees/${pair.id}/visits`, { visitedOn: daysAgo(0), mode: 'school', content: '冒充' })).status).toBe(404);
    expect((await mentor.get('/api/care-cases/mentees')).body[0]).toMatchObject({ lastContactOn: daysAgo(0), alert: null });
  });

  it('a visit sent again with the phone’s id is recorded once; someone else’s id is refused', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const mentor = await s.as('volunteer', 'villageA1');
    const other = await s.as('volunteer', 'villageA1');
    const vid = await insertVolunteer(s, 'villageA1', '孙老', mentor.userId);
    const otherVid = await insertVolunteer(s, 'villageA1', '李老', other.userId);
    const c = (await officer.post('/api/care-cases', caseInput(s, { idNumber: nextId(), name: '周小北' }))).body;
    const pair = (await officer.post(`/api/care-cases/${c.id}/mentorships`, { volunteerId: vid, startOn: daysAgo(20) })).body;
    const otherPair = (await officer.post(`/api/care-cases/${c.id}/mentorships`, { volunteerId: otherVid, startOn: daysAgo(20) })).body;
    const clientId = crypto.randomUUID();
    const body = { clientId, visitedOn: daysAgo(1), mode: 'home', content: '入户走访，孩子在家写作业' };
    // Sent twice at once (a returning connection while the first send is under way), then once more later.
    const [first, second] = await Promise.all([mentor.post(`/api/care-cases/mentees/${pair.id}/visits`, body), mentor.post(`/api/care-cases/mentees/${pair.id}/visits`, body)]);
    expect([first.status, second.status], first.text + second.text).toEqual([200, 200]);
    const third = await mentor.post(`/api/care-cases/mentees/${pair.id}/visits`, body);
    expect(third.status).toBe(200);
    expect(first.body).toEqual({ id: clientId, visitedOn: daysAgo(1), mode: 'home', nextContactDue: null });
    expect(second.body).toEqual(first.body);
    expect(third.body).toEqual(first.body);
    const db = s.platform.db;
    expect(await db.selectFrom('careVisit').select('id').where('caseId', '=', c.id).execute()).toEqual([{ id: clientId }]);
    expect(await db.selectFrom('volunteerService').select('hoursTenths').where('source', '=', 'visit').where('sourceId', '=', clientId).execute()).toHaveLength(1);
    expect(await auditRows(s, 'careCase.visit', c.id)).toHaveLength(1);
    // The same id from another mentor, or for another pair: refused, nothing written.
    const stolen = await other.post(`/api/care-cases/mentees/${otherPair.id}/visits`, body);
    expect(stolen.status).toBe(409);
    expect(stolen.body.code).toBe('CONFLICT');
    expect(await db.selectFrom('careVisit').select('id').where('caseId', '=', c.id).execute()).toHaveLength(1);
    expect((await mentor.post(`/api/care-cases/mentees/${pair.id}/visits`, { ...body, clientId: 'not-a-uuid' })).status).toBe(400);
  });

  it('assistance ledger: money in fen with a receipt upload; totals per kind, source, township and year', async () => {
    const officerA = await s.as('townshipOfficer', 'townshipA');
    const officerB = await s.as('townshipOfficer', 'townshipB');
    const a = (await officerA.post('/api/care-cases', caseInput(s, { idNumber: nextId() }))).body;
    const b = (await officerB.post('/api/care-cases', caseInput(s, { idNumber: nextId(), orgUnitId: s.tree.villageB1 }))).body;
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF')], { type: 'application/pdf' }), 'receipt.pdf');
    const up = await officerA.post('/api/uploads', form);
    expect(up.status).toBe(200);
    const help = await officerA.post(`/api/care-cases/${a.id}/assistance`, { kind: 'education', amountFen: 150000, fundingSource: '县关工委助学金', approvedBy: '县关工委办公室', paidOn: '2025-09-01', receiptUploadId: up.body.id });
    expect(help.status).toBe(200);
    expect(help.body).toMatchObject({ amountFen: 150000, receiptUploadId: up.body.id, recordedByName: expect.any(String) });
    await officerA.post(`/api/care-cases/${a.id}/assistance`, { kind: 'hardship', goods: '棉被两床', fundingSource: '民政局', approvedBy: '张局长', paidOn: '2026-01-10' });
    await officerB.post(`/api/care-cases/${b.id}/assistance`, { kind: 'employment', amountFen: 80000, fundingSource: '人社局', approvedBy: '李主任', paidOn: '2026-03-01', employmentResult: '入职县电子厂' });
    expect((await officerA.post(`/api/care-cases/${a.id}/assistance`, { kind: 'hardship', fundingSource: '民政局', approvedBy: '张局长', paidOn: '2026-01-10' })).status).toBe(400);
    expect((await officerA.post(`/api/care-cases/${a.id}/assistance`, { kind: 'hardship', amountFen: 12.5, fundingSource: '民政局', approvedBy: '张局长', paidOn: '2026-01-10' })).status).toBe(400);
    const foreignUpload = await officerB.post(`/api/care-cases/${b.id}/assistance`, { kind: 'employment', amountFen: 100, fundingSource: '人社局', approvedBy: '李主任', paidOn: '2026-03-01', receiptUploadId: up.body.id });
    expect(foreignUpload.status).toBe(404);
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    expect((await liaison.post(`/api/care-cases/${a.id}/assistance`, { kind: 'hardship', amountFen: 100, fundingSource: 'x', approvedBy: 'y', paidOn: '2026-01-10' })).status).toBe(403);
    expect(await auditRows(s, 'careCase.assistance', a.id)).toHaveLength(2);
    const sumA = await officerA.get('/api/care-cases/assistance/summary');
    expect(sumA.body.total).toEqual({ count: 2, amountFen: 150000, cases: 1 });
    expect(sumA.body.byTownship).toEqual([{ key: s.tree.townshipA, label: '东风镇', count: 2, amountFen: 150000 }]);
    const office = await s.as('countyOffice');
    const all = await office.get('/api/care-cases/assistance/summary');
    expect(all.body.total.amountFen).toBe(230000);
    expect(all.body.byYear).toEqual([{ key: '2025', label: '2025年', count: 1, amountFen: 150000 }, { key: '2026', label: '2026年', count: 2, amountFen: 80000 }]);
    expect(all.body.bySource.map((x: { key: string }) => x.key)).toEqual(['县关工委助学金', '人社局', '民政局']);
    const y2026 = await office.get('/api/care-cases/assistance/summary?year=2026&kind=employment');
    expect(y2026.body.total).toEqual({ count: 1, amountFen: 80000, cases: 1 });
    const leader = await s.as('countyLeader');
    expect((await leader.get('/api/care-cases/assistance/summary')).body.total.amountFen).toBe(230000);
    expect((await leader.get(`/api/care-cases/${a.id}/assistance`)).status).toBe(403);
  });

  it('outcomes: back in school, employed, no reoffending within 12 months, days intake → plan', async () => {
    const office = await s.as('countyOffice');
    const supervisor = await s.as('countyOffice');
    const mk = async (over: Record<string, unknown>) => (await office.post('/api/care-cases', caseInput(s, { idNumber: nextId(), orgUnitId: s.tree.villageB1, ...over }))).body;
    const before = (await office.get(`/api/care-cases/outcomes?orgUnitId=${s.tree.villageB1}`)).body;
    const offenderOld = await mk({ categories: ['offender'], intakeDate: daysAgo(400) });
    const offenderRe = await mk({ categories: ['offender'], intakeDate: daysAgo(500) });
    await office.post(`/api/care-cases/${offenderRe.id}/screenings`, { screenedOn: daysAgo(300), riskFound: true, reoffended: true, screenedBy: '派出所' });
    const dropout = await mk({ categories: ['dropout'] });
    for (const to of ['assessment', 'plan', 'in_progress']) await office.post(`/api/care-cases/${dropout.id}/transition`, { to });
    await office.post(`/api/care-cases/${dropout.id}/closure-request`, { outcome: 'back_in_school' });
    await supervisor.post(`/api/care-cases/${dropout.id}/closure-decision`, { approve: true });
    const res = await office.get(`/api/care-cases/outcomes?orgUnitId=${s.tree.villageB1}`);
    expect(res.status).toBe(200);
    expect(res.body.cases - before.cases).toBe(3);
    expect(res.body.backInSchool - before.backInSchool).toBe(1);
    expect(res.body.offenderCasesFollowed12m - before.offenderCasesFollowed12m).toBe(2);
    expect(res.body.noReoffending12m - before.noReoffending12m).toBe(1);
    expect(res.body.avgDaysIntakeToPlan).not.toBeNull();
    expect(offenderOld.id).toBeTruthy();
    const officerA = await s.as('townshipOfficer', 'townshipA');
    const scoped = (await officerA.get(`/api/care-cases/outcomes?orgUnitId=${s.tree.villageB1}`));
    expect(scoped.status).toBe(404);
  });
});
