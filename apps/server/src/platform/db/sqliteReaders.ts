import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { QueryResult } from 'kysely';
import { WRITE_LOCK_WAIT_MS } from './sqliteDriver.js';
import { rowFromValues } from './rowShapes.js';
import { markCamelCased, toCamelCase } from './snakeCase.js';

/**
 * Reads outside a transaction, run on SQLite connections in worker threads so that the SQL of one request runs while
 * the main thread parses, presents and sends another's — and a long aggregate no longer stalls every other request of
 * the process (better-sqlite3 runs each statement to completion on the calling thread). Each worker holds one
 * read-only connection (`query_only`) to the same file; in WAL mode it sees what is committed when its statement
 * starts, as the main thread's reader did. Writes and everything inside a transaction stay on the main thread's writer
 * (sqliteDriver.ts). docs/decisions.md: "SQLite reads run beside the main thread".
 */
export class SqliteReaderPool {
  private readonly workers: ReaderWorker[] = [];
  private closed = false;

  constructor(private readonly file: string, size: number) {
    for (let i = 0; i < size; i++) this.workers.push(new ReaderWorker(file));
  }

  get size(): number {
    return this.workers.length;
  }

  /** A read-only statement on the least busy worker. */
  run(sql: string, parameters: readonly unknown[]): Promise<QueryResult<unknown>> {
    if (this.closed) return Promise.reject(new Error('SQLite readers are closed'));
    // A thread that died (out of memory, a fault in the addon) failed the reads it held and is replaced here, when
    // next needed: one that cannot even open the file fails the read that started it, not a loop of new threads.
    for (let i = 0; i < this.workers.length; i++) if (this.workers[i]!.exited) this.workers[i] = new ReaderWorker(this.file);
    let chosen = this.workers[0]!;
    for (const w of this.workers) if (w.pending.size < chosen.pending.size) chosen = w;
    return chosen.send(sql, parameters);
  }

  /** Every thread's connection opened again, after the reads already sent to it (`SqliteDialect.reopenReaders`). */
  async reopen(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.reopen()));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.close()));
  }
}

interface Pending {
  id: number;
  resolve: (result: QueryResult<unknown>) => void;
  reject: (err: unknown) => void;
  /** The statement's number (ReaderWorker.numbers), when it has one. */
  q?: number;
}

/**
 * The reads a thread owes, oldest first: a thread answers in the order it was sent to. A ring whose slots are cleared as
 * they are answered — not a Map. V8 leaves a Map's table, when the Map outgrows or compacts it, holding its entries and
 * linked to the table that replaced it; once one such table had reached the old generation, the scavenger kept every
 * table after it, the reads they held and the rows those reads answered with, until the next full collection — ~45 KB of
 * every activity page under concurrent load, and a full collection every ~250 ms (docs/decisions.md, "A reader thread's
 * owed reads are a ring, not a Map").
 */
export class OwedReads {
  private ring: (Pending | undefined)[] = new Array<Pending | undefined>(16).fill(undefined);
  private head = 0;
  size = 0;

  push(p: Pending): void {
    if (this.size === this.ring.length) this.grow();
    this.ring[(this.head + this.size++) & (this.ring.length - 1)] = p;
  }

  shift(): Pending | undefined {
    if (!this.size) return undefined;
    const p = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) & (this.ring.length - 1);
    this.size--;
    return p;
  }

  private grow(): void {
    const next = new Array<Pending | undefined>(this.ring.length * 2).fill(undefined);
    for (let i = 0; i < this.size; i++) {
      const at = (this.head + i) & (this.ring.length - 1);
      next[i] = this.ring[at];
      this.ring[at] = undefined;
    }
    this.ring = next;
    this.head = 0;
  }
}

/** Statements numbered per thread: after its first, a statement crosses as its number, not its text (~1 KB a list's). */
const NUMBERED_STATEMENTS = 1000;

type Reply = { id: number; columns?: string[]; rows: unknown[][] } | { id: number; changes: number; lastInsertRowid: number | bigint } | { id: number; error: { message: string; code?: string; name: string } };

class ReaderWorker {
  readonly pending = new OwedReads();
  private readonly worker: Worker;
  /** Each statement's number, given as it is first sent; and how its rows are built, from the first answer that names their keys. */
  private readonly numbers = new Map<string, number>();
  private readonly buildersOf: ((values: readonly unknown[]) => Record<string, unknown>)[] = [];
  private nextId = 0;
  /** Ended: closed, or died. */
  exited = false;

