import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

describe('online sessions', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('lists open sessions with user, org node, IP and times, never the session secret or its stored hash', async () => {
    const sec = await s.as('securityAdmin');
    const victim = await s.as('townshipOfficer', 'townshipA');
    const res = await sec.get(`/api/sessions?q=${victim.username}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    const item = res.body.items[0];
    expect(item).toMatchObject({
      user: { id: victim.userId, username: victim.username }, orgUnit: { id: s.tree.townshipA, name: '东风镇' }, ip: '127.0.0.1', current: false, actions: ['forceLogout'],
    });
    expect(item.id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const stored = await s.platform.db.selectFrom('session').select('idHash').where('userId', '=', victim.userId).executeTakeFirstOrThrow();
    const token = victim.cookie.split('=')[1];
    expect(res.text).not.toContain(stored.idHash);
    expect(res.text).not.toContain(token);
    expect(item.id).not.toBe(stored.idHash);

    const all = await sec.get('/api/sessions?pageSize=100&sort=-createdAt');
    const mine = all.body.items.find((i: { user: { id: string } }) => i.user.id === sec.userId);
    expect(mine).toMatchObject({ current: true, actions: [] });

    const bye = await s.as('grassrootsLiaison', 'villageA1');
    await bye.post('/api/auth/logout');
    expect((await sec.get(`/api/sessions?q=${bye.username}`)).body.total).toBe(0);
  });

  it('A7 an administrator force-logout ends the session on the server: the next request answers 401', async () => {
    const sec = await s.as('securityAdmin');
    const victim = await s.as('countyOffice');
    expect((await victim.get('/api/auth/me')).status).toBe(200);
    const target = (await sec.get(`/api/sessions?userId=${victim.userId}`)).body.items[0];
    const res = await sec.post(`/api/sessions/${target.id}/force-logout`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    const after = await victim.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('SESSION_EXPIRED');
    const row = await s.platform.db.selectFrom('session').select(['endedAt', 'endReason']).where('userId', '=', victim.userId).executeTakeFirstOrThrow();
    expect(row.endReason).toBe('forceLogout');
    expect(row.endedAt).not.toBeNull();
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'auth.forceLogout').where('objectId', '=', victim.userId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ username: sec.username, userId: sec.userId, result: 'success', ip: '127.0.0.1' });
    expect(audit[0].summary).toContain(victim.username);

    const again = await sec.post(`/api/sessions/${target.id}/force-logout`);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('SESSION_NOT_FOUND');
    expect((await sec.get(`/api/sessions?userId=${victim.userId}`)).body.total).toBe(0);
  });

  it('refuses its own session, unknown and malformed ids; B10 other roles get 403', async () => {
    const sec = await s.as('securityAdmin');
    const own = (await sec.get(`/api/sessions?userId=${sec.userId}`)).body.items[0];
    const self = await sec.post(`/api/sessions/${own.id}/force-logout`);
    expect(self.status).toBe(400);
    expect(self.body.code).toBe('SESSION_IS_CURRENT');
    expect((await sec.get('/api/auth/me')).status).toBe(200);
    const unknown = await sec.post(`/api/sessions/${'A'.repeat(43)}/force-logout`);
    expect(unknown.status).toBe(404);
    const bad = await sec.post('/api/sessions/x;drop/force-logout');
    expect(bad.status).toBe(400);
    const badSort = await sec.get('/api/sessions?sort=idHash');
    expect(badSort.status).toBe(400);

    const victim = await s.as('volunteer');
    const target = (await sec.get(`/api/sessions?userId=${victim.userId}`)).body.items[0];
    const sys = await s.as('systemAdmin');
    expect((await sys.get('/api/sessions')).status).toBe(403);
    expect((await sys.post(`/api/sessions/${target.id}/force-logout`)).status).toBe(403);
    const auditor = await s.as('auditAdmin');
    expect((await auditor.get('/api/sessions')).status).toBe(403);
    expect((await victim.get('/api/auth/me')).status).toBe(200);
  });
});
