import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRoleCodes, type BuiltinRoleCode } from '@gg/shared';
import { builtinRoles } from '../src/platform/authz/builtin-roles.js';
import { buildApp } from '../src/platform/http/app.js';
import { startTestServer, type Client, type TestServer } from './harness.js';

/**
 * Generated from the live route table: every route × every built-in role.
 * A role without the route's permission gets 403; a role with it never gets 401/403 or a 5xx.
 */
describe('B10 authorization matrix: every route × every seeded role', () => {
  let s: TestServer;
  const clients = new Map<BuiltinRoleCode, Client>();
  beforeAll(async () => {
    s = await startTestServer();
    for (const role of builtinRoleCodes) clients.set(role, await s.as(role, role === 'townshipOfficer' ? 'townshipA' : role === 'grassrootsLiaison' ? 'villageA1' : 'root'));
  });
  afterAll(() => s.close());

  it('B10 each route answers exactly as the role permits', async () => {
    const routes = s.app.routeTable.filter((r) => r.permission !== 'public' && r.permission !== 'pending');
    expect(routes.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:[A-Za-z]+/g, () => crypto.randomUUID());
      for (const role of builtinRoleCodes) {
        const holds = route.permission === 'authenticated' || builtinRoles.find((r) => r.code === role)!.permissions.includes(route.permission as never);
        const c = clients.get(role)!;
        const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
        const res = await c.request(route.method, url, body);
        const ok = holds ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === 403;
        if (!ok) failures.push(`${role} ${route.method} ${route.url} (${route.permission}) → ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('B10 without a session every non-public route answers 401', async () => {
    const anon = s.client();
    const failures: string[] = [];
    for (const route of s.app.routeTable.filter((r) => r.permission !== 'public')) {
      const url = route.url.replace(/:[A-Za-z]+/g, () => crypto.randomUUID());
      const res = await anon.request(route.method, url, route.method === 'GET' ? undefined : {});
      if (res.status !== 401) failures.push(`${route.method} ${route.url} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('B10 a route that names no permission stops the server from starting', async () => {
    await expect(
      buildApp(s.platform, {
        logger: false,
        registerModules: (api) => {
          api.get('/forgotten', async () => ({ leaked: true }));
        },
      }).then((app) => app.ready()),
    ).rejects.toThrow(/names no permission/);
  });
});
