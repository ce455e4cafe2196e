import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DictionaryItemTable } from '../../platform/db/schema.js';

export type DictionaryItemRow = DictionaryItemTable;

const sortColumns = { type: 'type', code: 'code', sortOrder: 'sortOrder', label: 'label' } as const;

/** All SQL for dictionary items. Dictionaries are county-wide reference data, not org-owned. */
export function dictionaryRepository(db: Executor) {
  return {
    async list(filter: { type?: string; status?: string; q?: string }, page: { page: number; pageSize: number; sort?: string }) {
      let q = db.selectFrom('dictionaryItem');
      if (filter.type) q = q.where('type', '=', filter.type);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.q) {
        const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) => eb.or([like('label', pattern), like('code', pattern)]));
      }
      const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const sortKey = (page.sort?.replace(/^-/, '') ?? null) as keyof typeof sortColumns | null;
      const dir = page.sort?.startsWith('-') ? 'desc' : 'asc';
      let ordered = q.selectAll();
      if (sortKey) ordered = ordered.orderBy(sortColumns[sortKey], dir);
      const rows = await ordered.orderBy('type').orderBy('sortOrder').orderBy('code').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
      return { rows, total };
    },

    async types() {
      const rows = await db
        .selectFrom('dictionaryItem')
        .select((eb) => [
          'type',
          eb.fn.countAll<number>().as('itemCount'),
          eb.fn.sum<number>(sql`CASE WHEN status = 'active' THEN 1 ELSE 0 END`).as('activeCount'),
        ])
        .groupBy('type')
        .orderBy('type')
        .execute();
      return rows.map((r) => ({ type: r.type, itemCount: Number(r.itemCount), activeCount: Number(r.activeCount ?? 0) }));
    },

    async find(id: string) {
      return db.selectFrom('dictionaryItem').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async codeTaken(type: string, code: string) {
      return Boolean(await db.selectFrom('dictionaryItem').select('id').where('type', '=', type).where('code', '=', code).executeTakeFirst());
    },

    async insert(row: DictionaryItemTable) {
      await db.insertInto('dictionaryItem').values(row).execute();
    },

    async update(id: string, patch: Partial<DictionaryItemTable>) {
      await db.updateTable('dictionaryItem').set(patch).where('id', '=', id).execute();
    },
  };
}

function like(column: string, pattern: string) {
  return sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}
