/**
 * Crash test (security.md F32): the real server under concurrent acknowledged writes and volunteer-register
 * imports (preview, then commit) is killed with SIGKILL at random moments, restarted, and checked each time:
 *   - SQLite: `PRAGMA integrity_check` is ok and no foreign key dangles; PostgreSQL: the server starts again;
 *   - every write the server acknowledged (2xx) is present: created volunteers and activities by id, and each
 *     worker's own volunteer holds its last acknowledged remark (or one sent after it whose answer was lost);
 *   - every import batch is all in or all out, and all in when its commit was acknowledged;
 *   - the audit chain verifies.
 */
import ExcelJS from 'exceljs';
import { createTarget, openHandle, prepare, prng, ServerProcess, Session, sleep, sqliteIntegrity, withPlatform, type Dialect } from './lib.js';

export interface CrashOptions {
  dialect: Dialect;
  pgAdminUrl?: string;
  kills: number;
  writers?: number;
  importRows?: number;
  seed?: number;
  demoScale?: number;
  /** The kill comes this long after the first acknowledged write of a round (uniformly random). */
  minDelayMs?: number;
  maxDelayMs?: number;
  log?: (m: string) => void;
}

export interface CrashFigures {
  dialect: Dialect;
  kills: number;
  acknowledgedCreates: number;
  acknowledgedEdits: number;
  writesChecked: number;
  lostAnswers: number;
  importBatches: number;
  batchesAllIn: number;
  batchesAllOut: number;
  auditEventsVerified: number;
  restartMsMax: number;
  failures: string[];
}

const categories = ['cadre', 'veteran', 'expert', 'teacher', 'model'] as const;

