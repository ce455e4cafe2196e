// Bundle the server into apps/server/dist/main.js when it is missing or older than its sources (`--force` always
// builds). Node then starts plain JavaScript: no TypeScript transpiling at every start (tsx stays for dev and tests).
// Pure-JavaScript packages are bundled too: resolving and reading hundreds of small module files was most of the start.
import path from 'node:path';
import { build } from 'esbuild';
import { isStale, root } from './stale.mjs';

const server = path.join(root, 'apps/server');
const out = path.join(server, 'dist/main.js');

// Resolved from node_modules at run time: native addons, packages that read their own files (swagger-ui's assets),
// optional drivers, and exceljs (loaded on first use; bundled it would be parsed at every start).
const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', '@fastify/swagger-ui', 'pg-native', 'exceljs', 'esbuild', 'tsx'];

const force = process.argv.includes('--force');
const sources = [path.join(server, 'src'), path.join(root, 'packages/shared/src'), path.join(server, 'package.json')];
if (force || [out, path.join(server, 'dist/sealWorker.js')].some((o) => isStale(o, sources))) {
  const t0 = Date.now();
  await build({
    // The seal thread's entry (platform/crypto/sealThread.ts starts it from beside main.js).
    entryPoints: { main: path.join(server, 'src/main.ts'), sealWorker: path.join(server, 'src/platform/crypto/sealWorker.ts') },
    outdir: path.dirname(out),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // The map holds no copy of the sources (stack traces need only the mappings), and the bundle no comments or
    // indentation: V8 keeps a script's whole text and the map `--enable-source-maps` loads in memory — ~30 MB of the
    // server's heap, the bundle as a two-byte string because a few comments held non-ASCII characters (issue 10).
    sourcesContent: false,
    minifyWhitespace: true,
    charset: 'ascii',
    external: EXTERNAL,
    // Some CommonJS dependencies of bundled code call require(): give the ES module one.
    banner: { js: "import { createRequire as __ggCreateRequire } from 'node:module'; const require = __ggCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  console.log(`构建服务端 (esbuild)：${path.relative(root, out)}，${Date.now() - t0} ms`);
}
