/** Campaigns (主题活动). Other modules use only what is exported here. */
import type { Executor } from '../../platform/db/database.js';

export { campaignRoutes } from './routes.js';

/** Whether activities may still be recorded under this campaign. */
export async function isActiveCampaign(db: Executor, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom('campaign').select('id').where('id', '=', id).where('status', '=', 'active').executeTakeFirst());
}
