import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';

describe('input validation and web hardening (security.md E)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('E25 unknown keys, over-long text, bad ids and bad paging get 400 with a Chinese message and change nothing', async () => {
    const office = await s.as('countyOffice');
    const before = await count(s, 'org_unit');
    const cases = [
      await office.post('/api/org-units', { parentId: s.tree.root, name: '新镇', kind: 'township', hacker: true }),
      await office.post('/api/org-units', { parentId: s.tree.root, name: '镇'.repeat(51), kind: 'township' }),
      await office.post('/api/org-units', { parentId: 'not-a-uuid', name: '新镇', kind: 'township' }),
      await office.post('/api/org-units', { parentId: s.tree.root, name: '新镇', kind: 'township', contactPhone: '12345' }),
      await office.get('/api/org-units/123'),
      await office.get('/api/org-units?pageSize=100000'),
      await office.post('/api/org-units', '{"broken json'),
    ];
    for (const r of cases) {
      expect(r.status, r.text).toBe(400);
      expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.body.requestId).toBeTruthy();
    }
    expect(cases[1].body.details[0].message).toMatch(/不能超过50个字/);
    expect(cases[3].body.details[0].message).toMatch(/电话号码格式不正确/);
    expect(await count(s, 'org_unit')).toBe(before);
  });

  it('E25 a body over the 1 MB limit gets 413 PAYLOAD_TOO_LARGE and the connection stays usable (no reset while sending)', async () => {
    const office = await s.as('countyOffice');
    const before = await count(s, 'org_unit');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const send = (method: string, url: string, body?: string) =>
      new Promise<{ status: number; text: string; connection?: string }>((resolve, reject) => {
        const req = http.request(`${s.baseUrl}${url}`, { method, agent, headers: { cookie: office.cookie, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text, connection: res.headers.connection }));
        });
        req.on('socket', (sock) => sockets.add(sock));
        req.on('error', reject);
        req.end(body);
      });
    const big = JSON.stringify({ parentId: s.tree.root, name: '新镇', kind: 'township', note: 'x'.repeat(3 * 1024 * 1024) });
    for (let i = 0; i < 5; i++) {
      const r = await send('POST', '/api/org-units', big);
      expect(r.status, r.text).toBe(413);
      expect(JSON.parse(r.text).code).toBe('PAYLOAD_TOO_LARGE');
      expect(r.connection).not.toBe('close');
      expect((await send('GET', '/api/org-units?pageSize=1')).status).toBe(200);
    }
    expect(sockets.size).toBe(1);
    agent.destroy();
    expect(await count(s, 'org_unit')).toBe(before);
  });

  it('E26 SQL injection strings in search, sort and filter do nothing; sort fields come from an allowlist', async () => {
    const office = await s.as('countyOffice');
    const q = await office.get(`/api/org-units?q=${encodeURIComponent("' OR 1=1; DROP TABLE org_unit; --")}`);
    expect(q.status).toBe(200);
    expect(q.body.total).toBe(0);
    const sort = await office.get(`/api/org-units?sort=${encodeURIComponent('name; DROP TABLE org_unit')}`);
    expect(sort.status).toBe(400);
    const filter = await office.get(`/api/org-units?kind=${encodeURIComponent("township' OR '1'='1")}`);
    expect(filter.status).toBe(400);
    expect(await count(s, 'org_unit')).toBeGreaterThan(5);
  });

  it('E27 stored script comes back as inert JSON text; pages forbid inline script', async () => {
    const office = await s.as('countyOffice');
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const created = await office.post('/api/org-units', { parentId: s.tree.root, name: evil.slice(0, 50), kind: 'township' });
    expect(created.status).toBe(200);
    const got = await office.get(`/api/org-units/${created.body.id}`);
    expect(got.headers.get('content-type')).toContain('application/json');
    expect(got.body.name).toBe(evil.slice(0, 50));
    const page = await fetch(`${s.baseUrl}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("'unsafe-inline' 'self'");
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
    const indexHtml = path.join(s.config.webDist, 'index.html');
    if (fs.existsSync(indexHtml)) {
      const html = fs.readFileSync(indexHtml, 'utf8');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it.skipIf(!fs.existsSync(path.resolve(import.meta.dirname, '../../web/dist/index.html')))('the web app is sent precompressed; hashed assets are cached for a year, pages revalidated', async () => {
    const html = await fetch(`${s.baseUrl}/login`, { headers: { 'accept-encoding': 'gzip' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-encoding')).toBe('gzip');
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const text = await html.text();
    const entry = /src="(\/assets\/[^"]+\.js)"/.exec(text)![1];
    const br = await fetch(`${s.baseUrl}${entry}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('accept-encoding');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const plain = await fetch(`${s.baseUrl}${entry}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await br.text()).toBe(await plain.text());
  });

  it('E28 cross-site POSTs are rejected; GET requests change no business data', async () => {
    const office = await s.as('countyOffice');
    const body = { parentId: s.tree.root, name: '跨站镇', kind: 'township' };
    const foreign = await office.post('/api/org-units', body, { origin: 'https://evil.example.com' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('CROSS_SITE_REQUEST');
    const fetchSite = await office.post('/api/org-units', body, { 'sec-fetch-site': 'cross-site' });
    expect(fetchSite.status).toBe(403);
    const sameOrigin = await office.post('/api/org-units', body, { origin: s.baseUrl });
    expect(sameOrigin.status).toBe(200);

    const tables = ['org_unit', 'member_unit', 'app_user', 'role', 'role_permission', 'user_role', 'setting'];
    const admin = await s.as('systemAdmin');
    const before = await Promise.all(tables.map((t) => count(s, t)));
    for (const route of s.app.routeTable.filter((r) => r.method === 'GET')) {
      const url = route.url.replace(/:[A-Za-z]+/g, s.tree.townshipA);
      await office.get(url);
      await admin.get(url);
    }
    const after = await Promise.all(tables.map((t) => count(s, t)));
    expect(after).toEqual(before);
  });

  it('E30 security headers are present on pages and API replies', async () => {
    const res = await fetch(`${s.baseUrl}/api/health`);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBeTruthy();
    expect(res.headers.get('x-frame-options')).toBeTruthy();
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', db: s.dialect });
    // The same headers on a page, a refused API call and an unknown API path (answered by the error handlers).
    for (const [url, status] of [['/login', 200], ['/api/auth/me', 401], ['/api/no-such-thing', 404]] as const) {
      const r = await fetch(`${s.baseUrl}${url}`);
      expect(r.status, url).toBe(status);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self';");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(r.headers.get('referrer-policy'), url).toBe('strict-origin-when-cross-origin');
      expect(r.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(r.headers.get('strict-transport-security'), url).toBeNull(); // no HTTPS origin configured in tests
    }
  });

  it('D23 responses with personal data send Cache-Control: no-store', async () => {
    const office = await s.as('countyOffice');
    const res = await office.get('/api/auth/me');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('E30 a forced 500 shows a generic Chinese message with a request id, never a stack or SQL', async () => {
    const broken = await startTestServer();
    try {
      const office = await broken.as('countyOffice');
      await sql`ALTER TABLE org_unit RENAME TO org_unit_gone`.execute(broken.platform.db);
      const res = await office.get('/api/org-units?pageSize=5');
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('INTERNAL');
      expect(res.body.requestId).toMatch(/[0-9a-f-]{36}/);
      expect(res.text).not.toMatch(/org_unit|SELECT|at \w+ \(|\.ts:/);
      await sql`ALTER TABLE org_unit_gone RENAME TO org_unit`.execute(broken.platform.db);
    } finally {
      await broken.close();
    }
  });
});

async function count(s: TestServer, table: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(s.platform.db);
  return Number(r.rows[0].n);
}
