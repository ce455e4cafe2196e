/**
 * `npx tsx bench/dashboardUsable.ts [--scale county] [--runs 3] [--breakdown]`: only the dashboard part of the extras
 * (issue 10: "dashboard usable ≤ 1.5 s") on the cached bench data, without the Excel import and export of
 * `npm run bench -- --only extras`. Starts the real server on bench/.cache/<scale>-sqlite (the web app built first
 * when stale), signs in as the county office and runs firstLoadOverWire and dashboardUsable from extras.ts.
 *
 * Then the floors: the same cold load of a static page, of React alone and of React with antd (bench/browserFloor.ts).
 *
 * --breakdown: one more cold load with a Chromium trace, printing where the time to the first figure goes: each
 * script's download (resource timing), its compile and evaluation on the main thread (trace), the overview request,
 * and the main thread's busy time before the first figure. With TRACE_OUT=<file> the trace (with V8's sampling
 * profile of the page) is also written there, for Chrome DevTools' Performance panel.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureGenerated, type Scale } from './generate.js';
import { dashboardUsable, firstLoadOverWire } from './extras.js';
import { browserFloor, describeFloor } from './browserFloor.js';
import { login, startServer } from './server.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const SCALE = opt('scale', 'county') as Scale;
const RUNS = Number(opt('runs', '1'));
const log = (m: string) => console.error(`[dashboard ${new Date().toISOString().slice(11, 19)}] ${m}`);
const FIGURE = '[data-testid="dashboard"] .ant-statistic-content-value';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: { url?: string; frame?: string }; name?: string; fileName?: string };
}

/** One cold, signed-in load of / with a Chromium trace: where the time before the first figure goes. */
async function breakdown(base: string, session: string) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await context.addCookies(session.split('; ').map((c) => ({ name: c.split('=')[0], value: c.slice(c.indexOf('=') + 1), url: base })));
    const page = await context.newPage();
    await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline', ...(process.env.TRACE_OUT ? ['disabled-by-default-v8.cpu_profiler'] : [])] });
    const t0 = performance.now();
    await page.goto(`${base}/`);
    // The moment the first figure is in the page, on the page's own clock (performance.now, from navigation start).
    const figureAt = await (await page.waitForFunction((sel) => {
      // (bench has no DOM types: the page's document, as far as used here)
      if (!(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector(sel)) return false;
      console.timeStamp('gg-figure');
      return performance.now();
    }, FIGURE, { polling: 'raf', timeout: 30_000 })).jsonValue() as number;
    await page.locator(FIGURE).first().waitFor({ state: 'visible', timeout: 30_000 });
    const wall = performance.now() - t0;
    const raw = await browser.stopTracing();
    if (process.env.TRACE_OUT) fs.writeFileSync(process.env.TRACE_OUT, raw);
    const trace = JSON.parse(raw.toString('utf8')) as { traceEvents: TraceEvent[] };
    const timing = { figureAt, ...(await page.evaluate(() => {
      type Entry = { name: string; initiatorType: string; startTime: number; requestStart: number; responseStart: number; responseEnd: number; encodedBodySize: number; domContentLoadedEventEnd: number };
      // (no named functions in here: tsx would wrap them in a helper the page lacks)
      const nav = (performance.getEntriesByType('navigation' as 'mark') as unknown as Entry[])[0];
      const res = (performance.getEntriesByType('resource' as 'mark') as unknown as Entry[]).map((r) => ({
        url: r.name, type: r.initiatorType, start: r.startTime, sent: r.requestStart, responseStart: r.responseStart, end: r.responseEnd, bytes: r.encodedBodySize,
      }));
      return { html: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd, res };
    })) };
    await context.close();

    // On the trace's clock: navigation = the document request, first figure = the console.timeStamp the check above wrote.
    const events = trace.traceEvents;
    const doc = events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url === `${base}/`);
    const figureTs = events.find((e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string } | undefined)?.message === 'gg-figure')?.ts ?? Infinity;
    const onMain = events.filter((e) => e.ph === 'X' && doc && e.pid === doc.pid && e.tid === doc.tid && e.ts >= doc.ts && e.ts < figureTs);
    const perUrl = new Map<string, { compile: number; run: number }>();
    const short = (u: string) => u.replace(base, '').replace(/^\/assets\//, '').replace(/-[\w-]{8}\.js$/, '');
    for (const e of onMain) {
      const k = e.name === 'v8.compileModule' || e.name === 'v8.compile' ? 'compile' : e.name === 'FunctionCall' ? 'run' : undefined;
      const u = e.args?.data?.url;
      if (!k || !u) continue;
      const v = perUrl.get(short(u)) ?? { compile: 0, run: 0 };
      v[k] += (e.dur ?? 0) / 1000;
      perUrl.set(short(u), v);
    }
    const sum = (pred: (e: TraceEvent) => boolean) => onMain.filter(pred).reduce((s, e) => s + (e.dur ?? 0), 0) / 1000;
    const busy = sum((e) => e.name === 'RunTask');
    const byName: [string, number][] = [
      ['module evaluation (top level of the entry graph)', sum((e) => e.name === 'v8.evaluateModule')],
      ['script compile', sum((e) => e.name === 'v8.compileModule' || e.name === 'v8.compile')],
      ['callbacks (React render, promise/timer tasks)', sum((e) => e.name === 'FunctionCall')],
      ['style+layout', sum((e) => e.name === 'UpdateLayoutTree' || e.name === 'Layout')],
      ['paint', sum((e) => e.name === 'Paint' || e.name === 'PaintImage')],
      ['GC', sum((e) => /GC|scavenge/i.test(e.name) && !e.name.includes('Parallel'))],
    ];
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    console.log(`\nbreakdown (one cold load; page clock from navigation start): first figure at ${ms(timing.figureAt)} (wall ${ms(wall)}), HTML ${ms(timing.html)}, DOMContentLoaded ${ms(timing.domContentLoaded)}`);
    console.log(`main thread busy before the first figure: ${ms(busy)} (${byName.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')})`);
    console.log('\n| resource | KB sent | start | sent | first byte | end | compile ms | callbacks ms |\n|---|---|---|---|---|---|---|---|');
    for (const r of timing.res.filter((r) => r.start < timing.figureAt).sort((a, b) => a.start - b.start)) {
      const t = perUrl.get(short(r.url));
      console.log(`| ${short(r.url)} | ${(r.bytes / 1024).toFixed(1)} | ${r.start.toFixed(0)} | ${r.sent.toFixed(0)} | ${r.responseStart.toFixed(0)} | ${r.end.toFixed(0)} | ${t ? t.compile.toFixed(0) : ''} | ${t ? t.run.toFixed(0) : ''} |`);
    }
    const late = timing.res.filter((r) => r.start >= timing.figureAt);
    if (late.length) console.log(`after the first figure: ${late.map((r) => `${short(r.url)} ${(r.bytes / 1024).toFixed(0)} KB`).join(', ')}`);
  } finally {
    await browser.close();
  }
}

execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-web-if-needed.mjs')], { stdio: 'inherit' });
const gen = await ensureGenerated(SCALE, 'sqlite', undefined, log);
const server = await startServer(gen.dataDir, undefined, log);
try {
  for (let run = 0; run < RUNS; run++) {
    // A new session each round, as the bench's fresh figures: nothing cached on the server answers for it.
    const session = await login(server.base);
    const wire = await firstLoadOverWire(server.base, session);
    const times = await dashboardUsable(server.base, session);
    console.log(`scripts as sent: sign-in page ${(wire.login / 1024).toFixed(0)} KB, dashboard ${(wire.dashboard / 1024).toFixed(0)} KB; dashboard usable: ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);
  }
  // The same cold load of pages doing less: the browser's, React's and antd's share of the time (bench/browserFloor.ts).
  console.log(`floors: ${describeFloor(await browserFloor(3)).text}`);
  if (argv.includes('--breakdown')) await breakdown(server.base, await login(server.base));
} finally {
  await server.stop();
}
