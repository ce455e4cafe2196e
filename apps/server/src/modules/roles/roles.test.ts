import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { bumpAuthzEpoch } from '../../platform/authz/epoch.js';

describe('roles', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const roleId = async (code: string) => (await s.platform.db.selectFrom('role').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const auditRows = (event: string, objectId: string) =>
    s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', event).where('objectId', '=', objectId).orderBy('seq').execute();

  it('lists roles with their permissions, user counts and actions; the permission tree marks 三员-only permissions', async () => {
    const sec = await s.as('securityAdmin');
    await s.as('townshipOfficer', 'townshipA');
    await s.as('townshipOfficer', 'townshipB');
    const res = await sec.get('/api/roles');
    expect(res.status).toBe(200);
    const township = res.body.find((r: { code: string }) => r.code === 'townshipOfficer');
    expect(township).toMatchObject({ builtin: true, dataScope: 'subtree', separatedDuty: null, userCount: 2 });
    expect(township.permissions).toContain('orgUnit:read');
    expect(township.actions).toEqual(expect.arrayContaining(['update', 'changeAccess', 'grant']));
    const own = res.body.find((r: { code: string }) => r.code === 'securityAdmin');
    expect(own.actions).not.toContain('changeAccess');
    const audit = res.body.find((r: { code: string }) => r.code === 'auditAdmin');
    expect(audit.permissions).toContain('audit:purge');

    const detail = await sec.get(`/api/roles/${township.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.userCount).toBe(2);
    expect((await sec.get('/api/roles/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const tree = await sec.get('/api/permissions');
    expect(tree.status).toBe(200);
    const auditGroup = tree.body.find((g: { module: string }) => g.module === 'audit');
    expect(auditGroup.label).toBe('审计日志');
    expect(auditGroup.actions.find((a: { action: string }) => a.action === 'purge')).toMatchObject({ permission: 'audit:purge', onlyFor: 'auditAdmin' });
    const roleGroup = tree.body.find((g: { module: string }) => g.module === 'role');
    expect(roleGroup.actions.find((a: { action: string }) => a.action === 'grant').onlyFor).toBe('securityAdmin');
    expect(roleGroup.actions.find((a: { action: string }) => a.action === 'read').onlyFor).toBeNull();
  });

  it('creates a custom role, audits its permission list, and validates names and 三员分立', async () => {
    const sec = await s.as('securityAdmin');
    const created = await sec.post('/api/roles', {
      code: 'schoolLiaison', name: '学校联络员', description: '学校关工小组', dataScope: 'node', permissions: ['notice:read', 'orgUnit:read', 'orgUnit:read'],
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ code: 'schoolLiaison', builtin: false, separatedDuty: null, userCount: 0, permissions: ['notice:read', 'orgUnit:read'], requiresSecondFactor: false });
    const rows = await auditRows('role.create', created.body.id);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].detail!).after.permissions).toEqual(['notice:read', 'orgUnit:read']);
    expect(rows[0].username).toBe(sec.username);

    const dup = await sec.post('/api/roles', { code: 'schoolLiaison', name: '重复', dataScope: 'node' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ROLE_CODE_TAKEN');
    const unknown = await sec.post('/api/roles', { code: 'bogus', name: '乱写', dataScope: 'node', permissions: ['orgUnit:fly'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    expect(unknown.body.message).toContain('orgUnit:fly');
    const badCode = await sec.post('/api/roles', { code: '1坏', name: '坏编码', dataScope: 'node' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.message).toMatch(/角色编码/);
    const extra = await sec.post('/api/roles', { code: 'extraKey', name: '多字段', dataScope: 'node', builtin: true });
    expect(extra.status).toBe(400);

    const sensitive = await sec.post('/api/roles', { code: 'unmasker', name: '可查看完整信息', dataScope: 'all', permissions: ['user:read', 'user:unmask'] });
    expect(sensitive.status).toBe(200);
    expect(sensitive.body.requiresSecondFactor).toBe(true);
  });

  it('B14 a role that is not the audit administrator cannot read the audit trail; only the security administrator may grant roles or set policy', async () => {
    const sec = await s.as('securityAdmin');
    const auditForOffice = await sec.post('/api/roles', { code: 'officeAuditor', name: '办公室审计', dataScope: 'all', permissions: ['audit:read'] });
    expect(auditForOffice.status).toBe(400);
    expect(auditForOffice.body.code).toBe('ROLE_PERMISSION_SEPARATION');
    expect(auditForOffice.body.message).toContain('审计管理员');

    const sysAdminGrant = await sec.patch(`/api/roles/${await roleId('systemAdmin')}`, { permissions: [...(await sec.get(`/api/roles/${await roleId('systemAdmin')}`)).body.permissions, 'role:grant'] });
    expect(sysAdminGrant.status).toBe(400);
    expect(sysAdminGrant.body.code).toBe('ROLE_PERMISSION_SEPARATION');
    const sysAdminAudit = await sec.patch(`/api/roles/${await roleId('systemAdmin')}`, { permissions: ['audit:read', 'user:read'] });
    expect(sysAdminAudit.body.code).toBe('ROLE_PERMISSION_SEPARATION');
    const settingForOffice = await sec.patch(`/api/roles/${await roleId('countyOffice')}`, { permissions: ['setting:update'] });
    expect(settingForOffice.body.code).toBe('ROLE_PERMISSION_SEPARATION');
    const auditAdminUsers = await sec.patch(`/api/roles/${await roleId('auditAdmin')}`, { permissions: ['audit:read', 'user:read'] });
    expect(auditAdminUsers.status).toBe(400);
    expect(auditAdminUsers.body.code).toBe('ROLE_PERMISSION_SEPARATION');

    // A custom 三员 role may hold its own duty's permissions.
    const auditor = await sec.post('/api/roles', { code: 'auditReader', name: '审计查阅员', dataScope: 'all', separatedDuty: 'auditAdmin', permissions: ['audit:read', 'loginLog:read'] });
    expect(auditor.status).toBe(200);
    expect(auditor.body).toMatchObject({ separatedDuty: 'auditAdmin', requiresSecondFactor: true });

    // Nothing was written by the refused edits.
    const perms = await s.platform.db.selectFrom('rolePermission').select('permission').where('roleId', '=', await roleId('systemAdmin')).execute();
    expect(perms.map((p) => p.permission)).not.toContain('role:grant');
    expect(perms.map((p) => p.permission)).not.toContain('audit:read');
  });

  it('edits a built-in role: code and 三员 duty fixed, permissions audited before/after and in force on the next request', async () => {
    const sec = await s.as('securityAdmin');
    const liaison = await s.as('grassrootsLiaison', 'villageA1');
    const id = await roleId('grassrootsLiaison');
    expect((await liaison.get('/api/org-units?pageSize=5')).status).toBe(200);

    const code = await sec.patch(`/api/roles/${id}`, { code: 'renamed' });
    expect(code.status).toBe(400);
    expect(code.body.code).toBe('ROLE_BUILTIN_CODE');
    const duty = await sec.patch(`/api/roles/${await roleId('auditAdmin')}`, { separatedDuty: null });
    expect(duty.status).toBe(400);
    expect(duty.body.code).toBe('ROLE_DUTY_IMMUTABLE');
    const dutyOn = await sec.patch(`/api/roles/${id}`, { separatedDuty: 'systemAdmin' });
    expect(dutyOn.body.code).toBe('ROLE_DUTY_IMMUTABLE');

    const before = (await sec.get(`/api/roles/${id}`)).body.permissions as string[];
    const next = [...before.filter((p) => p !== 'orgUnit:read'), 'dashboard:read'];
    const edited = await sec.patch(`/api/roles/${id}`, { name: '村（社区）联络员', dataScope: 'subtree', permissions: next });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ code: 'grassrootsLiaison', name: '村（社区）联络员', dataScope: 'subtree' });
    expect(edited.body.permissions).toEqual([...next].sort());
    const rows = await auditRows('role.update', id);
    expect(rows).toHaveLength(1);
    const detail = JSON.parse(rows[0].detail!);
    expect(detail.before.permissions).toEqual([...before].sort());
    expect(detail.after.permissions).toEqual([...next].sort());
    expect(detail.added).toEqual(['dashboard:read']);
    expect(detail.removed).toEqual(['orgUnit:read']);
    expect(detail.before.dataScope).toBe('node');
    expect(detail.after.dataScope).toBe('subtree');

    // The liaison's very next request runs with the new permissions.
    expect((await liaison.get('/api/org-units?pageSize=5')).status).toBe(403);
    const me = await liaison.get('/api/auth/me');
    expect(me.body.permissions).toContain('dashboard:read');
  });

  it("keeps a user's grants only while the authorisation epoch stands still; every change of access moves it", async () => {
    const sec = await s.as('securityAdmin');
    const officer = await s.as('townshipOfficer', 'townshipB');
    const epoch = async () => Number((await s.platform.db.selectFrom('authzEpoch').select('n').where('id', '=', 1).executeTakeFirstOrThrow()).n);
    const permissions = async () => (await officer.get('/api/auth/me')).body.permissions as string[];
    expect(await permissions()).not.toContain('user:unmask');
    const id = await roleId('townshipOfficer');
    // A grant written behind the platform's back without moving the epoch: the server answers from what it kept …
    await s.platform.db.insertInto('rolePermission').values({ roleId: id, permission: 'user:unmask' }).execute();
    expect(await permissions()).not.toContain('user:unmask');
    // … until the epoch moves; then the very next request loads the grants again.
    await bumpAuthzEpoch(s.platform.db);
    expect(await permissions()).toContain('user:unmask');
    await s.platform.db.deleteFrom('rolePermission').where('roleId', '=', id).where('permission', '=', 'user:unmask').execute();
    await bumpAuthzEpoch(s.platform.db);
    expect(await permissions()).not.toContain('user:unmask');

    // Each kind of access change through the API moves it: a role's permissions, a user's roles and custom scope, a moved subtree.
    let e = await epoch();
    const moved = async () => {
      const now = await epoch();
      const grew = now > e;
      e = now;
      return grew;
    };
    const role = await sec.get(`/api/roles/${id}`);
    expect((await sec.patch(`/api/roles/${id}`, { permissions: role.body.permissions })).status).toBe(200);
    expect(await moved()).toBe(true);
    const custom = (await sec.get('/api/roles')).body.find((r: { dataScope: string }) => r.dataScope === 'custom');
    const roles = [id, ...(custom ? [custom.id] : [])];
    const put = await sec.put(`/api/users/${officer.userId}/roles`, { roleIds: roles, ...(custom ? { customScopeOrgUnitIds: [s.tree.villageA1] } : {}) });
    expect(put.status).toBe(200);
    expect(await moved()).toBe(true);
    const admin = await s.as('systemAdmin');
    const move = await admin.post(`/api/org-units/${s.tree.villageA2}/move`, { parentId: s.tree.townshipB });
    expect(move.status).toBe(200);
    expect(await moved()).toBe(true);
  });

  it('B13 the security administrator cannot widen the role they hold', async () => {
    const sec = await s.as('securityAdmin');
    const id = await roleId('securityAdmin');
    const own = (await sec.get(`/api/roles/${id}`)).body.permissions as string[];
    const widen = await sec.patch(`/api/roles/${id}`, { permissions: [...own, 'user:create'] });
    expect(widen.status).toBe(403);
    expect(widen.body.code).toBe('SELF_CHANGE_FORBIDDEN');
    const scope = await sec.patch(`/api/roles/${id}`, { dataScope: 'node' });
    expect(scope.status).toBe(403);
    const rename = await sec.patch(`/api/roles/${id}`, { description: '负责安全策略' });
    expect(rename.status).toBe(200);
    expect(rename.body.description).toBe('负责安全策略');
  });

  it('B10 routes check role:read / role:create / role:update on the server', async () => {
    const sys = await s.as('systemAdmin');
    expect((await sys.get('/api/roles')).status).toBe(200);
    const create = await sys.post('/api/roles', { code: 'x1', name: '越权', dataScope: 'node' });
    expect(create.status).toBe(403);
    const patch = await sys.patch(`/api/roles/${await roleId('volunteer')}`, { name: '越权' });
    expect(patch.status).toBe(403);
    const auditor = await s.as('auditAdmin');
    expect((await auditor.get('/api/roles')).status).toBe(403);
    expect((await auditor.get('/api/permissions')).status).toBe(403);
    expect((await s.client().get('/api/roles')).status).toBe(401);
    expect(await s.platform.db.selectFrom('role').select('id').where('code', '=', 'x1').executeTakeFirst()).toBeUndefined();
  });
});
