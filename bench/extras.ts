import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '@gg/shared';
import { createPrng } from '../apps/server/src/demo/prng.js';
import { personName } from '../apps/server/src/demo/names.js';
import type { DbKind } from './generate.js';
import { importFloor, type Fixtures } from './floor.js';
import { browserFloor, describeFloor } from './browserFloor.js';
import { login, startServer, type ServerChild } from './server.js';

export interface Extra {
  name: string;
  value: string;
  target?: string;
}

interface Ctx {
  server: ServerChild;
  session: string;
  dataDir: string;
  url: string | undefined;
  db: DbKind;
  fixtures: Fixtures;
  log: (m: string) => void;
}

const ROOT = path.resolve(import.meta.dirname, '..');
const mb = (n: number) => `${n.toFixed(0)} MB`;

/** Sample a process's RSS every 50 ms while `work` runs: answers the work's result, the peak and the samples. */
async function sampled<T>(server: ServerChild, work: () => Promise<T>) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(server.rss().now), 50);
  const before = server.rss().now;
  const t0 = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - t0, before, peak: Math.max(before, ...samples), samples };
  } finally {
    clearInterval(timer);
  }
}

/** First-load JS of the web app: the entry script and its modulepreloads, gzip -9 each. */
function webFirstLoad(): Extra {
  const dist = path.join(ROOT, 'apps/web/dist');
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return { name: 'web first-load JS (gzip)', value: 'apps/web/dist not built (npm run build:web)', target: '≤ 400 KB' };
  const html = fs.readFileSync(index, 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gz = 0;
  const parts: string[] = [];
  for (const f of files) {
    const buf = fs.readFileSync(path.join(dist, f));
    const z = zlib.gzipSync(buf, { level: 9 }).length;
    raw += buf.length;
    gz += z;
    parts.push(`${path.basename(f).replace(/-[\w-]{8}\.js$/, '')} ${(z / 1024).toFixed(0)}`);
  }
  return { name: 'web first-load JS (gzip)', value: `${(gz / 1024).toFixed(0)} KB gzip (${(raw / 1024).toFixed(0)} KB raw; ${parts.join(', ')})`, target: '≤ 400 KB' };
}

/** Care-case ledger rows in the import template's columns, deterministic, under a township the office sees. */
export async function ledger(rows: number, seed: number, township: string): Promise<Buffer> {
  const prng = createPrng(seed);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('帮扶对象');
  ws.addRow(['序号', '姓名', '性别', '出生年月', '身份证号', '归口单位', '帮扶类别', '风险等级', '家庭情况', '监护人', '监护人电话', '登记日期']);
  const used = new Set<string>();
  for (let i = 0; i < rows; i++) {
    let id = '';
    let birth = '';
    while (!id || used.has(id)) {
      // 14 or older: a ledger row for a younger child needs the guardian's consent or the legal basis recorded.
      birth = `${prng.int(2006, 2011)}${String(prng.int(1, 12)).padStart(2, '0')}${String(prng.int(1, 28)).padStart(2, '0')}`;
      const first17 = `360102${birth}${String(prng.int(0, 999)).padStart(3, '0')}`;
      id = first17 + idNumberCheckChar(first17);
    }
    used.add(id);
    const male = Number(id[16]) % 2 === 1;
    ws.addRow([i + 1, personName(prng), male ? '男' : '女', `${birth.slice(0, 4)}-${birth.slice(4, 6)}`, id, township, prng.pick(['失管', '失学', '失亲', '失业', '失管、失学']), prng.pick(['低', '中']), '父母在外务工，随祖父母生活', personName(prng), prng.mobile(), '2026-03-01']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function importCases(base: string, session: string, files: Buffer[]) {
  let created = 0;
  for (const [i, file] of files.entries()) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), `ledger-${i + 1}.xlsx`);
    const p = await fetch(`${base}/api/care-cases/import/preview`, { method: 'POST', headers: { cookie: session }, body: form });
    const preview = (await p.json()) as { previewId: string; validCount: number; invalidCount: number };
    if (p.status !== 200) throw new Error(`import preview ${p.status}: ${JSON.stringify(preview)}`);
    const c = await fetch(`${base}/api/care-cases/import/commit`, { method: 'POST', headers: { cookie: session, 'content-type': 'application/json' }, body: JSON.stringify({ previewId: preview.previewId, duplicates: 'skip' }) });
    // Rows matching a case already in the county (by ID number, or name and birth date) are skipped, as an office would.
    let job = (await c.json()) as { status: string; created: number; message: string | null };
    if (c.status !== 200) throw new Error(`import commit ${c.status}: ${JSON.stringify(job)}`);
    while (job.status === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      job = (await (await fetch(`${base}/api/care-cases/import/${preview.previewId}`, { headers: { cookie: session } })).json()) as typeof job;
    }
    if (job.status !== 'done') throw new Error(`import failed: ${job.message}`);
    created += job.created;
  }
  return created;
}

/** What a browser really downloads to show the sign-in page, and then the dashboard: scripts as sent (compressed). */
export async function firstLoadOverWire(base: string, session: string): Promise<{ login: number; dashboard: number }> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const scriptBytes = async (path: string, cookies: boolean, ready: string) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    if (cookies) await context.addCookies(session.split('; ').map((c) => ({ name: c.split('=')[0], value: c.slice(c.indexOf('=') + 1), url: base })));
    const page = await context.newPage();
    const responses: import('playwright-core').Response[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') responses.push(r);
    });
    await page.goto(`${base}${path}`);
    await page.locator(ready).first().waitFor({ state: 'visible', timeout: 30_000 });
    let bytes = 0;
    for (const r of responses) bytes += (await r.request().sizes()).responseBodySize;
    await context.close();
    return bytes;
  };
  try {
    return {
      login: await scriptBytes('/login', false, 'input#username, input[autocomplete="username"]'),
      dashboard: await scriptBytes('/', true, '[data-testid="dashboard"] .ant-statistic-content-value'),
    };
  } finally {
    await browser.close();
  }
}

