/**
 * Load test (security.md F35, issue 11 §3): the real server on a demo county, `users` distinct signed-in users
 * (one keep-alive connection each, autocannon as in bench/) running a realistic mix — lists with filters and
 * pages, details, edits, searches including pinyin initials, summaries and the dashboard — for `seconds`.
 * Checks: zero errors (every answer 2xx, no timeouts or resets), p50/p99 reported, the server's RSS sampled
 * every 250 ms and bounded (peak under `rssLimitMb`, and no steady growth: the second half's peak within 1.5×
 * the first half's).
 */
import autocannon from 'autocannon';
import { createTarget, prepare, ServerProcess, Session, type Dialect } from './lib.js';

export interface LoadOptions {
  dialect: Dialect;
  pgAdminUrl?: string;
  users: number;
  seconds: number;
  demoScale: number;
  rssLimitMb?: number;
  log?: (m: string) => void;
}

export interface LoadFigures {
  dialect: Dialect;
  users: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  rssStartMb: number;
  rssPeakMb: number;
  rssPeakFirstHalfMb: number;
  rssPeakSecondHalfMb: number;
  byPath: Record<string, number>;
  statusCodes: Record<string, number>;
  failures: string[];
}

export async function runLoad(o: LoadOptions): Promise<LoadFigures> {
  const log = o.log ?? (() => {});
  const target = await createTarget(o.dialect, o.pgAdminUrl);
  const server = new ServerProcess(target);
  const failures: string[] = [];
  try {
    const prep = await prepare(target, { demoScale: o.demoScale, officeUsers: o.users });
    await server.start();
    const cookies: string[] = [];
    for (let i = 0; i < o.users; i++) cookies.push((await Session.signIn(server.base, prep.accounts[`rel_office_${i}`])).cookie);
    const office = new Session(server.base);
    office.cookie = cookies[0];
    const idsOf = async (url: string) => ((await office.request('GET', url)).body?.items ?? []).map((i: { id: string }) => i.id) as string[];
    const volunteers = await idsOf('/api/volunteers?pageSize=100');
    // Edits go to serving volunteers: the register refuses to edit a deceased volunteer (403), rightly.
    const editable = await idsOf('/api/volunteers?pageSize=100&status=active');
    const activities = await idsOf('/api/activities?pageSize=100');
    const cases = await idsOf('/api/care-cases?pageSize=100');
    const townships = (await office.request('GET', '/api/org-units?kind=township&pageSize=50')).body?.items?.map((i: { id: string }) => i.id) ?? [prep.township.id];
    if (!volunteers.length || !editable.length || !activities.length) throw new Error(`demo county too small: ${volunteers.length} volunteers, ${activities.length} activities`);

    let seq = 0;
    const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];
    // [weight, name, request]; names group the latency-free counts in the report.
    type Make = () => { method: string; path: string; body?: string };
    const mix: [number, string, Make][] = [
      [14, 'volunteer list + filters', () => ({ method: 'GET', path: `/api/volunteers?page=${1 + (seq % 3)}&pageSize=20&category=${pick(['teacher', 'cadre', 'veteran'])}&orgUnitId=${pick(townships)}` })],
      [8, 'volunteer pinyin search', () => ({ method: 'GET', path: `/api/volunteers?q=${encodeURIComponent(pick(['zs', 'wang', 'l', 'zh', 'chen', '王', 'li']))}&pageSize=20` })],
      [14, 'activity list + filters', () => ({ method: 'GET', path: `/api/activities?type=lecture&orgUnitId=${pick(townships)}&from=2025-01-01&pageSize=20&sort=-date` })],
      [10, 'care-case list + filters', () => ({ method: 'GET', path: `/api/care-cases?status=${pick(['in_progress', 'intake', 'plan'])}&pageSize=20` })],
      [4, 'care-case search', () => ({ method: 'GET', path: `/api/care-cases?q=${encodeURIComponent(pick(['z', 'wang', '李']))}&pageSize=20` })],
      [10, 'volunteer detail', () => ({ method: 'GET', path: `/api/volunteers/${pick(volunteers)}` })],
      [8, 'activity detail', () => ({ method: 'GET', path: `/api/activities/${pick(activities)}` })],
      ...(cases.length ? [[6, 'care-case detail (audited read)', () => ({ method: 'GET', path: `/api/care-cases/${pick(cases)}` })] as [number, string, Make]] : []),
      [10, 'volunteer edit', () => ({ method: 'PATCH', path: `/api/volunteers/${pick(editable)}`, body: JSON.stringify({ remark: `负载${seq}` }) })],
      [4, 'dashboard', () => ({ method: 'GET', path: '/api/dashboard/overview' })],
      [4, 'activity summary', () => ({ method: 'GET', path: '/api/activities/summary' })],
      [4, 'org tree', () => ({ method: 'GET', path: '/api/org-units/tree?depth=2' })],
    ];
    const total = mix.reduce((a, m) => a + m[0], 0);
    const byPath: Record<string, number> = {};
    const choose = () => {
      let r = Math.random() * total;
      for (const m of mix) if ((r -= m[0]) < 0) return m;
      return mix[0];
    };

    const samples: { t: number; rss: number }[] = [];
    const t0 = performance.now();
    const rssStartMb = server.rssMb();
    const sampler = setInterval(() => samples.push({ t: performance.now() - t0, rss: server.rssMb() }), 250);
    let next = 0;
    const refused: Record<string, number> = {};
    const refusedBodies: string[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url: server.base,
          connections: o.users,
          duration: o.seconds,
          timeout: 30,
          initialContext: {},
          requests: [
            {
              setupRequest: (req: any, context: any) => {
                // One signed-in user per connection.
                context.cookie ??= cookies[next++ % cookies.length];
                const [, name, make] = choose();
                context.name = name;
                byPath[name] = (byPath[name] ?? 0) + 1;
                seq++;
                const r = make();
                return { ...req, method: r.method, path: r.path, body: r.body, headers: { cookie: context.cookie, ...(r.body ? { 'content-type': 'application/json' } : {}) } };
              },
              onResponse: (status: number, body: string, context: any) => {
                if (status >= 200 && status < 300) return;
                const key = `${context.name} → ${status}`;
                refused[key] = (refused[key] ?? 0) + 1;
                if (Object.keys(refused).length <= 10 && refused[key] === 1) refusedBodies.push(`${key}: ${String(body).slice(0, 300)}`);
              },
            },
          ],
        } as autocannon.Options,
        (err, res) => (err ? reject(err) : resolve(res)),
      );
    });
    clearInterval(sampler);
    const half = (o.seconds * 1000) / 2;
    const peak = (xs: { rss: number }[]) => xs.reduce((a, s) => Math.max(a, s.rss), 0);
    const figures: LoadFigures = {
      dialect: o.dialect, users: o.users, seconds: o.seconds,
      requests: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max,
      errors: result.errors, non2xx: result.non2xx, timeouts: result.timeouts,
      rssStartMb, rssPeakMb: peak(samples), rssPeakFirstHalfMb: peak(samples.filter((s) => s.t <= half)), rssPeakSecondHalfMb: peak(samples.filter((s) => s.t > half)),
      byPath, failures,
      statusCodes: Object.fromEntries(Object.entries((result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    };
    if (figures.errors || figures.non2xx || figures.timeouts) {
      failures.push(`${figures.errors} errors (${figures.timeouts} of them client timeouts after 30 s), ${figures.non2xx} non-2xx; status codes ${JSON.stringify(figures.statusCodes)}; by request ${JSON.stringify(refused)}`);
      failures.push(...refusedBodies);
      const serverErrors = server.output.split('\n').filter((l) => l.includes('"level":50')).slice(0, 3);
      for (const l of serverErrors) failures.push(`server: ${l.slice(0, 800)}`);
    }
    if (figures.rssPeakMb > (o.rssLimitMb ?? 1024)) failures.push(`peak RSS ${figures.rssPeakMb.toFixed(0)} MB over ${o.rssLimitMb ?? 1024} MB`);
    if (o.seconds >= 20 && figures.rssPeakSecondHalfMb > 1.5 * figures.rssPeakFirstHalfMb) failures.push(`RSS grew: ${figures.rssPeakFirstHalfMb.toFixed(0)} → ${figures.rssPeakSecondHalfMb.toFixed(0)} MB`);
    if (server.child.exitCode !== null) failures.push(`server exited during the load:\n${server.output.slice(-2000)}`);
    log(`load ${o.dialect}: ${figures.requests} requests, p50 ${figures.p50} ms, p99 ${figures.p99} ms, peak RSS ${figures.rssPeakMb.toFixed(0)} MB`);
    if (figures.non2xx) log(server.output.slice(-3000));
    return figures;
  } finally {
    await server.kill('SIGKILL');
    await target.drop();
  }
}
