import fs from 'node:fs';
import path from 'node:path';

/**
 * The server package's folder (apps/server): found by walking up from this module, so it is the same whether the
 * server runs from its sources (tsx, tests) or from the bundle `npm start` builds into apps/server/dist.
 */
export const serverRoot = findServerRoot(import.meta.dirname);

function findServerRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'migrations')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`apps/server not found above ${from}`);
  }
}
