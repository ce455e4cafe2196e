// Build the web app when its output is missing or older than its sources (`--force` always builds).
import { execSync } from 'node:child_process';
import path from 'node:path';
import { isStale, root } from './stale.mjs';

const web = path.join(root, 'apps/web');
const force = process.argv.includes('--force');
if (force || isStale(path.join(web, 'dist/index.html'), [path.join(web, 'src'), path.join(root, 'packages/shared/src')])) {
  console.log('构建前端页面 (vite build)…');
  execSync('npx vite build --logLevel warn', { cwd: web, stdio: 'inherit' });
}
