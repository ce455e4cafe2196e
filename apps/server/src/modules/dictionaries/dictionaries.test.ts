import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

describe('dictionaries', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('adds items to a type, lists them in order, counts types, and audits each change', async () => {
    const admin = await s.as('systemAdmin');
    for (const [code, label, sortOrder] of [['seminar', '座谈研讨', 3], ['training', '培训交流', 1], ['lecture', '专题辅导', 2]] as const) {
      const res = await admin.post('/api/dictionaries/items', { type: 'activityForm', code, label, sortOrder });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ type: 'activityForm', code, label, sortOrder, status: 'active', actions: ['update', 'disable'] });
    }
    await admin.post('/api/dictionaries/items', { type: 'volunteerTeam', code: 'report', label: '关心下一代报告团' });
    const list = await admin.get('/api/dictionaries?type=activityForm');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((i: { label: string }) => i.label)).toEqual(['培训交流', '专题辅导', '座谈研讨']);
    const desc = await admin.get('/api/dictionaries?type=activityForm&sort=-sortOrder&pageSize=2');
    expect(desc.body.items.map((i: { code: string }) => i.code)).toEqual(['seminar', 'lecture']);
    const search = await admin.get(`/api/dictionaries?q=${encodeURIComponent('报告团')}`);
    expect(search.body.items.map((i: { code: string }) => i.code)).toEqual(['report']);

    const types = await admin.get('/api/dictionaries/types');
    expect(types.status).toBe(200);
    expect(types.body).toEqual([
      { type: 'activityForm', itemCount: 3, activeCount: 3 },
      { type: 'volunteerTeam', itemCount: 1, activeCount: 1 },
    ]);
    const rows = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'dictionary.create').execute();
    expect(rows).toHaveLength(4);
    expect(rows[0].username).toBe(admin.username);
  });

  it('of two administrators adding the same code at once, one succeeds and the other is told the code is taken', async () => {
    const admin = await s.as('systemAdmin');
    for (let i = 0; i < 5; i++) {
      const body = { type: 'activityForm', code: `same${i}`, label: `同时新增${i}` };
      const answers = await Promise.all([admin.post('/api/dictionaries/items', body), admin.post('/api/dictionaries/items', body)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.code).toBe('DICTIONARY_CODE_TAKEN');
    }
  });

  it('edits label, order and status with before/after in the audit; type and code stay fixed', async () => {
    const admin = await s.as('systemAdmin');
    const item = (await admin.post('/api/dictionaries/items', { type: 'baseLevel', code: 'county', label: '县级基地' })).body;
    const edited = await admin.patch(`/api/dictionaries/items/${item.id}`, { label: '县级教育基地', status: 'disabled' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ label: '县级教育基地', status: 'disabled', actions: ['update', 'enable'] });
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'dictionary.update').where('objectId', '=', item.id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail!)).toEqual({ before: { label: '县级基地', status: 'active' }, after: { label: '县级教育基地', status: 'disabled' } });
    expect((await admin.get('/api/dictionaries?type=baseLevel&status=active')).body.total).toBe(0);
    expect((await admin.get('/api/dictionaries/types')).body.find((t: { type: string }) => t.type === 'baseLevel')).toEqual({ type: 'baseLevel', itemCount: 1, activeCount: 0 });

    const code = await admin.patch(`/api/dictionaries/items/${item.id}`, { code: 'city' });
    expect(code.status).toBe(400);
    const dup = await admin.post('/api/dictionaries/items', { type: 'baseLevel', code: 'county', label: '重复' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('DICTIONARY_CODE_TAKEN');
    const badType = await admin.post('/api/dictionaries/items', { type: '活动', code: 'x', label: '乱码' });
    expect(badType.status).toBe(400);
    expect(badType.body.message).toContain('字典类型');
    const long = await admin.post('/api/dictionaries/items', { type: 'baseLevel', code: 'long', label: '长'.repeat(51) });
    expect(long.status).toBe(400);
    expect(long.body.message).toContain('显示名称不能超过50个字');
    const missing = await admin.patch('/api/dictionaries/items/00000000-0000-4000-8000-000000000000', { label: '无' });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('DICTIONARY_ITEM_NOT_FOUND');
  });

  it('B10 reading needs dictionary:read and changing needs dictionary:update', async () => {
    const office = await s.as('countyOffice');
    const list = await office.get('/api/dictionaries');
    expect(list.status).toBe(200);
    expect(list.body.items[0].actions).toEqual([]);
    expect((await office.post('/api/dictionaries/items', { type: 'activityForm', code: 'x', label: '越权' })).status).toBe(403);
    expect((await office.patch(`/api/dictionaries/items/${list.body.items[0].id}`, { label: '越权' })).status).toBe(403);
    const volunteer = await s.as('volunteer');
    expect((await volunteer.get('/api/dictionaries')).status).toBe(403);
    expect((await volunteer.get('/api/dictionaries/types')).status).toBe(403);
    expect((await s.client().get('/api/dictionaries')).status).toBe(401);
    expect(await s.platform.db.selectFrom('dictionaryItem').select('id').where('label', '=', '越权').executeTakeFirst()).toBeUndefined();
  });
});
