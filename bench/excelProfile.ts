// Where an Excel import's time goes: a copy of the cached county database, a server under `node --cpu-prof`, N ledgers
// of 10,000 care-case rows each, preview and commit timed apart; with --export, the activity export through the endpoint
// first. Usage: tsx bench/excelProfile.ts [files=2] [--prof] [--export]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ledger } from './extras.js';
import { login, startServer } from './server.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const files = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 2);
const prof = process.argv.includes('--prof');
const src = path.join(ROOT, 'bench/.cache/county-sqlite');
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-excel-prof-'));
for (const f of fs.readdirSync(src)) if (f.startsWith('guanguantong.db') || f === 'keys') fs.cpSync(path.join(src, f), path.join(copy, f), { recursive: true });
const profDir = path.join(ROOT, 'bench/.cache/profiles');
const server = await startServer(copy, undefined, console.log, prof ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
try {
  const session = await login(server.base);
  if (process.argv.includes('--export')) {
    let peakExport = 0;
    const t = setInterval(() => (peakExport = Math.max(peakExport, server.rss().now)), 50);
    const before = server.rss().now;
    const cpu0 = server.cpuMs();
    const t0 = performance.now();
    const res = await fetch(`${server.base}/api/activities/export`, { headers: { cookie: session } });
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    const s = (performance.now() - t0) / 1000;
    clearInterval(t);
    const rows = Number(res.headers.get('x-row-count'));
    console.log(`export: HTTP ${res.status}, ${rows} rows, ${(bytes / 1048576).toFixed(1)} MB in ${s.toFixed(1)} s = ${Math.round(rows / s)} rows/s, server CPU ${((server.cpuMs() - cpu0) / 1000).toFixed(1)} s; RSS ${before.toFixed(0)} → peak ${peakExport.toFixed(0)} MB`);
  }
  const orgs = (await (await fetch(`${server.base}/api/org-units?pageSize=100`, { headers: { cookie: session } })).json()) as { items?: { name: string; kind: string }[] } | { name: string; kind: string }[];
  const list = Array.isArray(orgs) ? orgs : orgs.items ?? [];
  const township = list.find((o) => o.kind === 'township')?.name;
  if (!township) throw new Error(`no township in ${JSON.stringify(orgs).slice(0, 300)}`);
  const ledgers = await Promise.all(Array.from({ length: files }, (_, k) => ledger(10_000, 77 + k + 1, township)));
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, server.rss().now)), 50);
  const cpu0 = server.cpuMs();
  const t0 = performance.now();
  let created = 0;
  for (const [i, file] of ledgers.entries()) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), `ledger-${i + 1}.xlsx`);
    const a = performance.now();
    const p = await fetch(`${server.base}/api/care-cases/import/preview`, { method: 'POST', headers: { cookie: session }, body: form });
    const preview = (await p.json()) as { previewId: string; validCount: number; invalidCount: number };
    if (p.status !== 200) throw new Error(`preview ${p.status}: ${JSON.stringify(preview).slice(0, 500)}`);
    const b = performance.now();
    const c = await fetch(`${server.base}/api/care-cases/import/commit`, { method: 'POST', headers: { cookie: session, 'content-type': 'application/json' }, body: JSON.stringify({ previewId: preview.previewId, duplicates: 'skip' }) });
    let job = (await c.json()) as { status: string; created: number; message: string | null };
    while (job.status === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      job = (await (await fetch(`${server.base}/api/care-cases/import/${preview.previewId}`, { headers: { cookie: session } })).json()) as typeof job;
    }
    if (job.status !== 'done') throw new Error(`commit failed: ${job.message}`);
    created += job.created;
    console.log(`file ${i + 1}: preview ${(b - a).toFixed(0)} ms (${preview.validCount} valid, ${preview.invalidCount} invalid), commit ${(performance.now() - b).toFixed(0)} ms, created ${job.created}`);
  }
  clearInterval(timer);
  const ms = performance.now() - t0;
  console.log(`${created} rows in ${(ms / 1000).toFixed(1)} s = ${Math.round(created / (ms / 1000))} rows/s, server CPU ${((server.cpuMs() - cpu0) / 1000).toFixed(1)} s; RSS peak ${(peak).toFixed(0)} MB`);
} finally {
  await server.stop();
  fs.rmSync(copy, { recursive: true, force: true });
}
