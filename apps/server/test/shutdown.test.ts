import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, startTestServer, testDialect, type TestServer } from './harness.js';
import { generateKeyRingText } from '../src/platform/crypto/keys.js';

const serverDir = path.resolve(import.meta.dirname, '..');
const bundle = path.join(serverDir, 'dist/main.js');

describe('durability settings and graceful shutdown (security.md F)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    // `npm start` runs the bundle (npm test builds it first; a local run builds it here when missing or stale).
    execFileSync(process.execPath, [path.resolve(serverDir, '../../scripts/build-server-if-needed.mjs')], { stdio: 'ignore' });
  });
  afterAll(() => s.close());

  it.skipIf(testDialect() !== 'postgres')('an idle PostgreSQL connection ended from the server side neither ends the process nor the next request', async () => {
    const office = await s.as('countyOffice');
    expect((await office.get('/api/auth/me')).status).toBe(200);
    // Every other connection of this database ended as a restart or an administrator would; the pool's idle ones error.
    const ended = await sql<{ n: number }>`SELECT COUNT(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(s.platform.db);
    expect(ended.rows[0].n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect((await office.get('/api/auth/me')).status).toBe(200);
    expect((await office.get('/api/org-units?pageSize=5')).status).toBe(200);
  });

  it.skipIf(testDialect() !== 'sqlite')('F31 SQLite runs in WAL with synchronous=FULL, foreign keys on and a busy timeout', () => {
    const db = s.platform.handle.sqlite!;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
  });

  it('F34 SIGTERM lets an in-flight request finish, then closes the database cleanly (the bundle npm start runs)', async () => {
    const target = await createEmptyDatabase();
    await target.handle.close();
    const port = await freePort();
    const child = spawn(process.execPath, [bundle], {
      cwd: serverDir,
      env: { ...process.env, ...target.env, PORT: String(port), GG_DEMO: '0', GG_DATA_KEY: generateKeyRingText(), GG_ADMIN_PASSWORD: 'Admin@Pass2026x', GG_LOG_LEVEL: 'warn', INIT_CWD: serverDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 150 && !output.includes('关工通已启动'); i++) await new Promise((r) => setTimeout(r, 200));
      expect(output).toContain('关工通已启动');
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
      // What the bundle leaves to node_modules still loads: the API docs' assets and their spec.
      expect((await fetch(`${base}/api/openapi.json`)).status).toBe(200);
      const docs = await fetch(`${base}/api/docs/static/swagger-ui.css`);
      expect(docs.status).toBe(200);
      // A sign-in spends tens of milliseconds in argon2: send it, then SIGTERM while it runs.
      const inFlight = fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Admin@Pass2026x' }) });
      await new Promise((r) => setTimeout(r, 40));
      child.kill('SIGTERM');
      const res = await inFlight;
      expect(res.status, output).toBe(200);
      const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve)));
      expect(code, output).toBe(0);
      if (testDialect() === 'sqlite') {
        const file = path.join(target.dir, 'guanguantong.db');
        expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
        const db = new SqliteDatabase(file, { readonly: true });
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        db.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await target.drop();
    }
  }, 60_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
