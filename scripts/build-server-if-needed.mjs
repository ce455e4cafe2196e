// Bundle the server into apps/server/dist/main.js when it is missing or older than its sources (`--force` always
// builds). Node then starts plain JavaScript: no TypeScript transpiling at every start (tsx stays for dev and tests).
// Pure-JavaScript packages are bundled too: resolving and reading hundreds of small module files was most of the start.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const server = path.join(root, 'apps/server');
const out = path.join(server, 'dist/main.js');

function newest(dir) {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

// Resolved from node_modules at run time: native addons, packages that read their own files (swagger-ui's assets),
// optional drivers, and exceljs (loaded on first use; bundled it would be parsed at every start).
const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', '@fastify/swagger-ui', 'pg-native', 'exceljs', 'esbuild', 'tsx'];

const force = process.argv.includes('--force');
const builtAt = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
const sources = Math.max(newest(path.join(server, 'src')), newest(path.join(root, 'packages/shared/src')), fs.statSync(path.join(server, 'package.json')).mtimeMs);
if (force || sources > builtAt) {
  const t0 = Date.now();
  await build({
    entryPoints: [path.join(server, 'src/main.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    external: EXTERNAL,
    // Some CommonJS dependencies of bundled code call require(): give the ES module one.
    banner: { js: "import { createRequire as __ggCreateRequire } from 'node:module'; const require = __ggCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  console.log(`构建服务端 (esbuild)：${path.relative(root, out)}，${Date.now() - t0} ms`);
}
