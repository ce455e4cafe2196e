import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

describe('org units', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('county office sees the whole tree from the root', async () => {
    const office = await s.as('countyOffice');
    const res = await office.get('/api/org-units/tree?depth=2');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0].name).toBe('测试县');
    expect(res.body[0].children.map((c: { name: string }) => c.name).sort()).toEqual(['东风镇', '西岭乡'].sort());
  });

  it('creates a township, writes an audit row, and rejects bad input with a Chinese message', async () => {
    const office = await s.as('countyOffice');
    const bad = await office.post('/api/org-units', { parentId: s.tree.root, name: '', kind: 'township', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.message).toMatch(/组织名称/);
    const created = await office.post('/api/org-units', { parentId: s.tree.root, name: '新华镇', kind: 'township', contactPhone: '13812345678' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: '新华镇', kind: 'township', parentId: s.tree.root, pathNames: ['测试县', '新华镇'] });
    expect(created.body.actions).toContain('update');
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'orgUnit.create').where('objectId', '=', created.body.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].username).toBe(office.username);
    const row = await s.platform.db.selectFrom('orgUnit').select('contactPhoneEnc').where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(row.contactPhoneEnc).not.toContain('13812345678');
    const dup = await office.post('/api/org-units', { parentId: s.tree.root, name: '新华镇', kind: 'township' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ORG_UNIT_NAME_TAKEN');
    const wrongLevel = await office.post('/api/org-units', { parentId: s.tree.villageA1, name: '某村小组', kind: 'village' });
    expect(wrongLevel.status).toBe(400);
    expect(wrongLevel.body.code).toBe('ORG_UNIT_LEVEL_INVALID');
  });

  it('a township officer sees only their township and below; other nodes answer 404', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const tree = await officer.get('/api/org-units/tree?depth=2');
    expect(tree.body.map((n: { id: string }) => n.id)).toEqual([s.tree.townshipA]);
    const list = await officer.get('/api/org-units?pageSize=100');
    expect(list.body.total).toBe(4);
    expect((await officer.get(`/api/org-units/${s.tree.villageB1}`)).status).toBe(404);
    expect((await officer.get(`/api/org-units/${s.tree.villageA1}`)).status).toBe(200);
    const outside = await officer.post('/api/org-units', { parentId: s.tree.townshipB, name: '越界村', kind: 'village' });
    expect(outside.status).toBe(404);
  });

  it('moves a subtree with one path rewrite and refuses cycles', async () => {
    const office = await s.as('countyOffice');
    const t = await office.post('/api/org-units', { parentId: s.tree.root, name: '迁移镇', kind: 'township' });
    const v = await office.post('/api/org-units', { parentId: t.body.id, name: '迁移村', kind: 'village' });
    const moved = await office.post(`/api/org-units/${t.body.id}/move`, { parentId: s.tree.root });
    expect(moved.status).toBe(200);
    const vMove = await office.post(`/api/org-units/${v.body.id}/move`, { parentId: s.tree.townshipB });
    expect(vMove.status).toBe(200);
    expect(vMove.body.pathNames).toEqual(['测试县', '西岭乡', '迁移村']);
    const officerB = await s.as('townshipOfficer', 'townshipB');
    expect((await officerB.get(`/api/org-units/${v.body.id}`)).status).toBe(200);
    const cycle = await office.post(`/api/org-units/${s.tree.townshipA}/move`, { parentId: s.tree.townshipA });
    expect(cycle.status).toBe(400);
  });

  it('disables a leaf but not a node with active children; exports Excel', async () => {
    const office = await s.as('countyOffice');
    const blocked = await office.post(`/api/org-units/${s.tree.townshipA}/status`, { status: 'disabled' });
    expect(blocked.status).toBe(409);
    const ok = await office.post(`/api/org-units/${s.tree.villageA2}/status`, { status: 'disabled' });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('disabled');
    const xlsx = await office.get('/api/org-units/export?kind=township');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });
});