  constructor(file: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    // A small young generation: a thread's garbage is rows on their way out, and memory counts (RSS ≤ 250 MB).
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, busyTimeout: WRITE_LOCK_WAIT_MS }, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    // Keeps the process alive only while it owes an answer (send/answer): an idle thread never does, so a test that
    // forgets to close still ends, but a read awaited with nothing else running (start, shutdown) is not cut short.
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => this.answer(reply));
    const die = (err: unknown) => {
      if (this.exited) return;
      this.exited = true;
      this.failAll(err);
    };
    this.worker.on('error', die);
    this.worker.on('exit', (code) => die(new Error(`SQLite reader thread ended (${code})`)));
  }

  send(sql: string, parameters: readonly unknown[]): Promise<QueryResult<unknown>> {
    if (this.exited) return Promise.reject(new Error('SQLite reader thread ended'));
    const id = this.nextId++;
    let q = this.numbers.get(sql);
    let text: string | undefined;
    if (q === undefined) {
      // Sent with its text the first time (and always, once the numbers run out: IN lists of every length).
      text = sql;
      if (this.numbers.size < NUMBERED_STATEMENTS) this.numbers.set(sql, (q = this.numbers.size));
    }
    return new Promise((resolve, reject) => {
      this.owe({ id, resolve, reject, q });
      this.worker.postMessage({ id, q, sql: text, parameters });
    });
  }

  /** Answered once the thread has run what was sent before it and opened its connection again. */
  async reopen(): Promise<void> {
    if (this.exited) return;
    const id = this.nextId++;
    await new Promise((resolve, reject) => {
      this.owe({ id, resolve, reject });
      this.worker.postMessage({ id, reopen: true });
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    this.exited = true;
    this.failAll(new Error('SQLite readers are closed'));
    this.worker.ref();
    this.worker.postMessage({ close: true });
    await new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
    });
  }

  private owe(p: Pending) {
    if (!this.pending.size) this.worker.ref();
    this.pending.push(p);
  }

  private answer(reply: Reply) {
    const p = this.pending.shift();
    if (!p) return;
    if (p.id !== reply.id) {
      // Never seen: a thread answers each message once, in order. Were it to happen, no answer could be trusted.
      this.failAll(new Error(`SQLite reader answered ${reply.id} where ${p.id} was owed`));
      p.reject(new Error('SQLite reader answered out of order'));
      this.exited = true;
      void this.worker.terminate();
      return;
    }
    if (!this.pending.size) this.worker.unref();
    if ('error' in reply) {
      // As better-sqlite3 would have thrown it: callers look at `code` (e.g. SQLITE_BUSY).
      const err = Object.assign(new Error(reply.error.message), { code: reply.error.code, name: reply.error.name });
      p.reject(err);
    } else if ('rows' in reply) {
      // A statement's first answer names its columns; the thread answers in order, so later ones find the keys here.
      let build = reply.columns && rowFromValues(reply.columns.map(toCamelCase));
      if (p.q !== undefined) {
        if (build) this.buildersOf[p.q] = build;
        else build = this.buildersOf[p.q];
      }
      p.resolve(camelCaseRows(build ?? rowFromValues([]), reply.rows));
    } else {
      p.resolve({ numAffectedRows: BigInt(reply.changes), insertId: BigInt(reply.lastInsertRowid), rows: [] });
    }
  }

  private failAll(err: unknown) {
    for (let p = this.pending.shift(); p; p = this.pending.shift()) p.reject(err);
    this.worker.unref();
  }
}

/**
 * A reader's answer as Kysely's rows. Rows cross the thread boundary as arrays (not as objects repeating every column's
 * name; the names come with a statement's first answer), and are built here once with their camelCase keys — instead
 * of an object from the clone and another from CamelCaseResultsPlugin (which leaves results marked `camelCased` as
 * they are) — by the statement's row literal (rowShapes.ts). BLOBs arrive as Uint8Array: callers get Buffers.
 */
function camelCaseRows(build: (values: readonly unknown[]) => Record<string, unknown>, rows: unknown[][]): QueryResult<unknown> {
  const out: Record<string, unknown>[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = build(rows[r]!);
  return markCamelCased({ rows: out });
}

// Plain JavaScript run by each reader thread: one connection, its statements kept by their text (as withStatementCache).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
function open() {
  const conn = new Database(workerData.file, { fileMustExist: true });
  conn.pragma('busy_timeout = ' + Number(workerData.busyTimeout));
  conn.pragma('query_only = ON');
  return conn;
}
let db = open();
const cache = new Map();
// Numbered statements (ReaderWorker.send): their texts, statements and whether their columns were named yet.
const texts = [];
const numbered = [];
const named = [];
function statementOf(msg) {
  if (msg.q === undefined || msg.q === null) return prepare(msg.sql);
  if (msg.sql !== undefined) texts[msg.q] = msg.sql;
  let stmt = numbered[msg.q];
  if (!stmt || stmt.busy) numbered[msg.q] = stmt = db.prepare(texts[msg.q]);
  return stmt;
}
function prepare(sql) {
  const hit = cache.get(sql);
  if (hit && !hit.busy) return hit;
  const stmt = db.prepare(sql);
  if (!hit) {
    if (cache.size >= 500) cache.delete(cache.keys().next().value);
    cache.set(sql, stmt);
  }
  return stmt;
}
parentPort.on('message', (msg) => {
  if (msg.close) {
    db.close();
    process.exit(0);
  }
  try {
    if (msg.reopen) {
      // The planner's statistics are loaded as a connection opens (platform/db/database.ts, updateQueryStatistics).
      cache.clear();
      // Statements are prepared again on the new connection, and their columns named again with their next answer.
      numbered.length = 0;
      named.length = 0;
      db.close();
      db = open();
      parentPort.postMessage({ id: msg.id, columns: [], rows: [] });
      return;
    }
    const stmt = statementOf(msg);
    if (stmt.reader) {
      // Rows as arrays; the column names with a statement's first answer (sqliteReaders.ts, camelCaseRows). A kept
      // statement stays in raw mode.
      if (!stmt.columnNames) stmt.columnNames = stmt.raw(true).columns().map((c) => c.name);
      const rows = stmt.all(msg.parameters);
      const numberedNamed = msg.q !== undefined && msg.q !== null && named[msg.q];
      if (msg.q !== undefined && msg.q !== null) named[msg.q] = true;
      parentPort.postMessage({ id: msg.id, columns: numberedNamed ? undefined : stmt.columnNames, rows });
    }
    else {
      const r = stmt.run(msg.parameters);
      parentPort.postMessage({ id: msg.id, changes: r.changes, lastInsertRowid: r.lastInsertRowid });
    }
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: { message: String(err && err.message), code: err && err.code, name: String(err && err.name) } });
  }
});
`;
