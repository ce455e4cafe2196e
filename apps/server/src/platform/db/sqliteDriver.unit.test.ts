import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { Worker } from 'node:worker_threads';
import { openSqlite, updateQueryStatistics, type DatabaseHandle } from './database.js';
import { OwedReads, SqliteReaderPool } from './sqliteReaders.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-group-commit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The tests use a table of their own, outside the platform's schema.
type Any = Kysely<{ note: { id: number; body: string } }>;
let handle: DatabaseHandle;
let db: Any;
let n = 0;
async function open(readers: number) {
  handle = openSqlite(path.join(dir, `t${n++}.db`), readers);
  db = handle.db as unknown as Any;
  await sql`CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)`.execute(db);
}

const bodies = async () => (await db.selectFrom('note').select('body').orderBy('id').execute()).map((r) => r.body);
/** What is committed, seen from a third connection. */
const committed = () => handle.sqlite!.prepare('SELECT COUNT(*) AS n FROM note').get() as { n: number };
const insert = (body: string) => db.transaction().execute((trx) => trx.insertInto('note').values({ body } as never).execute());

// Reads outside transactions on the main thread's reader, and in a reader thread (sqliteReaders.ts).
describe.each([{ readers: 0 }, { readers: 1 }])('SQLite group commit (platform/db/sqliteDriver.ts), reader threads: $readers', ({ readers }) => {
  beforeEach(() => open(readers));
  afterEach(() => handle.close());

  it('commits concurrent transactions together, each durable when it returns', async () => {
    const before = { ...handle.writeStats! };
    await Promise.all(Array.from({ length: 20 }, (_, i) => insert(`n${i}`)));
    expect((await bodies()).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`).sort());
    expect(handle.writeStats!.transactions - before.transactions).toBe(20);
    // Twenty transactions started in one turn share one commit (a transaction of its own each before).
    expect(handle.writeStats!.commits - before.commits).toBe(1);
    expect(committed().n).toBe(20);
  });

  it('rolls back only the transaction that fails; the others in its commit are kept', async () => {
    const results = await Promise.allSettled([
      insert('a'),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('note').values({ body: 'b' } as never).execute();
        throw new Error('no');
      }),
      insert('a'), // UNIQUE: fails on its own
      insert('c'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(await bodies()).toEqual(['a', 'c']);
    expect(committed().n).toBe(2);
  });

  it('never lets a read outside the transaction see what is not committed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const writing = db.transaction().execute(async (trx) => {
      await trx.insertInto('note').values({ body: 'pending' } as never).execute();
      // Its own write is visible inside it.
      expect((await trx.selectFrom('note').select('body').execute()).length).toBe(1);
      await gate;
    });
    await new Promise((r) => setTimeout(r, 20));
    // The transaction holds the writer; a read neither waits for it nor sees its row.
    expect(await bodies()).toEqual([]);
    release();
    await writing;
    expect(await bodies()).toEqual(['pending']);
  });

  it('commits what is pending before a write outside a transaction, in order', async () => {
    let inside!: () => void;
    const began = new Promise<void>((r) => (inside = r));
    const t = db.transaction().execute(async (trx) => {
      await trx.insertInto('note').values({ body: 'first' } as never).execute();
      inside();
    });
    await began;
    // Queued behind the transaction, ahead of its commit: it commits the transaction first, then writes.
    const w = db.insertInto('note').values({ body: 'second' } as never).execute();
    await Promise.all([t, w]);
    expect(await bodies()).toEqual(['first', 'second']);
    expect(committed().n).toBe(2);
  });

  it("waits for another connection's write lock without blocking the process, then writes", async () => {
    // Another server process's write, as SQLite sees it: a second connection to the file holding the write lock.
    const other = new SqliteDatabase(handle.sqlite!.name);
    try {
      other.exec('BEGIN IMMEDIATE');
      other.exec("INSERT INTO note (body) VALUES ('other')");
      const inTransaction = insert('mine');
      const outside = db.insertInto('note').values({ body: 'mine, alone' } as never).execute();
      // Meanwhile this process goes on: timers fire and reads answer (SQLite's own busy wait would put it to sleep
      // until the lock is free — and here the lock is freed by this very thread, so it would time out instead).
      const started = performance.now();
      await new Promise((r) => setTimeout(r, 30));
      expect(performance.now() - started).toBeLessThan(1000);
      expect(await bodies()).toEqual([]);
      other.exec('COMMIT');
      await Promise.all([inTransaction, outside]);
      expect(await bodies()).toEqual(['other', 'mine', 'mine, alone']);
      expect(committed().n).toBe(3);
      // The connection keeps its busy timeout for everything else (security checklist 31).
      expect(Number(handle.sqlite!.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
    } finally {
      other.close();
    }
  });

  it('plans reads with the statistics ANALYZE wrote after the reading connection opened', async () => {
    // x nearly unique, y two values: without statistics SQLite picks the index on y, with them the one on x.
    handle.sqlite!.exec('CREATE TABLE t (x INTEGER, y INTEGER); CREATE INDEX t_x ON t (x); CREATE INDEX t_y ON t (y)');
    const fill = handle.sqlite!.prepare('INSERT INTO t VALUES (?, ?)');
    handle.sqlite!.transaction(() => {
      for (let i = 0; i < 20000; i++) fill.run(i % 5000, i % 2);
    })();
    const plan = async () => (await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT * FROM t WHERE x = 1 AND y = 1`.execute(db)).rows.map((r) => r.detail).join('; ');
    expect(await plan()).toContain('t_y');
    await updateQueryStatistics(handle);
    expect(await plan()).toContain('t_x');
    expect(await bodies()).toEqual([]);
  });

  it('fails every transaction of a commit that SQLite rolled back', async () => {
    const results = await Promise.allSettled([
      insert('kept-not'),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('note').values({ body: 'x' } as never).execute();
        // Ends the whole SQLite transaction, as an I/O error would.
        await sql`ROLLBACK`.execute(trx);
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await bodies()).toEqual([]);
    // And the next transaction starts afresh.
    await insert('after');
    expect(await bodies()).toEqual(['after']);
  });
});

describe('SQLite reader threads (platform/db/sqliteReaders.ts)', () => {
  beforeEach(() => open(1));
  afterEach(() => handle.close());

  it('answers as better-sqlite3 does: rows, BLOBs as Buffers, errors with their code', async () => {
    await insert('a');
    const { rows } = await sql<{ body: string; blob: Buffer; n: number }>`SELECT body, x'00ff' AS blob, 2 + 3 AS n FROM note`.execute(db);
    expect(rows).toEqual([{ body: 'a', blob: Buffer.from([0, 255]), n: 5 }]);
    expect(Buffer.isBuffer(rows[0]!.blob)).toBe(true);
    // Rows cross from the thread as arrays beside their column names, and are built with camelCase keys: a name
    // given twice keeps its last value, as better-sqlite3's own rows do; no rows, no keys.
    const twice = await sql<{ noteBody: string; n: number }>`SELECT body AS note_body, 1 AS n, 2 AS n FROM note`.execute(db);
    expect(twice.rows).toEqual([{ noteBody: 'a', n: 2 }]);
    expect(Object.keys(twice.rows[0]!)).toEqual(['noteBody', 'n']);
    // Asked again, a statement crosses as its number and its answer without the names: the same rows.
    expect((await sql`SELECT body AS note_body, 1 AS n, 2 AS n FROM note`.execute(db)).rows).toEqual([{ noteBody: 'a', n: 2 }]);
    // More statements than are numbered (1,000 a thread) still cross, with their text, and answer rightly.
    for (let i = 0; i < 1010; i++) {
      const { rows } = await sql<{ valueOf: number }>`SELECT ${sql.raw(String(i))} AS value_of`.execute(db);
      expect(rows).toEqual([{ valueOf: i }]);
    }
    expect((await sql`SELECT 1009 AS value_of`.execute(db)).rows).toEqual([{ valueOf: 1009 }]);
    expect((await db.selectFrom('note').select(['id', 'body']).where('body', '=', 'none').execute())).toEqual([]);
    // Prepared without fault, failing as it runs: the reader thread's error.
    const err = await sql`SELECT json_extract(body, '$') FROM note`.execute(db).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SQLITE_ERROR', message: expect.stringContaining('malformed JSON') });
  });

  it('runs a long read beside the main thread: the process keeps answering meanwhile', async () => {
    // ~10^6 rows counted by a recursive CTE: some hundred milliseconds of SQLite's time, none of the event loop's.
    const long = sql<{ n: number }>`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000000) SELECT COUNT(*) AS n FROM c`.execute(db);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const { rows } = await long;
    clearInterval(timer);
    expect(rows[0]!.n).toBe(3000000);
    // On the main thread the timer could not have fired while the query ran.
    expect(ticks).toBeGreaterThan(3);
  });

  it('sees what a transaction committed as soon as it returns', async () => {
    for (let i = 0; i < 50; i++) {
      await insert(`n${i}`);
      expect((await bodies()).length).toBe(i + 1);
    }
  });

  it('replaces a thread that dies; the reads it held fail, later ones are answered', async () => {
    const file = path.join(dir, `pool${n++}.db`);
    const setup = new SqliteDatabase(file);
    setup.exec("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO note (body) VALUES ('kept')");
    setup.close();
    const pool = new SqliteReaderPool(file, 1);
    try {
      expect((await pool.run('SELECT body FROM note', [])).rows).toEqual([{ body: 'kept' }]);
      const held = pool.run('WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 30000000) SELECT COUNT(*) FROM c', []).then(
        () => 'answered',
        (e: unknown) => e,
      );
      // As if the thread had crashed (out of memory, a fault in the addon).
      await (pool as unknown as { workers: { worker: Worker }[] }).workers[0]!.worker.terminate();
      expect(await held).toBeInstanceOf(Error);
      expect((await pool.run('SELECT body FROM note WHERE id = ?', [1])).rows).toEqual([{ body: 'kept' }]);
      expect(pool.size).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('a thread that cannot open the file fails the read sent to it; the next read tries a new thread', async () => {
    const pool = new SqliteReaderPool(path.join(dir, 'missing', 'none.db'), 1);
    try {
      await expect(pool.run('SELECT 1', [])).rejects.toThrow(/open database/);
      await expect(pool.run('SELECT 1', [])).rejects.toThrow(/open database/);
      expect(pool.size).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('keeps the process alive while a read or a close is awaited, and not once idle', () => {
    // A process with nothing else to do (the first process of GG_INSTANCES closing its database, a CLI script): an
    // unreferenced thread let it end in the middle of the await.
    const run = (close: boolean) => {
      const script = path.join(dir, `alone${n++}.mjs`);
      fs.writeFileSync(
        script,
        `import { openSqlite } from ${JSON.stringify(path.join(import.meta.dirname, 'database.ts'))};
        const handle = openSqlite(${JSON.stringify(path.join(dir, `alone${n++}.db`))}, 1);
        const row = await handle.db.selectNoFrom((eb) => eb.val(42).as('n')).executeTakeFirstOrThrow();
        console.log('read', row.n);
        ${close ? "await handle.close(); console.log('closed');" : ''}`,
      );
      return spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 40_000 });
    };
    const closing = run(true);
    expect(closing.stdout).toBe('read 42\nclosed\n');
    expect(closing.status).toBe(0);
    // Left open, the idle thread does not hold the process: it ends by itself (not by the timeout's signal).
    const left = run(false);
    expect(left.stdout).toBe('read 42\n');
    expect([left.status, left.signal]).toEqual([0, null]);
    // Two Node processes that load TypeScript through tsx: seconds on a busy machine.
  }, 90_000);

  it('answers many reads in flight at once, each to its own caller', async () => {
    await insert('a');
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => sql<{ n: number; body: string }>`SELECT ${i} AS n, body FROM note`.execute(db)));
    expect(answers.map((a) => a.rows[0]!.n)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('fails pending reads when closed, and refuses new ones', async () => {
    const pending = sql`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000000) SELECT COUNT(*) FROM c`.execute(db).then(
      () => 'answered',
      (e: unknown) => e,
    );
    await handle.close();
    expect(await pending).toBeInstanceOf(Error);
    await expect(bodies()).rejects.toThrow();
    handle = openSqlite(path.join(dir, `t${n++}.db`), 1); // for afterEach
  });
});

describe('the reads a reader thread owes (OwedReads)', () => {
  const owed = (id: number) => ({ id, resolve: () => {}, reject: () => {} });

  it('hands them back oldest first, across its growth, and keeps none it handed back', () => {
    const q = new OwedReads();
    let next = 0;
    let expected = 0;
    // Interleaved, so the ring wraps before it grows: 16 slots, then 32, 64.
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 13 * (round + 1); i++) q.push(owed(next++));
      for (let i = 0; i < 9 * (round + 1); i++) expect(q.shift()!.id).toBe(expected++);
    }
    expect(q.size).toBe(next - expected);
    while (q.size) expect(q.shift()!.id).toBe(expected++);
    expect(q.shift()).toBeUndefined();
    expect(expected).toBe(next);
    // Nothing handed back stays referenced (a kept one would outlive its request: the reason this is not a Map).
    expect((q as unknown as { ring: unknown[] }).ring.every((slot) => slot === undefined)).toBe(true);
  });
});
