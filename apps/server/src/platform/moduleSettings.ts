import type { z } from 'zod';
import type { Executor } from './db/database.js';

/**
 * A module's settings: one JSON row in `setting` under the module's key, read with its zod schema.
 * A missing row, or a stored value the schema no longer accepts, reads as the defaults, so a changed schema
 * never locks a module out. Writing happens in the caller's transaction, next to its audit row.
 */
export function moduleSettings<S extends z.ZodType<object>>(key: string, schema: S, defaults: z.output<S>) {
  return {
    key,
    async read(db: Executor): Promise<z.output<S>> {
      const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
      if (!row) return defaults;
      const parsed = schema.safeParse({ ...defaults, ...JSON.parse(row.value) });
      return parsed.success ? parsed.data : defaults;
    },
    async write(trx: Executor, value: z.output<S>, userId: string): Promise<void> {
      const now = new Date().toISOString();
      const json = JSON.stringify(value);
      const existing = await trx.selectFrom('setting').select('key').where('key', '=', key).executeTakeFirst();
      if (existing) await trx.updateTable('setting').set({ value: json, updatedAt: now, updatedBy: userId }).where('key', '=', key).execute();
      else await trx.insertInto('setting').values({ key, value: json, updatedAt: now, updatedBy: userId }).execute();
    },
  };
}
