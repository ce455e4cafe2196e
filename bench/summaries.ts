import type { Platform } from '../apps/server/src/platform/context.js';
import { rebuildActivityStats } from '../apps/server/src/modules/activities/stats.js';

/**
 * After a bulk load: rebuild every summary table from its base rows with the same SQL its migration
 * backfills with, so it agrees with what the app keeps current on each write.
 */
export async function rebuildSummaries(platform: Platform): Promise<void> {
  await rebuildActivityStats(platform.db);
}
