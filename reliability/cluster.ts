/**
 * Two instances on one database — PostgreSQL, or one SQLite file in one data directory (issue 10: the second core of
 * a laptop) — behind a loopback round-robin reverse proxy (issue 11 §6):
 *   - a session signed in on one instance works on the other (sessions live in the database);
 *   - an upload sent to one is downloaded from the other (one shared storage directory);
 *   - scheduled jobs made due run exactly once across both instances (one `job_run` row per job);
 *   - under load through the proxy, SIGKILL of one instance loses no request except those in flight to it at
 *     that moment; the proxy only moves a request to the other instance when the dead one refused the
 *     connection (nothing was sent), as nginx's `proxy_next_upstream error` does.
 */
import http from 'node:http';
import { createTarget, openHandle, prepare, ServerProcess, Session, sleep, type Dialect } from './lib.js';

export interface ClusterOptions {
  dialect?: Dialect;
  /** Required for PostgreSQL. */
  pgAdminUrl?: string;
  /** Seconds of load before and after the kill. */
  seconds: number;
  clients?: number;
  log?: (m: string) => void;
}

export interface ClusterFigures {
  sessionSharedOk: boolean;
  uploadSharedOk: boolean;
  jobs: number;
  jobRunsPerJob: Record<string, number>;
  requests: number;
  inFlightAtKill: number;
  failedInFlight: number;
  failedOther: number;
  retriedAfterRefused: number;
  acknowledgedWritesChecked: number;
  failures: string[];
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface Backend { name: string; server: ServerProcess; up: boolean }

/** A round-robin proxy; every answer names the instance in `x-backend`. */
function startProxy(backends: Backend[], stats: { retried: number }) {
  let next = 0;
  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const live = backends.filter((b) => b.up);
        if (!live.length) {
          res.writeHead(503).end();
          return;
        }
        const b = live[next++ % live.length];
        const up = http.request(
          { host: '127.0.0.1', port: b.server.port, method: req.method, path: req.url, headers: { ...req.headers, connection: 'close' }, agent: false },
          (ur) => {
            res.writeHead(ur.statusCode ?? 502, { ...ur.headers, 'x-backend': b.name });
            ur.pipe(res);
            ur.on('error', () => res.destroy());
          },
        );
        up.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'ECONNREFUSED' && tries < backends.length) {
            // Nothing reached the instance: take it out and send the request to another one.
            b.up = false;
            stats.retried++;
            attempt(tries + 1);
          } else if (!res.headersSent) res.writeHead(502, { 'x-backend': b.name }).end();
          else res.destroy();
        });
        up.end(body);
      };
      attempt(1);
    });
  });
  return new Promise<{ port: number; close(): Promise<void> }>((resolve) =>
    proxy.listen(0, '127.0.0.1', () =>
      resolve({ port: (proxy.address() as { port: number }).port, close: () => new Promise((r) => { proxy.closeAllConnections(); proxy.close(() => r()); }) }),
    ),
  );
}

