import type { Insertable } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Database } from '../platform/db/schema.js';

/** Stay well under SQLite's and PostgreSQL's bound-parameter limits. */
const MAX_PARAMS_PER_STATEMENT = 6000;

/**
 * Insert rows with multi-row INSERTs, one transaction per batch: fast on both databases,
 * and a failure rolls back only its batch (the caller then stops).
 */
export async function insertInBatches<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
  maxRows = 500,
): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.min(maxRows, Math.floor(MAX_PARAMS_PER_STATEMENT / columns)));
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await db.transaction().execute(async (trx) => {
      // Kysely cannot narrow a generic table name; the rows are typed by the caller.
      await trx.insertInto(table).values(chunk as never).execute();
    });
  }
}
