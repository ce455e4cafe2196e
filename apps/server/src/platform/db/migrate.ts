import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from './database.js';
import type { Database } from './schema.js';
import { serverRoot } from '../paths.js';

const migrationsDir = path.join(serverRoot, 'migrations');
const advisoryLockKey = 7_204_117;

/** Split a migration file into statements (statements end with `;` at the end of a line). */
export function splitStatements(text: string): string[] {
  return text
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}

export function renderForDialect(statement: string, dialect: DatabaseHandle['dialect']): string {
  return statement.replaceAll('{{C}}', dialect === 'postgres' ? 'COLLATE "C"' : '');
}

/**
 * Apply every migration file not applied yet, in name order, each in its own transaction.
 * On PostgreSQL an advisory lock keeps several instances starting at once from racing.
 */
export async function migrate(handle: DatabaseHandle, log: (msg: string) => void = () => {}): Promise<string[]> {
  const { db, dialect } = handle;
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(db);
  const files = fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort();
  const applyPending = async (executor: Kysely<Database>) => {
    const applied: string[] = [];
    const done = new Set((await executor.selectFrom('schemaMigration').select('name').execute()).map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      const statements = splitStatements(fs.readFileSync(path.join(migrationsDir, file), 'utf8'));
      await executor.transaction().execute(async (trx) => {
        for (const statement of statements) await sql.raw(renderForDialect(statement, dialect)).execute(trx);
        await trx.insertInto('schemaMigration').values({ name: file, appliedAt: new Date().toISOString() }).execute();
      });
      log(`migrated ${file}`);
      applied.push(file);
    }
    return applied;
  };
  if (dialect === 'sqlite') return applyPending(db);
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${advisoryLockKey})`.execute(conn);
    try {
      return await applyPending(conn);
    } finally {
      await sql`SELECT pg_advisory_unlock(${advisoryLockKey})`.execute(conn);
    }
  });
}
