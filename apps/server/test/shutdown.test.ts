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

  it('F34 SIGTERM lets an in-flight request finish, closes a connection still busy after the grace period, then closes the database cleanly (the bundle npm start runs)', async () => {
    const target = await createEmptyDatabase();
    await target.handle.close();
    const port = await freePort();
    const child = spawn(process.execPath, [bundle], {
      cwd: serverDir,
      env: { ...process.env, ...target.env, PORT: String(port), GG_DEMO: '0', GG_DATA_KEY: generateKeyRingText(), GG_ADMIN_PASSWORD: 'Admin@Pass2026x', GG_LOG_LEVEL: 'warn', GG_SHUTDOWN_GRACE_SECONDS: '3', INIT_CWD: serverDir },
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
      const spec = await fetch(`${base}/api/openapi.json`);
      expect(spec.status).toBe(200);
      await spec.arrayBuffer();
      const docs = await fetch(`${base}/api/docs/static/swagger-ui.css`);
      expect(docs.status).toBe(200);
      await docs.arrayBuffer();
      // A client that began a request and went quiet: its connection is busy, not idle, and would hold the server's
      // close until Node's own header timeout, past the shutdown deadline. The grace period (3 s here) closes it.
      const stalled = net.connect(port, '127.0.0.1');
      await new Promise((r) => stalled.once('connect', r));
      stalled.on('error', () => undefined);
      stalled.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const stalledClosed = new Promise((r) => stalled.once('close', r));
      // A sign-in whose headers have arrived and whose body has not: the server has taken it in when SIGTERM comes
      // (its "100 Continue" says so). The rest of the body follows once the server says it is shutting down; the answer
      // must still come, and close the connection.
      const body = JSON.stringify({ username: 'admin', password: 'Admin@Pass2026x' });
      const signIn = net.connect(port, '127.0.0.1');
      await new Promise((r) => signIn.once('connect', r));
      let answer = '';
      signIn.on('data', (d) => (answer += d));
      const answered = new Promise((r) => signIn.once('close', r));
      signIn.write(`POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`);
      for (let i = 0; i < 200 && !answer.includes('100 Continue'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(answer).toContain('HTTP/1.1 100 Continue');
      signIn.write(body.slice(0, 10));
      child.kill('SIGTERM');
      for (let i = 0; i < 200 && !output.includes('正在关闭'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(output).toContain('收到 SIGTERM，正在关闭');
      signIn.write(body.slice(10));
      await answered;
      expect([...answer.matchAll(/^HTTP\/1\.1 \d+ .*$/gm)].map((m) => m[0].trim()), output).toEqual(['HTTP/1.1 100 Continue', 'HTTP/1.1 200 OK']);
      expect(answer.toLowerCase()).toContain('\r\nconnection: close\r\n');
      expect(answer).toContain('"mustChangePassword"');
      // 'close', not 'exit': the child's last lines are read by then.
      const code = await new Promise<number | null>((resolve) => (child.exitCode !== null && child.stdout.closed ? resolve(child.exitCode) : child.on('close', resolve)));
      expect(code, output).toBe(0);
      await stalledClosed;
      expect(output).toContain('3 秒后仍有连接未结束，已强制断开');
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
