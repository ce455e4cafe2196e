import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import pg from 'pg';
import { defaultSecuritySettings, type BuiltinRoleCode, type SecuritySettings } from '@gg/shared';
import { loadConfig, type Config } from '../src/platform/config.js';
import { openPostgres, openSqlite, type DatabaseHandle, type DialectName } from '../src/platform/db/database.js';
import { createServer } from '../src/server.js';
import type { Platform } from '../src/platform/context.js';
import { createBootstrapUser } from '../src/platform/bootstrap.js';
import { generateKeyRingText } from '../src/platform/crypto/keys.js';
import { generateTotpSecret, totpCode } from '../src/platform/auth/totp.js';
import { builtinRoles, roleNeedsSecondFactor } from '../src/platform/authz/builtin-roles.js';

export const TEST_PASSWORD = 'Test@Pass2026x';
export const ADMIN_PASSWORD = 'Admin@Pass2026x';

export interface TestResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** A cookie-keeping HTTP client against the real listening server. */
export class Client {
  cookie = '';
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + url, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = res.headers.getSetCookie();
    for (const c of setCookie) {
      const [pair] = c.split(';');
      if (pair.startsWith('gg_session=')) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    const type = res.headers.get('content-type') ?? '';
    let text = '';
    let parsed: any;
    if (type.includes('spreadsheetml') || type.includes('octet-stream') || type.includes('wordprocessingml')) {
      parsed = Buffer.from(await res.arrayBuffer());
    } else {
      text = await res.text();
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }
  get<T = any>(url: string, headers?: Record<string, string>) { return this.request<T>('GET', url, undefined, headers); }
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>) { return this.request<T>('POST', url, body ?? {}, headers); }
  patch<T = any>(url: string, body?: unknown, headers?: Record<string, string>) { return this.request<T>('PATCH', url, body ?? {}, headers); }
  put<T = any>(url: string, body?: unknown, headers?: Record<string, string>) { return this.request<T>('PUT', url, body ?? {}, headers); }
  delete<T = any>(url: string, headers?: Record<string, string>) { return this.request<T>('DELETE', url, undefined, headers); }
}

export interface TestTree {
  root: string;
  townshipA: string;
  townshipB: string;
  villageA1: string;
  villageA2: string;
  schoolA: string;
  villageB1: string;
}

export interface TestServer {
  dialect: DialectName;
  platform: Platform;
  app: Awaited<ReturnType<typeof createServer>>['app'];
  baseUrl: string;
  config: Config;
  dbFile?: string;
  tree: TestTree;
  client(): Client;
  login(username: string, password?: string): Promise<Client>;
  /** Create a user holding one role at a node (default: the county root), signed in and ready. */
  as(role: BuiltinRoleCode, at?: keyof TestTree | { memberUnitId: string }, username?: string): Promise<Client & { userId: string; username: string }>;
  createUser(input: { username: string; role: BuiltinRoleCode; at?: keyof TestTree | { memberUnitId: string }; password?: string; mustChange?: boolean }): Promise<string>;
  close(): Promise<void>;
}

const totpSecrets = new Map<string, string>();
let counter = 0;

