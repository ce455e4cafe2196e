import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditRows, birthYearsAgo, caseInput, fakeIdNumber, insertVolunteer } from './testSupport.js';

let seq = 700;
const nextId = () => fakeIdNumber(birthYearsAgo(17), (seq += 2));
const yearsAgo = (n: number) => new Date(Date.now() - n * 366 * 86_400_000).toISOString();
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('care cases: retention (D24), data-subject requests, ending a pairing', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  async function closedCase(closedYearsAgo: number) {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const c = (await officer.post('/api/care-cases', caseInput(s, { idNumber: nextId() }))).body;
    await officer.post(`/api/care-cases/${c.id}/visits`, { visitedOn: today(), mode: 'home', content: '入户了解家庭情况，父亲酗酒' });
    await officer.post(`/api/care-cases/${c.id}/screenings`, { screenedOn: today(), riskFound: true, description: '夜不归宿', handling: '约谈', screenedBy: '李专干' });
    await s.platform.db.updateTable('careCase').set({ status: 'closed', closedAt: yearsAgo(closedYearsAgo), outcome: 'stable', outcomeNote: '已稳定，住址不变' }).where('id', '=', c.id).execute();
    return c as { id: string; birthDate: string; sex: string };
  }

  it('retention period is a setting (1–30 years, default 5); the daily job anonymises closed cases past it and keeps the aggregates', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    expect((await officer.get('/api/care-cases/settings')).body).toMatchObject({ warnDays: 14, overdueDays: 30, retentionYears: 5 });
    expect((await officer.put('/api/care-cases/settings', { warnDays: 14, overdueDays: 30, retentionYears: 0 })).status).toBe(400);
    const saved = await officer.put('/api/care-cases/settings', { warnDays: 14, overdueDays: 30, retentionYears: 3 });
    expect(saved.status).toBe(200);
    expect(saved.body.retentionYears).toBe(3);
    // A client that sends only the alert days keeps the period.
    await officer.put('/api/care-cases/settings', { warnDays: 14, overdueDays: 30 });
    expect((await officer.get('/api/care-cases/settings')).body.retentionYears).toBe(3);

    const old = await closedCase(4);
    const recent = await closedCase(1);
    const open = (await officer.post('/api/care-cases', caseInput(s, { idNumber: nextId() }))).body;
    const before = await s.platform.db.selectFrom('careCase').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow();
    const result = await s.platform.jobs.runOne('careCaseRetention', true);
    expect(result).toMatchObject({ status: 'success' });

    const row = await s.platform.db.selectFrom('careCase').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: '（已匿名）', idNumberBidx: null, phoneEnc: null, householdAddressEnc: null, currentAddressEnc: null, guardianPhoneEnc: null,
      familySituationEnc: null, guardianName: null, schoolOrWork: null, outcomeNote: null,
      // Aggregates stay: sex, birth year, org unit, risk, status, outcome, dates.
      sex: before.sex, orgUnitId: before.orgUnitId, riskLevel: before.riskLevel, status: 'closed', outcome: 'stable', intakeDate: before.intakeDate,
      birthDate: `${before.birthDate.slice(0, 4)}-01-01`,
    });
    expect(row.anonymizedAt).toBeTruthy();
    const cats = await s.platform.db.selectFrom('careCaseCategory').select('category').where('caseId', '=', old.id).execute();
    expect(cats.map((c) => c.category).sort()).toEqual(['dropout', 'unsupervised']);
    const screening = await s.platform.db.selectFrom('careCaseScreening').selectAll().where('caseId', '=', old.id).executeTakeFirstOrThrow();
    expect([screening.descriptionEnc, screening.handlingEnc, screening.riskFound]).toEqual([null, null, 1]);
    const visits = await officer.get(`/api/care-cases/${old.id}/visits`);
    expect(visits.body).toHaveLength(1);
    expect(visits.body[0]).toMatchObject({ content: '（已匿名）', mode: 'home', photoUploadIds: [] });
    const audit = await auditRows(s, 'careCase.anonymize', old.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toContain('3 年');

    // Recent and open cases are untouched.
    for (const id of [recent.id, open.id]) {
      const r = await s.platform.db.selectFrom('careCase').select(['name', 'anonymizedAt', 'phoneEnc']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(r).toMatchObject({ name: '李小明', anonymizedAt: null });
      expect(r.phoneEnc).toBeTruthy();
    }
    // The anonymised record reads as such and can no longer be reopened or unmasked.
    const detail = await officer.get(`/api/care-cases/${old.id}`);
    expect(detail.body).toMatchObject({ name: '（已匿名）', idNumber: '（已匿名）', phone: null, familySituation: null });
    expect(detail.body.anonymizedAt).toBeTruthy();
    expect(detail.body.actions).not.toContain('reopen');
    expect(detail.body.actions).not.toContain('unmask');
    expect((await officer.post(`/api/care-cases/${old.id}/transition`, { to: 'reopened' })).status).toBe(409);
    // A second run finds nothing more to do.
    await s.platform.jobs.runOne('careCaseRetention', true);
    expect(await auditRows(s, 'careCase.anonymize', old.id)).toHaveLength(1);
    await officer.put('/api/care-cases/settings', { warnDays: 14, overdueDays: 30, retentionYears: 5 });
  });

  it('registers view/correct/delete requests with who asked, when and what; decision and done; scope, permission and audit', async () => {
    const officerA = await s.as('townshipOfficer', 'townshipA');
    const officerB = await s.as('townshipOfficer', 'townshipB');
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    const c = (await officerA.post('/api/care-cases', caseInput(s, { idNumber: nextId() }))).body;
    const body = { caseId: c.id, kind: 'correct', requesterName: '李大山', requesterRelation: 'guardian', receivedOn: today(), details: '更正常住地为县城安置小区' };
    expect((await liaison.post('/api/care-cases/data-requests', body)).status).toBe(403);
    expect((await officerB.post('/api/care-cases/data-requests', body)).status).toBe(404);
    const bad = await officerA.post('/api/care-cases/data-requests', { ...body, kind: 'erase', receivedOn: '2026-02-30' });
    expect(bad.status).toBe(400);
    const created = await officerA.post('/api/care-cases/data-requests', body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ caseId: c.id, kind: 'correct', requesterName: '李大山', status: 'received', actions: ['decide'] });
    const raw = await s.platform.db.selectFrom('careDataRequest').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(raw.requesterNameEnc).not.toContain('李大山');
    expect(raw.detailsEnc).not.toContain('安置');
    expect(await auditRows(s, 'careCase.dataRequest', created.body.id)).toHaveLength(1);

    const listA = await officerA.get('/api/care-cases/data-requests?status=received&sort=-receivedOn');
    expect(listA.body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);
    expect((await officerB.get('/api/care-cases/data-requests')).body.items.map((r: { id: string }) => r.id)).not.toContain(created.body.id);
    expect((await officerB.post(`/api/care-cases/data-requests/${created.body.id}/decision`, { approve: true })).status).toBe(404);
    expect((await officerA.post(`/api/care-cases/data-requests/${created.body.id}/done`, { doneOn: today() })).status).toBe(409);

    const approved = await officerA.post(`/api/care-cases/data-requests/${created.body.id}/decision`, { approve: true, note: '核实属实' });
    expect(approved.body).toMatchObject({ status: 'approved', decisionNote: '核实属实', actions: ['done'] });
    expect((await officerA.post(`/api/care-cases/data-requests/${created.body.id}/decision`, { approve: false })).status).toBe(409);
    // Only a deletion of a closed case may anonymise it now.
    expect((await officerA.post(`/api/care-cases/data-requests/${created.body.id}/done`, { doneOn: today(), anonymize: true })).status).toBe(409);
    const done = await officerA.post(`/api/care-cases/data-requests/${created.body.id}/done`, { doneOn: today(), note: '已更正' });
    expect(done.body).toMatchObject({ status: 'done', doneOn: today(), doneNote: '已更正', actions: [] });
    expect(await auditRows(s, 'careCase.dataRequestDecision', created.body.id)).toHaveLength(1);
    expect(await auditRows(s, 'careCase.dataRequestDone', created.body.id)).toHaveLength(1);

    const xlsx = await officerA.get('/api/care-cases/data-requests/export');
    expect(xlsx.status).toBe(200);
    expect(await auditRows(s, 'careCase.dataRequestExport')).toHaveLength(1);

    // A deletion request on a closed case, carried out by anonymising it at once.
    const closed = await closedCase(0);
    const del = (await officerA.post('/api/care-cases/data-requests', { ...body, caseId: closed.id, kind: 'delete', requesterRelation: 'self', details: '要求删除本人信息' })).body;
    await officerA.post(`/api/care-cases/data-requests/${del.id}/decision`, { approve: true });
    const erased = await officerA.post(`/api/care-cases/data-requests/${del.id}/done`, { doneOn: today(), anonymize: true });
    expect(erased.status).toBe(200);
    expect(erased.body.caseName).toBe('（已匿名）');
    const audits = await auditRows(s, 'careCase.anonymize', closed.id);
    expect(audits).toHaveLength(1);
    expect(JSON.parse(String(audits[0].detail))).toMatchObject({ reason: 'dataRequest', requestId: del.id });
  });

  it('visit photos: images by content only, uploads the caller may see; listed with the visit', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const officerB = await s.as('townshipOfficer', 'townshipB');
    const c = (await officer.post('/api/care-cases', caseInput(s, { idNumber: nextId() }))).body;
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201f5e2ba1a0000000049454e44ae426082', 'hex'),
    ]);
    const up = async (client: typeof officer, bytes: Buffer, name: string, type: string) => {
      const fd = new FormData();
      fd.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
      return client.post('/api/uploads', fd);
    };
    const photo = (await up(officer, png, '走访.png', 'image/png')).body.id as string;
    const pdf = (await up(officer, Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'), '走访.pdf', 'application/pdf')).body.id as string;
    const foreign = (await up(officerB, png, '别处.png', 'image/png')).body.id as string;
    const visit = { visitedOn: today(), mode: 'home', content: '入户走访' };
    expect((await officer.post(`/api/care-cases/${c.id}/visits`, { ...visit, photoUploadIds: [pdf] })).status).toBe(415);
    expect((await officer.post(`/api/care-cases/${c.id}/visits`, { ...visit, photoUploadIds: [foreign] })).status).toBe(404);
    const ok = await officer.post(`/api/care-cases/${c.id}/visits`, { ...visit, photoUploadIds: [photo] });
    expect(ok.status).toBe(200);
    expect(ok.body.photoUploadIds).toEqual([photo]);
    expect((await officer.get(`/api/care-cases/${c.id}/visits`)).body).toHaveLength(1);
  });

  it('ends a pairing with a date and a reason (audited, on the timeline); ending it twice is refused', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const c = (await officer.post('/api/care-cases', caseInput(s, { idNumber: nextId() }))).body;
    const vol = await insertVolunteer(s, 'villageA1', '赵老师');
    const pair = (await officer.post(`/api/care-cases/${c.id}/mentorships`, { volunteerId: vol, role: 'lead', startOn: '2026-01-05' })).body;
    expect((await officer.post(`/api/care-cases/${c.id}/mentorships/${pair.id}/end`, { endOn: '2025-12-01' })).status).toBe(400);
    const long = 'x'.repeat(201);
    expect((await officer.post(`/api/care-cases/${c.id}/mentorships/${pair.id}/end`, { endOn: today(), reason: long })).status).toBe(400);
    const ended = await officer.post(`/api/care-cases/${c.id}/mentorships/${pair.id}/end`, { endOn: today(), reason: '志愿者身体原因' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ endOn: today(), endReason: '志愿者身体原因' });
    expect((await officer.post(`/api/care-cases/${c.id}/mentorships/${pair.id}/end`, { endOn: today() })).status).toBe(409);
    const audit = await auditRows(s, 'careCase.unpair', c.id);
    expect(JSON.parse(String(audit[0].detail))).toMatchObject({ after: { endOn: today(), reason: '志愿者身体原因' } });
    const timeline = (await officer.get(`/api/care-cases/${c.id}/timeline`)).body as { kind: string; detail: string | null }[];
    expect(timeline.find((e) => e.kind === 'mentorshipEnded')?.detail).toBe('志愿者身体原因');
  });
});
