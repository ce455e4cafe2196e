import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, type DatabaseConnection, type Driver, type QueryCompiler, type QueryResult, type TransactionSettings } from 'kysely';
import { SnakeCaseSqliteQueryCompiler } from './snakeCase.js';
import type { SqliteReaderPool } from './sqliteReaders.js';

/** Transactions and commits made on the writer connection (diagnostics, tests). */
export interface WriteStats {
  transactions: number;
  commits: number;
}

/**
 * SQLite for a server: one connection that writes, one that reads, and transactions that share their commit.
 *
 * - **Reads outside a transaction** run on a connection of their own — in reader threads when there are any
 *   (sqliteReaders.ts). In WAL mode it sees only what is committed, and it never waits for a transaction in
 *   progress: a list answers while a 10,000-row import commits.
 * - **Transactions** run one at a time on the writer connection, each inside a savepoint of a transaction that stays
 *   open while more are waiting (group commit). The first to begin takes the write lock (`BEGIN IMMEDIATE`, so
 *   several server processes wait for each other instead of failing — docs/decisions.md — and the wait is the
 *   driver's, between attempts, so the process goes on answering reads meanwhile); each that finishes releases
 *   its savepoint and hands the connection to the next; once none is waiting, one `COMMIT` — one fsync with
 *   synchronous=FULL — makes all of them durable. Each caller's `execute()` returns only after that commit, and fails
 *   if it fails, exactly as with a transaction of its own. One that fails rolls back to its savepoint alone.
 * - **A write outside a transaction** commits what is pending first, then runs on its own, durable when it returns.
 *
 * Nothing uncommitted is ever read: readers use the other connection, and a transaction reads its own writes on the
 * writer. The fsync was most of the cost of a small write (~1.2 ms of ~4.5 ms per created activity, issue 10).
 */
export class GroupCommitSqliteDialect extends SqliteDialect {
  constructor(private readonly writer: Connection, private readonly reads: Reads, private readonly stats: WriteStats) {
    super({ database: writer.db });
  }

  /** Identifiers written in snake_case as the SQL is compiled (platform/db/snakeCase.ts). */
  override createQueryCompiler(): QueryCompiler {
    return new SnakeCaseSqliteQueryCompiler();
  }

  override createDriver(): Driver {
    return new GroupCommitDriver(this.writer, this.reads, this.stats);
  }

  /**
   * The reading connections opened again. SQLite loads the planner's statistics with the schema when a connection
   * opens, and ANALYZE on the writer does not reach the others: without this they would plan with what the tables
   * held when the server started.
   */
  async reopenReaders(): Promise<void> {
    if ('pool' in this.reads) return this.reads.pool.reopen();
    if (!this.reads.open) return;
    // Safe between statements: each runs to completion, none iterates across an await (streamQuery reads whole).
    const old = this.reads.connection;
    this.reads.connection = withStatementCache(this.reads.open());
    old.db.close();
  }
}

/** Where reads outside a transaction run: a second connection on this thread, or reader threads (sqliteReaders.ts). */
export type Reads = { connection: Connection; open?: () => SqliteDatabase.Database } | { pool: SqliteReaderPool };

/** A better-sqlite3 connection and its prepared statements (Kysely would prepare every query anew). */
export interface Connection {
  db: SqliteDatabase.Database;
  prepare(sql: string): SqliteDatabase.Statement;
}

/**
 * Prepared statements kept by their text (500, the oldest dropped first) and reused: compiling the SQL was ~6% of the
 * server's CPU under load. Safe because better-sqlite3 runs each to completion before the next starts; one still
 * iterating (`busy`) is never handed out again. A hit is not moved to the end (deleted and set again): that made the
 * Map replace its table every few hundred statements, and V8 keeps a replaced table's entries — each query's text —
 * alive past the scavenges (docs/decisions.md, "A reader thread's owed reads are a ring, not a Map").
 */
