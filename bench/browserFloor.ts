/**
 * The floors of "dashboard usable": what this machine's headless Chromium takes, timed exactly as the dashboard is
 * (a cold browser context, navigation, until a figure is visible), for pages that do less and less of its work —
 *   - plain: a static HTML page holding one number (the browser's own cost: context, navigation, first paint);
 *   - react: React 19 rendering one number from a script (React's load and first render);
 *   - antd: React and Ant Design rendering one Statistic in a Card under ConfigProvider with the zh_CN locale (the
 *     UI library's load and its style work at first render: what every page of the app pays before its own code).
 * The scripts are bundled here with esbuild (production React, minified) from the workspace's own packages, and
 * served over loopback by a bare node:http server. Used by the bench's extras and `bench/dashboardUsable.ts`.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIGURE = '.figure';

const entries = {
  react: `
    import { createElement as h } from 'react';
    import { createRoot } from 'react-dom/client';
    createRoot(document.getElementById('root')).render(h('div', { className: 'figure' }, '12,345'));`,
  antd: `
    import { createElement as h } from 'react';
    import { createRoot } from 'react-dom/client';
    import { Card, ConfigProvider, Statistic } from 'antd';
    import zhCN from 'antd/locale/zh_CN';
    createRoot(document.getElementById('root')).render(
      h(ConfigProvider, { locale: zhCN }, h(Card, { title: '“五老”志愿者' }, h('div', { className: 'figure' }, h(Statistic, { title: '登记在册', value: 12345 })))));`,
};

const page = (body: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>floor</title></head><body>${body}</body></html>`;

/** Bundle the pages' scripts and serve them; answers the base URL and a stop function. */
async function serveFloorPages() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-browser-floor-'));
  const files = new Map<string, { type: string; body: Buffer }>();
  for (const [name, source] of Object.entries(entries)) {
    await build({
      stdin: { contents: source, resolveDir: path.join(ROOT, 'apps/web'), loader: 'js' },
      outfile: path.join(dir, `${name}.js`), bundle: true, minify: true, format: 'esm', target: 'es2022',
      define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'error',
    });
    files.set(`/${name}.js`, { type: 'text/javascript', body: fs.readFileSync(path.join(dir, `${name}.js`)) });
    files.set(`/${name}.html`, { type: 'text/html; charset=utf-8', body: Buffer.from(page(`<div id="root"></div><script type="module" src="/${name}.js"></script>`)) });
  }
  files.set('/plain.html', { type: 'text/html; charset=utf-8', body: Buffer.from(page('<div class="figure">12,345</div>')) });
  fs.rmSync(dir, { recursive: true, force: true });
  const server = http.createServer((req, res) => {
    const f = files.get(req.url ?? '');
    if (!f) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f.type, 'content-length': f.body.length }).end(f.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const kb = (name: string) => Math.round(files.get(`/${name}.js`)!.body.length / 1024);
  return { base: `http://127.0.0.1:${port}`, sizes: { react: kb('react'), antd: kb('antd') }, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface BrowserFloor {
  /** Milliseconds to a visible figure, per run. */
  plain: number[];
  react: number[];
  antd: number[];
  /** Script sizes (KB, minified, uncompressed). */
  sizes: { react: number; antd: number };
}

/** Each page `runs` times, interleaved, each in a new context of one browser (as `dashboardUsable` loads the dashboard). */
export async function browserFloor(runs = 3): Promise<BrowserFloor> {
  const pages = await serveFloorPages();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const out: BrowserFloor = { plain: [], react: [], antd: [], sizes: pages.sizes };
  try {
    for (let i = 0; i < runs; i++) {
      for (const name of ['plain', 'react', 'antd'] as const) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
        const tab = await context.newPage();
        const t0 = performance.now();
        await tab.goto(`${pages.base}/${name}.html`);
        await tab.locator(FIGURE).first().waitFor({ state: 'visible', timeout: 30_000 });
        out[name].push(performance.now() - t0);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await pages.stop();
  }
  return out;
}

export const describeFloor = (f: BrowserFloor) => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const list = (xs: number[]) => `${xs.map((t) => t.toFixed(0)).join(', ')} ms (median ${median(xs).toFixed(0)})`;
  return {
    median,
    text: `static HTML ${list(f.plain)}; React alone (${f.sizes.react} KB) ${list(f.react)}; React + antd Card/Statistic, zh_CN (${f.sizes.antd} KB) ${list(f.antd)}`,
  };
};
