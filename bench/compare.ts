/**
 * `npx tsx bench/compare.ts --builds apps/server/dist/main-old.js,apps/server/dist/main.js
 *    [--scale county|large] [--endpoints caseList,activityList] [--rounds 3] [--seconds 8] [--connections 10]`
 *
 * Two or more builds of the server compared on the same host, interleaved: this host's speed moves a full run's
 * figures by ±30% from one minute to the next, so a change is judged by pairs taken minutes apart, not by two runs.
 * Make a build to compare by copying the bundle beside the current one (`cp apps/server/dist/main.js
 * apps/server/dist/main-old.js` before the change; `npm run bench` rebuilds main.js when its sources change). Each
 * round starts each build afresh on the cached SQLite data (`npm run bench -- --generate-only` makes it), loads each
 * endpoint, and stops it; the builds' order turns from one round to the next, so use an even number of rounds. Prints a line per build and round (req/s / p99 ms / server CPU ms per request, as
 * `npm run bench` measures them) and each build's medians. createActivity adds rows to the cached data, as the
 * bench does.
 */
import path from 'node:path';
import { ensureGenerated, type Scale } from './generate.js';
import { benchEndpoints } from './endpoints.js';
import { openFloor } from './floor.js';
import { measure, type Measured } from './load.js';
import { login, startServer } from './server.js';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const BUILDS = opt('builds', '').split(',').filter(Boolean);
const SCALE = opt('scale', 'county') as Scale;
const KEYS = opt('endpoints', 'caseList,activityList,volunteerSearch,caseById,createActivity').split(',');
const ROUNDS = Number(opt('rounds', '4'));
const SECONDS = Number(opt('seconds', '8'));
const CONNECTIONS = Number(opt('connections', '10'));
if (BUILDS.length < 2) throw new Error('--builds takes two or more bundles, comma-separated (e.g. apps/server/dist/main-old.js,apps/server/dist/main.js)');
if (SCALE === 'province') throw new Error('compare.ts runs on SQLite data (county or large)');

const log = (m: string) => console.error(`[compare ${new Date().toISOString().slice(11, 19)}] ${m}`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const gen = await ensureGenerated(SCALE, 'sqlite', undefined, log);
const floor = await openFloor('sqlite', gen.dataDir, undefined);
const fixtures = await floor.fixtures();
await floor.close();
const endpoints = benchEndpoints(fixtures).filter((e) => KEYS.includes(e.key));
if (!endpoints.length) throw new Error(`--endpoints: none of ${KEYS.join(', ')}`);

const results = new Map<string, Map<string, Measured[]>>(BUILDS.map((b) => [b, new Map(endpoints.map((e) => [e.key, []]))]));
for (let round = 1; round <= ROUNDS; round++) {
  // The order turns each round (A B, B A, …): whichever build goes first in a round was favoured by a few percent.
  for (const build of round % 2 ? BUILDS : [...BUILDS].reverse()) {
    process.env.BENCH_SERVER_BUNDLE = build;
    const server = await startServer(gen.dataDir, undefined, () => undefined);
    try {
      const cookie = await login(server.base);
      const line: string[] = [];
      for (const e of endpoints) {
        const m = await measure(server, { ...e, cookie }, SECONDS, CONNECTIONS);
        await server.settle();
        results.get(build)!.get(e.key)!.push(m);
        line.push(`${e.key} ${m.rps.toFixed(0)} / ${m.p99} / ${m.cpuMsPerReq.toFixed(2)}`);
      }
      console.log(`round ${round} ${path.basename(build)}: ${line.join(' · ')}`);
    } finally {
      await server.stop();
      delete process.env.BENCH_SERVER_BUNDLE;
    }
  }
}

console.log(`\nMedians over ${ROUNDS} rounds (req/s / p99 ms / server CPU ms per request; ${CONNECTIONS} connections, ${SECONDS} s each):\n`);
console.log(`| endpoint | ${BUILDS.map((b) => path.basename(b)).join(' | ')} |`);
console.log(`| --- | ${BUILDS.map(() => '---').join(' | ')} |`);
for (const e of endpoints) {
  const cells = BUILDS.map((b) => {
    const ms = results.get(b)!.get(e.key)!;
    return `${median(ms.map((m) => m.rps)).toFixed(0)} / ${median(ms.map((m) => m.p99)).toFixed(0)} / ${median(ms.map((m) => m.cpuMsPerReq)).toFixed(2)}`;
  });
  console.log(`| ${e.key} | ${cells.join(' | ')} |`);
}
process.exit(0);
