/**
 * `npx tsx bench/gcProbe.ts [--endpoint activityList] [--connections 10] [--seconds 4] [--node-args "--max-semi-space-size=32"]`
 *
 * What one endpoint's requests leave to the garbage collector: the server (`apps/server/dist/main.js`, or
 * BENCH_SERVER_BUNDLE) with `--trace-gc-nvp` on the cached county data, loaded for two seconds, then measured: the
 * bytes the scavenges promoted to the old generation per request (garbage that then waits for a full collection),
 * the scavenges and full collections and their pauses, with req/s, p50/p99 and server CPU per request. A request's
 * objects should die young: a few hundred bytes promoted a request is noise, tens of KB a pattern to find
 * (docs/decisions.md, "A reader thread's owed reads are a ring, not a Map"; BENCHMARKS.md, 2 Dec). createActivity adds
 * rows to the cached data, as the bench does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { benchEndpoints } from './endpoints.js';
import { openFloor } from './floor.js';
import { CACHE_ROOT } from './generate.js';
import { login, startServer } from './server.js';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const KEY = opt('endpoint', 'activityList');
const CONNECTIONS = Number(opt('connections', '10'));
const SECONDS = Number(opt('seconds', '4'));
const NODE_ARGS = opt('node-args', '').split(' ').filter(Boolean);

const dataDir = path.join(CACHE_ROOT, 'county-sqlite');
if (!fs.existsSync(path.join(dataDir, 'generated.json'))) throw new Error('no county data: npm run bench -- --generate-only');
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gg-gc-probe-')), 'server.txt');
process.env.BENCH_SERVER_OUT = out;

const floor = await openFloor('sqlite', dataDir, undefined);
const fixtures = await floor.fixtures();
await floor.close();
const endpoint = benchEndpoints(fixtures).find((e) => e.key === KEY);
if (!endpoint) throw new Error(`--endpoint: one of ${benchEndpoints(fixtures).map((e) => e.key).join(', ')}`);
const paths = endpoint.paths ?? [endpoint.path!];

const server = await startServer(dataDir, undefined, () => {}, ['--trace-gc-nvp', ...NODE_ARGS]);
try {
  const cookie = await login(server.base);
  let i = 0;
  const load = (duration: number) =>
    new Promise<autocannon.Result>((resolve, reject) =>
      autocannon(
        {
          url: server.base, connections: CONNECTIONS, duration, headers: { cookie, ...(endpoint.body ? { 'content-type': 'application/json' } : {}) },
          requests: [{ method: endpoint.method ?? 'GET', body: endpoint.body, setupRequest: (r: autocannon.Request) => ({ ...r, path: paths[i++ % paths.length] }) }],
        } as autocannon.Options,
        (err, r) => (err ? reject(err) : resolve(r)),
      ),
    );
  await load(2);
  const from = fs.statSync(out).size;
  const cpu0 = server.cpuMs();
  const r = await load(SECONDS);
  const cpuMs = server.cpuMs() - cpu0;
  await new Promise((resolve) => setTimeout(resolve, 200));
  // The reader threads' isolates print their own lines: the main thread's heap is the one past a few MB.
  let scavenges = 0, promoted = 0, scavengePause = 0, marks = 0, markPause = 0;
  for (const line of fs.readFileSync(out, 'utf8').slice(from).split('\n')) {
    const kind = /\bgc=(\w+)/.exec(line)?.[1];
    if (!kind) continue;
    const num = (k: string) => Number(new RegExp(`\\b${k}=([0-9.]+)`).exec(line)?.[1] ?? 0);
    if (num('total_size_before') < 16 * 1048576) continue;
    if (kind === 's') {
      scavenges++;
      promoted += num('promoted');
      scavengePause += num('pause');
    } else if (kind === 'mc' || kind === 'mmc') {
      marks++;
      markPause += num('pause');
    }
  }
  const n = r.requests.total;
  console.log(
    `${endpoint.name} (${KEY}), ${CONNECTIONS} connections, ${SECONDS} s: ${Math.round(n / SECONDS)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
      `${(cpuMs / n).toFixed(3)} ms CPU a request; promoted ${(promoted / n / 1024).toFixed(1)} KB a request; ` +
      `${scavenges} scavenges (${scavengePause.toFixed(0)} ms), ${marks} full collections (${markPause.toFixed(0)} ms)${r.non2xx ? `; ${r.non2xx} non-2xx` : ''}`,
  );
} finally {
  await server.stop();
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
}
