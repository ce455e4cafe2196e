import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, totpFor, type TestServer } from '../../../test/harness.js';
import { asWith, auditRows, roleId } from './testSupport.js';

describe('users', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('A4 a new account gets a random one-time password, shown once, that must be changed at first sign-in', async () => {
    const admin = await s.as('systemAdmin');
    const res = await admin.post('/api/users', { username: 'Wang.Fang', displayName: '王芳', phone: '13812345678', orgUnitId: s.tree.villageA1, remark: '村联络员' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'Wang.Fang', displayName: '王芳', phone: '138****5678', orgUnit: { id: s.tree.villageA1, name: '东风村' }, memberUnit: null, roles: [], status: 'active', mustChangePassword: true, locked: false });
    expect(res.body.user.actions).toEqual(expect.arrayContaining(['update', 'resetPassword', 'disable']));
    expect(res.body.user.actions).not.toContain('grantRoles');
    const otp: string = res.body.oneTimePassword;
    expect(otp).toMatch(/^.{16}$/);
    const second = await admin.post('/api/users', { username: 'li.ming', displayName: '李明', orgUnitId: s.tree.villageA1 });
    expect(second.body.oneTimePassword).not.toBe(otp);

    const row = await s.platform.db.selectFrom('appUser').selectAll().where('id', '=', res.body.user.id).executeTakeFirstOrThrow();
    expect(row.usernameKey).toBe('wang.fang');
    expect(row.mustChangePassword).toBe(1);
    expect(row.phoneEnc).not.toContain('13812345678');
    expect(row.passwordHash).not.toContain(otp);
    expect(row.createdBy).toBe(admin.userId);
    expect(await s.platform.db.selectFrom('passwordHistory').select('userId').where('userId', '=', row.id).execute()).toHaveLength(1);
    const [audit] = await auditRows(s, 'user.create', row.id);
    expect(audit.username).toBe(admin.username);
    expect(audit.detail).not.toContain('13812345678');
    expect(audit.detail).not.toContain(otp);
    expect(JSON.parse(audit.detail!).after).toMatchObject({ username: 'Wang.Fang', displayName: '王*', phone: '138****5678' });
    // The one-time password is not readable again.
    const again = await admin.get(`/api/users/${row.id}`);
    expect(again.text).not.toContain(otp);

    const c = s.client();
    const login = await c.post('/api/auth/login', { username: 'wang.fang', password: otp });
    expect(login.status).toBe(200);
    expect(login.body.pending).toContain('changePassword');
    const blocked = await c.get('/api/member-units');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('A1 usernames are unique regardless of case and surrounding spaces; bad input gets a Chinese 400', async () => {
    const admin = await s.as('systemAdmin');
    expect((await admin.post('/api/users', { username: 'ZhaoLei', displayName: '赵磊', orgUnitId: s.tree.root })).status).toBe(200);
    for (const name of ['zhaolei', ' ZHAOLEI ']) {
      const dup = await admin.post('/api/users', { username: name, displayName: '赵磊二', orgUnitId: s.tree.root });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('USERNAME_TAKEN');
    }
    expect(await s.platform.db.selectFrom('appUser').select('id').where('usernameKey', '=', 'zhaolei').execute()).toHaveLength(1);
    const bad = await admin.post('/api/users', { username: '张三', displayName: '', phone: '12345', orgUnitId: s.tree.root });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['username', 'displayName', 'phone']));
    expect(bad.body.message).toMatch(/用户名|姓名|电话/);
    const nowhere = await admin.post('/api/users', { username: 'nowhere', displayName: '无处' });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.message).toContain('请选择所属组织或成员单位');
    const both = await admin.post('/api/users', { username: 'both', displayName: '两处', orgUnitId: s.tree.root, memberUnitId: s.tree.root });
    expect(both.status).toBe(400);
    expect((await admin.post('/api/users', { username: 'extra', displayName: '多余', orgUnitId: s.tree.root, isAdmin: true })).status).toBe(400);
  });

  it('B14 the system administrator cannot grant roles; the security administrator can, but never two of the 三员', async () => {
    const admin = await s.as('systemAdmin');
    const security = await s.as('securityAdmin');
    const countyOffice = await roleId(s, 'countyOffice');
    const refused = await admin.post('/api/users', { username: 'granted', displayName: '授权', orgUnitId: s.tree.root, roleIds: [countyOffice] });
    expect(refused.status).toBe(403);
    expect(await s.platform.db.selectFrom('appUser').select('id').where('usernameKey', '=', 'granted').execute()).toHaveLength(0);
    const created = await admin.post('/api/users', { username: 'granted', displayName: '授权', orgUnitId: s.tree.root });
    const id = created.body.user.id;
    expect((await admin.put(`/api/users/${id}/roles`, { roleIds: [countyOffice] })).status).toBe(403);
    const viaPatch = await admin.patch(`/api/users/${id}`, { roleIds: [countyOffice] });
    expect(viaPatch.status).toBe(403);
    // Sending the current (empty) role set is no change and is accepted.
    expect((await admin.patch(`/api/users/${id}`, { roleIds: [], displayName: '授权人' })).status).toBe(200);

    const granted = await security.put(`/api/users/${id}/roles`, { roleIds: [countyOffice] });
    expect(granted.status).toBe(200);
    expect(granted.body.roles.map((r: { code: string }) => r.code)).toEqual(['countyOffice']);
    const [audit] = await auditRows(s, 'user.grantRoles', id);
    expect(JSON.parse(audit.detail!)).toEqual({ before: { roles: [] }, after: { roles: ['countyOffice'] } });
    expect(audit.username).toBe(security.username);

    const twoDuties = await security.put(`/api/users/${id}/roles`, { roleIds: [await roleId(s, 'systemAdmin'), await roleId(s, 'auditAdmin')] });
    expect(twoDuties.status).toBe(409);
    expect(twoDuties.body.code).toBe('SEPARATION_OF_DUTIES');
    const rows = await s.platform.db.selectFrom('userRole').select('roleId').where('userId', '=', id).execute();
    expect(rows.map((r) => r.roleId)).toEqual([countyOffice]);
    const unknown = await security.put(`/api/users/${id}/roles`, { roleIds: [crypto.randomUUID()] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('ROLE_NOT_FOUND');

    // Custom data scope: nodes, stored and returned.
    const custom = await security.put(`/api/users/${id}/roles`, { roleIds: [countyOffice], customScopeOrgUnitIds: [s.tree.townshipB] });
    expect(custom.body.customScopeOrgUnitIds).toEqual([s.tree.townshipB]);
    // The granted role takes effect on the user's next request.
    const c = s.client();
    const login = await c.post('/api/auth/login', { username: 'granted', password: created.body.oneTimePassword });
    expect(login.body.user.roles.map((r: { code: string }) => r.code)).toEqual(['countyOffice']);
  });

  it('B13 a user cannot change their own org node, roles, data scope or status through any route', async () => {
    const both = await asWith(s, 'systemAdmin', ['role:grant']);
    const me = () => s.platform.db.selectFrom('appUser').selectAll().where('id', '=', both.userId).executeTakeFirstOrThrow();
    const moved = await both.patch(`/api/users/${both.userId}`, { orgUnitId: s.tree.townshipA });
    expect(moved.status).toBe(403);
    expect(moved.body.code).toBe('SELF_CHANGE_FORBIDDEN');
    expect((await me()).orgUnitId).toBe(s.tree.root);
    const unit = await (await s.as('countyOffice')).post('/api/member-units', { name: '县总工会' });
    expect((await both.patch(`/api/users/${both.userId}`, { memberUnitId: unit.body.id })).body.code).toBe('SELF_CHANGE_FORBIDDEN');
    expect((await both.patch(`/api/users/${both.userId}`, { roleIds: [await roleId(s, 'countyOffice')] })).body.code).toBe('SELF_CHANGE_FORBIDDEN');
    expect((await both.patch(`/api/users/${both.userId}`, { customScopeOrgUnitIds: [s.tree.townshipA] })).body.code).toBe('SELF_CHANGE_FORBIDDEN');
    expect((await both.put(`/api/users/${both.userId}/roles`, { roleIds: [] })).body.code).toBe('SELF_CHANGE_FORBIDDEN');
    const status = await both.post(`/api/users/${both.userId}/status`, { status: 'disabled' });
    expect(status.status).toBe(403);
    expect(status.body.code).toBe('SELF_CHANGE_FORBIDDEN');
    expect((await both.post(`/api/users/${both.userId}/reset-password`)).status).toBe(403);
    const after = await me();
    expect(after.status).toBe('active');
    expect(await s.platform.db.selectFrom('userRole').select('roleId').where('userId', '=', both.userId).execute()).toHaveLength(2);
    // Editing one's own name and phone is fine.
    const own = await both.patch(`/api/users/${both.userId}`, { displayName: '改名', phone: '13600001111', orgUnitId: s.tree.root });
    expect(own.status).toBe(200);
    expect(own.body.displayName).toBe('改名');
    expect(own.body.actions).not.toEqual(expect.arrayContaining(['disable']));
    expect(own.body.actions).not.toContain('grantRoles');
  });

  it('A7 disabling an account ends its sessions: its open client gets 401; enabling lets it sign in again', async () => {
    const admin = await s.as('systemAdmin');
    const worker = await s.as('countyOffice');
    expect((await worker.get('/api/member-units')).status).toBe(200);
    const res = await admin.post(`/api/users/${worker.userId}/status`, { status: 'disabled' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'disabled' });
    expect(res.body.actions).toContain('enable');
    const after = await worker.get('/api/member-units');
    expect(after.status).toBe(401);
    const sessions = await s.platform.db.selectFrom('session').selectAll().where('userId', '=', worker.userId).execute();
    expect(sessions.every((x) => x.endedAt && x.endReason === 'accountDisabled')).toBe(true);
    const [audit] = await auditRows(s, 'user.disable', worker.userId);
    expect(JSON.parse(audit.detail!)).toMatchObject({ before: { status: 'active' }, after: { status: 'disabled' }, sessionsEnded: 1 });
    await expect(s.login(worker.username)).rejects.toThrow(/401/);
    expect((await admin.post(`/api/users/${worker.userId}/status`, { status: 'enabled' })).status).toBe(400);
    expect((await admin.post(`/api/users/${worker.userId}/status`, { status: 'active' })).status).toBe(200);
    expect((await (await s.login(worker.username)).get('/api/member-units')).status).toBe(200);
    expect(await auditRows(s, 'user.enable', worker.userId)).toHaveLength(1);
  });

  it('A4 resetting a password gives a new one-time password, ends sessions, and requires a change at sign-in', async () => {
    const admin = await s.as('systemAdmin');
    const worker = await s.as('countyOffice');
    const res = await admin.post(`/api/users/${worker.userId}/reset-password`);
    expect(res.status).toBe(200);
    expect(res.body.user.mustChangePassword).toBe(true);
    expect((await worker.get('/api/member-units')).status).toBe(401);
    expect((await s.client().post('/api/auth/login', { username: worker.username, password: TEST_PASSWORD, otp: totpFor(s, worker.username) })).status).toBe(401);
    const c = s.client();
    const login = await c.post('/api/auth/login', { username: worker.username, password: res.body.oneTimePassword, otp: totpFor(s, worker.username) });
    expect(login.status).toBe(200);
    expect(login.body.pending).toEqual(['changePassword']);
    expect(await s.platform.db.selectFrom('passwordHistory').select('userId').where('userId', '=', worker.userId).execute()).toHaveLength(2);
    const [audit] = await auditRows(s, 'user.resetPassword', worker.userId);
    expect(audit.detail).not.toContain(res.body.oneTimePassword);
    expect((await (await s.as('securityAdmin')).post(`/api/users/${worker.userId}/reset-password`)).status).toBe(403);
  });

  it('unlocks a locked account and audits it', async () => {
    const admin = await s.as('systemAdmin');
    const worker = await s.as('countyOffice');
    const until = new Date(Date.now() + 20 * 60_000).toISOString();
    await s.platform.db.updateTable('appUser').set({ lockedUntil: until, failedAttempts: 5 }).where('id', '=', worker.userId).execute();
    const seen = await admin.get(`/api/users/${worker.userId}`);
    expect(seen.body).toMatchObject({ locked: true, lockedUntil: until });
    expect(seen.body.actions).toContain('unlock');
    const res = await admin.post(`/api/users/${worker.userId}/unlock`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ locked: false, lockedUntil: null });
    expect(res.body.actions).not.toContain('unlock');
    const row = await s.platform.db.selectFrom('appUser').select(['failedAttempts', 'lockedUntil']).where('id', '=', worker.userId).executeTakeFirstOrThrow();
    expect(row).toEqual({ failedAttempts: 0, lockedUntil: null });
    expect(await auditRows(s, 'user.unlock', worker.userId)).toHaveLength(1);
  });

  it('B12 phones are masked in JSON without user:unmask; unmasking one phone needs the permission and a reason, and is logged', async () => {
    const admin = await s.as('systemAdmin');
    const created = await admin.post('/api/users', { username: 'phone.owner', displayName: '电话主人', phone: '13987654321', orgUnitId: s.tree.root });
    const id = created.body.user.id;
    expect((await admin.get(`/api/users/${id}`)).body.phone).toBe('139****4321');
    expect((await admin.get('/api/users?q=phone.owner')).body.items[0].phone).toBe('139****4321');
    const denied = await admin.post(`/api/users/${id}/unmask`, { field: 'phone', reason: '核对联系方式' });
    expect(denied.status).toBe(403);
    const unmasker = await asWith(s, 'systemAdmin', ['user:unmask']);
    const detail = await unmasker.get(`/api/users/${id}`);
    expect(detail.body.phone).toBe('13987654321');
    expect(detail.body.actions).toContain('unmask');
    const noReason = await unmasker.post(`/api/users/${id}/unmask`, { field: 'phone' });
    expect(noReason.status).toBe(400);
    const wrongField = await unmasker.post(`/api/users/${id}/unmask`, { field: 'idNumber', reason: '核对' });
    expect(wrongField.status).toBe(400);
    const res = await unmasker.post(`/api/users/${id}/unmask`, { field: 'phone', reason: '核对联系方式' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ field: 'phone', value: '13987654321' });
    expect(res.headers.get('cache-control')).toContain('no-store');
    const [audit] = await auditRows(s, 'user.unmask', id);
    expect(audit.username).toBe(unmasker.username);
    expect(JSON.parse(audit.detail!)).toEqual({ field: 'phone', reason: '核对联系方式' });
    expect(audit.detail).not.toContain('13987654321');
    // Phone changes are audited masked.
    await admin.patch(`/api/users/${id}`, { phone: '13911112222' });
    const [upd] = await auditRows(s, 'user.update', id);
    expect(JSON.parse(upd.detail!)).toEqual({ before: { phone: '139****4321' }, after: { phone: '139****2222' } });
  });

  it('B11 accounts are scoped by their org node; out of scope is 404; member-unit accounts need county-wide scope', async () => {
    const admin = await s.as('systemAdmin');
    const inA = await admin.post('/api/users', { username: 'scope.a', displayName: '甲', orgUnitId: s.tree.schoolA });
    const inB = await admin.post('/api/users', { username: 'scope.b', displayName: '乙', orgUnitId: s.tree.villageB1 });
    const unit = await (await s.as('countyOffice')).post('/api/member-units', { name: '县公安局' });
    const inUnit = await admin.post('/api/users', { username: 'scope.mu', displayName: '丙', memberUnitId: unit.body.id });
    expect(inUnit.status).toBe(200);
    expect(inUnit.body.user).toMatchObject({ orgUnit: null, memberUnit: { id: unit.body.id, name: '县公安局' } });

    const officer = await asWith(s, 'townshipOfficer', ['user:read', 'user:update', 'user:create'], { at: 'townshipA', dataScope: 'subtree' });
    const list = await officer.get('/api/users?pageSize=100');
    expect(list.status).toBe(200);
    const names = list.body.items.map((u: { username: string }) => u.username);
    expect(names).toContain('scope.a');
    expect(names).not.toContain('scope.b');
    expect(names).not.toContain('scope.mu');
    for (const id of [inB.body.user.id, inUnit.body.user.id]) {
      const r = await officer.get(`/api/users/${id}`);
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('USER_NOT_FOUND');
      expect((await officer.patch(`/api/users/${id}`, { displayName: '越界' })).status).toBe(404);
    }
    expect((await officer.get(`/api/users?orgUnitId=${s.tree.townshipB}`)).status).toBe(404);
    const outside = await officer.post('/api/users', { username: 'scope.c', displayName: '丁', orgUnitId: s.tree.villageB1 });
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('ORG_UNIT_NOT_FOUND');
    const unitUser = await officer.post('/api/users', { username: 'scope.d', displayName: '戊', memberUnitId: unit.body.id });
    expect(unitUser.status).toBe(403);
    expect(await s.platform.db.selectFrom('appUser').select('id').where('usernameKey', 'in', ['scope.c', 'scope.d']).execute()).toHaveLength(0);
    // Moving an account out of one's scope is refused too.
    expect((await officer.patch(`/api/users/${inA.body.user.id}`, { orgUnitId: s.tree.townshipB })).status).toBe(404);
  });

  it('lists with filters (q, org subtree, member unit, role, status), sort and pagination; refuses unknown sorts', async () => {
    const admin = await s.as('systemAdmin');
    const security = await s.as('securityAdmin');
    const a = await admin.post('/api/users', { username: 'filter.one', displayName: '筛选一', orgUnitId: s.tree.villageA2 });
    const b = await admin.post('/api/users', { username: 'filter.two', displayName: '筛选二', orgUnitId: s.tree.townshipB });
    await security.put(`/api/users/${b.body.user.id}/roles`, { roleIds: [await roleId(s, 'countyLeader')] });
    await admin.post(`/api/users/${a.body.user.id}/status`, { status: 'disabled' });
    const byQ = await admin.get('/api/users?q=FILTER');
    expect(byQ.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['filter.one', 'filter.two']);
    expect((await admin.get('/api/users?q=筛选二')).body.total).toBe(1);
    const subtree = await admin.get(`/api/users?orgUnitId=${s.tree.townshipA}&q=filter`);
    expect(subtree.body.items.map((u: { username: string }) => u.username)).toEqual(['filter.one']);
    const byRole = await admin.get(`/api/users?roleId=${await roleId(s, 'countyLeader')}&q=filter`);
    expect(byRole.body.items.map((u: { username: string }) => u.username)).toEqual(['filter.two']);
    expect((await admin.get('/api/users?status=disabled&q=filter')).body.items.map((u: { username: string }) => u.username)).toEqual(['filter.one']);
    const sorted = await admin.get('/api/users?q=filter&sort=-username&pageSize=1&page=2');
    expect(sorted.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(sorted.body.items[0].username).toBe('filter.one');
    expect((await admin.get('/api/users?sort=password_hash')).status).toBe(400);
    expect((await admin.get("/api/users?q=' OR '1'='1")).body.total).toBe(0);
    expect((await (await s.as('countyOffice')).get('/api/users')).status).toBe(403);
  });
});
