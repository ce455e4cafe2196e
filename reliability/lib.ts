/**
 * Shared pieces of the reliability runs: a fresh data directory (SQLite file or a new PostgreSQL database),
 * prepared in-process (migrations, a small demo county, sign-in accounts), then served by the real server as
 * `npm start` runs it (`tsx src/main.ts`) in a child process that the runs may SIGTERM or SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { defaultSecuritySettings } from '@gg/shared';
import { loadConfig, type Config } from '../apps/server/src/platform/config.js';
import { createServer } from '../apps/server/src/server.js';
import { createPlatform, type Platform } from '../apps/server/src/platform/context.js';
import { openPostgres, openSqlite, type DatabaseHandle } from '../apps/server/src/platform/db/database.js';
import { generateKeyRingText } from '../apps/server/src/platform/crypto/keys.js';
import { generateDemoCounty } from '../apps/server/src/demo/seed.js';
import { createBootstrapUser } from '../apps/server/src/platform/bootstrap.js';
import { generateTotpSecret, totpCode } from '../apps/server/src/platform/auth/totp.js';
import { builtinRoles, roleNeedsSecondFactor } from '../apps/server/src/platform/authz/builtin-roles.js';

export type Dialect = 'sqlite' | 'postgres';
export const serverDir = path.resolve(import.meta.dirname, '../apps/server');
export const PASSWORD = 'Reliab@Pass2026x';
let counter = 0;

/** A data directory and database of one dialect, with the environment a server process needs to use it. */
export interface Target {
  dialect: Dialect;
  dir: string;
  env: Record<string, string>;
  config: Config;
  sqliteFile?: string;
  databaseUrl?: string;
  drop(): Promise<void>;
}

