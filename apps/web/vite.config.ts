import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { antdStaticStyle } from './antdStaticStyle.ts';

/**
 * Writes a gzip and a brotli copy beside each script, style sheet and page of the build: the server sends them to
 * browsers that accept them (@fastify/static `preCompressed`), so phones download about a fifth of the bytes.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'gg-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg|json)$/.test(f))) {
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 10 } }));
      }
    },
  };
}

/**
 * dist/early.js from src/early.js (a plain script index.html runs first; see there), with PRELOAD replaced by the
 * chunks the signed-in home page needs beyond the entry's own: the layout's, the home page's and their imports.
 * In development it is served with an empty list.
 */
function earlyScript(): Plugin {
  const source = () => fs.readFileSync(path.resolve(import.meta.dirname, 'src/early.js'), 'utf8');
  const wanted = ['src/app/AppLayout.tsx', 'src/modules/dashboard/HomePage.tsx'];
  return {
    name: 'gg-early-script',
    configureServer(server) {
      server.middlewares.use('/early.js', (_req, res) => {
        res.setHeader('content-type', 'text/javascript; charset=utf-8');
        res.end(source().replace('= PRELOAD;', '= [];'));
      });
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const entry = chunks.find((c) => c.isEntry);
      // The entry and what it imports statically are asked for by index.html already.
      const have = new Set<string>();
      const walk = (name: string, into: Set<string>) => {
        if (into.has(name)) return;
        into.add(name);
        for (const i of byName.get(name)?.imports ?? []) walk(i, into);
      };
      if (entry) walk(entry.fileName, have);
      const need = new Set<string>();
      for (const w of wanted) {
        const chunk = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(w));
        if (!chunk) this.error(`early.js: no chunk for ${w}`);
        walk(chunk.fileName, need);
      }
      const list = [...need].filter((f) => !have.has(f)).map((f) => `/${f}`);
      this.emitFile({ type: 'asset', fileName: 'early.js', source: source().replace('= PRELOAD;', `= ${JSON.stringify(list)};`) });
    },
  };
}

// The server serves dist/ at / (SPA fallback) and the API under /api on the same origin. Chunks are left to the
// bundler: every page is a lazy chunk, and the first load (sign-in page) takes only what it uses.
export default defineConfig({
  plugins: [react(), antdStaticStyle(), earlyScript(), precompress()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
  },
});
