import { sql, type RawBuilder } from 'kysely';
import { onSqlite, type Executor } from './database.js';

/**
 * Several values of a related table as one column of the caller's own query, so they come with their row instead of
 * by a second query after it (one wait fewer for a reader thread or PostgreSQL's pool; issue 10). The values are
 * joined by U+001F in their own order (SQLite group_concat, PostgreSQL string_agg); `splitList` takes them apart.
 * For short codes (categories, specialties) that never hold U+001F.
 */
export function listAgg(db: Executor, value: string): RawBuilder<string | null> {
  const v = sql.raw(value);
  return onSqlite(db) ? sql<string | null>`group_concat(${v}, char(31) ORDER BY ${v})` : sql<string | null>`string_agg(${v}, chr(31) ORDER BY ${v})`;
}

export function splitList(joined: string | null): string[] {
  return joined ? joined.split('\u001f') : [];
}