export async function createTarget(dialect: Dialect, pgAdminUrl?: string, shared?: { dir?: string }): Promise<Target> {
  const dir = shared?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gg-rel-'));
  const env: Record<string, string> = { DATA_DIR: dir, GG_DATA_KEY: generateKeyRingText(), GG_LOG_LEVEL: 'warn', GG_DEMO: '0', GG_ADMIN_PASSWORD: 'Admin@Pass2026x', GG_ORG_NAME: '可靠性县' };
  let databaseUrl: string | undefined;
  let dropDb = async () => {};
  if (dialect === 'postgres') {
    if (!pgAdminUrl) throw new Error('PostgreSQL run needs an admin URL (TEST_DATABASE_URL or embedded PostgreSQL)');
    const name = `gg_rel_${process.pid}_${Date.now()}_${counter++}`;
    const admin = new pg.Client({ connectionString: pgAdminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(pgAdminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    env.DATABASE_URL = databaseUrl;
    dropDb = async () => {
      const c = new pg.Client({ connectionString: pgAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const config = loadConfig({ ...env, INIT_CWD: serverDir });
  return {
    dialect, dir, env, config, databaseUrl,
    sqliteFile: dialect === 'sqlite' ? path.join(dir, 'guanguantong.db') : undefined,
    drop: async () => {
      await dropDb();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function openHandle(target: Target): DatabaseHandle {
  return target.dialect === 'sqlite' ? openSqlite(target.sqliteFile!) : openPostgres(target.databaseUrl!, 3);
}

/** A platform on the target's database in this process (for preparing data and checking it afterwards). */
export async function withPlatform<T>(target: Target, fn: (platform: Platform) => Promise<T>): Promise<T> {
  const handle = openHandle(target);
  try {
    const platform = await createPlatform(target.config, { handle });
    return await fn(platform);
  } finally {
    await handle.close();
  }
}

export interface Account { username: string; role: string; totpSecret?: string }

export interface Prepared {
  accounts: Record<string, Account>;
  township: { id: string; name: string };
  village: { id: string; name: string };
  orgUnitIds: string[];
}

/**
 * Migrate, bootstrap, generate a demo county at `demoScale` (0: only a township with two villages), allow many sign-ins a minute, and create one account per built-in role at the county root
 * (privileged roles get a TOTP secret this process can compute).
 */
export async function prepare(target: Target, opts: { demoScale: number; officeUsers?: number }): Promise<Prepared> {
  const handle = openHandle(target);
  try {
    const { platform } = await createServer(target.config, { handle, logger: false });
    const actor = { userId: null, username: 'reliability', orgUnitId: null, ip: null };
    if (opts.demoScale > 0) await generateDemoCounty(platform, { scale: opts.demoScale });
    else await tinyTree(platform);
    const security = await platform.settings.security();
    await platform.transaction(actor, (trx) => platform.settings.saveSecurity(trx, { ...defaultSecuritySettings, ...security, loginRatePerMinute: 1000 }, 'reliability'));
    const accounts: Record<string, Account> = {};
    for (const role of builtinRoles) {
      if (role.code === 'volunteer' || role.code === 'memberUnitLiaison' || role.code === 'grassrootsLiaison' || role.code === 'townshipOfficer') continue;
      const username = `rel_${role.code}`;
      const id = await createBootstrapUser(platform, { username, displayName: `可靠性${role.code}`, roleCode: role.code, password: PASSWORD, mustChange: false });
      const account: Account = { username, role: role.code };
      if (roleNeedsSecondFactor({ separatedDuty: role.separatedDuty ?? null }, role.permissions)) {
        account.totpSecret = generateTotpSecret();
        await platform.db.updateTable('appUser').set({ totpSecretEnc: platform.cipher.encrypt(account.totpSecret, `app_user:${id}:totp`), totpEnabled: 1 }).where('id', '=', id).execute();
      }
      accounts[role.code] = account;
    }
    for (let i = 0; i < (opts.officeUsers ?? 0); i++) {
      const username = `rel_office_${i}`;
      await createBootstrapUser(platform, { username, displayName: `办公室${i}`, roleCode: 'countyOffice', password: PASSWORD, mustChange: false });
      accounts[username] = { username, role: 'countyOffice' };
    }
    const village = await platform.db.selectFrom('orgUnit').select(['id', 'name', 'parentId']).where('kind', '=', 'village').orderBy('path').limit(1).executeTakeFirstOrThrow();
    const township = await platform.db.selectFrom('orgUnit').select(['id', 'name']).where('id', '=', village.parentId!).executeTakeFirstOrThrow();
    const orgUnitIds = (await platform.db.selectFrom('orgUnit').select('id').where('kind', 'in', ['village', 'community']).execute()).map((r) => r.id);
    return { accounts, township, village, orgUnitIds };
  } finally {
    await handle.close();
  }
}

/** A township with two villages under the root: enough for the crash, fuzz and cluster runs. */
async function tinyTree(platform: Platform) {
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
  const township = await add(root, '东风镇', 'township');
  await add(township, '东风村', 'village');
  await add(township, '红旗村', 'village');
  await add(township, '东风镇中心小学', 'school');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** The real server (`tsx src/main.ts`, as `npm start` runs it) in a child process. */
export class ServerProcess {
  child!: ChildProcess;
  output = '';
  port = 0;
  constructor(readonly target: Target, readonly extraEnv: Record<string, string> = {}) {}

  get base() { return `http://127.0.0.1:${this.port}`; }
  get pid() { return this.child.pid!; }

  async start(timeoutMs = 300_000): Promise<number> {
    // The same port across restarts, as a real deployment has: clients keep their address.
    if (!this.port) this.port = await freePort();
    this.output = '';
    const t0 = performance.now();
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: { ...process.env, ...this.target.env, ...this.extraEnv, PORT: String(this.port), INIT_CWD: serverDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output = (this.output + d).slice(-20_000)));
    this.child.stderr!.on('data', (d) => (this.output = (this.output + d).slice(-20_000)));
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes('关工通已启动')) {
      if (this.child.exitCode !== null) throw new Error(`server exited with ${this.child.exitCode} during start:\n${this.output}`);
      if (Date.now() > deadline) {
        this.child.kill('SIGKILL');
        throw new Error(`server did not start in ${timeoutMs} ms:\n${this.output}`);
      }
      await sleep(50);
    }
    return performance.now() - t0;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return this.child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill(signal);
    return exited;
  }

  /** Resident set size of the server process in MB (Linux /proc). */
  rssMb(): number {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Reply<T = any> { status: number; body: T; text: string }

/** A signed-in HTTP client (cookie jar of one). `base` may be changed (two instances). */
export class Session {
  cookie = '';
  constructor(public base: string) {}

  async request<T = any>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + url, { method, headers, body: payload, redirect: 'manual', signal });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      if (pair.startsWith('gg_session=')) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    const type = res.headers.get('content-type') ?? '';
    let text = '';
    let parsed: unknown;
    if (type.includes('json') || type.includes('text')) {
      text = await res.text();
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
    } else {
      parsed = Buffer.from(await res.arrayBuffer());
    }
    return { status: res.status, body: parsed as T, text };
  }

  static async signIn(base: string, account: Account, crypto: 'standard' | 'gm' = 'standard'): Promise<Session> {
    const s = new Session(base);
    for (let attempt = 0; ; attempt++) {
      const otp = account.totpSecret ? { otp: totpCode(account.totpSecret, crypto === 'gm' ? 'sm3' : 'sha1', Date.now() + attempt * 30_000) } : {};
      const res = await s.request('POST', '/api/auth/login', { username: account.username, password: PASSWORD, ...otp });
      if (res.status === 200) return s;
      // A TOTP code is accepted once: a second sign-in in the same 30 s window uses the next window's code.
      if (attempt >= 2 || !account.totpSecret) throw new Error(`sign-in ${account.username} failed: ${res.status} ${res.text}`);
    }
  }
}

/** Percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Table names of the database (application tables only). */
export async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const rows =
    handle.dialect === 'postgres'
      ? (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(handle.db)).rows
      : (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(handle.db)).rows;
  return rows.map((r) => r.name).sort();
}

export async function rowCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await tableNames(handle)) out[t] = Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(t)}`.execute(handle.db)).rows[0].n);
  return out;
}

/**
 * A content hash per table: every row, every column except `ignore[table]`, in a stable order.
 * Used to prove a rejected request changed nothing.
 */
export async function tableHashes(handle: DatabaseHandle, ignore: Record<string, string[]> = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await tableNames(handle)) {
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)}`.execute(handle.db)).rows;
    const skip = new Set(ignore[t] ?? []);
    const lines = rows.map((r) => JSON.stringify(Object.keys(r).sort().filter((k) => !skip.has(k)).map((k) => [k, normalise(r[k])]))).sort();
    out[t] = crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16) + `:${rows.length}`;
  }
  return out;
}

function normalise(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (typeof v === 'string' && /^-?\d+$/.test(v) && v.length < 16) return Number(v); // pg BIGINT as text
  return v;
}

/** SQLite's own check on a closed (or crashed) database file; recovers the WAL first. */
export function sqliteIntegrity(file: string): { integrity: string; foreignKeys: number } {
  const db = new SqliteDatabase(file);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const foreignKeys = (db.pragma('foreign_key_check') as unknown[]).length;
    return { integrity, foreignKeys };
  } finally {
    db.close();
  }
}

/** Start an embedded PostgreSQL in its own process (as the API suite does); resolves with its admin URL. */
export async function startEmbeddedPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(serverDir, 'test/postgres-server.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`embedded PostgreSQL exited early (code ${code})`)));
  });
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(8_000)]);
      child.stdin?.destroy();
      child.stdout?.destroy();
    },
  };
}

/** A deterministic PRNG so a failing run can be repeated with its seed. */
export function prng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}
