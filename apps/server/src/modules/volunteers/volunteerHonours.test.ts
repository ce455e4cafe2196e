import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const auditOf = (s: TestServer, event: string, objectId: string) =>
  s.platform.db.selectFrom('auditEvent').select(['detail', 'summary']).where('event', '=', event).where('objectId', '=', objectId).execute();

describe('volunteer honours (表彰/荣誉)', () => {
  let s: TestServer;
  let officer: Awaited<ReturnType<TestServer['as']>>;
  let zhang: string;
  let evidence: string;
  let honourId: string;
  beforeAll(async () => {
    s = await startTestServer();
    officer = await s.as('townshipOfficer', 'townshipA');
    zhang = (await officer.post('/api/volunteers', { orgUnitId: s.tree.villageA1, category: 'teacher', name: '张三丰', sex: 'male', birthDate: '1950-02-03' })).body.id;
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), '表彰决定.pdf');
    evidence = (await officer.post('/api/uploads', fd)).body.id;
  });
  afterAll(() => s.close());

  it('adds an honour with evidence, validates input, audits it and lists it', async () => {
    const bad = await officer.post(`/api/volunteers/${zhang}/honours`, { title: '', level: 'galactic', awardedOn: '2999-01-01', extra: 1 });
    expect(bad.status).toBe(400);
    const ok = await officer.post(`/api/volunteers/${zhang}/honours`, { title: '全国关心下一代工作先进个人', level: 'national', awardedBy: '中国关心下一代工作委员会', awardedOn: '2025-06-01', evidenceUploadId: evidence });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ title: '全国关心下一代工作先进个人', level: 'national', onCertificate: true, evidence: { id: evidence, originalName: '表彰决定.pdf' }, actions: ['update', 'delete'] });
    honourId = ok.body.id;
    const hidden = await officer.post(`/api/volunteers/${zhang}/honours`, { title: '镇优秀志愿者', level: 'township', awardedOn: '2024-03-01', onCertificate: false });
    expect(hidden.status).toBe(200);
    const list = await officer.get(`/api/volunteers/${zhang}/honours`);
    expect(list.body.map((h: { title: string }) => h.title)).toEqual(['全国关心下一代工作先进个人', '镇优秀志愿者']);
    const rows = await auditOf(s, 'volunteer.honour.add', zhang);
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows[0].detail!).after).toMatchObject({ title: '全国关心下一代工作先进个人', level: 'national', evidenceUploadId: evidence });
  });

  it('keeps other people’s files and out-of-scope volunteers out', async () => {
    const other = await s.as('townshipOfficer', 'townshipB');
    expect((await other.get(`/api/volunteers/${zhang}/honours`)).status).toBe(404);
    expect((await other.post(`/api/volunteers/${zhang}/honours`, { title: '某荣誉', level: 'county', awardedOn: '2024-01-01' })).status).toBe(404);
    expect((await other.delete(`/api/volunteers/${zhang}/honours/${honourId}`)).status).toBe(404);
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'b.pdf');
    const foreign = (await other.post('/api/uploads', fd)).body.id;
    const res = await officer.post(`/api/volunteers/${zhang}/honours`, { title: '某荣誉', level: 'county', awardedOn: '2024-01-01', evidenceUploadId: foreign });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('UPLOAD_NOT_FOUND');
    const reader = await s.as('countyLeader');
    const seen = await reader.get(`/api/volunteers/${zhang}/honours`);
    if (seen.status === 200) {
      expect(seen.body[0].actions).toEqual([]);
      expect((await reader.post(`/api/volunteers/${zhang}/honours`, { title: '某荣誉', level: 'county', awardedOn: '2024-01-01' })).status).toBe(403);
    } else expect(seen.status).toBe(403);
  });

  it('lists honours marked for the certificate within its period', async () => {
    const res = await officer.get(`/api/volunteers/${zhang}/certificate?from=2024-01-01&to=2025-12-31`);
    expect(res.status).toBe(200);
    const text = (await (await JSZip.loadAsync(res.body as Buffer)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('三、表彰奖励');
    expect(text).toContain('2025年6月1日，全国关心下一代工作先进个人（国家级，中国关心下一代工作委员会授予）');
    expect(text).not.toContain('镇优秀志愿者');
    const before = await officer.get(`/api/volunteers/${zhang}/certificate?from=2024-01-01&to=2024-12-31`);
    const text2 = (await (await JSZip.loadAsync(before.body as Buffer)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text2).not.toContain('表彰奖励');
  });

  it('edits and deletes an honour with before/after in the audit trail', async () => {
    const edited = await officer.patch(`/api/volunteers/${zhang}/honours/${honourId}`, { level: 'provincial', evidenceUploadId: null });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ level: 'provincial', evidence: null });
    expect(edited.body.updatedAt).not.toBeNull();
    const [upd] = await auditOf(s, 'volunteer.honour.update', zhang);
    expect(JSON.parse(upd.detail!)).toMatchObject({ honourId, before: { level: 'national', evidenceUploadId: evidence }, after: { level: 'provincial', evidenceUploadId: null } });
    expect((await officer.patch(`/api/volunteers/${zhang}/honours/${crypto.randomUUID()}`, { level: 'city' })).status).toBe(404);
    expect((await officer.delete(`/api/volunteers/${zhang}/honours/${honourId}`)).status).toBe(200);
    expect((await officer.delete(`/api/volunteers/${zhang}/honours/${honourId}`)).status).toBe(404);
    const left = await s.platform.db.selectFrom('volunteerHonour').select('id').where('volunteerId', '=', zhang).execute();
    expect(left).toHaveLength(1);
    const [del] = await auditOf(s, 'volunteer.honour.delete', zhang);
    expect(JSON.parse(del.detail!).before).toMatchObject({ title: '全国关心下一代工作先进个人', level: 'provincial' });
  });
});
