import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditRows, birthYearsAgo, caseInput, fakeIdNumber } from './testSupport.js';

describe('care cases: the young person and the case', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('creates a case: birth date and sex derived from the ID number, personal fields encrypted, audit row masked', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const idNumber = fakeIdNumber(birthYearsAgo(16), 13);
    const res = await officer.post('/api/care-cases', caseInput(s, { idNumber, name: '赵小军' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.body).toMatchObject({ name: '赵小军', sex: 'male', status: 'intake', categories: expect.arrayContaining(['dropout', 'unsupervised']), orgUnitName: '东风村', riskLevel: 'medium' });
    expect(res.body.birthDate).toBe(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`);
    // The categories come with the record in one order (by code) wherever it is read: detail, list page, duplicates.
    const three = await officer.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber(birthYearsAgo(15), 17), name: '褚三样', categories: ['unsupervised', 'bereaved', 'dropout'] }));
    expect(three.status).toBe(200);
    const sorted = ['bereaved', 'dropout', 'unsupervised'];
    expect(three.body.categories).toEqual(sorted);
    expect((await officer.get(`/api/care-cases/${three.body.id}`)).body.categories).toEqual(sorted);
    const listed = await officer.get(`/api/care-cases?q=${encodeURIComponent('褚三样')}`);
    expect(listed.body.items.map((i: { categories: string[] }) => i.categories)).toEqual([sorted]);
    // B12: masked in JSON even for a role that may unmask.
    expect(res.body.idNumber).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    expect(res.body.phone).toBe('138****5678');
    expect(res.body.householdAddress).not.toContain('12号');
    expect(res.body.actions).toEqual(expect.arrayContaining(['update', 'transition', 'unmask']));
    const row = await s.platform.db.selectFrom('careCase').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    for (const v of [row.idNumberEnc, row.phoneEnc, row.householdAddressEnc, row.guardianPhoneEnc, row.familySituationEnc]) {
      expect(v).toBeTruthy();
      expect(v).not.toContain(idNumber);
      expect(v).not.toContain('138');
    }
    expect(row.namePinyin).toBe('zhaoxiaojun');
    const audit = await auditRows(s, 'careCase.create', res.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).not.toContain(idNumber);
    expect(audit[0].detail).not.toContain('赵小军');
    expect(audit[0].summary).toContain('赵*军');
  });

  it('E25 rejects a bad ID number (check digit, birth date), unknown keys and a bad phone with Chinese messages', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const good = fakeIdNumber('20100101', 21);
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const r1 = await officer.post('/api/care-cases', caseInput(s, { idNumber: badCheck }));
    expect(r1.status).toBe(400);
    expect(r1.body.details.find((d: { path: string }) => d.path === 'idNumber').message).toMatch(/校验位/);
    const r2 = await officer.post('/api/care-cases', caseInput(s, { idNumber: '360781201302300011' }));
    expect(r2.status).toBe(400);
    expect(JSON.stringify(r2.body)).toMatch(/出生日期/);
    const r3 = await officer.post('/api/care-cases', { ...caseInput(s), hasOffence: true });
    expect(r3.status).toBe(400);
    const r4 = await officer.post('/api/care-cases', caseInput(s, { phone: '12345' }));
    expect(r4.status).toBe(400);
    expect(JSON.stringify(r4.body)).toMatch(/电话号码格式不正确/);
    const r5 = await officer.post('/api/care-cases', caseInput(s, { categories: [] }));
    expect(r5.status).toBe(400);
    expect(await s.platform.db.selectFrom('careCase').select('id').where('name', '=', '李小明').execute()).toHaveLength(0);
  });

  it('D24 a child under 14 needs guardian consent or a legal basis', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const idNumber = fakeIdNumber(birthYearsAgo(10), 31);
    const missing = await officer.post('/api/care-cases', caseInput(s, { idNumber, name: '孙小妹' }));
    expect(missing.status).toBe(400);
    expect(missing.body.details).toContainEqual({ path: 'guardianConsent', message: expect.stringContaining('未满14周岁') });
    const ok = await officer.post('/api/care-cases', caseInput(s, { idNumber, name: '孙小妹', guardianConsent: true }));
    expect(ok.status).toBe(200);
    expect(ok.body.guardianConsent).toBe(true);
    const withBasis = await officer.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber(birthYearsAgo(9), 33), name: '孙小弟', legalBasis: '《未成年人保护法》第九十二条' }));
    expect(withBasis.status).toBe(200);
    // Removing the consent afterwards is refused as well.
    const clear = await officer.patch(`/api/care-cases/${ok.body.id}`, { guardianConsent: false });
    expect(clear.status).toBe(400);
  });

  it('B11 another township\'s case by id answers 404, and lists show only in-scope cases', async () => {
    const officerA = await s.as('townshipOfficer', 'townshipA');
    const officerB = await s.as('townshipOfficer', 'townshipB');
    const a = await officerA.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber(birthYearsAgo(17), 41), name: '钱东东' }));
    const b = await officerB.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber(birthYearsAgo(17), 43), name: '钱西西', orgUnitId: s.tree.villageB1 }));
    expect(b.status).toBe(200);
    expect((await officerA.get(`/api/care-cases/${b.body.id}`)).status).toBe(404);
    expect((await officerA.get(`/api/care-cases/${b.body.id}/timeline`)).status).toBe(404);
    expect((await officerA.patch(`/api/care-cases/${b.body.id}`, { riskLevel: 'high' })).status).toBe(404);
    expect((await officerA.post(`/api/care-cases/${b.body.id}/unmask`, { field: 'idNumber' })).status).toBe(404);
    const outside = await officerA.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber(birthYearsAgo(17), 45), orgUnitId: s.tree.villageB1 }));
    expect(outside.status).toBe(404);
    const listA = await officerA.get('/api/care-cases?pageSize=100');
    expect(listA.body.items.map((i: { id: string }) => i.id)).toContain(a.body.id);
    expect(listA.body.items.map((i: { id: string }) => i.id)).not.toContain(b.body.id);
    const liaison = await s.as('grassrootsLiaison', 'villageA2');
    expect((await liaison.get(`/api/care-cases/${a.body.id}`)).status).toBe(404);
    const office = await s.as('countyOffice');
    const all = await office.get('/api/care-cases?pageSize=100&q=qian');
    expect(all.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['钱东东', '钱西西']);
  });

  it('C17 opening a case writes a careCase.view audit row; unmasking one field is logged (B12)', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const idNumber = fakeIdNumber(birthYearsAgo(15), 51);
    const c = await officer.post('/api/care-cases', caseInput(s, { idNumber, name: '周小燕' }));
    const before = (await auditRows(s, 'careCase.view', c.body.id)).length;
    const view = await officer.get(`/api/care-cases/${c.body.id}`);
    expect(view.status).toBe(200);
    expect(view.body.familySituation).toContain('祖父母');
    expect(await auditRows(s, 'careCase.view', c.body.id)).toHaveLength(before + 1);
    const un = await officer.post(`/api/care-cases/${c.body.id}/unmask`, { field: 'idNumber' });
    expect(un.status).toBe(200);
    expect(un.body).toEqual({ field: 'idNumber', value: idNumber });
    const log = await auditRows(s, 'careCase.unmask', c.body.id);
    expect(log).toHaveLength(1);
    expect(log[0].detail).toContain('idNumber');
    expect(log[0].detail).not.toContain(idNumber);
    // A liaison has no unmask permission: 403 before anything else.
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    expect((await liaison.post(`/api/care-cases/${c.body.id}/unmask`, { field: 'phone' })).status).toBe(403);
    // The county leader sees no person-level data at all.
    const leader = await s.as('countyLeader');
    expect((await leader.get(`/api/care-cases/${c.body.id}`)).status).toBe(403);
    expect((await leader.get('/api/care-cases')).status).toBe(403);
    expect((await leader.get('/api/care-cases/outcomes')).status).toBe(200);
  });

  it('search before create: exact ID, name + birth date, and homophones (张伟/章伟), scope-filtered', async () => {
    const officerA = await s.as('townshipOfficer', 'townshipA');
    const officerB = await s.as('townshipOfficer', 'townshipB');
    const id1 = fakeIdNumber('20090315', 61);
    const zhang = await officerA.post('/api/care-cases', caseInput(s, { idNumber: id1, name: '张伟' }));
    expect(zhang.status).toBe(200);
    await officerB.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber('20090315', 63), name: '张伟', orgUnitId: s.tree.villageB1 }));
    const byId = await officerA.post('/api/care-cases/duplicates', { idNumber: id1, name: '张三' });
    expect(byId.status).toBe(200);
    expect(byId.body).toHaveLength(1);
    expect(byId.body[0]).toMatchObject({ id: zhang.body.id, matchedBy: ['idNumber'] });
    const byNameBirth = await officerA.post('/api/care-cases/duplicates', { name: '张伟', birthDate: '2009-03-15' });
    expect(byNameBirth.body.map((d: { id: string }) => d.id)).toEqual([zhang.body.id]);
    expect(byNameBirth.body[0].matchedBy).toEqual(['nameBirthDate', 'pinyin']);
    const homophone = await officerA.post('/api/care-cases/duplicates', { name: '章伟' });
    expect(homophone.body.map((d: { name: string; matchedBy: string[] }) => [d.name, d.matchedBy])).toEqual([['张伟', ['pinyin']]]);
    // No silent duplicates: the same ID number again is refused.
    const dup = await officerA.post('/api/care-cases', caseInput(s, { idNumber: id1, name: '张伟' }));
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('CARE_CASE_DUPLICATE');
    const elsewhere = await officerB.post('/api/care-cases', caseInput(s, { idNumber: id1, name: '张伟', orgUnitId: s.tree.villageB1 }));
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.code).toBe('CARE_CASE_DUPLICATE_ELSEWHERE');
    expect(JSON.stringify(elsewhere.body)).not.toContain(zhang.body.id);
    const bad = await officerA.post('/api/care-cases/duplicates', { name: '张伟', idNumber: '123' });
    expect(bad.status).toBe(400);
  });

  it('merges a duplicate: work moves over, the source is marked merged and leaves the list', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const target = await officer.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber('20080808', 71), name: '吴晓', categories: ['dropout'] }));
    const source = await officer.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber('20080808', 73), name: '吴晓', categories: ['bereaved'] }));
    await officer.post(`/api/care-cases/${source.body.id}/needs`, { kind: 'education', description: '需要学费资助' });
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    expect((await liaison.post(`/api/care-cases/${target.body.id}/merge`, { sourceId: source.body.id, reason: '同一人录入两次' })).status).toBe(403);
    const merged = await officer.post(`/api/care-cases/${target.body.id}/merge`, { sourceId: source.body.id, reason: '同一人录入两次' });
    expect(merged.status).toBe(200);
    expect(merged.body.categories.sort()).toEqual(['bereaved', 'dropout']);
    const needs = await officer.get(`/api/care-cases/${target.body.id}/needs`);
    expect(needs.body).toHaveLength(1);
    const src = await s.platform.db.selectFrom('careCase').selectAll().where('id', '=', source.body.id).executeTakeFirstOrThrow();
    expect(src).toMatchObject({ status: 'merged', mergedIntoId: target.body.id, idNumberBidx: null });
    const list = await officer.get('/api/care-cases?pageSize=100&q=吴晓');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([target.body.id]);
    expect(await auditRows(s, 'careCase.merge', target.body.id)).toHaveLength(1);
    const again = await officer.post(`/api/care-cases/${target.body.id}/merge`, { sourceId: source.body.id, reason: '再次合并' });
    expect(again.status).toBe(400);
  });

  it('lists with filters, pinyin and ID search; sort allowlist (E26)', async () => {
    const office = await s.as('countyOffice');
    const idNumber = fakeIdNumber('20070707', 81);
    const c = await office.post('/api/care-cases', caseInput(s, { idNumber, name: '郑好', categories: ['unemployed'], riskLevel: 'high', orgUnitId: s.tree.villageB1 }));
    const byId = await office.get(`/api/care-cases?q=${idNumber}`);
    expect(byId.body.items.map((i: { id: string }) => i.id)).toEqual([c.body.id]);
    const byCat = await office.get('/api/care-cases?category=unemployed&riskLevel=high&pageSize=100');
    expect(byCat.body.items.map((i: { id: string }) => i.id)).toContain(c.body.id);
    expect(byCat.body.items.every((i: { categories: string[] }) => i.categories.includes('unemployed'))).toBe(true);
    const under = await office.get(`/api/care-cases?orgUnitId=${s.tree.townshipB}&pageSize=100`);
    expect(under.body.items.every((i: { orgUnitId: string }) => i.orgUnitId === s.tree.villageB1)).toBe(true);
    // A node outside the caller's scope, or none at all, is not found (the filter reads the kept org nodes).
    const officerA = await s.as('townshipOfficer', 'townshipA');
    expect((await officerA.get(`/api/care-cases?orgUnitId=${s.tree.townshipA}`)).status).toBe(200);
    const outside = await officerA.get(`/api/care-cases?orgUnitId=${s.tree.townshipB}`);
    expect([outside.status, outside.body.code]).toEqual([404, 'ORG_UNIT_NOT_FOUND']);
    expect((await officerA.get(`/api/care-cases?orgUnitId=${crypto.randomUUID()}`)).body.code).toBe('ORG_UNIT_NOT_FOUND');
    expect((await office.get('/api/care-cases?sort=idNumberEnc')).status).toBe(400);
    const inj = await office.get(`/api/care-cases?q=${encodeURIComponent("' OR 1=1 --")}`);
    expect(inj.status).toBe(200);
    expect(inj.body.total).toBe(0);
  });

  it('edits a case with masked before/after in the audit trail', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const c = await officer.post('/api/care-cases', caseInput(s, { idNumber: fakeIdNumber('20090909', 91), name: '冯明' }));
    const res = await officer.patch(`/api/care-cases/${c.body.id}`, { phone: '13700001111', riskLevel: 'high', categories: ['offender'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ riskLevel: 'high', categories: ['offender'], phone: '137****1111' });
    const [row] = await auditRows(s, 'careCase.update', c.body.id);
    expect(row.detail).not.toContain('13700001111');
    expect(JSON.parse(row.detail!)).toMatchObject({ before: { riskLevel: 'medium' }, after: { riskLevel: 'high', phone: '（已修改）' } });
  });
});
