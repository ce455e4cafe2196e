import type { CompiledQuery, Insertable } from 'kysely';
import type { Executor } from './database.js';
import type { Database } from './schema.js';

/** Stands in for a value while the statement is compiled; the row's value takes its place on each run. */
class Slot {
  constructor(readonly index: number) {}
}

/**
 * Multi-row INSERTs into one table of rows with one shape (the same keys in the same order), each row count's statement
 * built and compiled once for the life of the inserter (a transaction). Kysely builds a VALUES list node by node and
 * compiles it anew each time — for a hundred forty-column rows about a millisecond a statement, which the care-case
 * import pays a hundred times per 10k-row file beyond SQLite's own work. A batch of another shape goes through Kysely.
 */
export function rowInserter<T extends keyof Database & string>(db: Executor, table: T) {
  const compiled = new Map<number, CompiledQuery>();
  let columns: string[] | undefined;
  return async (rows: Insertable<Database[T]>[]): Promise<void> => {
    if (!rows.length) return;
    const cols = (columns ??= Object.keys(rows[0]!));
    if (!rows.every((r) => sameKeys(r, cols))) {
      await db.insertInto(table).values(rows as never).execute();
      return;
    }
    let query = compiled.get(rows.length);
    if (!query) {
      const slots = rows.map((_, r) => Object.fromEntries(cols.map((c, i) => [c, new Slot(r * cols.length + i)])));
      query = db.insertInto(table).values(slots as never).compile();
      compiled.set(rows.length, query);
    }
    const n = cols.length;
    const parameters = query.parameters.map((p) => (p instanceof Slot ? (rows[(p.index / n) | 0] as Record<string, unknown>)[cols[p.index % n]!] : p));
    await db.executeQuery({ ...query, parameters });
  };
}

function sameKeys(row: object, columns: string[]): boolean {
  let i = 0;
  for (const k in row) if (k !== columns[i++]) return false;
  return i === columns.length;
}
