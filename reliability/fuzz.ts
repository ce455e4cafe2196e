/**
 * Fuzzing (security.md E25, issue 11 §4): requests generated from the live /api/openapi.json with hostile values
 * (wrong types, huge strings, unicode with RTL marks, emoji, NUL and lone surrogates, SQL and script payloads,
 * negative, huge, NaN and Infinity numbers, missing and extra keys, broken JSON, deep nesting), sent one at a
 * time by privileged signed-in users. Checks: no 5xx and no hang; and a rejected request (4xx) changes nothing:
 * after every rejected request the content hash of every table (every row, every column; only
 * `session.last_seen_at`, which a request may refresh once a minute, is left out) equals the hash before it.
 * The audit table is included: a rejected request may not add an audit row either.
 * Sign-ins happen before the baseline is taken, so they are not attributed to any fuzz request.
 */
import { createTarget, openHandle, prepare, prng, ServerProcess, Session, tableHashes, tableNames, type Dialect } from './lib.js';
import { sql } from 'kysely';

export interface FuzzOptions {
  dialect: Dialect;
  pgAdminUrl?: string;
  requests: number;
  /** Stop early after this long (a loaded CI machine); the figures say how many were sent. */
  maxMillis?: number;
  seed?: number;
  log?: (m: string) => void;
}

export interface FuzzFigures {
  dialect: Dialect;
  requests: number;
  operations: number;
  byClass: Record<string, number>;
  serverErrors: string[];
  rejectedWithChanges: string[];
  hangs: string[];
  accepted: number;
  rejected: number;
  reSignIns: number;
  /** Requests sent again because the server had closed the connection after answering the one before (431). */
  resentAfterClose: number;
}

interface Schema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
  const?: unknown;
}

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema; required: boolean }[];
  body?: Schema;
}

