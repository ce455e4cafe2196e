import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTarget, prepare, ServerProcess, Session, sleep, type Target } from './lib.js';

/** The worker processes of a GG_INSTANCES server (Linux /proc), with their CPU time in clock ticks. */
function workers(pid: number): { pid: number; ticks: number }[] {
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return children.map((c) => {
    const stat = fs.readFileSync(`/proc/${c}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid: c, ticks: Number(f[11]) + Number(f[12]) };
  });
}

let target: Target | undefined;
afterAll(() => target?.drop());

/**
 * `GG_INSTANCES=2 npm start` on SQLite (issue 10: the laptop's second core): one process prepares the database, two
 * workers share the port and both answer, a worker killed is started again, and SIGTERM ends them all cleanly.
 */
describe('GG_INSTANCES on one SQLite file', () => {
  it('serves from two worker processes, restarts a dead one and stops cleanly', async () => {
    target = await createTarget('sqlite');
    const prep = await prepare(target, { demoScale: 0 });
    const server = new ServerProcess(target, { GG_INSTANCES: '2', GG_JOB_TICK_SECONDS: '1' });
    await server.start();
    expect(server.output).toContain('2 个服务进程');
    const before = workers(server.pid);
    expect(before).toHaveLength(2);

    // New connections each time: node:cluster hands connections to the workers in turn.
    const session = await Session.signIn(server.base, prep.accounts.countyOffice);
    const created: string[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async (_, k) => {
        for (let i = 0; i < 40; i++) {
          const write = i % 4 === 0;
          const res = await fetch(server.base + (write ? '/api/volunteers' : '/api/volunteers?pageSize=10'), {
            method: write ? 'POST' : 'GET',
            headers: { cookie: session.cookie, connection: 'close', ...(write ? { 'content-type': 'application/json' } : {}) },
            body: write ? JSON.stringify({ orgUnitId: prep.village.id, category: 'teacher', name: `进程${k}-${i}`, sex: 'female', birthDate: '1952-03-04' }) : undefined,
          });
          expect(res.status).toBe(200);
          const body = await res.json();
          if (write) created.push(body.id);
        }
      }),
    );
    const after = workers(server.pid);
    for (const w of before) expect(after.find((a) => a.pid === w.pid)!.ticks).toBeGreaterThan(w.ticks);
    const list = await session.request('GET', '/api/volunteers?pageSize=100&q=进程');
    expect(list.body.total).toBe(created.length);

    // A worker that dies is replaced; the port keeps answering meanwhile.
    process.kill(before[0].pid, 'SIGKILL');
    for (let i = 0; i < 40 && !workers(server.pid).some((w) => !before.some((b) => b.pid === w.pid)); i++) await sleep(250);
    const replaced = workers(server.pid);
    expect(replaced).toHaveLength(2);
    expect(replaced.map((w) => w.pid)).not.toContain(before[0].pid);
    expect(server.output).toContain('正在重新启动');
    expect((await session.request('GET', '/api/auth/me')).status).toBe(200);

    // SIGTERM to the first process drains and ends every worker, and it exits 0.
    const code = await server.kill('SIGTERM');
    expect(code).toBe(0);
    for (const w of replaced) expect(fs.existsSync(`/proc/${w.pid}`)).toBe(false);
  }, 180_000);
});
