import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from './database.js';

const writer = path.resolve(import.meta.dirname, '../../../test/fixtures/sqliteWriter.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-sqlite-procs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(file: string, rounds: number): Promise<{ failed: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file, String(rounds)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ ...JSON.parse(out.trim().split('\n').pop()!), stderr }) : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
}

/**
 * Several server processes on one SQLite file (GG_INSTANCES): transactions that read and then write, from two
 * processes at once. A deferred BEGIN fails such a transaction with SQLITE_BUSY whenever the other process wrote
 * after its read; BEGIN IMMEDIATE waits for the lock instead, so every one commits, and in turn.
 */
describe('two processes writing one SQLite file', () => {
  it('serialise read-then-write transactions without SQLITE_BUSY', async () => {
    const file = path.join(dir, 'shared.db');
    const setup = openSqlite(file);
    await setup.sqlite!.exec('CREATE TABLE counter (n INTEGER PRIMARY KEY, pid INTEGER NOT NULL)');
    await setup.close();

    const rounds = 300;
    const [a, b] = await Promise.all([run(file, rounds), run(file, rounds)]);
    expect(a.stderr + b.stderr).not.toMatch(/SQLITE_BUSY/);
    expect([a.failed, b.failed]).toEqual([0, 0]);

    const check = openSqlite(file);
    const rows = check.sqlite!.prepare('SELECT n, pid FROM counter ORDER BY n').all() as { n: number; pid: number }[];
    await check.close();
    // Each transaction saw every commit before it: the numbers run 1..600 without a gap, from both processes.
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 2 * rounds }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.pid)).size).toBe(2);
  }, 60_000);
});
