// Build the web app when its output is missing or older than its sources (`--force` always builds).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'apps/web');
const dist = path.join(web, 'dist/index.html');

function newest(dir) {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const force = process.argv.includes('--force');
const stale = !fs.existsSync(dist) || newest(path.join(web, 'src')) > fs.statSync(dist).mtimeMs || newest(path.join(root, 'packages/shared/src')) > fs.statSync(dist).mtimeMs;
if (force || stale) {
  console.log('构建前端页面 (vite build)…');
  execSync('npx vite build --logLevel warn', { cwd: web, stdio: 'inherit' });
}