/** The dashboard in headless Chromium: from navigation to the first figures shown (cold cache, signed in). */
export async function dashboardUsable(base: string, session: string): Promise<number[]> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const times: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const [name, value] = session.split('; ')[0].split('=');
      await context.addCookies(session.split('; ').map((c) => ({ name: c.split('=')[0], value: c.slice(c.indexOf('=') + 1), url: base })));
      void name, void value;
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${base}/`);
      await page.locator('[data-testid="dashboard"] .ant-statistic-content-value').first().waitFor({ state: 'visible', timeout: 30_000 });
      times.push(performance.now() - t0);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return times;
}

export async function runExtras(ctx: Ctx): Promise<Extra[]> {
  const { server, session, log } = ctx;
  const out: Extra[] = [];
  const rss = server.rss();
  // V8 keeps the heap it grew under load until the allocation rate falls; its memory reducer gives it back after a few
  // idle seconds. Both are shown: right after the load, and after ten seconds without requests.
  await new Promise((r) => setTimeout(r, 10_000));
  const settled = server.rss();
  out.push({ name: `server RSS with ${path.basename(ctx.dataDir)} data (after the load above; after 10 s idle)`, value: `${mb(rss.now)} right after, ${mb(settled.now)} after 10 s idle, ${mb(rss.peak)} peak`, target: '≤ 250 MB' });
  out.push({ name: 'cold start (spawn → /api/health answers; the bundle npm start runs, migrations checked)', value: `${server.coldStartMs.toFixed(0)} ms`, target: '≤ 2 s' });
  out.push(webFirstLoad());

  try {
    const wire = await firstLoadOverWire(server.base, session);
    out.push({ name: 'scripts downloaded by Chromium (as sent: br/gzip)', value: `sign-in page ${(wire.login / 1024).toFixed(0)} KB; dashboard (signed in) ${(wire.dashboard / 1024).toFixed(0)} KB`, target: '≤ 400 KB' });
  } catch (err) {
    out.push({ name: 'scripts downloaded by Chromium', value: `failed: ${(err as Error).message.split('\n')[0]}` });
  }
  try {
    const times = await dashboardUsable(server.base, session);
    out.push({ name: 'dashboard usable in headless Chromium (cold context; 3 runs)', value: times.map((t) => `${t.toFixed(0)} ms`).join(', '), target: '≤ 1.5 s' });
    const floors = await browserFloor(3);
    const floor = describeFloor(floors);
    out.push({
      name: 'floors of dashboard usable: the same cold load of pages doing less (bench/browserFloor.ts)',
      value: `${floor.text}; the dashboard's median is ${(floor.median(times) / floor.median(floors.antd)).toFixed(1)}× the React + antd page's`,
    });
  } catch (err) {
    out.push({ name: 'dashboard usable in headless Chromium', value: `failed: ${(err as Error).message.split('\n')[0]}` });
  }

  // The biggest export: the activity register (capped at 50k rows by the module; not streaming yet).
  try {
    const r = await sampled(server, async () => {
      const res = await fetch(`${server.base}/api/activities/export`, { headers: { cookie: session }, signal: AbortSignal.timeout(240_000) });
      let bytes = 0;
      let first = 0;
      const t0 = performance.now();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        if (!first) first = performance.now() - t0;
        bytes += chunk.length;
      }
      return { status: res.status, bytes, first, rows: res.headers.get('x-row-count') };
    });
    out.push({
      name: 'activity export (Excel) GET /api/activities/export',
      value: `HTTP ${r.result.status}, ${r.result.rows ?? '?'} rows, ${(r.result.bytes / 1048576).toFixed(1)} MB in ${(r.ms / 1000).toFixed(1)} s (first byte ${r.result.first.toFixed(0)} ms); server RSS ${mb(r.before)} → peak ${mb(r.peak)}`,
      target: '100k rows ≤ 5 s, flat memory',
    });
  } catch (err) {
    out.push({ name: 'activity export (Excel) GET /api/activities/export', value: `failed: ${(err as Error).message} ${String((err as Error).cause ?? '')}`, target: '100k rows ≤ 5 s, flat memory' });
  }

  // Excel import of 50k rows through the care-case import (10k rows per file, the module's limit), on a copy for SQLite.
  if (ctx.db === 'sqlite') {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-bench-import-'));
    try {
      for (const f of fs.readdirSync(ctx.dataDir)) {
        if (f.startsWith('guanguantong.db') || f === 'keys') fs.cpSync(path.join(ctx.dataDir, f), path.join(copy, f), { recursive: true });
      }
      const township = (await (await fetch(`${server.base}/api/org-units/${ctx.fixtures.township}`, { headers: { cookie: session } })).json()) as { name: string };
      log('building 5 ledgers of 10,000 rows …');
      const files = await Promise.all([1, 2, 3, 4, 5].map((k) => ledger(10_000, 77 + k, township.name)));
      const importer = await startServer(copy, undefined, log);
      const since = new Date().toISOString();
      let imported: { rows: number; ms: number } | undefined;
      try {
        const s = await login(importer.base);
        const r = await sampled(importer, () => importCases(importer.base, s, files));
        imported = { rows: r.result, ms: r.ms };
        out.push({
          name: 'Excel import, 50k care-case rows (5 files × 10k: preview + commit each)',
          value: `${r.result} rows in ${(r.ms / 1000).toFixed(1)} s = ${Math.round(r.result / (r.ms / 1000))} rows/s; server RSS ${mb(r.before)} → peak ${mb(r.peak)}`,
          target: '≤ 10 s',
        });
      } finally {
        await importer.stop();
      }
      // Its floor: the same rows written with raw SQL into a fresh copy of the database the import started from.
      const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-bench-import-floor-'));
      try {
        for (const f of fs.readdirSync(ctx.dataDir)) {
          if (f.startsWith('guanguantong.db')) fs.cpSync(path.join(ctx.dataDir, f), path.join(fresh, f));
        }
        const floor = importFloor(copy, fresh, since);
        out.push({
          name: 'floor of the import: the same cases, categories and status changes inserted with raw SQL (5 durable transactions, same indexes)',
          value: `${floor.rows} cases in ${(floor.ms / 1000).toFixed(1)} s${imported ? `; the import's ratio to it ${(floor.ms / imported.ms).toFixed(2)}` : ''}`,
        });
      } finally {
        fs.rmSync(fresh, { recursive: true, force: true });
      }
    } catch (err) {
      out.push({ name: 'Excel import, 50k rows', value: `failed: ${(err as Error).message.slice(0, 300)}` });
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }
  return out;
}
