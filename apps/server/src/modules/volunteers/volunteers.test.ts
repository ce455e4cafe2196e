import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { idNumberCheckChar } from '@gg/shared';

/** A valid 18-character ID number for a birth date (YYYYMMDD) and a sequence (odd = male). */
export function makeIdNumber(birth: string, seq = '123'): string {
  const first17 = `360123${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

describe('volunteer registry', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('E25 validates the form: bad ID number, missing birth date without one, unknown keys, mismatched sex', async () => {
    const office = await s.as('countyOffice');
    const base = { orgUnitId: s.tree.villageA1, category: 'teacher', name: '李老师' };
    const badId = await office.post('/api/volunteers', { ...base, idNumber: '360123195001011230' });
    expect(badId.status).toBe(400);
    expect(JSON.stringify(badId.body.details)).toContain('校验位');
    const noBirth = await office.post('/api/volunteers', base);
    expect(noBirth.status).toBe(400);
    expect(noBirth.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['birthDate', 'sex']);
    expect((await office.post('/api/volunteers', { ...base, sex: 'male', birthDate: '1950-01-01', salary: 1 })).status).toBe(400);
    const mismatch = await office.post('/api/volunteers', { ...base, idNumber: makeIdNumber('19500101', '124'), sex: 'male' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.details[0]).toMatchObject({ path: 'sex', message: '性别与身份证号不一致' });
    expect((await office.post('/api/volunteers', { ...base, category: 'soldier', sex: 'male', birthDate: '1950-01-01' })).status).toBe(400);
    expect(await s.platform.db.selectFrom('volunteer').select('id').execute()).toHaveLength(0);
  });

  it('D20 registers a volunteer: birth date and sex from the ID number, ID and phone encrypted, audit masked, duplicates refused', async () => {
    const office = await s.as('countyOffice');
    const idNumber = makeIdNumber('19480315', '135');
    const created = await office.post('/api/volunteers', {
      orgUnitId: s.tree.villageA1, category: 'cadre', name: '张三丰', idNumber: idNumber.toLowerCase(), phone: '13812345678',
      formerPost: '县教育局副局长', specialties: ['lecturing', 'history', 'lecturing'], committeePost: 'member', joinDate: '2015-06-01',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: '张三丰', sex: 'male', birthDate: '1948-03-15', idNumber: `3601**********${idNumber.slice(-4)}`, phone: '138****5678',
      orgUnitName: '东风村', townshipName: '东风镇', specialties: ['history', 'lecturing'], status: 'active', totalHours: 0, stars: 0,
    });
    expect(created.body.actions).toEqual(expect.arrayContaining(['update', 'changeStatus', 'addService', 'unmask', 'certificate']));
    const row = await s.platform.db.selectFrom('volunteer').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(row.idNumberEnc).not.toContain(idNumber);
    expect(row.phoneEnc).not.toContain('13812345678');
    expect(row.idNumberBidx).toBeTruthy();
    expect(row).toMatchObject({ namePinyin: 'zhangsanfeng', nameInitials: 'zsf', createdBy: office.userId });
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'volunteer.create').where('objectId', '=', created.body.id).executeTakeFirstOrThrow();
    expect(audit.detail).not.toContain(idNumber);
    expect(audit.detail).not.toContain('13812345678');
    expect(audit.detail).toContain('138****5678');
    // The register's list shows the masked phone and carries no ID number at all; the detail keeps it masked.
    const listed = await office.get('/api/volunteers?q=zsf');
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.body.id, idNumber: null, phone: '138****5678' })]);
    const byId = await office.get(`/api/volunteers?q=${idNumber}`);
    expect(byId.body.items).toEqual([expect.objectContaining({ id: created.body.id, idNumber: null })]);
    expect((await office.get(`/api/volunteers/${created.body.id}`)).body.idNumber).toBe(`3601**********${idNumber.slice(-4)}`);

    const dupId = await office.post('/api/volunteers', { orgUnitId: s.tree.villageB1, category: 'teacher', name: '张三', idNumber });
    expect(dupId.status).toBe(409);
    expect(dupId.body.code).toBe('VOLUNTEER_DUPLICATE');
    const dupName = await office.post('/api/volunteers', { orgUnitId: s.tree.villageA2, category: 'teacher', name: '张三丰', sex: 'male', birthDate: '1948-03-15' });
    expect(dupName.status).toBe(409);
    // Same name and birth date but a different ID number on both sides: two people.
    const other = await office.post('/api/volunteers', { orgUnitId: s.tree.villageA2, category: 'teacher', name: '张三丰', idNumber: makeIdNumber('19480315', '157') });
    expect(other.status).toBe(200);
    expect(await s.platform.db.selectFrom('volunteer').select('id').where('name', '=', '张三丰').execute()).toHaveLength(2);
  });

  it('searches by name, full pinyin and initials (zsf finds 张三丰), ID number, and filters by category, specialty, org subtree, age band, status', async () => {
    const office = await s.as('countyOffice');
    const add = async (body: Record<string, unknown>) => {
      const r = await office.post('/api/volunteers', { category: 'veteran', sex: 'male', ...body });
      expect(r.status).toBe(200);
      return r.body.id as string;
    };
    const wang = await add({ orgUnitId: s.tree.villageB1, name: '王建国', birthDate: '1936-08-01', specialties: ['law'] });
    const zhao = await add({ orgUnitId: s.tree.schoolA, name: '赵敏', sex: 'female', category: 'teacher', birthDate: '1962-02-02', specialties: ['psychology', 'education'] });
    const names = async (qs: string) => {
      const r = await office.get(`/api/volunteers?pageSize=100&${qs}`);
      expect(r.status).toBe(200);
      return r.body.items.map((i: { name: string }) => i.name).sort();
    };
    expect(await names('q=zsf')).toEqual(['张三丰', '张三丰']);
    expect(await names('q=ZhangSan')).toEqual(['张三丰', '张三丰']);
    expect(await names('q=zs')).toEqual(['张三丰', '张三丰']);
    expect(await names('q=三丰')).toEqual(['张三丰', '张三丰']);
    expect(await names('q=wjg')).toEqual(['王建国']);
    expect(await names(`q=${makeIdNumber('19480315', '135')}`)).toEqual(['张三丰']);
    expect(await names('q=zz')).toEqual([]);
    expect(await names('category=teacher')).toEqual(['张三丰', '赵敏']);
    expect(await names('specialty=law')).toEqual(['王建国']);
    expect(await names(`orgUnitId=${s.tree.townshipA}`)).toEqual(['张三丰', '张三丰', '赵敏']);
    expect(await names(`orgUnitId=${s.tree.townshipB}`)).toEqual(['王建国']);
    expect(await names('ageBand=80plus')).toEqual(['王建国']);
    expect(await names('ageBand=60to69')).toEqual(['赵敏']);
    expect(await names('ageBand=70to79')).toEqual(['张三丰', '张三丰']);
    const listed = await office.get(`/api/volunteers?q=zm`);
    expect(listed.body.items[0]).toMatchObject({ id: zhao, townshipName: '东风镇', orgUnitName: '东风镇中心小学', category: 'teacher' });
    expect(listed.body.items[0].age).toBeGreaterThanOrEqual(62);
    expect((await office.get('/api/volunteers?sort=salary')).status).toBe(400);
    expect((await office.get("/api/volunteers?q=' OR 1=1 --")).body.total).toBe(0);
    const sorted = await office.get('/api/volunteers?sort=-birthDate&pageSize=2');
    expect(sorted.body.items[0].name).toBe('赵敏');
    expect(sorted.body.total).toBe(4);
    void wang;
  });

  it('B11 data scope: township officers see their township, a liaison their node, out of scope is 404', async () => {
    const office = await s.as('countyOffice');
    const b = (await office.get('/api/volunteers?q=wjg')).body.items[0];
    const a = (await office.get('/api/volunteers?q=zm')).body.items[0];
    const officerA = await s.as('townshipOfficer', 'townshipA');
    const listA = await officerA.get('/api/volunteers?pageSize=100');
    expect(listA.body.total).toBe(3);
    expect(listA.body.items.map((i: { townshipName: string }) => i.townshipName)).toEqual(['东风镇', '东风镇', '东风镇']);
    const hidden = await officerA.get(`/api/volunteers/${b.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('VOLUNTEER_NOT_FOUND');
    expect((await officerA.patch(`/api/volunteers/${b.id}`, { formerPost: 'x' })).status).toBe(404);
    expect((await officerA.get(`/api/volunteers?orgUnitId=${s.tree.townshipB}`)).status).toBe(404);
    // Registering at a node outside the scope is refused as "not found".
    const outside = await officerA.post('/api/volunteers', { orgUnitId: s.tree.villageB1, category: 'model', name: '越界', sex: 'male', birthDate: '1950-01-01' });
    expect(outside.status).toBe(404);
    const liaison = await s.as('grassrootsLiaison', 'schoolA');
    const own = await liaison.get('/api/volunteers?pageSize=100');
    expect(own.body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect(own.body.items[0].actions).not.toContain('unmask');
    expect((await liaison.get('/api/volunteers/export')).status).toBe(403);
    const leader = await s.as('countyLeader');
    expect((await leader.get('/api/volunteers')).status).toBe(403);
    expect((await leader.get(`/api/volunteers/${a.id}`)).status).toBe(403);
  });

  it('B12 masks ID numbers and phones for everyone in JSON; unmasking one field is its own logged action', async () => {
    const office = await s.as('countyOffice');
    const listed = (await office.get('/api/volunteers?q=zsf&sort=createdAt')).body.items[0];
    const v = (await office.get(`/api/volunteers/${listed.id}`)).body;
    expect(v.idNumber).toMatch(/^3601\*{10}\d{3}[\dX]$/);
    const officer = await s.as('townshipOfficer', 'townshipA');
    expect((await officer.post(`/api/volunteers/${v.id}/unmask`, { field: 'idNumber' })).status).toBe(403);
    const full = await office.post(`/api/volunteers/${v.id}/unmask`, { field: 'idNumber', reason: '核对身份' });
    expect(full.status).toBe(200);
    expect(full.body).toEqual({ field: 'idNumber', value: makeIdNumber('19480315', '135') });
    const phone = await office.post(`/api/volunteers/${v.id}/unmask`, { field: 'phone' });
    expect(phone.body.value).toBe('13812345678');
    const events = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'volunteer.unmask').where('objectId', '=', v.id).orderBy('seq').execute();
    expect(events.map((e) => JSON.parse(e.detail!).field)).toEqual(['idNumber', 'phone']);
    expect(events[0].username).toBe(office.username);
    expect(events[0].detail).not.toContain(makeIdNumber('19480315', '135'));
  });

  it('edits only the fields sent, re-derives identity from a new ID number, audits masked before/after', async () => {
    const office = await s.as('countyOffice');
    const v = (await office.get('/api/volunteers?q=wjg')).body.items[0];
    const newId = makeIdNumber('19360802', '111');
    const edited = await office.patch(`/api/volunteers/${v.id}`, { idNumber: newId, phone: '13900001111', specialties: ['law', 'arts'], formerUnit: '县武装部' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ birthDate: '1936-08-02', phone: '139****1111', specialties: ['arts', 'law'], formerUnit: '县武装部', category: 'veteran' });
    const audit = await s.platform.db.selectFrom('auditEvent').select('detail').where('event', '=', 'volunteer.update').where('objectId', '=', v.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const detail = JSON.parse(audit.detail!);
    expect(detail.before).toMatchObject({ idNumber: null, phone: null, birthDate: '1936-08-01', specialties: ['law'] });
    expect(detail.after).toMatchObject({ idNumber: `3601**********${newId.slice(-4)}`, phone: '139****1111' });
    expect(audit.detail).not.toContain(newId);
    const renamed = await office.patch(`/api/volunteers/${v.id}`, { name: '王建军', formerUnit: '' });
    expect(renamed.body).toMatchObject({ name: '王建军', formerUnit: null });
    expect((await office.get('/api/volunteers?q=wjj')).body.total).toBe(1);
    expect((await office.get('/api/volunteers?q=wjg')).body.total).toBe(0);
    // Another volunteer's ID number cannot be taken over.
    expect((await office.patch(`/api/volunteers/${v.id}`, { idNumber: makeIdNumber('19480315', '135') })).status).toBe(409);
  });

  it('changes status with a reason and an audit row; filters by status', async () => {
    const office = await s.as('countyOffice');
    const v = (await office.get('/api/volunteers?q=wjj')).body.items[0];
    expect((await office.post(`/api/volunteers/${v.id}/status`, { status: 'paused' })).status).toBe(400);
    const paused = await office.post(`/api/volunteers/${v.id}/status`, { status: 'paused', reason: '住院治疗' });
    expect(paused.body.status).toBe('paused');
    const audit = await s.platform.db.selectFrom('auditEvent').select(['detail', 'summary']).where('event', '=', 'volunteer.status').where('objectId', '=', v.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toEqual({ before: { status: 'active' }, after: { status: 'paused' }, reason: '住院治疗' });
    expect(audit.summary).toContain('在册服务 → 暂停服务');
    expect((await office.get('/api/volunteers?status=paused')).body.items.map((i: { id: string }) => i.id)).toEqual([v.id]);
    const deceased = await office.post(`/api/volunteers/${v.id}/status`, { status: 'deceased', reason: '病故' });
    expect(deceased.body.actions).not.toContain('update');
    expect((await office.patch(`/api/volunteers/${v.id}`, { formerPost: '改' })).status).toBe(403);
  });

  it('a volunteer account sees its own record (scope self) through /me and the list, and nothing else', async () => {
    const office = await s.as('countyOffice');
    const volunteerUser = await s.as('volunteer', 'villageA1');
    expect((await volunteerUser.get('/api/volunteers/me')).status).toBe(404);
    const created = await office.post('/api/volunteers', { orgUnitId: s.tree.villageA1, category: 'model', name: '刘劳模', sex: 'female', birthDate: '1955-05-05', phone: '13700007777', userId: volunteerUser.userId });
    expect(created.status).toBe(200);
    const taken = await office.post('/api/volunteers', { orgUnitId: s.tree.villageA1, category: 'model', name: '别人', sex: 'female', birthDate: '1955-05-06', userId: volunteerUser.userId });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('VOLUNTEER_ACCOUNT_TAKEN');
    const me = await volunteerUser.get('/api/volunteers/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: created.body.id, name: '刘劳模', phone: '13700007777', actions: [] });
    const list = await volunteerUser.get('/api/volunteers?pageSize=100');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
    const someoneElse = (await office.get('/api/volunteers?q=zm')).body.items[0];
    expect((await volunteerUser.get(`/api/volunteers/${someoneElse.id}`)).status).toBe(404);
    expect((await volunteerUser.post('/api/volunteers', { orgUnitId: s.tree.villageA1, category: 'model', name: '自建', sex: 'male', birthDate: '1950-01-01' })).status).toBe(403);
    expect((await volunteerUser.get('/api/volunteers/stats')).status).toBe(403);
  });

  it('pages a search by initials in the list order: sort column, then name, then id (ascending also under a descending sort)', async () => {
    const office = await s.as('countyOffice');
    const add = async (body: Record<string, unknown>) => {
      const r = await office.post('/api/volunteers', { orgUnitId: s.tree.villageA1, category: 'teacher', ...body });
      expect(r.status).toBe(200);
      return r.body.id as string;
    };
    // Two 李华 born the same day (told apart by their ID numbers): only the id orders them.
    const lihuaIds = [
      await add({ name: '李华', idNumber: makeIdNumber('19500101', '111') }),
      await add({ name: '李华', idNumber: makeIdNumber('19500101', '131') }),
    ].sort();
    const liuhong = await add({ name: '刘红', sex: 'female', birthDate: '1950-01-01' });
    const luohui = await add({ name: '罗辉', sex: 'male', birthDate: '1950-01-01' });
    const linhai = await add({ name: '林海', sex: 'male', birthDate: '1948-05-05' });
    const lihongxia = await add({ name: '李红霞', sex: 'female', birthDate: '1945-02-02', orgUnitId: s.tree.villageB1 });
    await add({ name: '李四', sex: 'male', birthDate: '1950-01-01' });
    const byName = [lihongxia, ...lihuaIds, linhai, liuhong, luohui];
    const pages = async (qs: string, actor = office) => {
      const ids: string[] = [];
      let total = -1;
      for (let page = 1; page <= 4; page++) {
        const r = await actor.get(`/api/volunteers?q=lh&pageSize=2&page=${page}${qs}`);
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ page, pageSize: 2 });
        total = r.body.total;
        ids.push(...r.body.items.map((i: { id: string }) => i.id));
      }
      return { ids, total };
    };
    const second = await office.get('/api/volunteers?q=LH&pageSize=2&page=2&sort=-birthDate');
    expect(second.body.total).toBe(6);
    expect(second.body.items.map((i: { id: string; name: string }) => [i.id, i.name])).toEqual([[liuhong, '刘红'], [luohui, '罗辉']]);
    expect(await pages('&sort=-birthDate')).toEqual({ ids: [...lihuaIds, liuhong, luohui, linhai, lihongxia], total: 6 });
    expect(await pages('')).toEqual({ ids: byName, total: 6 });
    expect(await pages('&sort=name')).toEqual({ ids: byName, total: 6 });
    expect(await pages('&sort=-name')).toEqual({ ids: [luohui, liuhong, linhai, ...lihuaIds, lihongxia], total: 6 });
    expect(await pages('&sort=birthDate')).toEqual({ ids: [lihongxia, linhai, ...lihuaIds, liuhong, luohui], total: 6 });
    // The scope holds for the page and the total alike: 李红霞 is in the other township.
    const officerA = await s.as('townshipOfficer', 'townshipA');
    expect(await pages('&sort=-birthDate', officerA)).toEqual({ ids: [...lihuaIds, liuhong, luohui, linhai], total: 5 });
  });
});
