/**
 * `npm run bench`: start the real server on a generated demo county (SQLite), load it with 10 concurrent
 * keep-alive clients, and print req/s, p50 and p99 per endpoint beside its floor: the same data read with raw
 * SQL on the same file, and a bare Fastify hello-world on the same machine. Not part of `npm test`.
 *   npm run bench [-- --seconds 5 --connections 10 --scale 1]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import SqliteDatabase from 'better-sqlite3';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { createServer } from '../apps/server/src/server.js';
import { generateDemoCounty } from '../apps/server/src/demo/seed.js';
import { DEMO_PASSWORD } from '../apps/server/src/demo/seed.js';
import { generateKeyRingText } from '../apps/server/src/platform/crypto/keys.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 5);
const CONNECTIONS = arg('connections', 10);
const SCALE = arg('scale', 1);

interface Result { name: string; rps: number; p50: number; p99: number; errors: number; }

async function load(name: string, make: () => Promise<Response>): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await make();
        await res.arrayBuffer();
        if (res.status >= 400) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { name, rps: latencies.length / SECONDS, p50: pct(0.5), p99: pct(0.99), errors };
}

function floorSql(name: string, db: SqliteDatabase.Database, run: (db: SqliteDatabase.Database) => void): Result {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    const t = performance.now();
    run(db);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  return { name, rps: latencies.length / SECONDS, p50: latencies[Math.floor(latencies.length / 2)], p99: latencies[Math.floor(latencies.length * 0.99)], errors: 0 };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-bench-'));
  const config = loadConfig({ DATA_DIR: dir, GG_DATA_KEY: generateKeyRingText(), GG_LOG_LEVEL: 'silent', PORT: '0', GG_ADMIN_PASSWORD: 'Bench@Pass2026x' });
  const t0 = performance.now();
  const { app, platform } = await createServer(config, { logger: false });
  const coldStart = performance.now() - t0;
  const g0 = performance.now();
  await generateDemoCounty(platform, { scale: SCALE });
  const seedSeconds = (performance.now() - g0) / 1000;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'office', password: DEMO_PASSWORD }) });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie()[0].split(';')[0];
  const get = (url: string) => () => fetch(base + url, { headers: { cookie } });
  const anyCase = (await (await fetch(`${base}/api/care-cases?pageSize=1`, { headers: { cookie } })).json()) as { items: { id: string }[] };
  const someOrg = platform.db.selectFrom('orgUnit').select('id').where('kind', '=', 'township').limit(1);
  const township = (await someOrg.executeTakeFirstOrThrow()).id;
  const counts = {
    activities: Number((await platform.db.selectFrom('activity' as never).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    cases: Number((await platform.db.selectFrom('careCase' as never).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    volunteers: Number((await platform.db.selectFrom('volunteer' as never).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  };

  const results: [Result, Result | undefined][] = [];
  const sqlite = new SqliteDatabase(config.database.kind === 'sqlite' ? config.database.file : '', { readonly: true });
  results.push([
    await load('病例列表（筛选+总数） GET /api/care-cases?status=in_progress', get('/api/care-cases?status=in_progress&pageSize=20')),
    floorSql('raw SQL: page + count', sqlite, (db) => {
      db.prepare("SELECT * FROM care_case WHERE status = 'in_progress' ORDER BY updated_at DESC LIMIT 20").all();
      db.prepare("SELECT COUNT(*) FROM care_case WHERE status = 'in_progress'").get();
    }),
  ]);
  results.push([
    await load('活动列表（筛选+总数） GET /api/activities?type=lecture&orgUnitId=…', get(`/api/activities?type=lecture&orgUnitId=${township}&pageSize=20`)),
    floorSql('raw SQL: page + count', sqlite, (db) => {
      db.prepare("SELECT * FROM activity WHERE type = 'lecture' ORDER BY activity_date DESC LIMIT 20").all();
      db.prepare("SELECT COUNT(*) FROM activity WHERE type = 'lecture'").get();
    }),
  ]);
  results.push([
    await load('五老拼音首字母搜索 GET /api/volunteers?q=zs', get('/api/volunteers?q=zs&pageSize=20')),
    floorSql('raw SQL: prefix search', sqlite, (db) => {
      db.prepare("SELECT * FROM volunteer WHERE name_initials LIKE 'zs%' LIMIT 20").all();
    }),
  ]);
  if (anyCase.items[0]) {
    results.push([
      await load('帮扶对象详情（读取留痕） GET /api/care-cases/:id', get(`/api/care-cases/${anyCase.items[0].id}`)),
      floorSql('raw SQL: row by id', sqlite, (db) => {
        db.prepare('SELECT * FROM care_case WHERE id = ?').get(anyCase.items[0].id);
      }),
    ]);
  }
  results.push([await load('活动汇总 GET /api/activities/summary', get('/api/activities/summary')), undefined]);
  results.push([await load('组织树 GET /api/org-units/tree', get('/api/org-units/tree?depth=2')), undefined]);

  // Floor for the HTTP layer: a bare Fastify hello-world on the same machine.
  const hello = Fastify();
  hello.get('/', async () => ({ ok: true }));
  await hello.listen({ port: 0, host: '127.0.0.1' });
  const helloUrl = `http://127.0.0.1:${(hello.server.address() as { port: number }).port}/`;
  const helloResult = await load('bare Fastify hello-world', () => fetch(helloUrl));
  await hello.close();

  const rss = process.memoryUsage().rss / 1048576;
  const fmt = (n: number) => n.toFixed(n >= 100 ? 0 : 1);
  console.log(`\n关工通 benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, Node ${process.version}`);
  console.log(`SQLite demo county ×${SCALE}: ${counts.activities} activities, ${counts.cases} cases, ${counts.volunteers} volunteers (seeded in ${seedSeconds.toFixed(1)} s); ${CONNECTIONS} connections, ${SECONDS} s each; cold start ${coldStart.toFixed(0)} ms; RSS ${rss.toFixed(0)} MB (server and load generator in one process)\n`);
  console.log('| endpoint | req/s | p50 ms | p99 ms | errors | floor | floor ops/s | ratio to floor |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
  for (const [r, f] of results) {
    console.log(`| ${r.name} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.errors} | ${f ? f.name : '—'} | ${f ? fmt(f.rps) : '—'} | ${f ? (r.rps / f.rps).toFixed(3) : '—'} |`);
  }
  console.log(`| ${helloResult.name} | ${fmt(helloResult.rps)} | ${fmt(helloResult.p50)} | ${fmt(helloResult.p99)} | ${helloResult.errors} | — | — | HTTP floor |`);
  sqlite.close();
  await app.close();
  await platform.handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
