import { sql } from 'kysely';
import type { Executor, DialectName } from '../db/database.js';

export interface TableInfo {
  name: string;
  columns: string[];
  /** Tables this one references (parents first when restoring). */
  references: string[];
  /** A column referencing this same table (e.g. org_unit.parent_id): rows are restored parents first. */
  selfReference?: { column: string; referencedColumn: string };
}

/** Every application table with its columns and foreign keys, read from the database catalogue. */
export async function listTables(db: Executor, dialect: DialectName): Promise<TableInfo[]> {
  if (dialect === 'sqlite') {
    const names = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid`.execute(db)).rows.map((r) => r.name);
    const out: TableInfo[] = [];
    for (const name of names) {
      const cols = (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${name}) ORDER BY cid`.execute(db)).rows.map((r) => r.name);
      const fks = (await sql<{ table: string; from: string; to: string | null }>`SELECT "table", "from", "to" FROM pragma_foreign_key_list(${name})`.execute(db)).rows;
      const self = fks.find((f) => f.table === name);
      out.push({
        name,
        columns: cols,
        references: [...new Set(fks.filter((f) => f.table !== name).map((f) => f.table))],
        selfReference: self ? { column: self.from, referencedColumn: self.to ?? 'id' } : undefined,
      });
    }
    return out;
  }
  const names = (
    await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db)
  ).rows.map((r) => r.name);
  const cols = (
    await sql<{ table: string; name: string }>`SELECT table_name AS "table", column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`.execute(db)
  ).rows;
  const fks = (
    await sql<{ table: string; column: string; ref: string; refColumn: string }>`
      SELECT tc.table_name AS "table", kcu.column_name AS "column", ccu.table_name AS ref, ccu.column_name AS "refColumn"
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`.execute(db)
  ).rows;
  return names.map((name) => {
    const own = fks.filter((f) => f.table === name);
    const self = own.find((f) => f.ref === name);
    return {
      name,
      columns: cols.filter((c) => c.table === name).map((c) => c.name),
      references: [...new Set(own.filter((f) => f.ref !== name).map((f) => f.ref))],
      selfReference: self ? { column: self.column, referencedColumn: self.refColumn } : undefined,
    };
  });
}

/** Parents before children. */
export function restoreOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const r of t.references) {
      const parent = byName.get(r);
      if (parent) visit(parent, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}
