import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltinRoleCode, Permission } from '@gg/shared';
import { asWith } from '../src/modules/users/testSupport.js';
import { builtinRoles } from '../src/platform/authz/builtin-roles.js';
import { startTestServer, type Client, type TestServer } from './harness.js';

/** Generated from the live route table: every route with a JSON body refuses bad input with 400 and writes nothing. */
describe('E25 bad input to every route', () => {
  let s: TestServer;
  const clients = new Map<string, Client>();
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  async function clientFor(permission: string): Promise<Client> {
    const role = builtinRoles.find((r) => permission === 'authenticated' || (r.permissions as string[]).includes(permission));
    const key = role?.code ?? permission;
    if (!clients.has(key)) {
      // A permission no built-in role holds by default (e.g. user:unmask) is granted through a custom role.
      clients.set(key, role ? await s.as(role.code as BuiltinRoleCode) : await asWith(s, 'systemAdmin', [permission as Permission]));
    }
    return clients.get(key)!;
  }

  it('E25 unknown keys and wrong types get 400 with a Chinese message; no business row changes', async () => {
    const routes = s.app.routeTable.filter((r) => r.hasBody && r.permission !== 'public' && r.permission !== 'pending');
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) await clientFor(route.permission);
    const tables = await businessTables(s);
    const before = await counts(s, tables);
    const failures: string[] = [];
    for (const route of routes) {
      const c = await clientFor(route.permission);
      const url = route.url.replace(/:[A-Za-z]+/g, () => crypto.randomUUID());
      for (const body of [{ __unknown: '<script>' }, [1, 2, 3], 'null']) {
        const res = await c.request(route.method, url, body);
        if (res.status !== 400 || !/[\u4e00-\u9fa5]/.test(res.body?.message ?? '')) {
          failures.push(`${route.method} ${route.url} ${JSON.stringify(body)} → ${res.status} ${res.text.slice(0, 100)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await counts(s, tables)).toEqual(before);
  }, 300_000);
});

async function businessTables(s: TestServer): Promise<string[]> {
  const rows =
    s.dialect === 'postgres'
      ? (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`.execute(s.platform.db)).rows
      : (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(s.platform.db)).rows;
  return rows.map((r) => r.name).filter((n) => !['audit_event', 'audit_chain_head', 'session', 'app_user', 'password_history', 'user_role'].includes(n)).sort();
}

async function counts(s: TestServer, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(t)}`.execute(s.platform.db)).rows[0].n);
  return out;
}