export function withStatementCache(db: SqliteDatabase.Database): Connection {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    db,
    prepare(source: string) {
      const hit = cache.get(source);
      if (hit && !hit.busy) return hit;
      const stmt = db.prepare(source);
      if (!hit) {
        if (cache.size >= 500) cache.delete(cache.keys().next().value!);
        cache.set(source, stmt);
      }
      return stmt;
    },
  };
}

/** First come, first served: a flush queued behind waiting transactions runs after them, not before. */
class Mutex {
  private held = false;
  private readonly queue: (() => void)[] = [];

  lock(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  unlock(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.held = false;
  }
}

function run(stmt: SqliteDatabase.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (stmt.reader) return { rows: stmt.all(parameters) };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

const MEMBER = 'gg_member';
/** How long a write waits for another server process's write lock before it fails with SQLITE_BUSY. */
export const WRITE_LOCK_WAIT_MS = 5000;

/** What one `acquireConnection` hands Kysely: a transaction's, or a run of statements outside any. */
class Handle implements DatabaseConnection {
  /** Between its begin and its commit or rollback. */
  inTransaction = false;
  holdsWriter = false;

  constructor(private readonly driver: GroupCommitDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return (this.inTransaction ? this.driver.onWriter(query) : this.driver.outside(query)) as Promise<QueryResult<R>>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // Whole, then row by row: an iterating statement would keep its connection busy across awaits.
    const { rows } = await this.executeQuery<R>(query);
    for (const row of rows) yield { rows: [row] };
  }
}

class GroupCommitDriver implements Driver {
  private readonly writerLock = new Mutex();
  /** `BEGIN IMMEDIATE` issued and not yet committed. */
  private open = false;
  /** Transactions whose savepoint is released, waiting for the commit. */
  private waiting: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushQueued = false;

  /** Whether a statement only reads, by its text (reader threads: the main thread prepares no reads of its own). */
  private readonly readOnly = new Map<string, boolean>();

  constructor(private readonly writer: Connection, private readonly reads: Reads, private readonly stats: WriteStats) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Handle(this);
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    const handle = connection as Handle;
    await this.writerLock.lock();
    handle.holdsWriter = true;
    if (this.open && !this.writer.db.inTransaction) this.lost();
    if (!this.open) {
      // Waits for another process's write (takeWriteLock); failing, it throws and Kysely releases the writer.
      await this.takeWriteLock();
      this.open = true;
    }
    try {
      this.writer.db.exec(`SAVEPOINT ${MEMBER}`);
    } catch (err) {
      this.queueFlush();
      throw err;
    }
    handle.inTransaction = true;
    this.stats.transactions++;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const handle = connection as Handle;
    if (!this.writer.db.inTransaction) {
      // A statement of this transaction ended the whole SQLite transaction (an I/O error, a raw ROLLBACK): this
      // one and those waiting with it are gone.
      handle.inTransaction = false;
      const err = this.lost();
      throw err;
    }
    this.writer.db.exec(`RELEASE ${MEMBER}`);
    handle.inTransaction = false;
    const committed = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.releaseWriter(handle);
    this.queueFlush();
    await committed;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const handle = connection as Handle;
    // Not in a transaction any more: its commit failed, and that commit already rolled everything back.
    if (!handle.inTransaction) return;
    handle.inTransaction = false;
    if (this.writer.db.inTransaction) {
      this.writer.db.exec(`ROLLBACK TO ${MEMBER}`);
      this.writer.db.exec(`RELEASE ${MEMBER}`);
    } else this.lost();
    this.queueFlush();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.releaseWriter(connection as Handle);
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`SAVEPOINT "${name.replace(/"/g, '""')}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`ROLLBACK TO "${name.replace(/"/g, '""')}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`RELEASE "${name.replace(/"/g, '""')}"`));
  }

  async destroy(): Promise<void> {
    await this.writerLock.lock();
    try {
      this.commitPending();
    } finally {
      // A flush still queued finds nothing open and touches neither connection.
      this.writerLock.unlock();
      if ('pool' in this.reads) await this.reads.pool.close();
      else this.reads.connection.db.close();
      this.writer.db.close();
    }
  }

  /** A statement of the transaction holding the writer. */
  onWriter(query: CompiledQuery): Promise<QueryResult<unknown>> {
    return Promise.resolve(run(this.writer.prepare(query.sql), query.parameters));
  }

  /** A statement outside any transaction: a read on the reader; a write after what is pending is committed. */
  async outside(query: CompiledQuery): Promise<QueryResult<unknown>> {
    if ('pool' in this.reads) {
      if (this.onlyReads(query.sql)) return this.reads.pool.run(query.sql, query.parameters);
    } else {
      const stmt = this.reads.connection.prepare(query.sql);
      if (stmt.readonly) return run(stmt, query.parameters);
    }
    await this.writerLock.lock();
    try {
      this.commitPending();
      // Its own transaction, so that taking SQLite's write lock waits without putting the process to sleep.
      await this.takeWriteLock();
      try {
        const result = run(this.writer.prepare(query.sql), query.parameters);
        this.writer.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.writer.db.inTransaction) this.writer.db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      this.writerLock.unlock();
    }
  }

  /**
   * SQLite's write lock (`BEGIN IMMEDIATE`), waiting for another server process that holds it (GG_INSTANCES) between
   * attempts, for up to `WRITE_LOCK_WAIT_MS`. Each attempt runs without the connection's busy timeout: SQLite's own
   * wait sleeps inside the call (naps of 1–100 ms), and with it the whole process — every read it could have answered
   * meanwhile. Other statements on the writer keep the timeout. The caller holds `writerLock`.
   */
  private async takeWriteLock(): Promise<void> {
    const deadline = performance.now() + WRITE_LOCK_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      this.busyTimeout(0);
      try {
        this.writer.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (err) {
        if (!String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY') || performance.now() >= deadline) throw err;
      } finally {
        this.busyTimeout(WRITE_LOCK_WAIT_MS);
      }
      // A write takes ~0.1–2 ms: try again at once a few times, then every millisecond or few.
      await new Promise((resolve) => (attempt < 3 ? setImmediate(resolve) : setTimeout(resolve, Math.min(attempt - 2, 4))));
    }
  }

  private onlyReads(source: string): boolean {
    let known = this.readOnly.get(source);
    if (known === undefined) {
      // Prepared to be looked at, not run (and not kept: the writer's cache holds the statements it runs).
      known = this.writer.db.prepare(source).readonly;
      if (this.readOnly.size >= 2000) this.readOnly.delete(this.readOnly.keys().next().value!);
      this.readOnly.set(source, known);
    }
    return known;
  }

  private busyTimeout(ms: number) {
    const stmt = this.writer.prepare(`PRAGMA busy_timeout = ${ms}`);
    if (stmt.reader) stmt.get();
    else stmt.run();
  }

  private releaseWriter(handle: Handle) {
    if (!handle.holdsWriter) return;
    handle.holdsWriter = false;
    this.writerLock.unlock();
  }

  /** Commit once no transaction is waiting for the writer: those that are join this commit first. */
  private queueFlush() {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      void this.writerLock.lock().then(() => {
        this.flushQueued = false;
        try {
          this.commitPending();
        } finally {
          this.writerLock.unlock();
        }
      });
    });
  }

  /** The open transaction committed, its members told; the caller holds the writer. */
  private commitPending() {
    if (!this.open) return;
    if (!this.writer.db.inTransaction) {
      this.lost();
      return;
    }
    const waiting = this.waiting.splice(0);
    this.open = false;
    try {
      this.writer.db.exec('COMMIT');
      this.stats.commits++;
    } catch (err) {
      try {
        if (this.writer.db.inTransaction) this.writer.db.exec('ROLLBACK');
      } catch {
        // SQLite rolls back by itself when it cannot; the members are told either way.
      }
      for (const w of waiting) w.reject(err);
      return;
    }
    for (const w of waiting) w.resolve();
  }

  /** SQLite ended the open transaction by itself (it rolled back): everything waiting on it failed. */
  private lost(): Error {
    const err = new Error('SQLite rolled the transaction back; its changes were not saved');
    for (const w of this.waiting.splice(0)) w.reject(err);
    this.open = false;
    return err;
  }
}
