/**
 * `npm run bench -- --scale county|large|province [--db sqlite|postgres] [--seconds 10] [--connections 10] [--only core|extras]
 *    [--endpoints caseList,activityList,volunteerSearch,caseById,dashboard,activitySummary,createActivity] [--instances 2] [--generate-only] [--profile]`
 *
 * Generates (or reuses, from bench/.cache) a deterministic database at the scale, starts the real server on it as
 * a child process, and loads each endpoint with autocannon at 10 connections. In the same run it measures the
 * floors: the same queries as raw SQL on the same database, and a bare Fastify hello-world (also a child process).
 * Prints req/s, p50, p99, the ratio to the floor, and the server's CPU per request (from /proc/<pid>/stat) beside
 * the SQL's own time. Then the extras (import, export, RSS, cold start, web bundle, dashboard in Chromium).
 * Not part of `npm test`.
 */
import os from 'node:os';
import fs from 'node:fs';
import { ensureGenerated, type DbKind, type Scale, SCALES } from './generate.js';
import { startPostgres } from './postgres.js';
import { startServer, login, type ServerChild } from './server.js';
import { measure, type Measured } from './load.js';
import { openFloor, type Floor } from './floor.js';
import { runExtras, type Extra } from './extras.js';
import { benchEndpoints } from './endpoints.js';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const SCALE = opt('scale', 'county') as Scale;
const DB = opt('db', SCALE === 'province' ? 'postgres' : 'sqlite') as DbKind;
const SECONDS = Number(opt('seconds', '10'));
const CONNECTIONS = Number(opt('connections', '10'));
const ONLY = opt('only', 'all');
const ENDPOINTS = opt('endpoints', '').split(',').filter(Boolean);
const GENERATE_ONLY = argv.includes('--generate-only');
// --instances N: the server as `GG_INSTANCES=N npm start` runs it — N worker processes on one port; CPU and memory
// are then the sum over the processes.
const INSTANCES = Number(opt('instances', '1'));
// --profile: the server writes a V8 CPU profile to bench/.cache/profiles when it stops (open it in Chrome DevTools).
const PROFILE = argv.includes('--profile');
if (!(SCALE in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
if (DB !== 'sqlite' && DB !== 'postgres') throw new Error('--db must be sqlite or postgres');

const log = (m: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);
const fmt = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? '—' : n >= 100 ? n.toFixed(0) : n.toFixed(digits));

async function main() {
  const load0 = os.loadavg();
  const pg = DB === 'postgres' ? await startPostgres(log) : undefined;
  try {
    // A database whose generation did not finish (no generated.json) is dropped and made again.
    const url = pg ? await pg.database(`gg_bench_${SCALE}`, !fs.existsSync(`bench/.cache/${SCALE}-postgres/generated.json`)) : undefined;
    const gen = await ensureGenerated(SCALE, DB, url, log);
    if (GENERATE_ONLY) return;

    const server = await startServer(gen.dataDir, url, log, PROFILE ? ['--cpu-prof', '--cpu-prof-dir=bench/.cache/profiles'] : [], INSTANCES);
    const hello = await startServer(null, undefined, log);
    const floor = await openFloor(DB, gen.dataDir, url);
    try {
      const session = await login(server.base);
      const fixtures = await floor.fixtures();
      const rows: { m: Measured; f?: Floor }[] = [];
      if (ONLY !== 'extras') {
        const helloM = await measure(hello, { name: 'bare Fastify hello-world', path: '/' }, SECONDS, CONNECTIONS);
        const endpoints = benchEndpoints(fixtures);
        for (const e of endpoints.filter((x) => !ENDPOINTS.length || ENDPOINTS.includes(x.key))) {
          const m = await measure(server, { ...e, cookie: session }, SECONDS, CONNECTIONS);
          // Requests still queued when the load stopped finish before the next measurement.
          await server.settle();
          const f = await floor.run(e.key, fixtures, SECONDS);
          rows.push({ m, f });
        }
        rows.push({ m: helloM });
      }
      // The aggregates computed afresh: the repeated rows above are served by cacheUntilWrite, so here each request
      // comes from a new session (signing in is itself an audited write, so nothing cached can answer).
      const fresh: { name: string; ms: number[] }[] = [];
      if (ONLY !== 'extras') {
        const year = new Date().getUTCFullYear();
        for (const [key, name, path] of [
          ['dashboard', '工作概览（全县、本年），每次新会话', `/api/dashboard/overview?year=${year}`],
          ['activitySummary', '活动汇总（全县、全部），每次新会话', '/api/activities/summary'],
          ['activitySummary', '活动汇总（一个乡镇、全部），每次新会话', `/api/activities/summary?orgUnitId=${fixtures.township}`],
          ['activitySummary', '活动汇总（全县、本年），每次新会话', `/api/activities/summary?from=${year}-01-01&to=${year}-12-31`],
          ['activityList', '活动列表（筛选+总数），每次新会话', `/api/activities?type=lecture&from=${year - 1}-01-01&pageSize=20`],
        ] as const) {
          if (ENDPOINTS.length && !ENDPOINTS.includes(key)) continue;
          const ms: number[] = [];
          for (let i = 0; i < 5; i++) {
            const cookie = await login(server.base);
            const t0 = performance.now();
            const res = await fetch(`${server.base}${path}`, { headers: { cookie } });
            await res.arrayBuffer();
            if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
            ms.push(performance.now() - t0);
          }
          fresh.push({ name, ms });
        }
      }
      const load1 = os.loadavg();

      const cpu = os.cpus();
      console.log(`\n## 关工通 benchmark — ${new Date().toISOString()}`);
      console.log(`Machine: ${cpu.length} cores (${cpu[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}; load average before ${load0.map((x) => x.toFixed(2)).join(' / ')}, after ${load1.map((x) => x.toFixed(2)).join(' / ')}`);
      console.log(`Data: ${SCALE} on ${DB} — ${Object.entries(gen.counts).filter(([k]) => k.startsWith('bench')).map(([k, v]) => `${k.slice(5).toLowerCase()} ${v}`).join(', ')}; generated in ${gen.seconds.toFixed(0)} s (${gen.generatedAt}); ${CONNECTIONS} connections, ${SECONDS} s per endpoint; ${INSTANCES === 1 ? 'one server process' : `${INSTANCES} server processes (GG_INSTANCES=${INSTANCES})`}\n`);
      if (rows.length) {
        console.log('| endpoint | req/s | p50 ms | p99 ms | non-2xx | server CPU ms/req | floor (raw SQL, same DB) | floor ops/s | floor ms/op | ratio to floor | CPU beyond SQL ms/req |');
        console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
        const helloRps = rows.at(-1)!.m.rps;
        for (const { m, f } of rows) {
          const beyond = f && DB === 'sqlite' ? m.cpuMsPerReq - f.msPerOp : m.cpuMsPerReq;
          console.log(`| ${m.name} \`${m.method} ${m.path.replace(/[0-9a-f-]{36}/g, ':id').slice(0, 70)}\` | ${fmt(m.rps)} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${m.non2xx} | ${m.cpuMsPerReq.toFixed(2)} | ${f ? f.name : 'HTTP floor'} | ${f ? fmt(f.opsPerSec) : '—'} | ${f ? f.msPerOp.toFixed(3) : '—'} | ${f ? (m.rps / f.opsPerSec).toFixed(3) : '—'} (HTTP ${(m.rps / helloRps).toFixed(3)}) | ${f ? beyond.toFixed(2) : '—'} |`);
        }
      }
      if (fresh.length) {
        console.log('\n| computed afresh (5 single requests, each from a new session) | ms |');
        console.log('| --- | --- |');
        for (const f of fresh) console.log(`| ${f.name} | ${f.ms.map((x) => x.toFixed(0)).join(', ')} |`);
      }
      fs.mkdirSync('bench/.cache', { recursive: true });
      fs.writeFileSync(`bench/.cache/last-${SCALE}-${DB}${INSTANCES > 1 ? `-x${INSTANCES}` : ''}.json`, JSON.stringify({ at: new Date().toISOString(), load0, load1, rows, fresh }, null, 2));
      const extras: Extra[] = ONLY !== 'core' ? await runExtras({ server, session, dataDir: gen.dataDir, url, db: DB, fixtures, log }) : [];
      if (extras.length) {
        console.log('\n| also measured | value | target |');
        console.log('| --- | --- | --- |');
        for (const x of extras) console.log(`| ${x.name} | ${x.value} | ${x.target ?? ''} |`);
      }
      fs.mkdirSync('bench/.cache', { recursive: true });
      console.log(`\nLoad average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
    } finally {
      await floor.close();
      await server.stop();
      await hello.stop();
    }
  } catch (err) {
    // Printed before PostgreSQL stops: its shutdown makes the pool's idle clients fail, which would hide this.
    console.error(err);
    process.exitCode = 1;
  } finally {
    await pg?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

export type { ServerChild };
