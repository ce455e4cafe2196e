// What V8 (Node 20) does with three patterns the server used on every request, shown without the server:
//   node bench/v8Shapes.mjs
// Each case runs in a child process with --trace-gc-nvp and prints the bytes its scavenges promoted to the old
// generation (garbage that then waits for a full collection) and whether two results share a hidden class.
// docs/decisions.md: "Result rows are built by literals", "Spreads: no keys after a leading spread",
// "A reader thread's owed reads are a ring, not a Map".
import { spawnSync } from 'node:child_process';

const cases = {
  // A request's rows: twelve keys, copied 20 at a time, the copies dropped at the next round.
  'spread, then a new key: { ...row, extra }': `const f = (r) => ({ ...r, extra: 1 });`,
  'a new key first: { extra, ...row }': `const f = (r) => ({ extra: 1, ...r });`,
  'spread, overriding a key: { ...row, k0: 1 }': `const f = (r) => ({ ...r, k0: 1 });`,
};
const rowsAndLoop = (body) => `
  const keys = Array.from({ length: 12 }, (_, i) => 'k' + i);
  const make = new Function('i', 'return {' + keys.map((k) => k + ': i').join(',') + '}');
  ${body}
  let kept;
  for (let round = 0; round < 100000; round++) { const rows = []; for (let i = 0; i < 20; i++) rows.push(make(i)); kept = rows.map(f); }
  console.log('same hidden class: ' + %HaveSameMap(f(make(1)), f(make(2))));`;

// Pending reads kept in a Map by id (set when sent, deleted when answered), thirty in flight, each holding rows
// once answered; against the same in an array used as a ring with its slots cleared.
const pending = (useMap) => `
  const map = new Map(); const ring = new Array(64).fill(undefined); let head = 0, size = 0, next = 0;
  const put = (p) => { if (${useMap}) map.set(p.id, p); else { ring[(head + size++) & 63] = p; } };
  const take = (id) => { if (${useMap}) { const p = map.get(id); map.delete(id); return p; } const p = ring[head]; ring[head] = undefined; head = (head + 1) & 63; size--; return p; };
  const inFlight = [];
  let garbage = 0;
  for (let i = 0; i < 200000; i++) {
    const p = { id: next++, result: undefined };
    put(p); inFlight.push(p.id);
    if (inFlight.length > 30) { const q = take(inFlight.shift()); q.result = new Array(64).fill('row ' + i); }
    // The rest of a request's work: ~40 KB of short-lived objects.
    for (let j = 0; j < 1000; j++) garbage += [j, j + 1].length;
  }
  console.log('same hidden class: n/a');`;

const all = {
  ...cases,
  'pending reads in a Map': null,
  'pending reads in a ring': null,
};

for (const name of Object.keys(all)) {
  const source = name.startsWith('pending') ? pending(name.endsWith('Map')) : rowsAndLoop(all[name]);
  const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--trace-gc-nvp', '-e', source], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  let scavenges = 0;
  let promoted = 0;
  for (const line of run.stdout.split('\n')) {
    if (!line.includes('gc=s ')) continue;
    scavenges++;
    promoted += Number(/\bpromoted=(\d+)/.exec(line)?.[1] ?? 0);
  }
  const shape = /same hidden class: (\S+)/.exec(run.stdout)?.[1] ?? '?';
  console.log(`${name.padEnd(46)} promoted ${(promoted / 1048576).toFixed(1).padStart(7)} MB in ${String(scavenges).padStart(5)} scavenges; same hidden class: ${shape}`);
}
