/**
 * `npm run test:reliability`: the full reliability runs on SQLite and on PostgreSQL (TEST_DATABASE_URL, or a
 * throwaway embedded PostgreSQL), then RELIABILITY.md with the figures. Exits 1 when any check failed.
 *   npm run test:reliability [-- --db sqlite,postgres --only crash,load,fuzz,restore,cluster
 *                               --kills 50 --fuzz 10000 --seconds 60 --users 50 --scale 1]
 * Each database's figures are kept in reliability/.results-<db>.json, so the two databases may run in two
 * processes (`--db sqlite` and `--db postgres`) and RELIABILITY.md shows both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCrash, type CrashFigures } from './crash.js';
import { runLoad, type LoadFigures } from './load.js';
import { runFuzz, type FuzzFigures } from './fuzz.js';
import { runCluster, type ClusterFigures } from './cluster.js';
import { runDemoRestore, type RestoreFigures } from './restore.js';
import { startEmbeddedPostgres, type Dialect } from './lib.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};
const dbs = arg('db', 'sqlite,postgres').split(',') as Dialect[];
const only = new Set(arg('only', 'crash,load,fuzz,restore,cluster').split(','));
const KILLS = Number(arg('kills', '50'));
const FUZZ = Number(arg('fuzz', '10000'));
const SECONDS = Number(arg('seconds', '60'));
const USERS = Number(arg('users', '50'));
const SCALE = Number(arg('scale', '1'));
const root = path.resolve(import.meta.dirname, '..');

interface Results {
  dialect: Dialect;
  startedAt: string;
  finishedAt?: string;
  loadAverage: { start: number[]; end?: number[] };
  crash?: CrashFigures;
  load?: LoadFigures;
  fuzz?: FuzzFigures;
  restore?: RestoreFigures;
  cluster?: ClusterFigures;
  errors: string[];
  params: Record<string, number>;
}

const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

async function main() {
  if (process.argv.includes('--report-only')) {
    writeReport();
    return;
  }
  let pg: { url: string; stop(): Promise<void> } | undefined;
  let pgUrl = process.env.TEST_DATABASE_URL;
  if (dbs.includes('postgres') && !pgUrl) {
    pg = await startEmbeddedPostgres();
    pgUrl = pg.url;
  }
  let failed = false;
  try {
    for (const dialect of dbs) {
      const file = path.join(import.meta.dirname, `.results-${dialect}.json`);
      // With --only, the other checks' figures from an earlier run of this database are kept.
      const earlier = process.argv.includes('--only') && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Results) : undefined;
      const r: Results = { ...earlier, dialect, startedAt: new Date().toISOString(), loadAverage: { start: os.loadavg() }, errors: [], params: { ...earlier?.params, kills: KILLS, fuzz: FUZZ, seconds: SECONDS, users: USERS, scale: SCALE } };
      const pgAdminUrl = dialect === 'postgres' ? pgUrl : undefined;
      const step = async (name: string, fn: () => Promise<void>) => {
        if (!only.has(name)) return;
        log(`${dialect}: ${name}…`);
        try {
          await fn();
        } catch (err) {
          r.errors.push(`${name}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`.slice(0, 3000));
          log(`${dialect}: ${name} threw: ${err}`);
        }
        save(r);
      };
      await step('cluster', async () => { r.cluster = await runCluster({ dialect, pgAdminUrl, seconds: 10, clients: 16, log }); });
      await step('restore', async () => { r.restore = await runDemoRestore({ dialect, pgAdminUrl, demoScale: SCALE }); });
      await step('load', async () => { r.load = await runLoad({ dialect, pgAdminUrl, users: USERS, seconds: SECONDS, demoScale: SCALE, log }); });
      await step('crash', async () => { r.crash = await runCrash({ dialect, pgAdminUrl, kills: KILLS, writers: 6, importRows: 40, minDelayMs: 100, maxDelayMs: 4000, log }); });
      await step('fuzz', async () => { r.fuzz = await runFuzz({ dialect, pgAdminUrl, requests: FUZZ, log }); });
      r.finishedAt = new Date().toISOString();
      r.loadAverage.end = os.loadavg();
      save(r);
      if (problems(r).length) failed = true;
    }
  } finally {
    await pg?.stop();
  }
  writeReport();
  log(`RELIABILITY.md written${failed ? ' — SOME CHECKS FAILED' : ''}`);
  process.exit(failed ? 1 : 0);
}

function save(r: Results) {
  fs.writeFileSync(path.join(import.meta.dirname, `.results-${r.dialect}.json`), JSON.stringify(r, null, 1));
}

function problems(r: Results): string[] {
  return [
    ...r.errors,
    ...(r.crash?.failures ?? []),
    ...(r.load?.failures ?? []),
    ...(r.fuzz ? [...r.fuzz.serverErrors, ...r.fuzz.hangs, ...r.fuzz.rejectedWithChanges.map((x) => `rejected request changed data: ${x}`)] : []),
    ...(r.restore?.mismatches ?? []),
    ...(r.cluster?.failures ?? []),
  ];
}

function writeReport() {
  const results = (['sqlite', 'postgres'] as const)
    .map((d) => path.join(import.meta.dirname, `.results-${d}.json`))
    .filter((f) => fs.existsSync(f))
    .map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as Results);
  const name = (d: Dialect) => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL');
  const cell = (v: unknown) => (v === undefined ? '—' : String(v));
  const lines: string[] = [];
  lines.push('# Reliability', '');
  lines.push('`npm run test:reliability` runs the full checks of issue 11 / security.md section F on SQLite and on PostgreSQL');
  lines.push('and writes this file. `npm test` runs a short version of each (project `reliability` in vitest.config.ts:');
  lines.push('3 kills on SQLite and 1 on PostgreSQL, 3 s of load by 25 users, 1,000 fuzz requests per database, the two-instance');
  lines.push('check, the demo restore at scale 0.1).');
  lines.push('The scripts are in `reliability/`:', '');
  lines.push('- `crash.ts` — the real server (`tsx src/main.ts`: the code `npm start` runs bundled) under 6 concurrent writers (create volunteers and');
  lines.push('  activities, edit one own volunteer each) and a volunteer-register import loop (preview, then commit, 40 rows a batch)');
  lines.push('  is killed with SIGKILL — on even rounds at a random moment 0.1–4 s after writes start flowing, on odd rounds');
  lines.push('  0–300 ms after an import commit was sent (to land inside the batch transaction); before each restart: `PRAGMA');
  lines.push('  integrity_check` and `foreign_key_check` (SQLite), every acknowledged create present by id, every acknowledged edit');
  lines.push('  holds (or a later one whose answer was lost), every import batch all in or all out (and all in when acknowledged),');
  lines.push('  audit chain verifies; then the server must start again on the same data.');
  lines.push('- `load.ts` — distinct signed-in users, one keep-alive connection each (autocannon), a mix of lists with filters,');
  lines.push('  pinyin and text searches, details (including the audited care-case read), edits, summaries, the dashboard and the');
  lines.push('  org tree, on the demo county; every answer must be 2xx; server RSS sampled every 250 ms, bounded (under 1 GB and');
  lines.push('  the second half\'s peak within 1.5× the first half\'s).');
  lines.push('- `fuzz.ts` — requests generated from the live `/api/openapi.json` with hostile values (wrong types, 100 k and 3 MB');
  lines.push('  strings, RTL marks, emoji, NUL, lone surrogates, SQL and script payloads, negative/huge/NaN/Infinity numbers, missing');
  lines.push('  and extra keys, `__proto__`, broken JSON, 20,000-deep nesting, wrong content types, garbage uploads), sent one at a');
  lines.push('  time by the county office and the three administrators (TOTP). No 5xx, no hang, and after each rejected (4xx)');
  lines.push('  request the content hash of every table — every row and column, the audit trail included; only');
  lines.push('  `session.last_seen_at` left out — equals the hash before it. Sign-ins happen before the baseline. Not fuzzed:');
  lines.push('  `/api/auth/*`, forced logout and `PUT /api/settings/security` (they would end or lock the fuzzing sessions).');
  lines.push('- `cluster.ts` — two instances on one database (one PostgreSQL, or one SQLite file) and one shared data directory behind a loopback');
  lines.push('  round-robin proxy (node:http; it resends a request only when the instance refused the connection, i.e. nothing');
  lines.push('  was sent): a session from A works on B, an upload to A downloads from B, every job made due runs exactly once');
  lines.push('  (`job_run`), and under load a SIGKILL of B fails only requests that were open at the moment of the kill.');
  lines.push('- `restore.ts` — the demo county, an online backup while the server runs, restored into a clean data directory:');
  lines.push('  identical row counts per table, encrypted fields decrypt, audit chain verifies.');
  lines.push('- `instances.test.ts` (short runs only) — `GG_INSTANCES=2` on SQLite: both worker processes answer, a worker killed');
  lines.push('  is replaced, SIGTERM drains both and the server exits 0.', '');
  for (const r of results) {
    lines.push(`## ${name(r.dialect)} — ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`, '');
    lines.push(`Parameters: ${r.params.kills} kills, ${r.params.users} users × ${r.params.seconds} s, ${r.params.fuzz} fuzz requests, demo scale ${r.params.scale}. ` +
      `Machine: ${os.cpus().length} cores, Node ${process.version}; load average ${r.loadAverage.start.map((x) => x.toFixed(1)).join('/')} at start, ${r.loadAverage.end?.map((x) => x.toFixed(1)).join('/') ?? '—'} at the end` +
      `${(r.loadAverage.start[0] ?? 0) > os.cpus().length * 1.5 ? ' (**the machine was shared with other build and test jobs: latencies are far above an idle run**)' : ''}.`, '');
    lines.push('| check | figures | result |', '| --- | --- | --- |');
    const ok = (xs: unknown[] | undefined) => (xs === undefined ? 'not run' : xs.length ? `**FAILED** (${xs.length})` : 'passed');
    const c = r.crash;
    if (c) lines.push(`| crash (SIGKILL) | kills survived ${c.kills}; writes checked ${c.writesChecked} (${c.acknowledgedCreates} acknowledged creates, ${c.acknowledgedEdits} acknowledged edits, ${c.lostAnswers} answers lost to a kill); import batches ${c.importBatches} (${c.batchesAllIn} all in, ${c.batchesAllOut} all out); audit events verified ${c.auditEventsVerified}; slowest restart ${(c.restartMsMax / 1000).toFixed(1)} s | ${ok(c.failures)} |`);
    const l = r.load;
    if (l) lines.push(`| load | ${l.users} users × ${l.seconds} s: requests sent ${l.requests} (${l.rps.toFixed(1)}/s); p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms; errors ${l.errors + l.non2xx} (timeouts ${l.timeouts}); status codes ${JSON.stringify(l.statusCodes ?? {})}; RSS ${l.rssStartMb.toFixed(0)} MB at start, peak ${l.rssPeakMb.toFixed(0)} MB (first half ${l.rssPeakFirstHalfMb.toFixed(0)}, second half ${l.rssPeakSecondHalfMb.toFixed(0)}) | ${ok(l.failures)} |`);
    const f = r.fuzz;
    if (f) lines.push(`| fuzz | requests sent ${f.requests} over ${f.operations} operations: ${Object.entries(f.byClass).map(([k, v]) => `${k} ${v}`).join(', ')}; 5xx ${f.serverErrors.length}; hangs ${f.hangs.length}; rejected requests that changed data ${f.rejectedWithChanges.length}; re-sign-ins ${f.reSignIns}; resent after an answer that closed the connection (431) ${f.resentAfterClose ?? 0} | ${ok(f ? [...f.serverErrors, ...f.hangs, ...f.rejectedWithChanges] : undefined)} |`);
    const s = r.restore;
    if (s) lines.push(`| demo backup → clean restore | ${s.tables} tables, ${s.rows} rows; backup ${(s.millisBackup / 1000).toFixed(1)} s, restore ${(s.millisRestore / 1000).toFixed(1)} s; audit events verified ${s.auditChecked} | ${ok(s.mismatches)} |`);
    const k = r.cluster;
    if (k) lines.push(`| two instances | session shared ${k.sessionSharedOk ? 'yes' : 'NO'}; upload shared ${k.uploadSharedOk ? 'yes' : 'NO'}; ${k.jobs} jobs, runs per job ${[...new Set(Object.values(k.jobRunsPerJob))].join('/')}; requests sent ${k.requests}; open at the kill ${k.inFlightAtKill}, of which failed ${k.failedInFlight}; other failures ${k.failedOther}; refused and resent ${k.retriedAfterRefused}; acknowledged writes checked ${k.acknowledgedWritesChecked} | ${ok(k.failures)} |`);
    const all = problems(r);
    if (all.length) {
      lines.push('', 'Problems:', '');
      for (const p of all.slice(0, 20)) lines.push(`- ${cell(p).replace(/\n/g, ' ').slice(0, 600)}`);
    }
    lines.push('');
  }
  fs.writeFileSync(path.join(root, 'RELIABILITY.md'), lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
