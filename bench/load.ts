import autocannon from 'autocannon';
import type { ServerChild } from './server.js';

export interface Endpoint {
  name: string;
  path?: string;
  /** Several paths, taken in turn (e.g. different records by id). */
  paths?: string[];
  method?: 'GET' | 'POST';
  body?: string;
  cookie?: string;
}

export interface Measured {
  name: string;
  method: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Server process CPU (user+system) per request, ms. */
  cpuMsPerReq: number;
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/**
 * Load one endpoint with autocannon (keep-alive connections), after a warm-up of one second per server process (each
 * process compiles the endpoint's code paths on its own; with one second for two, the first endpoint ran half-warm).
 */
export async function measure(server: ServerChild, e: Endpoint, seconds: number, connections: number): Promise<Measured> {
  const paths = e.paths ?? [e.path ?? '/'];
  const headers: Record<string, string> = {};
  if (e.cookie) headers.cookie = e.cookie;
  if (e.body) headers['content-type'] = 'application/json';
  let i = 0;
  const requests = [{ method: e.method ?? 'GET', body: e.body, setupRequest: (req: autocannon.Request) => ({ ...req, path: paths[i++ % paths.length] }) }];
  const base = { url: server.base, connections, headers, requests } as autocannon.Options;
  await run({ ...base, duration: server.instances });
  const cpu0 = server.cpuMs();
  const r = await run({ ...base, duration: seconds });
  const cpu1 = server.cpuMs();
  const total = r.requests.total;
  return {
    name: e.name, method: e.method ?? 'GET', path: paths[0], rps: total / seconds, p50: r.latency.p50, p99: r.latency.p99,
    requests: total, non2xx: r.non2xx, errors: r.errors, cpuMsPerReq: total ? (cpu1 - cpu0) / total : NaN,
  };
}
