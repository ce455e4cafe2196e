import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, type QueryCompiler, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { CamelCaseResultsPlugin, SnakeCasePostgresQueryCompiler } from './snakeCase.js';
import { SqliteReaderPool } from './sqliteReaders.js';
import { GroupCommitSqliteDialect, WRITE_LOCK_WAIT_MS, withStatementCache, type WriteStats } from './sqliteDriver.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Trx;
export type DialectName = 'sqlite' | 'postgres';

/** Whether `db` is on SQLite: for the few queries whose cheaper form differs between the two databases. */
export const onSqlite = (db: Executor): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

export interface DatabaseHandle {
  db: Db;
  dialect: DialectName;
  /** The SQLite connection that writes (for backups and integrity checks); undefined on PostgreSQL. */
  sqlite?: SqliteDatabase.Database;
  /** SQLite: transactions begun and commits made (several transactions share a commit: sqliteDriver.ts). */
  writeStats?: WriteStats;
  /** SQLite: the reading connections opened again, to plan with the statistics ANALYZE just wrote. */
  reopenReaders?(): Promise<void>;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT and NUMERIC as strings; our BIGINTs (audit seq, counts) fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** `readers`: threads that run reads outside transactions (sqliteReaders.ts); 0 reads on the main thread. */
export function openSqlite(file: string, readers = 0): DatabaseHandle {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // A statement waits this long for another process's write (the driver takes the write lock itself, awake: takeWriteLock).
  sqlite.pragma(`busy_timeout = ${WRITE_LOCK_WAIT_MS}`);
  const writeStats: WriteStats = { transactions: 0, commits: 0 };
  const open = () => readerConnection(file);
  const dialect = new GroupCommitSqliteDialect(withStatementCache(sqlite), readers > 0 ? { pool: new SqliteReaderPool(file, readers) } : { connection: withStatementCache(open()), open }, writeStats);
  const db = new Kysely<Database>({ dialect, plugins: [new CamelCaseResultsPlugin()] });
  return { db, dialect: 'sqlite', sqlite, writeStats, reopenReaders: () => dialect.reopenReaders(), close: () => db.destroy() };
}

/** The second connection only reads (platform/db/sqliteDriver.ts); query_only makes sure of it. */
function readerConnection(file: string): SqliteDatabase.Database {
  const reader = new SqliteDatabase(file);
  reader.pragma(`busy_timeout = ${WRITE_LOCK_WAIT_MS}`);
  reader.pragma('query_only = ON');
  return reader;
}

/** PostgreSQL with identifiers written in snake_case as the SQL is compiled (platform/db/snakeCase.ts). */
class SnakeCasePostgresDialect extends PostgresDialect {
  override createQueryCompiler(): QueryCompiler {
    return new SnakeCasePostgresQueryCompiler();
  }
}

export function openPostgres(url: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that PostgreSQL ends (a restart, an administrator, a dropped test database) makes the pool
  // emit 'error'; unhandled, that would end the process. pg has already taken the client out of the pool, and the
  // next query opens a fresh connection, so there is nothing to do here.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new SnakeCasePostgresDialect({ pool }), plugins: [new CamelCaseResultsPlugin()] });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

export function openDatabase(database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }, sqliteReaders = 0): DatabaseHandle {
  return database.kind === 'sqlite' ? openSqlite(database.file, sqliteReaders) : openPostgres(database.url);
}

/**
 * Statistics for SQLite's query planner, as SQLite advises for long-lived connections (`PRAGMA optimize=0x10002`):
 * ANALYZE where a table has none or has changed much, sampling with a row limit so it stays quick (~0.1 s on a
 * 1.8 GB database). Without statistics the planner judges by the schema alone, which suits an empty county, not one
 * with years of records. Run after the migrations at start and by the `queryStatistics` job; PostgreSQL's
 * autovacuum keeps its own.
 */
export async function updateQueryStatistics(handle: DatabaseHandle): Promise<string> {
  if (!handle.sqlite) return 'PostgreSQL 由 autovacuum 自动维护统计信息';
  handle.sqlite.pragma('optimize=0x10002');
  await handle.reopenReaders?.();
  const hasStats = handle.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get();
  const tables = hasStats ? (handle.sqlite.prepare('SELECT COUNT(DISTINCT tbl) AS n FROM sqlite_stat1').get() as { n: number }).n : 0;
  return `查询统计信息已更新（${tables} 张表）`;
}

export const nowIso = () => new Date().toISOString();