export function testDialect(): DialectName {
  return process.env.GG_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

/** An empty database of the suite's dialect (not migrated), for tests that need a second one (restore, several instances). */
export async function createEmptyDatabase(): Promise<{ handle: DatabaseHandle; env: Record<string, string>; dir: string; drop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-empty-'));
  if (testDialect() === 'sqlite') {
    const handle = openSqlite(path.join(dir, 'empty.db'));
    return { handle, env: { DATA_DIR: dir }, dir, drop: async () => { await handle.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `gg_e_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), 3);
  return {
    handle, env: { DATA_DIR: dir, DATABASE_URL: url.toString() }, dir,
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database (SQLite file or PostgreSQL database), migrated, bootstrapped, with a small org tree. */
export async function startTestServer(options: { settings?: Partial<SecuritySettings>; crypto?: 'standard' | 'gm' } = {}): Promise<TestServer> {
  const dialect = testDialect();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-test-'));
  let handle: DatabaseHandle;
  let dropDb: (() => Promise<void>) | undefined;
  let dbFile: string | undefined;
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    const adminUrl = inject('pgAdminUrl');
    const name = `gg_t_${process.pid}_${Date.now()}_${counter++}_${crypto.randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    handle = openPostgres(databaseUrl, 5);
    dropDb = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    dbFile = path.join(dir, 'test.db');
    // Reads through a reader thread, as a server on a machine with more than one core (platform/db/sqliteReaders.ts).
    handle = openSqlite(dbFile, 1);
  }
  const config = loadConfig({
    DATA_DIR: dir,
    GG_DATA_KEY: generateKeyRingText(),
    GG_ADMIN_PASSWORD: ADMIN_PASSWORD,
    GG_CRYPTO: options.crypto ?? 'standard',
    GG_LOG_LEVEL: 'silent',
    GG_ORG_NAME: '测试县',
    GG_CHECK_REPLIES: '1',
    PORT: '0',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const { app, platform } = await createServer(config, { handle, logger: false });
  await platform.transaction({ userId: null, username: 'test', orgUnitId: null, ip: null }, (trx) =>
    platform.settings.saveSecurity(trx, { ...defaultSecuritySettings, loginRatePerMinute: 1000, ...options.settings }, 'test'),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const tree = await seedTestTree(platform);

  const server: TestServer = {
    dialect, platform, app, baseUrl, config, dbFile, tree,
    client: () => new Client(baseUrl),
    async login(username, password = TEST_PASSWORD) {
      const c = new Client(baseUrl);
      const secret = totpSecrets.get(`${baseUrl}:${username}`);
      const res = await c.post('/api/auth/login', { username, password, ...(secret ? { otp: totpCode(secret, config.crypto === 'gm' ? 'sm3' : 'sha1') } : {}) });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      return c;
    },
    async createUser({ username, role, at = 'root', password = TEST_PASSWORD, mustChange = false }) {
      // A retried browser journey asks again for the users its first attempt made: hand back the same account.
      const existing = await platform.db.selectFrom('appUser').select('id').where('usernameKey', '=', username.trim().toLowerCase()).executeTakeFirst();
      if (existing) return existing.id;
      const placement = typeof at === 'string' ? { orgUnitId: tree[at] } : { orgUnitId: null, memberUnitId: at.memberUnitId };
      const id = await createBootstrapUser(platform, { username, displayName: `测试${username}`, roleCode: role, password, mustChange, ...placement });
      // Privileged roles need a second factor: enrol one the tests can compute.
      const def = builtinRoles.find((r) => r.code === role)!;
      if (!roleNeedsSecondFactor({ separatedDuty: def.separatedDuty ?? null }, def.permissions)) return id;
      const secret = generateTotpSecret();
      await platform.db.updateTable('appUser').set({ totpSecretEnc: platform.cipher.encrypt(secret, `app_user:${id}:totp`), totpEnabled: 1 }).where('id', '=', id).execute();
      totpSecrets.set(`${baseUrl}:${username}`, secret);
      return id;
    },
    async as(role, at = 'root', username) {
      const name = username ?? `${role}_${String(at === undefined ? 'root' : typeof at === 'string' ? at : 'mu')}_${counter++}`;
      const userId = await server.createUser({ username: name, role, at });
      const c = await server.login(name);
      return Object.assign(c, { userId, username: name });
    },
    async close() {
      await app.close();
      await handle.close();
      if (dropDb) await dropDb();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

export function totpFor(server: TestServer, username: string): string {
  const secret = totpSecrets.get(`${server.baseUrl}:${username}`);
  if (!secret) throw new Error(`no TOTP secret for ${username}`);
  return totpCode(secret, server.config.crypto === 'gm' ? 'sm3' : 'sha1');
}

async function seedTestTree(platform: Platform): Promise<TestTree> {
  const root = await platform.db.selectFrom('orgUnit').selectAll().where('parentId', 'is', null).executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const add = async (parent: { id: string; path: string; depth: number }, name: string, kind: string) => {
    const id = crypto.randomUUID();
    const row = { id, path: `${parent.path}${id}/`, depth: parent.depth + 1 };
    await platform.db
      .insertInto('orgUnit')
      .values({ ...row, parentId: parent.id, name, kind, code: null, status: 'active', contactName: null, contactPhoneEnc: null, address: null, hasCommittee: 1, sortOrder: 0, createdAt: now, updatedAt: now })
      .execute();
    return row;
  };
  const townshipA = await add(root, '东风镇', 'township');
  const townshipB = await add(root, '西岭乡', 'township');
  const villageA1 = await add(townshipA, '东风村', 'village');
  const villageA2 = await add(townshipA, '红旗社区', 'community');
  const schoolA = await add(townshipA, '东风镇中心小学', 'school');
  const villageB1 = await add(townshipB, '西岭村', 'village');
  return { root: root.id, townshipA: townshipA.id, townshipB: townshipB.id, villageA1: villageA1.id, villageA2: villageA2.id, schoolA: schoolA.id, villageB1: villageB1.id };
}
