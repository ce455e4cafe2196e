import type { Executor } from '../../platform/db/database.js';
import type { CampaignTable } from '../../platform/db/schema.js';

/**
 * Campaigns are county-wide (no org node): everyone with campaign:read sees the list; the totals
 * beside them are counted only over the activities the caller may see (activities module).
 */
export function campaignRepository(db: Executor) {
  return {
    async find(id: string) {
      return db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async list(filter: { q?: string; status?: string }) {
      let q = db.selectFrom('campaign').selectAll();
      if (filter.q) q = q.where('name', 'like', `%${filter.q.replace(/[%_\\]/g, '')}%`);
      if (filter.status) q = q.where('status', '=', filter.status);
      return q.orderBy('startYear', 'desc').orderBy('name').limit(500).execute();
    },
    async nameTaken(name: string, exceptId?: string) {
      let q = db.selectFrom('campaign').select('id').where('name', '=', name);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return Boolean(await q.executeTakeFirst());
    },
    async insert(row: CampaignTable) {
      await db.insertInto('campaign').values(row).execute();
    },
    async update(id: string, patch: Partial<CampaignTable>) {
      await db.updateTable('campaign').set(patch).where('id', '=', id).execute();
    },
  };
}