/** Routes that would end or weaken the fuzzing users' own sign-in rather than test input handling. */
const EXCLUDED = [/^\/api\/auth\//, /^\/api\/sessions\/\{[^}]+\}\/force-logout$/];
const EXCLUDED_OPS = new Set(['put /api/settings/security']);

const RAW = '\u0001RAW';
const raw = (token: string) => `${RAW}${token}\u0001`;

const hostileStrings = [
  '', ' ', '\t\n\r', 'x'.repeat(100_000), '中'.repeat(20_000), '\u0000', 'a\u0000b', '\u202Eevil\u202C', '\u200F\u0627\u0644\u0639\u0631\u0628\u064A\u0629',
  '👨‍👩‍👧‍👦'.repeat(40), '\ud800', '\uFEFF', '\u200B', 'ｓｅｌｅｃｔ', "' OR '1'='1", "'; DROP TABLE app_user; --", '1) UNION SELECT password_hash FROM app_user --',
  "1'; SELECT pg_sleep(10); --", '" OR ""="', '%', '_', '\\', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '../../../../etc/passwd',
  '..\\..\\windows\\win.ini', '%00', '%2e%2e%2f', '${7*7}', '{{7*7}}', '__proto__', 'constructor', 'prototype', 'NaN', 'Infinity', '-1', '1e309', '0x10',
  '9999-99-99', '2026-02-30', '0000-00-00', '1900-01-01', '2999-12-31', '-0001-01-01', 'null', 'undefined', 'true', '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff', '=cmd|"/c calc"!A1', '+1+1', '@SUM(1)',
];
const hostileNumbers: unknown[] = [-1, 0, -0, 0.5, 1.5, -2147483649, 4294967296, 2 ** 53 + 1, 1e308, -1e308, 5e-324, raw('NaN'), raw('Infinity'), raw('-Infinity'), raw('1e999'), raw('-1e999'), raw('1.0e+400')];
const hostileTypes: unknown[] = [null, true, false, [], {}, [null], { $gt: '' }, [[[[]]]], { __proto__: { polluted: 1 } }, 'string', 42];

export async function runFuzz(o: FuzzOptions): Promise<FuzzFigures> {
  const log = o.log ?? (() => {});
  const rand = prng(o.seed ?? 11);
  const target = await createTarget(o.dialect, o.pgAdminUrl);
  const server = new ServerProcess(target, { GG_JOB_TICK_SECONDS: '0' });
  const figures: FuzzFigures = { dialect: o.dialect, requests: 0, operations: 0, byClass: {}, serverErrors: [], rejectedWithChanges: [], hangs: [], accepted: 0, rejected: 0, reSignIns: 0, resentAfterClose: 0 };
  try {
    const prep = await prepare(target, { demoScale: 0 });
    await server.start();
    const doc = (await (await fetch(`${server.base}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, any>> };
    const ops = operations(doc).filter((op) => !EXCLUDED.some((re) => re.test(op.path)) && !EXCLUDED_OPS.has(`${op.method} ${op.path}`));
    figures.operations = ops.length;

    // Privileged users: the county office (all business data) first, then the three administrators.
    const roles = ['countyOffice', 'systemAdmin', 'securityAdmin', 'auditAdmin', 'countyLeader'].filter((r) => prep.accounts[r]);
    const sessions = new Map<string, Session>();
    for (const r of roles) sessions.set(r, await Session.signIn(server.base, prep.accounts[r]));
    const ownIds = new Set<string>();
    for (const s of sessions.values()) {
      const me = await s.request('GET', '/api/auth/me');
      if (me.body?.user?.id) ownIds.add(me.body.user.id);
      if (me.body?.id) ownIds.add(me.body.id);
    }
    // Real ids to aim at (deeper code paths than random UUIDs), from every list the office can read.
    const ids: string[] = [];
    const office = sessions.get('countyOffice')!;
    for (const op of ops) {
      if (op.method !== 'get' || op.pathParams.length || /export|template/.test(op.path)) continue;
      const res = await office.request('GET', op.path);
      const items = Array.isArray(res.body) ? res.body : Array.isArray(res.body?.items) ? res.body.items : [];
      for (const it of items.slice(0, 5)) if (typeof it?.id === 'string' && !ownIds.has(it.id)) ids.push(it.id);
    }
    for (const id of Object.values({ t: prep.township.id, v: prep.village.id })) ids.push(id);
    const roleFor = new Map<string, string>();

    const handle = openHandle(target);
    try {
      const ignore = { session: ['last_seen_at', 'lastSeenAt'] };
      const marker = async (): Promise<string> =>
        handle.dialect === 'sqlite'
          ? String(handle.sqlite!.pragma('data_version', { simple: true }))
          : String((await sql<{ x: string }>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`.execute(handle.db)).rows[0].x);
      let hashes = await tableHashes(handle, ignore);
      let mark = await marker();

      const hasTasks = (await tableNames(handle)).includes('background_task');
      /**
       * An accepted request may start work that finishes after its answer (a background export task). Wait until
       * that is done and nothing is written for 150 ms, so its rows are not blamed on the next request.
       */
      const settle = async () => {
        for (let i = 0; i < 100; i++) {
          const pending = hasTasks
            ? Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM background_task WHERE status IN ('queued', 'running')`.execute(handle.db)).rows[0].n)
            : 0;
          const before = await marker();
          await new Promise((r) => setTimeout(r, 150));
          if (!pending && (await marker()) === before) return;
        }
      };
      // First, fixed cases every run must cover: a malformed multipart body to every route that takes no JSON body.
      const planned: { op: Operation; gen: ReturnType<typeof generate> }[] = ops
        .filter((op) => op.method === 'post' && !op.body)
        .map((op) => ({ op, gen: { url: op.path.replace(/\{[^}]+\}/g, () => crypto.randomUUID()), body: '<a>1</a>', contentType: 'multipart/form-data; boundary=zz', label: 'malformed multipart' } }));
      const deadline = performance.now() + (o.maxMillis ?? Infinity);
      let previous = 'none';
      for (let i = 0; i < o.requests && performance.now() < deadline; i++) {
        const next = planned.shift();
        const op = next?.op ?? rand.pick(ops);
        const { url, body, contentType, label } = next?.gen ?? generate(op, rand, ids);
        const key = `${op.method} ${op.path}`;
        const order = roleFor.has(key) ? [roleFor.get(key)!] : roles;
        let status = 0;
        let text = '';
        for (const role of order) {
          const s = sessions.get(role)!;
          ({ status, text } = await send(server.base, s, op.method.toUpperCase(), url, body, contentType, figures).catch((err: Error) => ({ status: -1, text: String(err.cause ?? err.message) })));
          figures.requests++;
          if (status === 401) {
            // The session ended (e.g. an admin action on it): sign in again, outside the measured requests.
            figures.reSignIns++;
            sessions.set(role, await Session.signIn(server.base, prep.accounts[role]));
            hashes = await tableHashes(handle, ignore);
            mark = await marker();
            continue;
          }
          if (status !== 403) {
            roleFor.set(key, role);
            break;
          }
        }
        const cls = status === -1 ? 'hang/connection' : `${Math.floor(status / 100)}xx`;
        figures.byClass[cls] = (figures.byClass[cls] ?? 0) + 1;
        const where = `${op.method.toUpperCase()} ${op.path} [${label}] → ${status}`;
        if (status >= 500) {
          const requestId = /"requestId":"([^"]+)"/.exec(text)?.[1];
          const logLine = requestId ? server.output.split('\n').find((l) => l.includes(requestId)) : undefined;
          figures.serverErrors.push(`${where} :: ${url.slice(0, 200)} ${typeof body === 'string' ? body.slice(0, 300) : ''} :: ${(logLine ?? text).slice(0, 1500)}`);
        }
        // A connection error names the request before it too: a reset can belong to how the previous answer ended.
        if (status === -1) figures.hangs.push(`${where} ${text.slice(0, 200)} (after ${previous})`);
        previous = where;
        if (status >= 200 && status < 300) figures.accepted++;
        else figures.rejected++;

        if (status >= 200 && status < 300) await settle();
        const now = await marker();
        if (now !== mark) {
          mark = now;
          const after = await tableHashes(handle, ignore);
          if (status >= 400 && status < 500) {
            const changed = Object.keys({ ...hashes, ...after }).filter((t) => hashes[t] !== after[t]);
            if (changed.length) figures.rejectedWithChanges.push(`${where}: ${changed.join(', ')}`);
          }
          hashes = after;
        }
        if ((i + 1) % 1000 === 0) log(`fuzz ${o.dialect}: ${i + 1}/${o.requests} ${JSON.stringify(figures.byClass)}`);
        if (server.child.exitCode !== null) {
          figures.serverErrors.push(`server exited (${server.child.exitCode}) after ${where}:\n${server.output.slice(-2000)}`);
          break;
        }
      }
    } finally {
      await handle.close();
    }
    return figures;
  } finally {
    await server.kill('SIGKILL');
    await target.drop();
  }
}

/** Whether the last answer ended its connection (Node answers 431 to an over-long request line or headers and closes). */
let lastClosed = false;

/**
 * One request. A request that fails on its connection right after an answer that closed that connection is sent
 * once more, as browsers do: the client (undici) had reused the socket the server had just closed. Those resends are
 * counted; a connection error after an answer that kept the connection open is a failure (a hang).
 */
async function send(base: string, s: Session, method: string, url: string, body: string | FormData | undefined, contentType?: string, figures?: { resentAfterClose: number }) {
  const headers: Record<string, string> = { cookie: s.cookie };
  if (contentType) headers['content-type'] = contentType;
  const once = async () => {
    const res = await fetch(base + url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    lastClosed = res.status === 431 || res.headers.get('connection') === 'close';
    return { status: res.status, text };
  };
  try {
    return await once();
  } catch (err) {
    const reused = lastClosed && !(err instanceof Error && err.name === 'TimeoutError');
    lastClosed = false;
    if (!reused) throw err;
    if (figures) figures.resentAfterClose++;
    return await once();
  }
}

function operations(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  const out: Operation[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = (op.parameters ?? []) as { in: string; name: string; schema: Schema; required?: boolean }[];
      out.push({
        method,
        path: p,
        pathParams: [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        query: params.filter((x) => x.in === 'query').map((x) => ({ name: x.name, schema: x.schema ?? {}, required: Boolean(x.required) })),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return out;
}

type Rand = ReturnType<typeof prng>;

/** A plausible value for the schema, so that one hostile change is what the server has to catch. */
function valid(s: Schema, rand: Rand, ids: string[], depth = 0): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return rand.pick(s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return valid(rand.pick(alts), rand, ids, depth);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((x) => valid(x, rand, ids, depth)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid' || s.pattern?.includes('[0-9a-fA-F]{8}')) return ids.length && rand.next() < 0.7 ? rand.pick(ids) : crypto.randomUUID();
      if (s.format === 'date' || s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-05-01';
      if (s.format === 'date-time') return '2026-05-01T08:00:00.000Z';
      if (s.pattern?.includes(':')) return '09:30';
      if (s.pattern?.includes('^1')) return '13800138000';
      return '测试'.slice(0, Math.max(1, Math.min(2, s.maxLength ?? 2)));
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 0, Math.min(s.maximum ?? 10, 1));
    case 'boolean':
      return rand.next() < 0.5;
    case 'array':
      return depth > 3 || !s.items ? [] : Array.from({ length: Math.max(s.minItems ?? 0, rand.int(0, 2)) }, () => valid(s.items!, rand, ids, depth + 1));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) if (depth < 4 && (s.required?.includes(k) || rand.next() < 0.5)) out[k] = valid(v, rand, ids, depth + 1);
      return out;
    }
    default:
      return null;
  }
}

function hostile(rand: Rand): unknown {
  const r = rand.next();
  if (r < 0.55) return rand.pick(hostileStrings);
  if (r < 0.8) return rand.pick(hostileNumbers);
  return rand.pick(hostileTypes);
}

/** Set a hostile value at a random place inside a plausible value (object keys, array items, or the whole). */
function mutate(v: unknown, rand: Rand, s: Schema | undefined): { value: unknown; label: string } {
  if (v && typeof v === 'object' && !Array.isArray(v) && rand.next() < 0.85) {
    const obj = { ...(v as Record<string, unknown>) };
    const keys = Object.keys(s?.properties ?? obj);
    const r = rand.next();
    if (r < 0.15 && s?.required?.length) {
      const k = rand.pick(s.required);
      delete obj[k];
      return { value: obj, label: `missing ${k}` };
    }
    if (r < 0.25) {
      const extra = rand.pick(['extra', '__proto__', 'constructor', 'id', 'createdBy', 'orgUnitPath', 'isAdmin', '$where']);
      if (extra === '__proto__') return { value: JSON.parse(`${JSON.stringify(obj).slice(0, -1)}${Object.keys(obj).length ? ',' : ''}"__proto__":{"isAdmin":true}}`), label: 'extra __proto__' };
      obj[extra] = hostile(rand);
      return { value: obj, label: `extra ${extra}` };
    }
    if (!keys.length) return { value: hostile(rand), label: 'whole' };
    const k = rand.pick(keys);
    const inner = s?.properties?.[k];
    if (inner && (inner.type === 'object' || inner.type === 'array') && rand.next() < 0.4) {
      const m = mutate(obj[k] ?? valid(inner, rand, []), rand, inner.type === 'array' ? inner.items : inner);
      obj[k] = inner.type === 'array' ? [m.value] : m.value;
      return { value: obj, label: `${k}.${m.label}` };
    }
    obj[k] = hostile(rand);
    return { value: obj, label: `${k}=hostile` };
  }
  return { value: hostile(rand), label: 'whole' };
}

function serialise(v: unknown): string {
  return JSON.stringify(v).replace(/"\\u0001RAW([^"\\]*)\\u0001"/g, '$1');
}

function generate(op: Operation, rand: Rand, ids: string[]): { url: string; body?: string | FormData; contentType?: string; label: string } {
  const labels: string[] = [];
  let path = op.path;
  for (const p of op.pathParams) {
    const r = rand.next();
    const v = r < 0.6 && ids.length ? rand.pick(ids) : r < 0.75 ? crypto.randomUUID() : String(rand.pick(hostileStrings)).slice(0, 3000) || '%20';
    if (r >= 0.75) labels.push(`path ${p}`);
    path = path.replace(`{${p}}`, encodeURIComponent(v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')));
  }
  const q = new URLSearchParams();
  for (const param of op.query) {
    const r = rand.next();
    if (r < 0.5 && !param.required) continue;
    if (r < 0.8) q.append(param.name, String(valid(param.schema, rand, ids)));
    else {
      const h = hostile(rand);
      const text = typeof h === 'string' ? h.replace(new RegExp(`${RAW}|\\u0001`, 'g'), '') : JSON.stringify(h);
      q.append(param.name, (text ?? '').slice(0, 4000));
      if (rand.next() < 0.3) q.append(param.name, 'second');
      labels.push(`query ${param.name}`);
    }
  }
  if (rand.next() < 0.1) {
    q.append(rand.pick(['extra', '__proto__[x]', 'sort[]', 'constructor']), String(rand.pick(hostileStrings)).slice(0, 100));
    labels.push('extra query');
  }
  const url = path + (q.size ? `?${q}` : '');
  if (op.method === 'get' || op.method === 'delete') return { url, label: labels.join(', ') || 'plausible' };

  const r = rand.next();
  let body: string | FormData;
  let contentType: string | undefined = 'application/json';
  if (r < 0.06) {
    body = rand.pick(['{', '{"a":', '{"a":1,}', "{'a':1}", '[1,2', '\u0000', 'null', '""', '1e999', 'NaN', '{"a":NaN}', '\uFEFF{}']);
    labels.push('broken JSON');
  } else if (r < 0.09) {
    body = '['.repeat(20_000) + ']'.repeat(20_000);
    labels.push('deep nesting');
  } else if (r < 0.11) {
    body = JSON.stringify({ data: 'x'.repeat(3 * 1024 * 1024) });
    labels.push('3 MB body');
  } else if (r < 0.14) {
    contentType = rand.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz']);
    body = rand.pick(['a=1&b=2', '<a>1</a>', '--zz\r\nContent-Disposition: form-data; name="file"; filename="../../x.xlsx"\r\n\r\nPK\u0003\u0004garbage\r\n--zz--\r\n', 'plain']);
    labels.push(`content-type ${contentType.split(';')[0]}`);
  } else if (r < 0.17 && !op.body) {
    const f = new FormData();
    f.append('file', new Blob([rand.pick(['PK\u0003\u0004not-a-zip', '<html>姓名</html>', '\u0000'.repeat(100), 'x'.repeat(100_000)])]), rand.pick(['a.xlsx', '../../etc/passwd', '名单.xlsx', 'a.exe', '\u202Egpj.exe']));
    body = f;
    contentType = undefined;
    labels.push('multipart garbage');
  } else {
    const base = op.body ? valid(op.body, rand, ids) : {};
    const m = mutate(base, rand, op.body);
    body = serialise(m.value);
    labels.push(m.label);
  }
  return { url, body, contentType, label: labels.join(', ') };
}