export async function runCluster(o: ClusterOptions): Promise<ClusterFigures> {
  const log = o.log ?? (() => {});
  const target = await createTarget(o.dialect ?? 'postgres', o.pgAdminUrl);
  const env = { GG_JOB_TICK_SECONDS: '1' };
  const a = new ServerProcess(target, env);
  const b = new ServerProcess(target, env);
  const failures: string[] = [];
  const figures: ClusterFigures = {
    sessionSharedOk: false, uploadSharedOk: false, jobs: 0, jobRunsPerJob: {}, requests: 0, inFlightAtKill: 0, failedInFlight: 0, failedOther: 0,
    retriedAfterRefused: 0, acknowledgedWritesChecked: 0, failures,
  };
  let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
  try {
    const prep = await prepare(target, { demoScale: 0 });
    await Promise.all([a.start(), b.start()]);
    const backends: Backend[] = [{ name: 'a', server: a, up: true }, { name: 'b', server: b, up: true }];
    const stats = { retried: 0 };
    proxy = await startProxy(backends, stats);
    const viaProxy = `http://127.0.0.1:${proxy.port}`;

    // A session from instance A works on instance B.
    const onA = await Session.signIn(a.base, prep.accounts.countyOffice);
    const onB = new Session(b.base);
    onB.cookie = onA.cookie;
    const me = await onB.request('GET', '/api/auth/me');
    figures.sessionSharedOk = me.status === 200;
    if (!figures.sessionSharedOk) failures.push(`session from A refused by B: ${me.status} ${me.text}`);

    // An upload stored by A is served by B.
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), '照片.png');
    const up = await onA.request('POST', '/api/uploads', form);
    if (up.status !== 200) failures.push(`upload on A: ${up.status} ${up.text}`);
    else {
      const down = await onB.request('GET', `/api/uploads/${up.body.id}`);
      figures.uploadSharedOk = down.status === 200 && Buffer.isBuffer(down.body) && down.body.equals(PNG);
      if (!figures.uploadSharedOk) failures.push(`upload from A not served by B: ${down.status} ${down.text}`);
    }

    // Every job due now: both instances poll each second; each job must run exactly once.
    const handle = openHandle(target);
    try {
      // Let the runs due at start finish first, then make every job due again at one moment.
      for (let i = 0; i < 120; i++) {
        const running = await handle.db.selectFrom('job').select('name').where('lockedBy', 'is not', null).execute();
        const never = await handle.db.selectFrom('job').select('name').where('lastRunAt', 'is', null).execute();
        if (!running.length && !never.length) break;
        await sleep(500);
      }
      const since = new Date().toISOString();
      await handle.db.updateTable('job').set({ nextRunAt: since }).execute();
      const jobs = (await handle.db.selectFrom('job').select('name').where('enabled', '=', 1).execute()).map((j) => j.name);
      figures.jobs = jobs.length;
      for (let i = 0; i < 120; i++) {
        const done = await handle.db.selectFrom('jobRun').select('jobName').where('startedAt', '>=', since).where('finishedAt', 'is not', null).execute();
        if (new Set(done.map((d) => d.jobName)).size >= jobs.length) break;
        await sleep(500);
      }
      await sleep(2500); // a few more ticks of both instances: a second run would show up now
      const runs = await handle.db.selectFrom('jobRun').select(['jobName', 'instance']).where('startedAt', '>=', since).execute();
      for (const j of jobs) figures.jobRunsPerJob[j] = runs.filter((r) => r.jobName === j).length;
      const wrong = Object.entries(figures.jobRunsPerJob).filter(([, n]) => n !== 1);
      if (wrong.length) failures.push(`jobs not run exactly once: ${JSON.stringify(wrong)}`);
      log(`cluster: ${jobs.length} jobs ran once each, on instances ${[...new Set(runs.map((r) => r.instance.split(':')[1]))].join(' and ')}`);

      // Load through the proxy; kill B in the middle.
      const clients = o.clients ?? 8;
      const sessions = await Promise.all(Array.from({ length: clients }, () => Session.signIn(viaProxy, prep.accounts.countyOffice)));
      type Rec = { backend: string; start: number; end: number; ok: boolean; status: number };
      const records: Rec[] = [];
      const created: string[] = [];
      let killAt = Infinity;
      let stop = false;
      let n = 0;
      const loop = async (s: Session) => {
        while (!stop) {
          const i = n++;
          const start = performance.now();
          const write = i % 4 === 0;
          try {
            const res = await fetch(viaProxy + (write ? '/api/volunteers' : `/api/volunteers?pageSize=10&page=${1 + (i % 3)}`), {
              method: write ? 'POST' : 'GET',
              headers: { cookie: s.cookie, ...(write ? { 'content-type': 'application/json' } : {}) },
              body: write ? JSON.stringify({ orgUnitId: prep.village.id, category: 'teacher', name: `集群${i}`, sex: 'male', birthDate: '1951-02-03' }) : undefined,
            });
            const text = await res.text();
            const backend = res.headers.get('x-backend') ?? '?';
            records.push({ backend, start, end: performance.now(), ok: res.status === 200, status: res.status });
            if (write && res.status === 200) created.push(JSON.parse(text).id);
          } catch {
            records.push({ backend: '?', start, end: performance.now(), ok: false, status: -1 });
          }
        }
      };
      const loops = sessions.map(loop);
      await sleep(o.seconds * 1000);
      killAt = performance.now();
      await b.kill('SIGKILL');
      // The signal takes effect between killAt and the moment the exit is seen: "in flight at the kill" is
      // any request open during that window.
      const deadAt = performance.now();
      await sleep(o.seconds * 1000);
      stop = true;
      await Promise.all(loops);
      figures.requests = records.length;
      figures.retriedAfterRefused = stats.retried;
      figures.inFlightAtKill = records.filter((r) => r.start <= deadAt && r.end >= killAt).length;
      for (const r of records) {
        if (r.ok) continue;
        const wasInFlightToB = r.start <= deadAt && r.end >= killAt && r.backend !== 'a';
        if (wasInFlightToB) figures.failedInFlight++;
        else {
          figures.failedOther++;
          if (figures.failedOther <= 5) failures.push(`request lost outside the kill: ${JSON.stringify({ ...r, killAt, deadAt })}`);
        }
      }
      if (figures.failedInFlight > figures.inFlightAtKill) failures.push(`${figures.failedInFlight} failures but only ${figures.inFlightAtKill} in flight`);
      if (!records.some((r) => r.ok && r.backend === 'b' && r.end < killAt)) failures.push('instance B answered nothing before the kill');
      if (!records.some((r) => r.ok && r.start > killAt)) failures.push('nothing answered after the kill');
      // Every acknowledged write is in the database.
      const present = new Set((created.length ? await handle.db.selectFrom('volunteer').select('id').where('id', 'in', created).execute() : []).map((r) => r.id));
      const missing = created.filter((id) => !present.has(id));
      if (missing.length) failures.push(`${missing.length} acknowledged writes missing`);
      figures.acknowledgedWritesChecked = created.length;
      log(`cluster: ${records.length} requests, ${figures.inFlightAtKill} in flight at the kill, ${figures.failedInFlight} of them failed, ${figures.failedOther} other failures, ${stats.retried} refused and resent`);
    } finally {
      await handle.close();
    }
    return figures;
  } finally {
    await proxy?.close();
    await Promise.all([a.kill('SIGKILL'), b.kill('SIGKILL')]);
    await target.drop();
  }
}
