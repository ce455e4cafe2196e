import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../../test/harness.js';

describe('security settings', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const put = async (body: Record<string, unknown>) => {
    const sec = await s.as('securityAdmin');
    const res = await sec.put('/api/settings/security', body);
    expect(res.status, res.text).toBe(200);
    return res;
  };

  it('the security administrator reads the policy; B14 the system and audit administrators cannot', async () => {
    const sec = await s.as('securityAdmin');
    const res = await sec.get('/api/settings/security');
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ passwordMinLength: 8, lockoutThreshold: 5, loginRatePerMinute: 1000, ipBlocklist: [] });
    expect(res.body.defaults.loginRatePerMinute).toBe(20);
    expect(res.body.actions).toEqual(['update']);
    expect((await (await s.as('systemAdmin')).get('/api/settings/security')).status).toBe(403);
    const auditor = await s.as('auditAdmin');
    expect((await auditor.get('/api/settings/security')).status).toBe(403);
    expect((await auditor.put('/api/settings/security', { lockoutThreshold: 3 })).status).toBe(403);
    expect((await s.client().put('/api/settings/security', { lockoutThreshold: 3 })).status).toBe(401);
  });

  it('merges a partial change into the policy in force and audits before/after; bad values are refused in Chinese', async () => {
    const sec = await s.as('securityAdmin');
    const res = await sec.put('/api/settings/security', { lockoutMinutes: 45 });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ lockoutMinutes: 45, loginRatePerMinute: 1000, passwordMinLength: 8 });
    expect(res.body.updatedBy).toMatchObject({ id: sec.userId });
    const row = await s.platform.db.selectFrom('setting').select(['value', 'updatedBy']).where('key', '=', 'security').executeTakeFirstOrThrow();
    expect(JSON.parse(row.value)).toMatchObject({ lockoutMinutes: 45, loginRatePerMinute: 1000 });
    expect(row.updatedBy).toBe(sec.userId);
    const audit = await s.platform.db.selectFrom('auditEvent').selectAll().where('event', '=', 'setting.update').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toEqual({ before: { lockoutMinutes: 30 }, after: { lockoutMinutes: 45 } });
    expect(audit.summary).toContain('锁定时长');
    expect(audit.username).toBe(sec.username);

    const short = await sec.put('/api/settings/security', { auditRetentionDays: 90 });
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('审计记录至少保存180天');
    const unknown = await sec.put('/api/settings/security', { lockoutMinutes: 10, backdoor: true });
    expect(unknown.status).toBe(400);
    const weak = await sec.put('/api/settings/security', { passwordMinLength: 6 });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toContain('密码最短不能少于8位');
    expect((await sec.get('/api/settings/security')).body.settings.lockoutMinutes).toBe(45);
  });

  it('A5 a lowered lockout threshold locks the account at the next sign-ins', async () => {
    await put({ lockoutThreshold: 3, lockoutMinutes: 10 });
    const id = await s.createUser({ username: 'lockme', role: 'grassrootsLiaison', at: 'villageA1' });
    const c = s.client();
    for (let i = 0; i < 3; i++) {
      const bad = await c.post('/api/auth/login', { username: 'lockme', password: 'Wrong@Pass2026' });
      expect(bad.status).toBe(401);
    }
    const user = await s.platform.db.selectFrom('appUser').select('lockedUntil').where('id', '=', id).executeTakeFirstOrThrow();
    const minutes = (Date.parse(user.lockedUntil!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);
    const right = await c.post('/api/auth/login', { username: 'lockme', password: TEST_PASSWORD });
    expect(right.status).toBe(401);
    expect(right.body.code).toBe('LOGIN_FAILED');
    const lockouts = await s.platform.db.selectFrom('auditEvent').select('summary').where('event', '=', 'auth.lockout').where('objectId', '=', id).execute();
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0].summary).toContain('10 分钟');
  });

  it('A2 a stricter password policy applies to the next password change', async () => {
    await put({ passwordMinLength: 14, passwordMinClasses: 4 });
    await s.createUser({ username: 'pwuser', role: 'grassrootsLiaison', at: 'villageA1' });
    const c = await s.login('pwuser');
    const short = await c.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Abcd#2345xyz' });
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('PASSWORD_POLICY');
    expect(short.body.message).toContain('至少14位');
    const threeClasses = await c.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'abcdefgh2345xyzQ' });
    expect(threeClasses.status).toBe(400);
    expect(threeClasses.body.message).toContain('4类');
    const ok = await c.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Abcd#2345xyz-Long' });
    expect(ok.status).toBe(200);
    await put({ passwordMinLength: 8, passwordMinClasses: 3 });
  });

  it('A3 a shorter password validity expires passwords at once; only the password change still works', async () => {
    const id = await s.createUser({ username: 'oldpw', role: 'grassrootsLiaison', at: 'villageA1' });
    const c = await s.login('oldpw');
    await s.platform.db.updateTable('appUser').set({ passwordChangedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() }).where('id', '=', id).execute();
    expect((await c.get('/api/org-units?pageSize=1')).status).toBe(200);
    await put({ passwordMaxAgeDays: 30 });
    const blocked = await c.get('/api/org-units?pageSize=1');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_EXPIRED');
    const reuse = await c.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(reuse.status).toBe(400);
    expect(reuse.body.code).toBe('PASSWORD_REUSED');
    const changed = await c.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Fresh@Pass2026y' });
    expect(changed.status).toBe(200);
    expect((await c.get('/api/org-units?pageSize=1')).status).toBe(200);
    await put({ passwordMaxAgeDays: 90 });
  });

  it('the IP blocklist refuses listed addresses and cannot lock out the administrator saving it', async () => {
    const sec = await s.as('securityAdmin');
    const self = await sec.put('/api/settings/security', { ipBlocklist: ['127.0.0.1'] });
    expect(self.status).toBe(400);
    expect(self.body.code).toBe('SETTING_BLOCKS_SELF');
    const bad = await sec.put('/api/settings/security', { ipBlocklist: ['10.0.0.300'] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('IP 地址格式不正确');
    const ok = await sec.put('/api/settings/security', { ipBlocklist: ['10.9.8.7', '10.9.8.7', '2001:db8::1'] });
    expect(ok.status).toBe(200);
    expect(ok.body.settings.ipBlocklist).toEqual(['10.9.8.7', '2001:db8::1']);
    const blocked = await s.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.9.8.7' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('IP_BLOCKED');
    const other = await s.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.9.8.8' });
    expect(other.statusCode).toBe(200);
    await sec.put('/api/settings/security', { ipBlocklist: [] });
    expect((await s.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.9.8.7' })).statusCode).toBe(200);
  });
});
