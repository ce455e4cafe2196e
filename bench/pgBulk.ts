/**
 * Loading millions of rows into PostgreSQL: one `INSERT … SELECT FROM unnest(array, array, …)` per chunk (a single
 * statement with one array parameter per column — COPY's speed without a COPY client), and the secondary indexes
 * and foreign keys of the loaded tables dropped for the load and made again after it in one pass each (building an
 * index over sorted keys is far cheaper than keeping it current row by row). Used by the province scale only.
 */
import { sql } from 'kysely';
import type { Db, Executor } from '../apps/server/src/platform/db/database.js';

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const columnTypes = new Map<string, Map<string, string>>();

async function typesOf(db: Executor, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    // (The CamelCasePlugin renames result columns.)
    const rows = await sql<{ columnName: string; udtName: string }>`
      SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`.execute(db);
    types = new Map(rows.rows.map((r) => [r.columnName, r.udtName]));
    columnTypes.set(table, types);
  }
  return types;
}

/** Insert rows (Kysely's camelCase keys) into a snake_case table with one statement. */
export async function unnestInsert(db: Executor, table: string, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const keys = Object.keys(rows[0]);
  const types = await typesOf(db, table);
  const columns = keys.map(snake);
  const arrays = keys.map((k, i) => {
    const type = types.get(columns[i]);
    if (!type) throw new Error(`${table}.${columns[i]}: no such column`);
    return sql`${sql.val(rows.map((r) => r[k] ?? null))}::${sql.raw(type)}[]`;
  });
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))}) SELECT * FROM unnest(${sql.join(arrays)})`.execute(db);
}

export interface Deferred {
  /** Recreate what was dropped (indexes, then foreign keys, which validate in one join each). */
  restore(log: (m: string) => void): Promise<void>;
}

/** Drop the secondary indexes and the foreign keys of these tables; primary keys and unique constraints stay. */
export async function deferIndexes(db: Db, tables: string[]): Promise<Deferred> {
  const indexes = await sql<{ name: string; def: string }>`
    SELECT indexname AS name, indexdef AS def FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename IN (${sql.join(tables)})
      AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))`.execute(db);
  const keys = await sql<{ table: string; name: string; def: string }>`
    SELECT c.conrelid::regclass::text AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
    WHERE c.contype = 'f' AND c.conrelid::regclass::text IN (${sql.join(tables)})`.execute(db);
  for (const k of keys.rows) await sql`ALTER TABLE ${sql.table(k.table)} DROP CONSTRAINT ${sql.id(k.name)}`.execute(db);
  for (const i of indexes.rows) await sql`DROP INDEX ${sql.id(i.name)}`.execute(db);
  return {
    restore: (log) =>
      // One connection, so that the session's maintenance_work_mem holds for every statement.
      db.connection().execute(async (conn) => {
        await sql`SET maintenance_work_mem = '1GB'`.execute(conn);
        for (const i of indexes.rows) {
          const t0 = performance.now();
          await sql.raw(i.def).execute(conn);
          log(`    index ${i.name}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        }
        for (const k of keys.rows) {
          const t0 = performance.now();
          await sql`ALTER TABLE ${sql.table(k.table)} ADD CONSTRAINT ${sql.id(k.name)} ${sql.raw(k.def)}`.execute(conn);
          log(`    foreign key ${k.name}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        }
      }),
  };
}
