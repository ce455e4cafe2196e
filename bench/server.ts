import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { benchEnv } from './generate.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const TICK_MS = 10; // USER_HZ is 100 on Linux

export interface ServerChild {
  pid: number;
  base: string;
  /** Spawn to first healthy answer. */
  coldStartMs: number;
  /** Server processes answering (GG_INSTANCES). */
  instances: number;
  /** user+system CPU milliseconds used so far (from /proc/<pid>/stat). */
  cpuMs(): number;
  /** Resident set now and its peak, in MB (from /proc/<pid>/status). */
  rss(): { now: number; peak: number };
  stop(): Promise<void>;
  /** Wait until it answers /api/health (queued requests done); throws with its last output when it died. */
  settle(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A process and its children (the workers of GG_INSTANCES), from /proc. */
export function processTree(pid: number): number[] {
  try {
    const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [pid, ...kids.flatMap(processTree)];
  } catch {
    return [pid];
  }
}

export function procCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

export function procRss(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * The real server (the bundle `npm start` runs, apps/server/dist/main.js, built first when stale) on the generated data directory, or with
 * dataDir null the bare Fastify hello-world. Either way a child process of its own, so its CPU and memory are its own.
 */
export async function startServer(dataDir: string | null, databaseUrl: string | undefined, log: (m: string) => void, nodeArgs: string[] = [], instances = 1): Promise<ServerChild> {
  const port = await freePort();
  if (dataDir) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-server-if-needed.mjs')], { stdio: 'inherit' });
  // BENCH_SERVER_BUNDLE: another build of the server beside it (apps/server/dist/…), to compare two versions interleaved.
  const bundle = path.resolve(ROOT, process.env.BENCH_SERVER_BUNDLE ?? 'apps/server/dist/main.js');
  const args = dataDir ? [...nodeArgs, '--enable-source-maps', bundle] : [path.join(ROOT, 'bench/hello.mjs')];
  const env = { ...process.env, ...(dataDir ? benchEnv(dataDir, databaseUrl) : {}), PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', GG_INSTANCES: String(instances) };
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output = (output + d).slice(-4000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-4000)));
  // BENCH_SERVER_OUT=<file>: the server's whole output kept there too (e.g. with --trace-gc among the node arguments).
  if (process.env.BENCH_SERVER_OUT) {
    const out = fs.createWriteStream(process.env.BENCH_SERVER_OUT, { flags: 'a' });
    child.stdout!.pipe(out);
    child.stderr!.pipe(out);
  }
  const base = `http://127.0.0.1:${port}`;
  const probe = dataDir ? `${base}/api/health` : `${base}/`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(probe);
      // With several workers the first one answers before the others listen: wait for the started line.
      if (res.ok && (instances === 1 || output.includes('关工通已启动'))) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 10));
    // A new migration that rebuilds an index takes minutes on the province's 10M activities.
    if (performance.now() - t0 > 900_000) throw new Error(`server did not start in 15 min:\n${output}`);
  }
  const coldStartMs = performance.now() - t0;
  const pid = child.pid!;
  log(`${dataDir ? 'server' : 'hello-world'} pid ${pid} on ${base} (up in ${coldStartMs.toFixed(0)} ms)`);
  return {
    pid, base, coldStartMs, instances,
    cpuMs: () => processTree(pid).reduce((sum, p) => sum + procCpuMs(p), 0),
    rss: () => processTree(pid).map(procRss).reduce((a, b) => ({ now: a.now + b.now, peak: a.peak + b.peak }), { now: 0, peak: 0 }),
    async settle() {
      for (let i = 0; ; i++) {
        if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
        try {
          await fetch(probe);
          return;
        } catch (err) {
          if (i > 20) throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

export const BENCH_USER = 'office';

/** Sign in as the county office (a demo account) and answer the session cookie. */
export async function login(base: string): Promise<string> {
  const { DEMO_PASSWORD } = await import('../apps/server/src/demo/seed.js');
  const send = () => fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: BENCH_USER, password: DEMO_PASSWORD }) });
  let res = await send();
  // The aggregates computed afresh sign in once a request, past the sign-ins a minute one address may make (a
  // security setting, 20 by default): wait as the server says.
  for (let tries = 0; res.status === 429 && tries < 3; tries++) {
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, (Number(res.headers.get('retry-after') ?? 60) + 1) * 1000));
    res = await send();
  }
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}
