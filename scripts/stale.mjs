// Whether a build output is missing or older than any of its sources (files, or folders walked without
// node_modules and dist). Shared by the build-*-if-needed scripts.
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

function newest(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let t = 0;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    t = Math.max(t, newest(path.join(p, entry.name)));
  }
  return t;
}

export function isStale(output, sources) {
  if (!fs.existsSync(output)) return true;
  const builtAt = fs.statSync(output).mtimeMs;
  return sources.some((s) => newest(s) > builtAt);
}
