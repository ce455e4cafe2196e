import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../../../test/harness.js';
import { buildApp } from '../../platform/http/app.js';
import { actorOf, auditActorOf } from '../../platform/http/types.js';
import { orgUnitInScope } from '../../platform/authz/scope.js';
import { sealedAccess } from '../../platform/sealed/sealedAccess.js';
import { loadActor, SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { registerModules } from '../index.js';

/**
 * No module stores sealed objects yet, so this suite builds a second app on the same platform with the
 * real modules plus a tiny test-only route: a "care case" whose offence details are sealed. The route
 * uses the platform mechanism exactly as a module would.
 */
const TYPE = 'testCase.offence';
interface TestCase { orgUnitId: string; name: string; offence?: string }

describe('sealed records', () => {
  let s: TestServer;
  let app2: Awaited<ReturnType<typeof buildApp>>;
  let base2 = '';
  const cases = new Map<string, TestCase>();
  const sealedCase = crypto.randomUUID();
  const plainCase = crypto.randomUUID();
  const otherTownshipCase = crypto.randomUUID();
  const NARRATIVE = '2025年3月因盗窃被处理（封存）';

  beforeAll(async () => {
    s = await startTestServer();
    cases.set(sealedCase, { orgUnitId: s.tree.villageA1, name: '张小明', offence: NARRATIVE });
    cases.set(plainCase, { orgUnitId: s.tree.villageA1, name: '李小红' });
    cases.set(otherTownshipCase, { orgUnitId: s.tree.villageB1, name: '王小军', offence: '另案' });
    sealedAccess.registerObjectType(s.platform, TYPE, {
      label: '测试对象违法犯罪记录',
      orgUnitOf: async (_db, id) => cases.get(id)?.orgUnitId,
    });
    app2 = await buildApp(s.platform, {
      logger: false,
      registerModules: (api, platform) => {
        registerModules(api, platform);
        api.get('/test-cases/:id', { config: { permission: 'authenticated' } }, async (req) => {
          const actor = actorOf(req);
          const id = (req.params as { id: string }).id;
          const c = cases.get(id);
          const visible = c && (await platform.db.selectFrom('orgUnit').select('id').where('id', '=', c.orgUnitId).where((eb) => orgUnitInScope(eb, actor)).executeTakeFirst());
          if (!c || !visible) return { code: 'NOT_FOUND' };
          let offence: string | null = null;
          await platform.transaction(auditActorOf(req), async (trx, audit) => {
            const grant = await sealedAccess.activeGrant(trx, actor, TYPE, id);
            if (grant) {
              await sealedAccess.logView(audit, grant, { field: 'offence' });
              offence = c.offence ?? null;
            }
          });
          return { id, name: c.name, offence };
        });
      },
    });
    await app2.listen({ port: 0, host: '127.0.0.1' });
    const addr = app2.server.address();
    base2 = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(async () => {
    await app2?.close();
    await s.close();
  });

  const on2 = (c: Client) => Object.assign(new Client(base2), { cookie: c.cookie });
  const views = (userId: string) =>
    s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'sealed.view').where('userId', '=', userId).execute();
  const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
  const request = (c: Client, objectId = sealedCase, orgUnitId = s.tree.villageA1) =>
    c.post('/api/sealed-access-requests', { objectType: TYPE, objectId, orgUnitId, reason: '司法机关来函核实帮扶对象情况，需查阅' });

  it('B15 without an approved grant the sealed part is absent and a case with a sealed record looks like one without', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const a = await on2(officer).get(`/api/test-cases/${sealedCase}`);
    const b = await on2(officer).get(`/api/test-cases/${plainCase}`);
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ id: sealedCase, name: '张小明', offence: null });
    expect(Object.keys(a.body)).toEqual(Object.keys(b.body));
    expect(a.text).not.toContain('盗窃');
    expect(await views(officer.userId)).toHaveLength(0);
  });

  it('B15 a request needs sealed:request, a reason of 10+ characters, and an object in the requester\'s scope (else 404)', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const short = await officer.post('/api/sealed-access-requests', { objectType: TYPE, objectId: sealedCase, orgUnitId: s.tree.villageA1, reason: '查一下' });
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/至少10个字/);
    expect((await request(officer, otherTownshipCase, s.tree.villageB1)).status).toBe(404);
    // The object's real node is outside scope; naming an in-scope node instead does not help.
    expect((await request(officer, otherTownshipCase, s.tree.villageA1)).status).toBe(404);
    expect((await request(officer, crypto.randomUUID())).status).toBe(404);
    const unknownType = await officer.post('/api/sealed-access-requests', { objectType: 'nothing.here', objectId: sealedCase, orgUnitId: s.tree.villageA1, reason: '司法机关来函核实帮扶对象情况' });
    expect(unknownType.status).toBe(404);
    // Requests for a case with and without a sealed record answer alike (no hint either way).
    const withRecord = await request(officer, sealedCase);
    const withoutRecord = await request(officer, plainCase);
    expect(withRecord.status).toBe(200);
    expect(withoutRecord.status).toBe(200);
    expect(withRecord.body).toMatchObject({ status: 'pending', objectType: TYPE, objectId: sealedCase, orgUnitName: '东风村', requesterName: `测试${officer.username}`, actions: [] });
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    expect((await request(liaison)).status).toBe(403);
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'sealed.request').where('userId', '=', officer.userId).execute();
    expect(audit).toHaveLength(2);
    expect(audit.map((r) => r.detail).join()).not.toContain('司法机关');
  });

  it('B15 lists: the requester sees their own; approvers see pending requests in scope; others nothing (403 for the approval box)', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const created = await request(officer);
    const mine = await officer.get('/api/sealed-access-requests');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    expect((await officer.get('/api/sealed-access-requests?box=pending')).status).toBe(403);
    const otherOfficer = await s.as('townshipOfficer', 'townshipB');
    expect((await otherOfficer.get('/api/sealed-access-requests')).body.total).toBe(0);
    const approver = await s.as('countyOffice');
    const pending = await approver.get('/api/sealed-access-requests?box=pending&pageSize=100');
    expect(pending.status).toBe(200);
    const item = pending.body.items.find((r: { id: string }) => r.id === created.body.id);
    expect(item.actions).toEqual(['approve', 'reject']);
    const volunteer = await s.as('volunteer', 'villageA1');
    expect((await volunteer.get('/api/sealed-access-requests')).body).toMatchObject({ items: [], total: 0 });
    expect((await volunteer.get('/api/sealed-access-requests?box=pending')).status).toBe(403);
  });

  it('B15 approval: not one\'s own request (403), expiry in the future and at most 30 days, once only; audited', async () => {
    const approverA = await s.as('countyOffice');
    const approverB = await s.as('countyOffice');
    const own = await request(approverA);
    expect(own.status).toBe(200);
    const self = await approverA.post(`/api/sealed-access-requests/${own.body.id}/approve`, { expiresAt: inDays(7) });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SEALED_SELF_APPROVAL');

    const officer = await s.as('townshipOfficer', 'townshipA');
    const req = await request(officer);
    expect((await officer.post(`/api/sealed-access-requests/${req.body.id}/approve`, { expiresAt: inDays(7) })).status).toBe(403);
    const tooLong = await approverB.post(`/api/sealed-access-requests/${req.body.id}/approve`, { expiresAt: inDays(31) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('SEALED_EXPIRY_INVALID');
    expect((await approverB.post(`/api/sealed-access-requests/${req.body.id}/approve`, { expiresAt: inDays(-1) })).status).toBe(400);
    expect((await approverB.post(`/api/sealed-access-requests/${crypto.randomUUID()}/approve`, { expiresAt: inDays(7) })).status).toBe(404);
    const ok = await approverB.post(`/api/sealed-access-requests/${req.body.id}/approve`, { expiresAt: inDays(7), note: '同意，限核实用途' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', decidedBy: approverB.userId, decisionNote: '同意，限核实用途' });
    const again = await approverA.post(`/api/sealed-access-requests/${req.body.id}/reject`, { note: '重复处理' });
    expect(again.status).toBe(409);
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'sealed.approve').where('userId', '=', approverB.userId).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail!)).toMatchObject({ requestId: req.body.id, after: { status: 'approved' } });
  });

  it('B15 with an approved, unexpired grant the requester sees the sealed part and every view writes a sealed.view audit row; others still see nothing', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const colleague = await s.as('townshipOfficer', 'townshipA');
    const approver = await s.as('countyOffice');
    const req = await request(officer);
    // Pending is not enough.
    expect((await on2(officer).get(`/api/test-cases/${sealedCase}`)).body.offence).toBeNull();
    await approver.post(`/api/sealed-access-requests/${req.body.id}/approve`, { expiresAt: inDays(3) });
    for (let i = 0; i < 2; i++) {
      const r = await on2(officer).get(`/api/test-cases/${sealedCase}`);
      expect(r.body.offence).toBe(NARRATIVE);
    }
    const rows = await views(officer.userId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ objectType: TYPE, objectId: sealedCase, username: officer.username, result: 'success' });
    expect(JSON.parse(rows[0].detail!)).toMatchObject({ requestId: req.body.id, field: 'offence' });
    // The grant is for this object and this person only.
    expect((await on2(colleague).get(`/api/test-cases/${sealedCase}`)).body.offence).toBeNull();
    expect(await views(colleague.userId)).toHaveLength(0);
    const other = await on2(officer).get(`/api/test-cases/${plainCase}`);
    expect(other.body.offence).toBeNull();
  });

  it('B15 an expired grant stops working (by time), and a rejected request never grants', async () => {
    const officer = await s.as('townshipOfficer', 'townshipA');
    const approver = await s.as('countyOffice');
    const req = await request(officer);
    await approver.post(`/api/sealed-access-requests/${req.body.id}/approve`, { expiresAt: inDays(1) });
    expect((await on2(officer).get(`/api/test-cases/${sealedCase}`)).body.offence).toBe(NARRATIVE);

    const token = decodeURIComponent(officer.cookie.slice(`${SESSION_COOKIE}=`.length));
    const loaded = await loadActor(s.platform.db, token, await s.platform.settings.security());
    if (!('actor' in loaded)) throw new Error('no actor');
    expect(await sealedAccess.activeGrant(s.platform.db, loaded.actor, TYPE, sealedCase)).toMatchObject({ requestId: req.body.id });
    expect(await sealedAccess.activeGrant(s.platform.db, loaded.actor, TYPE, sealedCase, new Date(Date.now() + 2 * 86_400_000))).toBeUndefined();

    // Time passes: the expiry is now in the past.
    await s.platform.db.updateTable('sealedAccessRequest').set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where('id', '=', req.body.id).execute();
    const before = (await views(officer.userId)).length;
    expect((await on2(officer).get(`/api/test-cases/${sealedCase}`)).body.offence).toBeNull();
    expect(await views(officer.userId)).toHaveLength(before);
    const mine = await officer.get('/api/sealed-access-requests?status=expired');
    expect(mine.body.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[req.body.id, 'expired']]);

    const officer2 = await s.as('townshipOfficer', 'townshipA');
    const req2 = await request(officer2);
    expect((await approver.post(`/api/sealed-access-requests/${req2.body.id}/reject`, {})).status).toBe(400);
    const rejected = await approver.post(`/api/sealed-access-requests/${req2.body.id}/reject`, { note: '理由不充分' });
    expect(rejected.body.status).toBe('rejected');
    expect((await on2(officer2).get(`/api/test-cases/${sealedCase}`)).body.offence).toBeNull();
    expect(await s.platform.db.selectFrom('auditEvent').select('id').where('event', '=', 'sealed.reject').where('objectId', '=', sealedCase).execute()).toHaveLength(1);
  });
});
