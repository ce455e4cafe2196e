import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { bumpAuthzEpoch } from '../../platform/authz/epoch.js';

describe('notices', () => {
  let s: TestServer;
  let everyoneId: string;
  let townshipAId: string;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('publishes to everyone or to a node and below; each reader sees what is addressed to their node or above, with read flags', async () => {
    const office = await s.as('countyOffice');
    const all = await office.post('/api/notices', { title: '关于召开年度联席会议的通知', body: '请各成员单位联络员准时参加。', level: 'important' });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ level: 'important', orgUnit: null, publishedBy: { id: office.userId }, read: true, actions: [] });
    everyoneId = all.body.id;
    const toA = await office.post('/api/notices', { title: '东风镇五老宣讲安排', body: '下周三在中心小学开展宣讲。', orgUnitId: s.tree.townshipA });
    expect(toA.status).toBe(200);
    expect(toA.body).toMatchObject({ level: 'normal', orgUnit: { id: s.tree.townshipA, name: '东风镇' } });
    townshipAId = toA.body.id;
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'notice.publish').where('objectId', '=', townshipAId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toContain('发给 东风镇 及下级');

    const villageA = await s.as('grassrootsLiaison', 'villageA1');
    const listA = await villageA.get('/api/notices');
    expect(listA.status).toBe(200);
    expect(listA.body.items.map((n: { id: string }) => n.id).sort()).toEqual([townshipAId, everyoneId].sort());
    expect(Date.parse(listA.body.items[0].publishedAt)).toBeGreaterThanOrEqual(Date.parse(listA.body.items[1].publishedAt));
    expect(listA.body.unreadCount).toBe(2);
    expect(listA.body.items.every((n: { read: boolean; actions: string[] }) => !n.read && n.actions[0] === 'markRead')).toBe(true);

    const villageB = await s.as('grassrootsLiaison', 'villageB1');
    const listB = await villageB.get('/api/notices');
    expect(listB.body.items.map((n: { id: string }) => n.id)).toEqual([everyoneId]);
    expect(listB.body.unreadCount).toBe(1);
    expect((await villageB.get(`/api/notices/${townshipAId}`)).status).toBe(404);
    const hidden = await villageB.post(`/api/notices/${townshipAId}/read`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('NOTICE_NOT_FOUND');

    const county = await office.get('/api/notices');
    expect(county.body.total).toBe(2);
    expect(county.body.unreadCount).toBe(0);
  });

  it('marks read once for the caller only; unread filter and count follow', async () => {
    const reader = await s.as('townshipOfficer', 'townshipA');
    const other = await s.as('townshipOfficer', 'townshipA');
    const res = await reader.post(`/api/notices/${townshipAId}/read`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: townshipAId, read: true, actions: [] });
    expect(res.body.readAt).toBeTruthy();
    const again = await reader.post(`/api/notices/${townshipAId}/read`);
    expect(again.status).toBe(200);
    expect(again.body.readAt).toBe(res.body.readAt);
    const rows = await s.platform.db.selectFrom('noticeRead').selectAll().where('noticeId', '=', townshipAId).where('userId', '=', reader.userId).execute();
    expect(rows).toHaveLength(1);
    const audit = await s.platform.db.selectFrom('auditEvent').select('seq').where('event', '=', 'notice.read').where('userId', '=', reader.userId).execute();
    expect(audit).toHaveLength(1);

    const mine = await reader.get('/api/notices?unread=true');
    expect(mine.body.items.map((n: { id: string }) => n.id)).toEqual([everyoneId]);
    expect(mine.body.unreadCount).toBe(1);
    expect((await reader.get('/api/notices?level=important')).body.items.map((n: { id: string }) => n.id)).toEqual([everyoneId]);
    expect((await other.get('/api/notices')).body.unreadCount).toBe(2);
  });

  it('a publisher addresses only nodes in their scope, and everyone only with a county-wide scope', async () => {
    const roleId = (await s.platform.db.selectFrom('role').select('id').where('code', '=', 'townshipOfficer').executeTakeFirstOrThrow()).id;
    await s.platform.db.insertInto('rolePermission').values({ roleId, permission: 'notice:publish' }).execute();
    await bumpAuthzEpoch(s.platform.db);
    const officer = await s.as('townshipOfficer', 'townshipA');
    const outside = await officer.post('/api/notices', { title: '越界通知', body: '正文', orgUnitId: s.tree.villageB1 });
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('ORG_UNIT_NOT_FOUND');
    const everyone = await officer.post('/api/notices', { title: '全县通知', body: '正文' });
    expect(everyone.status).toBe(403);
    const inside = await officer.post('/api/notices', { title: '东风村走访提醒', body: '请按时走访。', level: 'urgent', orgUnitId: s.tree.villageA1 });
    expect(inside.status).toBe(200);
    expect(await s.platform.db.selectFrom('notice').select('id').where('title', 'in', ['越界通知', '全县通知']).execute()).toHaveLength(0);

    const bad = await officer.post('/api/notices', { title: ' ', body: '正文', orgUnitId: s.tree.villageA1 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('标题');
    const level = await officer.post('/api/notices', { title: '标题', body: '正文', level: 'panic' });
    expect(level.status).toBe(400);
  });

  it('B10 publishing needs notice:publish; reading needs notice:read', async () => {
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    expect((await liaison.post('/api/notices', { title: '越权', body: '正文' })).status).toBe(403);
    expect((await s.client().get('/api/notices')).status).toBe(401);
    expect((await s.client().post(`/api/notices/${everyoneId}/read`)).status).toBe(401);
    const sec = await s.as('securityAdmin');
    expect((await sec.post('/api/notices', { title: '越权', body: '正文' })).status).toBe(403);
  });
});