export async function runCrash(o: CrashOptions): Promise<CrashFigures> {
  const log = o.log ?? (() => {});
  const rand = prng(o.seed ?? 20261129);
  const writers = o.writers ?? 6;
  const importRows = o.importRows ?? 40;
  const target = await createTarget(o.dialect, o.pgAdminUrl);
  const failures: string[] = [];
  const figures: CrashFigures = {
    dialect: o.dialect, kills: 0, acknowledgedCreates: 0, acknowledgedEdits: 0, writesChecked: 0, lostAnswers: 0,
    importBatches: 0, batchesAllIn: 0, batchesAllOut: 0, auditEventsVerified: 0, restartMsMax: 0, failures,
  };
  const server = new ServerProcess(target);
  try {
    const prep = await prepare(target, { demoScale: o.demoScale ?? 0 });
    await server.start();
    const office = await Session.signIn(server.base, prep.accounts.countyOffice);
    const villages = prep.orgUnitIds;

    const created = new Map<string, 'volunteer' | 'activity'>();
    // One volunteer per writer that only that writer edits: one request in flight at a time.
    const own: { id: string; acked: string | null; sentSince: string[] }[] = [];
    for (let w = 0; w < writers; w++) {
      const res = await office.request('POST', '/api/volunteers', { orgUnitId: prep.village.id, category: 'teacher', name: `编辑${w}`, sex: 'female', birthDate: '1952-03-04' });
      if (res.status !== 200) throw new Error(`setup volunteer: ${res.status} ${res.text}`);
      own.push({ id: res.body.id, acked: null, sentSince: [] });
    }
    const batches: { tag: string; rows: number; acked: boolean }[] = [];
    let seq = 0;
    let stop = false;
    let commitsSent = 0;

    const writer = async (w: number) => {
      while (!stop) {
        const n = seq++;
        const kind = rand.int(0, 2);
        try {
          if (kind === 0) {
            const res = await office.request('POST', '/api/volunteers', {
              orgUnitId: rand.pick(villages), category: rand.pick(categories), name: `志愿者${n}`, sex: n % 2 ? 'male' : 'female', birthDate: '1950-01-02', phone: `139${String(n).padStart(8, '0')}`,
            });
            if (res.status === 200) created.set(res.body.id, 'volunteer');
            else if (res.status < 500) throw new Error(`volunteer create ${res.status} ${res.text}`);
          } else if (kind === 1) {
            const res = await office.request('POST', '/api/activities', { type: 'lecture', title: `宣讲活动${n}`, date: '2026-10-01', orgUnitId: rand.pick(villages), audienceStudents: 30 });
            if (res.status === 200) created.set(res.body.id, 'activity');
            else if (res.status < 500) throw new Error(`activity create ${res.status} ${res.text}`);
          } else {
            const mine = own[w];
            const remark = `备注${n}`;
            mine.sentSince.push(remark);
            const res = await office.request('PATCH', `/api/volunteers/${mine.id}`, { remark });
            if (res.status === 200) {
              mine.acked = remark;
              mine.sentSince = [];
              figures.acknowledgedEdits++;
            } else if (res.status < 500) throw new Error(`volunteer edit ${res.status} ${res.text}`);
          }
        } catch (err) {
          if (isConnectionError(err)) {
            figures.lostAnswers++;
            return;
          }
          failures.push(`writer: ${(err as Error).message}`);
          return;
        }
      }
    };

    const importer = async () => {
      while (!stop) {
        const tag = `批次${batches.length}`;
        const batch = { tag, rows: importRows, acked: false };
        try {
          const form = new FormData();
          form.append('file', new Blob([await importWorkbook(tag, importRows, prep.township.name, prep.village.name)]), '花名册.xlsx');
          const preview = await office.request('POST', '/api/volunteers/import/preview', form);
          if (preview.status !== 200 || !preview.body.token) {
            if (preview.status >= 500) failures.push(`import preview ${preview.status} ${preview.text.slice(0, 300)}`);
            throw new Error(`import preview ${preview.status} ${preview.text.slice(0, 300)}`);
          }
          batches.push(batch);
          commitsSent++;
          const commit = await office.request('POST', '/api/volunteers/import/commit', { token: preview.body.token, duplicates: 'skip' });
          if (commit.status === 200) {
            batch.acked = true;
            if (commit.body.created !== importRows) failures.push(`${tag}: commit created ${commit.body.created} of ${importRows}`);
          } else if (commit.status < 500) throw new Error(`import commit ${commit.status} ${commit.text}`);
        } catch (err) {
          if (isConnectionError(err)) return;
          failures.push(`importer: ${(err as Error).message}`);
          return;
        }
      }
    };

    for (let k = 0; k < o.kills; k++) {
      stop = false;
      const loops = [...Array.from({ length: writers }, (_, w) => writer(w)), importer()];
      if (k % 2 === 1) {
        // Every other kill aims at an import commit: a random moment up to 300 ms after one is sent.
        const sent = commitsSent;
        for (let i = 0; i < 2400 && commitsSent === sent; i++) await sleep(25);
        await sleep(rand.int(0, 300));
      } else {
        // A random moment once writes are flowing (the first answers after a start are slow).
        const before = figures.acknowledgedEdits + created.size;
        for (let i = 0; i < 200 && figures.acknowledgedEdits + created.size === before; i++) await sleep(25);
        await sleep(rand.int(o.minDelayMs ?? 100, o.maxDelayMs ?? 3000));
      }
      await server.kill('SIGKILL');
      stop = true;
      await Promise.all(loops);
      figures.kills++;

      if (o.dialect === 'sqlite') {
        const check = sqliteIntegrity(target.sqliteFile!);
        if (check.integrity !== 'ok') failures.push(`kill ${k}: integrity_check ${check.integrity}`);
        if (check.foreignKeys) failures.push(`kill ${k}: ${check.foreignKeys} dangling foreign keys`);
      }
      await checkWrites(k);
      const ms = await server.start();
      figures.restartMsMax = Math.max(figures.restartMsMax, ms);
      log(`kill ${k + 1}/${o.kills}: ${created.size} creates, ${figures.acknowledgedEdits} edits, ${batches.length} batches so far; restarted in ${ms.toFixed(0)} ms`);
      if (failures.length) break;
    }

    async function checkWrites(k: number) {
      const handle = openHandle(target);
      try {
        const ids = [...created.keys()];
        const present = new Set<string>();
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          for (const r of await handle.db.selectFrom('volunteer').select('id').where('id', 'in', chunk).execute()) present.add(r.id);
          for (const r of await handle.db.selectFrom('activity').select('id').where('id', 'in', chunk).execute()) present.add(r.id);
        }
        const missing = ids.filter((id) => !present.has(id));
        if (missing.length) failures.push(`kill ${k}: ${missing.length} acknowledged creates missing (${missing.slice(0, 3).join(', ')})`);
        figures.acknowledgedCreates = ids.length;
        for (const mine of own) {
          const row = await handle.db.selectFrom('volunteer').select('remark').where('id', '=', mine.id).executeTakeFirst();
          const allowed = [mine.acked, ...mine.sentSince];
          if (!row || !allowed.includes(row.remark)) failures.push(`kill ${k}: volunteer ${mine.id} remark ${row?.remark} not among ${JSON.stringify(allowed)}`);
        }
        const counts = await handle.db.selectFrom('volunteer').select(['remark', (eb) => eb.fn.countAll<number>().as('n')]).where('remark', 'like', '批次%').groupBy('remark').execute();
        const byTag = new Map(counts.map((c) => [c.remark, Number(c.n)]));
        let allIn = 0;
        let allOut = 0;
        for (const b of batches) {
          const n = byTag.get(b.tag) ?? 0;
          if (n === b.rows) allIn++;
          else if (n === 0) allOut++;
          else failures.push(`kill ${k}: ${b.tag} partly imported (${n} of ${b.rows})`);
          if (b.acked && n !== b.rows) failures.push(`kill ${k}: acknowledged ${b.tag} has ${n} of ${b.rows} rows`);
        }
        figures.importBatches = batches.length;
        figures.batchesAllIn = allIn;
        figures.batchesAllOut = allOut;
        figures.writesChecked = ids.length + own.length + batches.length;
      } finally {
        await handle.close();
      }
      const verified = await withPlatform(target, async (platform) => {
        const result = await platform.audit.verify(platform.db);
        const n = Number((await platform.db.selectFrom('auditEvent').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        return { ok: result.ok, n, result };
      });
      if (!verified.ok) failures.push(`kill ${k}: audit chain does not verify: ${JSON.stringify(verified.result).slice(0, 300)}`);
      figures.auditEventsVerified = verified.n;
    }
    figures.acknowledgedCreates = created.size;
    return figures;
  } finally {
    await server.kill('SIGKILL');
    await target.drop();
  }
}

function isConnectionError(err: unknown): boolean {
  const e = err as { cause?: { code?: string }; message?: string; name?: string };
  return e?.name === 'TypeError' && /fetch failed/.test(e.message ?? '') || ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED'].includes(e?.cause?.code ?? '');
}

async function importWorkbook(tag: string, rows: number, township: string, village: string): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['序号', '姓名', '五老类别', '性别', '出生年月', '乡镇', '村（社区）', '备注']);
  for (let i = 0; i < rows; i++) ws.addRow([i + 1, `${tag}号${i}`, '老教师', i % 2 ? '男' : '女', '1950-05-01', township, village, tag]);
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
