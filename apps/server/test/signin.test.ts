import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/platform/http/app.js';
import { registerModules } from '../src/modules/index.js';
import { ADMIN_PASSWORD, Client, startTestServer, TEST_PASSWORD, totpFor, type TestServer } from './harness.js';

describe('sign-in security (security.md A)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('A2 password policy: short, too few classes, containing the username and common passwords are refused; a long passphrase works', async () => {
    await s.createUser({ username: 'policy1', role: 'grassrootsLiaison', at: 'villageA1' });
    const c = await s.login('policy1');
    const tryPw = (newPassword: string) => c.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword });
    for (const weak of ['Ab1!', 'abcdefghijk', 'policy1Abc!23', 'P@ssw0rd']) {
      const r = await tryPw(weak);
      expect(r.status, weak).toBe(400);
      expect(r.body.code).toBe('PASSWORD_POLICY');
      expect(r.body.message).toMatch(/密码不符合安全策略/);
    }
    const ok = await tryPw('老骥伏枥 志在千里 Lao Ji 2026');
    expect(ok.status).toBe(200);
    expect((await s.login('policy1', '老骥伏枥 志在千里 Lao Ji 2026')).cookie).toBeTruthy();
  });

  it('A3 the last 5 passwords cannot be reused; an expired password limits every API to the password change', async () => {
    await s.createUser({ username: 'history1', role: 'grassrootsLiaison', at: 'villageA1' });
    const c = await s.login('history1');
    let current = TEST_PASSWORD;
    for (const next of ['First#Pass01', 'Second#Pass02']) {
      expect((await c.post('/api/auth/password', { oldPassword: current, newPassword: next })).status).toBe(200);
      current = next;
    }
    const reuse = await c.post('/api/auth/password', { oldPassword: current, newPassword: TEST_PASSWORD });
    expect(reuse.status).toBe(400);
    expect(reuse.body.code).toBe('PASSWORD_REUSED');

    const old = new Date(Date.now() - 91 * 86_400_000).toISOString();
    await s.platform.db.updateTable('appUser').set({ passwordChangedAt: old }).where('username', '=', 'history1').execute();
    const c2 = await s.login('history1', current);
    const me = await c2.get('/api/auth/me');
    expect(me.body.pending).toContain('changePassword');
    const blocked = await c2.get('/api/org-units/tree');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_EXPIRED');
    expect((await c2.post('/api/auth/password', { oldPassword: current, newPassword: 'Third#Pass03' })).status).toBe(200);
    expect((await c2.get('/api/org-units/tree')).status).toBe(200);
  });

  it('A4 the first administrator must change the bootstrap password before anything else', async () => {
    const c = s.client();
    const login = await c.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    expect(login.body.pending).toContain('changePassword');
    const blocked = await c.get('/api/org-units/tree');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const row = await s.platform.db.selectFrom('appUser').select(['passwordHash']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
  });

  it('A5 five wrong passwords lock the account, the lock survives a restart, and unknown users get the same message', async () => {
    await s.createUser({ username: 'lock1', role: 'grassrootsLiaison', at: 'villageA1' });
    const c = s.client();
    const unknown = await c.post('/api/auth/login', { username: 'nobody-here', password: 'Wrong#Pass1' });
    const wrong = await c.post('/api/auth/login', { username: 'lock1', password: 'Wrong#Pass1' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
    for (let i = 0; i < 4; i++) await c.post('/api/auth/login', { username: 'lock1', password: 'Wrong#Pass1' });
    const locked = await c.post('/api/auth/login', { username: 'lock1', password: TEST_PASSWORD });
    expect(locked.status).toBe(401);
    expect(locked.body.message).toBe(unknown.body.message);
    const lockAudit = await s.platform.db.selectFrom('auditEvent').select('event').where('event', '=', 'auth.lockout').execute();
    expect(lockAudit.length).toBeGreaterThanOrEqual(1);
    // A second server instance on the same database (a restart) still refuses.
    const app2 = await buildApp(s.platform, { registerModules, logger: false });
    await app2.listen({ port: 0, host: '127.0.0.1' });
    const port = (app2.server.address() as { port: number }).port;
    const again = await new Client(`http://127.0.0.1:${port}`).post('/api/auth/login', { username: 'lock1', password: TEST_PASSWORD });
    expect(again.status).toBe(401);
    await app2.close();
  });

  it('A5 login attempts per IP are rate-limited (429)', async () => {
    const limited = await startTestServer({ settings: { loginRatePerMinute: 3 } });
    try {
      const c = limited.client();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await c.post('/api/auth/login', { username: 'x', password: 'y' })).status);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses[4]).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('A6 idle sessions end after the idle timeout and every session after the absolute limit', async () => {
    await s.createUser({ username: 'idle1', role: 'grassrootsLiaison', at: 'villageA1' });
    const idle = await s.login('idle1');
    expect((await idle.get('/api/auth/me')).status).toBe(200);
    const uid = (await s.platform.db.selectFrom('appUser').select('id').where('username', '=', 'idle1').executeTakeFirstOrThrow()).id;
    await s.platform.db.updateTable('session').set({ lastSeenAt: new Date(Date.now() - 31 * 60_000).toISOString() }).where('userId', '=', uid).execute();
    const r = await idle.get('/api/auth/me');
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('SESSION_EXPIRED');

    const abs = await s.login('idle1');
    await s.platform.db.updateTable('session').set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where('userId', '=', uid).where('endedAt', 'is', null).execute();
    expect((await abs.get('/api/auth/me')).status).toBe(401);
  });

  it('A7 logout ends the session on the server; the session id changes at each sign-in; cookies are HttpOnly and SameSite', async () => {
    await s.createUser({ username: 'logout1', role: 'grassrootsLiaison', at: 'villageA1' });
    const c = s.client();
    const res = await c.post('/api/auth/login', { username: 'logout1', password: TEST_PASSWORD });
    expect(res.status, res.text).toBe(200);
    const setCookie = res.headers.getSetCookie().join('; ');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const first = c.cookie;
    await c.post('/api/auth/login', { username: 'logout1', password: TEST_PASSWORD });
    expect(c.cookie).not.toBe(first);
    const stolen = new Client(s.baseUrl);
    stolen.cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await stolen.get('/api/auth/me')).status).toBe(401);
    const loginBody = JSON.stringify(res.body);
    expect(loginBody).not.toMatch(/token|gg_session/);
  });

  it('A7 a password change ends the other sessions of that user', async () => {
    await s.createUser({ username: 'pwend1', role: 'grassrootsLiaison', at: 'villageA1' });
    const a = await s.login('pwend1');
    const b = await s.login('pwend1');
    expect((await a.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Changed#Pass9' })).status).toBe(200);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
  });

  it('A8 privileged accounts need a one-time code; without one they are sent to bind it first', async () => {
    await s.createUser({ username: 'sec1', role: 'securityAdmin' });
    const c = s.client();
    const noCode = await c.post('/api/auth/login', { username: 'sec1', password: TEST_PASSWORD });
    expect(noCode.status).toBe(401);
    expect(noCode.body.code).toBe('SECOND_FACTOR_REQUIRED');
    const badCode = await c.post('/api/auth/login', { username: 'sec1', password: TEST_PASSWORD, otp: '000000' });
    expect(badCode.status).toBe(401);
    const ok = await c.post('/api/auth/login', { username: 'sec1', password: TEST_PASSWORD, otp: totpFor(s, 'sec1') });
    expect(ok.status).toBe(200);

    // A privileged account without a bound second factor must bind one before anything else.
    await s.createUser({ username: 'sys2', role: 'systemAdmin' });
    await s.platform.db.updateTable('appUser').set({ totpEnabled: 0, totpSecretEnc: null }).where('username', '=', 'sys2').execute();
    const d = s.client();
    const login = await d.post('/api/auth/login', { username: 'sys2', password: TEST_PASSWORD });
    expect(login.body.pending).toEqual(['setupSecondFactor']);
    expect((await d.get('/api/org-units/tree')).body.code).toBe('SECOND_FACTOR_SETUP_REQUIRED');
    const setup = await d.post('/api/auth/second-factor/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
    const { totpCode } = await import('../src/platform/auth/totp.js');
    const confirm = await d.post('/api/auth/second-factor/confirm', { otp: totpCode(setup.body.secret, 'sha1') });
    expect(confirm.status).toBe(200);
    expect((await d.get('/api/org-units/tree')).status).toBe(200);
  });

  it('A8/A9 under 国密 passwords use PBKDF2-HMAC-SM3 and one-time codes use HMAC-SM3', async () => {
    const gm = await startTestServer({ crypto: 'gm' });
    try {
      await gm.createUser({ username: 'gmsec', role: 'securityAdmin' });
      const row = await gm.platform.db.selectFrom('appUser').select('passwordHash').where('username', '=', 'gmsec').executeTakeFirstOrThrow();
      expect(row.passwordHash.startsWith('$pbkdf2-sm3$')).toBe(true);
      const c = await gm.login('gmsec');
      expect((await c.get('/api/auth/me')).status).toBe(200);
    } finally {
      await gm.close();
    }
  });

  it('A9 no password appears in the audit trail or session rows', async () => {
    const rows = await s.platform.db.selectFrom('auditEvent').select(['summary', 'detail']).execute();
    const text = JSON.stringify(rows);
    expect(text).not.toContain(TEST_PASSWORD);
    expect(text).not.toContain('Wrong#Pass1');
    const sessions = JSON.stringify(await s.platform.db.selectFrom('session').selectAll().execute());
    expect(sessions).not.toContain(TEST_PASSWORD);
  });
});
